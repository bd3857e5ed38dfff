"""Issue 18 point 3: the staff screens stay Dutch, and English is one press of the
same switch away: after it the worklist, the list, a complaint's page and a form
with an error hold no Dutch word of the screens' own (the data is given English
names, so a Dutch word left is a text left untranslated)."""

import re

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from complaints.models import ContactMethod
from complaints.services import ComplainantData, contact_record, note_add
from config.testing import BaseTestCase
from intake.tests.test_translations import DUTCH_WORDS, visible_text
from staff.tests.helpers import forwarded


class StaffScreensInEnglishTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        for thing, name in (
            (cls.oceaan, "Sunflower Childcare"),
            (cls.communication, "Communication"),
            (cls.north, "North"),
            (cls.partou, "Sunflower Ltd"),
        ):
            thing.name = name
            thing.save()
        cls.complaint = forwarded(
            location=cls.oceaan,
            actor=cls.coordinator,
            category=cls.communication,
            description="Nobody told us about the outing.",
            language="en",
            complainant=ComplainantData(name="Sam Taylor", email="sam@example.test"),
        )
        contact_record(
            complaint=cls.complaint,
            occurred_at=timezone.now(),
            method=ContactMethod.PHONE,
            summary="Called the mother.",
            actor=cls.coordinator,
        )
        note_add(complaint=cls.complaint, text="Ask the team.", actor=cls.coordinator)

    def assert_english(self, response) -> None:
        self.assertEqual(response.status_code, 200)
        self.assertIn(b'<html lang="en">', response.content)
        text = visible_text(response.content)
        dutch = {word.lower() for word in re.findall(r"[^\W\d_]+", text)} & DUTCH_WORDS
        places = [re.search(rf"(?i).{{0,50}}\b{word}\b.{{0,50}}", text).group(0) for word in sorted(dutch)]
        self.assertEqual(places, [])

    def test_after_the_switch_the_staff_screens_are_english(self):
        self.client.force_login(self.coordinator)
        worklist = reverse("staff:worklist")
        switched = self.client.post(reverse("set_language"), {"language": "en", "next": worklist})
        self.assertRedirects(switched, worklist, fetch_redirect_response=False)
        page = self.client.get(worklist)
        self.assertContains(page, "Worklist")
        self.assert_english(page)
        listed = self.client.get(reverse("staff:complaint_list"), {"language": "en"})
        self.assertContains(listed, "Complainant&#x27;s language")
        self.assert_english(listed)
        detail = self.client.get(reverse("staff:complaint_detail", args=[self.complaint.reference]))
        for text in ("Forwarded", "Contacts", "Internal notes", "History", "Contact recorded"):
            self.assertContains(detail, text)
        self.assert_english(detail)
        refused = self.client.post(reverse("staff:note_add", args=[self.complaint.reference]), {"text": ""})
        self.assertContains(refused, "This field is required.")
        self.assert_english(refused)

    def test_without_the_cookie_the_staff_screens_are_dutch_whatever_the_browser(self):
        self.client.force_login(self.coordinator)
        page = self.client.get(reverse("staff:worklist"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
        self.assertContains(page, '<html lang="nl">', html=False)
        self.assertContains(page, "Werkvoorraad")
        self.assertNotIn(settings.LANGUAGE_COOKIE_NAME, self.client.cookies)

    def test_the_login_page_has_the_switch_too(self):
        login = reverse("login")
        page = self.client.get(login)
        self.assertContains(page, "Inloggen voor medewerkers")
        self.assertContains(page, 'name="language" value="en"')
        self.client.post(reverse("set_language"), {"language": "en", "next": login})
        page = self.client.get(login)
        self.assertContains(page, "Staff login")
        self.assert_english(page)

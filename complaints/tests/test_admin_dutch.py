"""Issue 14 point 2: the admin is branded Klachtwijs and fully Dutch; letter
and message templates can be previewed on an example complaint before saving."""

import re

from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import NoReverseMatch, reverse

from complaints.models import LetterTemplate
from config.testing import BaseTestCase

ENGLISH = (
    "Select an option",
    "Search ",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    "Django",
    "Access attempt",
    "Filter by",
    "Add ",
    "Change ",
)


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class AdminDutchTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.administrator)

    def test_the_admin_is_branded_klachtwijs(self):
        response = self.client.get(reverse("admin:index"))
        self.assertContains(response, "<title>Beheer van referentiegegevens en instellingen | Klachtwijs</title>")
        self.assertContains(response, "Klachtwijs · beheer")

    def test_no_admin_page_shows_english(self):
        urls = [reverse("admin:index")]
        for model in admin.site._registry:
            opts = model._meta
            for view in ("changelist", "add"):
                try:
                    urls.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}"))
                except NoReverseMatch:
                    continue
        checked = 0
        for url in urls:
            response = self.client.get(url)
            if response.status_code == 403:
                continue  # e.g. adding is switched off for that model
            self.assertEqual(response.status_code, 200, url)
            text = visible_text(response.content.decode())
            # Option labels are in the text too ("- Kies een optie -", permission names).
            found = [word for word in ENGLISH if word in text]
            self.assertEqual(found, [], f"{url}: {found}")
            checked += 1
        self.assertGreater(checked, 20)

    def test_permission_names_are_dutch(self):
        self.assertEqual(Permission.objects.get(codename="add_user").name, "Mag gebruiker toevoegen")
        self.assertEqual(Permission.objects.get(codename="view_complaint").name, "Mag klacht bekijken")
        self.assertFalse(Permission.objects.filter(name__startswith="Can ").exists())


class TemplatePreviewTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.force_login(self.administrator)

    def test_the_form_has_a_preview_button(self):
        response = self.client.get(reverse("admin:complaints_lettertemplate_add"))
        self.assertContains(response, f'formaction="{reverse("admin:complaints_lettertemplate_preview")}"')
        self.assertContains(response, "Voorbeeld met een voorbeeldklacht")

    def test_an_unsaved_letter_text_is_shown_on_the_example_complaint(self):
        response = self.client.post(
            reverse("admin:complaints_lettertemplate_preview"),
            {"name": "Nieuw", "body": "Beste {{ naam }},\n\nOver klacht {{ kenmerk }}: {{ oordeel }}."},
        )
        self.assertContains(response, "Beste Sanne de Vries,")
        self.assertContains(response, "Over klacht K2026-00001: gegrond.")
        self.assertFalse(LetterTemplate.objects.filter(name="Nieuw").exists())

    def test_a_message_template_preview_shows_its_subject(self):
        response = self.client.post(
            reverse("admin:complaints_messagetemplate_preview"),
            {"name": "Ontvangst", "subject": "Uw klacht {{ kenmerk }}", "body": "Beste {{ naam }}"},
        )
        self.assertContains(response, "Onderwerp: Uw klacht K2026-00001")
        self.assertContains(response, "Beste Sanne de Vries")

    def test_a_broken_template_gives_a_dutch_message_not_an_error(self):
        response = self.client.post(reverse("admin:complaints_lettertemplate_preview"), {"body": "Beste {% if %}"})
        self.assertContains(response, "De tekst bevat een fout in de sjabloonopmaak")

    def test_only_admin_users_may_preview_and_only_by_post(self):
        url = reverse("admin:complaints_lettertemplate_preview")
        self.assertEqual(self.client.get(url).status_code, 405)
        self.client.force_login(self.coordinator)
        response = self.client.post(url, {"body": "{{ naam }}"})
        self.assertEqual(response.status_code, 302)
        self.assertNotIn("Sanne", response.content.decode())

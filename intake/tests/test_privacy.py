from django.urls import reverse

from intake.tests.base import IntakeTestCase


class PrivacyTests(IntakeTestCase):
    def test_it_explains_what_is_stored_why_how_long_and_how_to_erase_it(self):
        response = self.client.get(reverse("intake:privacy"))
        self.assertEqual(response.status_code, 200)
        for heading in ("Welke gegevens we bewaren", "Waarom", "Hoe lang", "Uw gegevens laten wissen"):
            self.assertContains(response, heading)
        self.assertContains(response, 'href="mailto:klachten@klachtwijs.test"')

"""Every inbox URL answers each persona as the capability map says: only TRIAGE (the coordinator)."""

from django.urls import reverse

from config.testing import BaseTestCase
from inbox.services import inbound_store
from inbox.tests.helpers import PNG, mime

PERSONAS = ("coordinator", "manager", "ops_north", "department_handler", "management", "administrator")
NAMES = ("message", "register", "attach", "dismiss", "reopen", "keep_closed", "raw")


class InboxAccessTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.message, _ = inbound_store(raw=mime(attachments=[("foto.png", PNG, "image/png")]))

    def urls(self) -> list[str]:
        attachment = self.message.attachments.get()
        return [
            reverse("inbox:queue"),
            reverse("inbox:attachment", args=[self.message.pk, attachment.pk]),
            *(reverse(f"inbox:{name}", args=[self.message.pk]) for name in NAMES),
        ]

    def test_only_the_coordinator_gets_in(self):
        for persona in PERSONAS:
            self.client.force_login(getattr(self, persona))
            for url in self.urls():
                with self.subTest(persona=persona, url=url):
                    expected = 200 if persona == "coordinator" else 403
                    self.assertEqual(self.client.get(url).status_code, expected)

    def test_anonymous_visitors_are_sent_to_log_in(self):
        for url in self.urls():
            response = self.client.get(url)
            self.assertEqual(response.status_code, 302, url)
            self.assertTrue(response["Location"].startswith(reverse("login")), url)

"""Shared setup for the public pages: the personas and locations of
``BaseTestCase`` with places, and a valid form submission."""

import re
import time
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from config.testing import BaseTestCase, blank_pdf
from intake import spam
from notifications.models import OutboundEmail
from notifications.services import outbox_deliver_one
from notifications.testing import SmtpSink

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200
PDF = blank_pdf()


def png(name: str = "foto.png", content: bytes = PNG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="image/png")


def delivered(email: OutboundEmail) -> OutboundEmail:
    """``email`` after the worker's attempt: the public form's e-mails are rendered
    there (``render_pending``), so their subject and bodies exist only after it."""
    with SmtpSink() as sink, override_settings(MAILERS=sink.mailers()):
        assert outbox_deliver_one(email_id=email.pk)
        sink.wait_for(1)
    email.refresh_from_db()
    return email


def without_language_switch(content: bytes) -> bytes:
    """A page without its language switch, whose CSRF token differs per response and whose
    return address is the page's own: to compare two pages' content."""
    return re.sub(rb'<form class="language-switch".*?</form>', b"", content, flags=re.DOTALL)


class IntakeTestCase(BaseTestCase):
    form_url = reverse("intake:complaint_form")

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.oceaan.city = "Amsterdam"
        cls.oceaan.save()
        cls.rakkertjes.city = "Utrecht"
        cls.rakkertjes.save()
        cls.margriet.city = "Zwolle"
        cls.margriet.save()

    submission_key = "7a0f3c4e-2b1d-4c8e-9f6a-1d2e3f4a5b6c"

    def stamp(self, *, seconds_ago: float = 60, submission_key: str | None = None) -> str:
        """A stamp as the form is served with: for its submission key, a minute ago."""
        return spam.stamp_make(submission_key=submission_key or self.submission_key, at=time.time() - seconds_ago)

    def form_data(self, **overrides: Any) -> dict[str, Any]:
        data = {
            "complainant_kind": "parent",
            "name": "Sanne de Vries",
            "email": "sanne@voorbeeld.test",
            "phone": "06 12345678",
            "location": str(self.oceaan.pk),
            "care_type": "bso",
            "description": "Mijn dochter is zonder overdracht meegegeven aan de buurvrouw.",
            "desired_outcome": "Een gesprek met de locatiemanager.",
            "consent": "on",
            "submission_key": self.submission_key,
            spam.HONEYPOT_FIELD: "",
        }
        data.update(overrides)
        if spam.STAMP_FIELD not in overrides:
            data[spam.STAMP_FIELD] = self.stamp(submission_key=str(data["submission_key"]))
        return {key: value for key, value in data.items() if value is not None}

    def submit(self, address: str = "192.0.2.10", **overrides: Any):
        return self.client.post(self.form_url, self.form_data(**overrides), REMOTE_ADDR=address)

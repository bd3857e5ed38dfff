"""Small builders shared by the staff view tests (personas: config.testing)."""

from datetime import datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from complaints.attachments import CheckedFile, attachment_check
from complaints.models import Category, Complaint
from complaints.services import complaint_forward
from config.testing import blank_pdf, register
from organisation.models import Department, Location

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = blank_pdf()


def png_upload(name: str = "foto.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG, content_type="image/png")


def png_attachment(name: str = "foto.png") -> CheckedFile:
    return attachment_check(png_upload(name))


def forwarded(
    *,
    location: Location,
    actor: User,
    category: Category,
    department: Department | None = None,
    received_at: datetime | None = None,
    **extra,
) -> Complaint:
    """A complaint that went through triage: handled by its location, or by a department."""
    complaint = register(location=location, received_at=received_at, **extra)
    return complaint_forward(
        complaint=complaint,
        category=category,
        location=location,
        handling_location=None if department else location,
        handling_department=department,
        actor=actor,
    )


def days_ago(days: float) -> datetime:
    return timezone.now() - timedelta(days=days)


def local_input(moment: datetime) -> str:
    """How a datetime-local field posts a moment."""
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


class HandlingTestMixin:
    """A complaint at Oceaan, forwarded to Oceaan three days ago; its manager logged in."""

    def setUp(self) -> None:
        super().setUp()
        self.complaint = forwarded(
            location=self.oceaan, actor=self.coordinator, category=self.communication, received_at=days_ago(3)
        )
        self.client.force_login(self.manager)

    def url(self, name: str, *args) -> str:
        return reverse(f"staff:{name}", args=[self.complaint.reference, *args])

    def detail_url(self) -> str:
        return self.url("complaint_detail")

    def refreshed(self) -> Complaint:
        return Complaint.objects.get(pk=self.complaint.pk)

from config.testing import BaseTestCase
from staff.tests.helpers import PNG, HandlingTestMixin, forwarded, png_attachment


class AttachmentDownloadTests(HandlingTestMixin, BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.complaint = forwarded(
            location=self.oceaan,
            actor=self.coordinator,
            category=self.communication,
            attachments=[png_attachment('gang "oost".png')],
        )
        self.attachment = self.complaint.attachments.get()

    def test_it_serves_the_file_as_a_download_with_its_checked_type(self):
        response = self.client.get(self.url("attachment_download", self.attachment.pk))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/png")
        self.assertTrue(response["Content-Disposition"].startswith("attachment;"))
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(b"".join(response.streaming_content), PNG)

    def test_it_answers_404_for_an_attachment_of_another_complaint(self):
        other = forwarded(
            location=self.oceaan, actor=self.coordinator, category=self.communication, attachments=[png_attachment()]
        )
        foreign = other.attachments.get()
        self.assertEqual(self.client.get(self.url("attachment_download", foreign.pk)).status_code, 404)

    def test_it_answers_404_outside_the_users_scope(self):
        self.client.force_login(self.other_manager)
        self.assertEqual(self.client.get(self.url("attachment_download", self.attachment.pk)).status_code, 404)

    def test_it_answers_404_when_the_stored_file_is_gone(self):
        self.attachment.file.storage.delete(self.attachment.file.name)
        self.assertEqual(self.client.get(self.url("attachment_download", self.attachment.pk)).status_code, 404)

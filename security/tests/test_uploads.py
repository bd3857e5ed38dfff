"""Issue 10, point 7: the stored file's extension follows the detected type, a PDF that
can run something is refused, and the request size is capped."""

import io
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from complaints.attachments import AttachmentRejected, attachment_check, name_for_type
from complaints.models import Complaint
from config.testing import blank_pdf
from intake.tests.base import PNG, IntakeTestCase


def pdf_with_javascript() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with_embedded_file() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("rekening.exe", b"MZ\x90\x00")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class UploadTests(IntakeTestCase):
    def test_a_png_named_otherwise_is_stored_and_offered_as_png(self):
        response = self.submit(attachments=[SimpleUploadedFile("foto.exe", PNG, content_type="application/x-msdos")])
        self.assertEqual(response.status_code, 303)
        attachment = Complaint.objects.get().attachments.get()
        self.assertEqual(attachment.content_type, "image/png")
        self.assertEqual(Path(attachment.file.name).suffix, ".png")
        self.assertEqual(attachment.original_name, "foto.exe")
        self.assertEqual(attachment.download_name, "foto.png")
        self.assertTrue((Path(settings.MEDIA_ROOT) / attachment.file.name).exists())

    def test_names_follow_the_type(self):
        self.assertEqual(name_for_type("foto.JPEG", "image/jpeg"), "foto.JPEG")
        self.assertEqual(name_for_type("scan", "application/pdf"), "scan.pdf")
        self.assertEqual(name_for_type("../../etc/passwd", "image/png"), "passwd.png")
        self.assertEqual(name_for_type("brief.pdf.exe", "application/pdf"), "brief.pdf.pdf")

    def test_a_pdf_with_javascript_or_an_embedded_file_is_refused_with_what_to_do(self):
        for name, content in (("brief.pdf", pdf_with_javascript()), ("bijlage.pdf", pdf_with_embedded_file())):
            with self.subTest(name=name):
                response = self.submit(attachments=[SimpleUploadedFile(name, content)])
                self.assertContains(response, f"{name} bevat onderdelen die bij het openen iets uitvoeren")
                self.assertContains(response, "Sla de PDF opnieuw op als gewone PDF")
        self.assertFalse(Complaint.objects.exists())

    def test_active_content_hidden_behind_escaped_names_is_found(self):
        escaped = pdf_with_javascript().replace(b"/JavaScript", b"/Java#53cript").replace(b"/JS ", b"/J#53 ")
        self.assertNotIn(b"/JavaScript", escaped)
        with self.assertRaises(AttachmentRejected):
            attachment_check(SimpleUploadedFile("brief.pdf", escaped))

    def test_a_pdf_that_cannot_be_read_is_refused_and_a_plain_one_accepted(self):
        with self.assertRaisesMessage(AttachmentRejected, "een PDF die we niet kunnen lezen"):
            attachment_check(SimpleUploadedFile("kapot.pdf", b"%PDF-1.7\n" + b"0" * 200))
        self.assertEqual(attachment_check(SimpleUploadedFile("brief.pdf", blank_pdf())).content_type, "application/pdf")

    def test_a_request_larger_than_the_cap_is_refused_before_it_is_read(self):
        response = self.client.post(
            self.form_url, self.form_data(), CONTENT_LENGTH=str(settings.MAX_REQUEST_BYTES + 1), REMOTE_ADDR="192.0.2.1"
        )
        self.assertContains(response, "Wat u stuurde is te groot", status_code=413)
        self.assertContains(response, "hoogstens 55 MB", status_code=413)
        self.assertFalse(Complaint.objects.exists())

    def test_the_proxy_configuration_caps_the_body_too(self):
        config = (Path(settings.BASE_DIR) / "deploy" / "nginx.conf").read_text()
        self.assertIn("client_max_body_size 60m;", config)

"""What a complainant may attach: images and PDF, recognised by their content
(the first bytes), never by the file name."""

import hashlib
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile

MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024

ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/gif": "GIF",
    "image/webp": "WebP",
    "image/heic": "HEIC",
}


def sniff_content_type(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    # Phones store photos as HEIC: an ISO media file whose brand says so.
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return "image/heic"
    return None


@dataclass(frozen=True, slots=True)
class CheckedFile:
    upload: UploadedFile
    content_type: str
    size: int
    sha256: str


class AttachmentRejected(ValueError):
    """The message says in Dutch why, naming the file."""


def attachment_check(upload: UploadedFile) -> CheckedFile:
    name = upload.name or "bestand"
    if upload.size is not None and upload.size > MAX_ATTACHMENT_SIZE:
        raise AttachmentRejected(f"{name} is groter dan 10 MB.")
    upload.seek(0)
    head = upload.read(64)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise AttachmentRejected(f"{name} is geen foto (JPEG, PNG, GIF, WebP, HEIC) of PDF.")
    digest = hashlib.sha256(head)
    size = len(head)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        size += len(chunk)
        if size > MAX_ATTACHMENT_SIZE:
            raise AttachmentRejected(f"{name} is groter dan 10 MB.")
        digest.update(chunk)
    upload.seek(0)
    if size == 0:
        raise AttachmentRejected(f"{name} is leeg.")
    return CheckedFile(upload=upload, content_type=content_type, size=size, sha256=digest.hexdigest())


def attachments_check(uploads) -> tuple[list[CheckedFile], list[str]]:
    """Check every upload; return the accepted files and a Dutch message per
    refused one, so a form can name all of them at once."""
    checked: list[CheckedFile] = []
    problems: list[str] = []
    for upload in uploads:
        try:
            checked.append(attachment_check(upload))
        except AttachmentRejected as rejected:
            problems.append(str(rejected))
    return checked, problems

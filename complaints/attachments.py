"""What a complainant may attach: images and PDF, recognised by their content
(the first bytes), never by the file name. A PDF that can run something when it is
opened (JavaScript, launch actions, embedded files, XFA forms) is refused."""

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

logger = logging.getLogger(__name__)

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


# The extension a stored or downloaded file gets follows its detected type.
EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/heic": ".heic",
}
# PDF names that make a reader run or open something by itself.
ACTIVE_PDF_NAMES = {"/JavaScript", "/JS", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia", "/XFA"}


def name_for_type(name: str, content_type: str) -> str:
    """``name`` with the extension of ``content_type``: "foto.exe" as a PNG is "foto.png"."""
    stem = PurePosixPath(name.replace("\\", "/")).name or "bestand"
    extension = EXTENSIONS[content_type]
    if stem.lower().endswith(extension) or (extension == ".jpg" and stem.lower().endswith(".jpeg")):
        return stem
    return (stem.rsplit(".", 1)[0] if "." in stem.strip(".") else stem) + extension


def pdf_active_content(data: bytes) -> str | None:
    """The first active-content name found in a PDF (also inside compressed object
    streams), "unreadable" for a PDF the parser cannot read, or None."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pending: list = [reader.trailer]
        seen: set[tuple[int, int]] = set()
        while pending:
            item = pending.pop()
            if isinstance(item, IndirectObject):
                if (item.idnum, item.generation) in seen:
                    continue
                seen.add((item.idnum, item.generation))
                item = item.get_object()
            if isinstance(item, DictionaryObject):
                found = ACTIVE_PDF_NAMES.intersection(item.keys())
                if found or item.get("/S") in ("/JavaScript", "/Launch"):
                    return sorted(found)[0] if found else str(item.get("/S"))
                pending.extend(item.values())
            elif isinstance(item, ArrayObject):
                pending.extend(item)
    except (PdfReadError, ValueError, TypeError, KeyError, RecursionError, OSError) as error:
        logger.info("PDF attachment not readable: %s", error)
        return "unreadable"
    return None


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
    """The message says why, naming the file, in the active language (Dutch, or English on
    the public side when the parent chose it)."""


def attachment_check(upload: UploadedFile) -> CheckedFile:
    name = upload.name or gettext("bestand")
    if upload.size is not None and upload.size > MAX_ATTACHMENT_SIZE:
        raise AttachmentRejected(gettext("{name} is groter dan 10 MB.").format(name=name))
    upload.seek(0)
    head = upload.read(64)
    content_type = sniff_content_type(head)
    if content_type is None:
        raise AttachmentRejected(gettext("{name} is geen foto (JPEG, PNG, GIF, WebP, HEIC) of PDF.").format(name=name))
    digest = hashlib.sha256(head)
    size = len(head)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        size += len(chunk)
        if size > MAX_ATTACHMENT_SIZE:
            raise AttachmentRejected(gettext("{name} is groter dan 10 MB.").format(name=name))
        digest.update(chunk)
    upload.seek(0)
    if size == 0:
        raise AttachmentRejected(gettext("{name} is leeg.").format(name=name))
    if content_type == "application/pdf":
        active = pdf_active_content(upload.read())
        upload.seek(0)
        if active == "unreadable":
            raise AttachmentRejected(
                gettext("{name} is een PDF die we niet kunnen lezen. Stuur een ander bestand of een foto.").format(
                    name=name
                )
            )
        if active:
            raise AttachmentRejected(
                gettext(
                    "{name} bevat onderdelen die bij het openen iets uitvoeren (zoals JavaScript of ingesloten "
                    "bestanden). Sla de PDF opnieuw op als gewone PDF, of stuur een foto of schermafbeelding."
                ).format(name=name)
            )
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

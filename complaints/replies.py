"""The reply address of a complaint: the complaints mailbox plus-addressed with
the complaint's id and an HMAC of it (``klachten+12-3f9a…@domain``), so a
parent's reply finds its complaint and nobody can make the address of another
complaint without the secret key."""

import re
from email.utils import parseaddr

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

_SALT = "klachtwijs.complaints.reply-address"
_TAG = re.compile(r"^(\d{1,12})-([0-9a-f]{20})$")


def _tag_hmac(complaint_id: int) -> str:
    return salted_hmac(_SALT, str(complaint_id), algorithm="sha256").hexdigest()[:20]


def mailbox_address() -> str:
    """The complaints mailbox the worker reads (``INBOX_ADDRESS``)."""
    return parseaddr(settings.INBOX_ADDRESS)[1]


def reply_address(complaint_id: int) -> str:
    """``local+<id>-<hmac>@domain`` of the complaints mailbox; empty when no mailbox is configured."""
    address = mailbox_address()
    if "@" not in address:
        return ""
    local, _, domain = address.rpartition("@")
    return f"{local}+{complaint_id}-{_tag_hmac(complaint_id)}@{domain}"


def complaint_id_from_address(address: str) -> int | None:
    """The complaint id a reply address names, or None when it is not a valid one."""
    local = parseaddr(address)[1].rpartition("@")[0]
    if "+" not in local:
        return None
    match = _TAG.match(local.rpartition("+")[2].lower())
    if match is None:
        return None
    complaint_id = int(match.group(1))
    if not constant_time_compare(match.group(2), _tag_hmac(complaint_id)):
        return None
    return complaint_id

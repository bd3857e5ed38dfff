"""Keeping spam off the public form without third-party services: a honeypot
field, a signed timestamp that proves the form was served a moment ago, and a
limit on accepted submissions per client address."""

import time
import uuid

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import salted_hmac

HONEYPOT_FIELD = "website"
STAMP_FIELD = "form_stamp"
STAMP_SALT = "intake.form-stamp"
MIN_FILL_SECONDS = 3
RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 60 * 60


def stamp_make(*, at: float | None = None) -> str:
    return signing.dumps({"at": time.time() if at is None else at}, salt=STAMP_SALT)


def stamp_age(stamp: str, *, now: float | None = None) -> float | None:
    """Seconds since the form was served, or None for a missing or altered stamp."""
    try:
        payload = signing.loads(stamp, salt=STAMP_SALT)
        served_at = float(payload["at"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return (time.time() if now is None else now) - served_at


def _rate_key(client_address: str) -> str:
    # Addresses are personal data: the cache (a database table) only sees a keyed hash.
    digest = salted_hmac("intake.rate-limit", client_address, algorithm="sha256").hexdigest()
    return f"intake:submissions:{digest}"


def _recent(client_address: str, now: float) -> dict[str, float]:
    accepted = cache.get(_rate_key(client_address)) or {}
    return {key: at for key, at in accepted.items() if now - at < RATE_WINDOW_SECONDS}


def rate_limit_reached(*, client_address: str, submission_key: uuid.UUID, now: float | None = None) -> bool:
    now = time.time() if now is None else now
    recent = _recent(client_address, now)
    # A repeated submission of an accepted form returns that complaint; it is not a new one.
    limit = getattr(settings, "INTAKE_RATE_LIMIT", RATE_LIMIT)
    return str(submission_key) not in recent and len(recent) >= limit


def rate_limit_record(*, client_address: str, submission_key: uuid.UUID, now: float | None = None) -> None:
    now = time.time() if now is None else now
    recent = _recent(client_address, now)
    recent.setdefault(str(submission_key), now)
    cache.set(_rate_key(client_address), recent, RATE_WINDOW_SECONDS)

"""Keeping spam off the public form without third-party services: a honeypot
field, a signed stamp that proves the form was served a moment ago (and not too
long ago) and that belongs to one submission key, so one served form makes at most
one complaint; and a limit on accepted submissions per client address, counted
atomically in the database."""

import time
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import connection
from django.db.models import F
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext

from intake.models import SubmissionWindow

HONEYPOT_FIELD = "website"
STAMP_FIELD = "form_stamp"
STAMP_SALT = "intake.form-stamp"
MIN_FILL_SECONDS = 3
STAMP_MAX_AGE_SECONDS = 24 * 60 * 60  # a form left open overnight is served again
RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 60 * 60


def stamp_make(*, submission_key: str, at: float | None = None) -> str:
    return signing.dumps({"at": time.time() if at is None else at, "k": str(submission_key)}, salt=STAMP_SALT)


def stamp_age(stamp: str, *, submission_key: str, now: float | None = None) -> float | None:
    """Seconds since the form was served, or None for a missing, altered or expired
    stamp, or one served with another submission key."""
    try:
        payload = signing.loads(stamp, salt=STAMP_SALT)
        served_at = float(payload["at"])
        key = str(payload["k"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    age = (time.time() if now is None else now) - served_at
    if key != str(submission_key) or age > STAMP_MAX_AGE_SECONDS:
        return None
    return age


def other_channels() -> str:
    """Where a parent can turn when the form refuses them (settings COMPLAINTS_DESK_*)."""
    return gettext("U kunt uw klacht ook doorgeven per telefoon ({phone}) of per e-mail ({email}).").format(
        phone=settings.COMPLAINTS_DESK_PHONE, email=settings.COMPLAINTS_DESK_EMAIL
    )


# Separate hourly counts per kind of public post; "" is the complaint form.
SCOPE_STATUS_MESSAGE = "status-message"
SCOPE_LINK_REQUEST = "link-request"


def _window_key(client_address: str, scope: str = "") -> str:
    # Addresses are personal data: the table only sees a keyed hash.
    salt = "intake.rate-limit" + (f".{scope}" if scope else "")
    return salted_hmac(salt, client_address, algorithm="sha256").hexdigest()


def rate_limit_take(*, client_address: str, now: datetime, scope: str = "") -> bool:
    """Take one of the address's submissions of this hour (of the complaint
    form, or of another public post by ``scope``); False when none is left.
    One UPDATE decides, so parallel posts are counted one by one."""
    key = _window_key(client_address, scope)
    limit = settings.INTAKE_RATE_LIMIT
    stale = now - timedelta(seconds=RATE_WINDOW_SECONDS)
    if limit < 1:
        return False
    # One statement (PostgreSQL and SQLite alike): a first post of the address starts its
    # hour; a later one counts on, or starts a new hour, or (WHERE) changes nothing and
    # returns no row when the hour's limit is reached.
    quote, adapt = connection.ops.quote_name, connection.ops.adapt_datetimefield_value
    table, key_column, start, count = (
        quote(name) for name in (SubmissionWindow._meta.db_table, "key", "started_at", "count")
    )
    now, stale = adapt(now), adapt(stale)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {table} ({key_column}, {start}, {count}) VALUES (%s, %s, 1)
            ON CONFLICT ({key_column}) DO UPDATE SET
                {count} = CASE WHEN {table}.{start} <= %s THEN 1 ELSE {table}.{count} + 1 END,
                {start} = CASE WHEN {table}.{start} <= %s THEN excluded.{start} ELSE {table}.{start} END
            WHERE {table}.{start} <= %s OR {table}.{count} < %s
            RETURNING {count}""",
            [key, now, stale, stale, stale, limit],
        )
        return cursor.fetchone() is not None


def rate_limit_give_back(*, client_address: str, scope: str = "") -> None:
    """A taken submission whose complaint was not stored after all."""
    SubmissionWindow.objects.filter(key=_window_key(client_address, scope), count__gt=0).update(count=F("count") - 1)


def rate_windows_clear(*, now: datetime) -> int:
    return SubmissionWindow.objects.filter(started_at__lte=now - timedelta(seconds=RATE_WINDOW_SECONDS)).delete()[0]

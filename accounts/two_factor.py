"""Two-factor login (TOTP from an authenticator app, plus recovery codes), on
django-otp's devices. Who must use it, how a code is checked, and enrolment.

A session counts as verified once ``django_otp.login`` stored the device that
accepted a code; ``accounts.middleware.TwoFactorMiddleware`` keeps everyone who
needs a second factor away from every other page until then."""

import io
import re
from base64 import b32encode
from binascii import unhexlify

import django_otp
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from accounts.models import Role, User

# Roles whose accounts reach every complaint or the reference data.
REQUIRED_ROLES = frozenset({Role.COORDINATOR, Role.ADMINISTRATOR, Role.MANAGEMENT})
RECOVERY_CODE_COUNT = 10
DEVICE_NAME = "Authenticator-app"
RECOVERY_NAME = "Herstelcodes"
_TOTP_CODE = re.compile(r"^\d{6}$")


def requires_two_factor(user: User) -> bool:
    """Coordinators, administrators, management, and anyone who may open the admin."""
    return user.role in REQUIRED_ROLES or user.is_staff or user.is_superuser


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_step(user: User) -> str | None:
    """What an unverified session of ``user`` must do first: ``"verify"`` (enter
    a code), ``"enrol"`` (set up an app), or ``None`` (nothing)."""
    if has_authenticator(user):
        return "verify"
    if requires_two_factor(user) and not settings.OTP_DEMO_SKIP:
        return "enrol"
    return None


def _clean(code: str) -> str:
    return "".join(code.split()).lower()


def verify_code(user: User, code: str):
    """The device that accepts ``code`` (a 6-digit app code, or a recovery code,
    which is then used up), or ``None``. django-otp throttles repeated failures
    per device and refuses an app code that was used before."""
    code = _clean(code)
    model = TOTPDevice if _TOTP_CODE.match(code) else StaticDevice
    for device in model.objects.filter(user=user, confirmed=True):
        verified = django_otp.verify_token(user, device.persistent_id, code)
        if verified is not None:
            return verified
    return None


def log_in_device(request: HttpRequest, device) -> None:
    """Mark the session verified by ``device`` under a new session key."""
    request.session.cycle_key()
    django_otp.login(request, device)


def new_secret() -> str:
    """A fresh TOTP key (hex), kept in the session until the first code confirms it."""
    return default_key()


def secret_for_people(secret: str) -> str:
    """The key as an app expects it typed in: base32, in groups of four."""
    text = b32encode(unhexlify(secret)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def setup_url(user: User, secret: str) -> str:
    return TOTPDevice(user=user, key=secret, name=DEVICE_NAME).config_url


def qr_svg(data: str) -> str:
    """The QR code of ``data`` as inline SVG (no script, no image request)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]


def code_matches_secret(secret: str, code: str) -> bool:
    """Whether ``code`` is the app's current code (one step of clock drift allowed)."""
    code = _clean(code)
    if not _TOTP_CODE.match(code):
        return False
    return TOTP(unhexlify(secret)).verify(int(code), tolerance=1)


def enrol(*, user: User, secret: str) -> tuple[TOTPDevice, list[str]]:
    """Store the confirmed app key and new recovery codes, replacing any
    earlier app and codes of the user; returns the device and the codes, which
    are shown once and stored only as one-time tokens."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, key=secret, confirmed=True)
        # The code that confirmed the key may not log in a second time.
        totp = TOTP(unhexlify(secret))
        device.last_t = totp.t()
        device.save(update_fields=["last_t"])
        codes = new_recovery_codes(user=user)
    return device, codes


def new_recovery_codes(*, user: User) -> list[str]:
    """Replace the user's recovery codes with fresh ones and return them."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=user).delete()
        device = StaticDevice.objects.create(user=user, name=RECOVERY_NAME, confirmed=True)
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def disable(*, user: User) -> None:
    """Remove the app and the recovery codes (for roles where it is optional,
    or by an administrator for someone who lost their phone)."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware

from accounts import two_factor
from accounts.backends import session_device_pk

# Reachable before the second factor: logging in and out, the 2FA pages themselves,
# password reset, the language switch and static files. Everything else is guarded.
_OPEN_URL_NAMES = ("login", "logout", "accounts:two_factor_verify", "accounts:two_factor_enrol")
_OPEN_PREFIXES = ("/wachtwoord-vergeten/", "/wachtwoord-herstellen/", "/i18n/", "/favicon.ico")


_BACKEND = "accounts.backends.ModelBackend"
_BACKEND_BEFORE = "django.contrib.auth.backends.ModelBackend"  # in sessions of before
_TOTP_PREFIX = "otp_totp.totpdevice/"


class OTPMiddleware(DjangoOTPMiddleware):
    """django_otp's middleware, but the authenticator app named in the session is read
    with the user in one query (``accounts.backends.ModelBackend``) instead of a query
    of its own on every request. The checks stay django_otp's own
    (``_finalize_device``: the device's user and confirmed); a recovery code's
    device, or a user loaded before this middleware, take django_otp's way."""

    def _verify_user_sync(self, request, user):
        session = request.session
        if session.get(BACKEND_SESSION_KEY) == _BACKEND_BEFORE:
            # A session from before this backend (same class underneath): keep it logged in.
            session[BACKEND_SESSION_KEY] = _BACKEND
        persistent_id = session.get(DEVICE_ID_SESSION_KEY)
        device_pk = None
        if isinstance(persistent_id, str) and persistent_id.startswith(_TOTP_PREFIX):
            tail = persistent_id.removeprefix(_TOTP_PREFIX)
            device_pk = int(tail) if tail.isascii() and tail.isdigit() else None
        token = session_device_pk.set(device_pk)
        try:
            self._init_user_fields(user)  # loads the user (AuthenticationMiddleware's lazy object)
        finally:
            session_device_pk.reset(token)
        if user.is_authenticated:
            if getattr(user, "session_device_read", False):
                device = user.session_device
            else:
                device = self._device_from_persistent_id(persistent_id) if persistent_id else None
            user.otp_device = self._finalize_device(request, user, device)
        return user


class TwoFactorMiddleware:
    """After the password, a user who has an authenticator app must enter a code,
    and a user whose role requires one must first set it up; until then every
    staff page, the admin and the API (with the session) send them there.

    Needs ``OTPMiddleware`` above (django_otp's) before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated and not user.is_verified() and self._guarded(request.path_info):
            step = two_factor.pending_step(user)
            if step is not None:
                return self._send_to(step, request)
        return self.get_response(request)

    @staticmethod
    def _guarded(path: str) -> bool:
        static = "/" + settings.STATIC_URL.lstrip("/")
        if path.startswith((*_OPEN_PREFIXES, static)):
            return False
        return path not in {reverse(name) for name in _OPEN_URL_NAMES}

    @staticmethod
    def _send_to(step: str, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            return JsonResponse(
                {
                    "error": {
                        "code": "two_factor_required",
                        "message": "Log eerst in met uw tweede stap (tweestapsverificatie).",
                    }
                },
                status=403,
            )
        target = reverse("accounts:two_factor_verify" if step == "verify" else "accounts:two_factor_enrol")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from accounts import two_factor

# Reachable before the second factor: logging in and out, the 2FA pages themselves,
# password reset, the language switch and static files. Everything else is guarded.
_OPEN_URL_NAMES = ("login", "logout", "accounts:two_factor_verify", "accounts:two_factor_enrol")
_OPEN_PREFIXES = ("/wachtwoord-vergeten/", "/wachtwoord-herstellen/", "/i18n/", "/favicon.ico")


class TwoFactorMiddleware:
    """After the password, a user who has an authenticator app must enter a code,
    and a user whose role requires one must first set it up; until then every
    staff page, the admin and the API (with the session) send them there.

    Needs ``django_otp.middleware.OTPMiddleware`` before it."""

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

"""What a locked-out login attempt gets (django-axes' ``AXES_LOCKOUT_CALLABLE``):
a Dutch page for the web login, the API's error body for the token endpoint."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

MESSAGE = "Te veel mislukte inlogpogingen. Probeer het over {minutes} minuten opnieuw."


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    minutes = cooloff_minutes()
    if request.path_info.startswith("/api/"):
        response = JsonResponse(
            {"error": {"code": "locked_out", "message": MESSAGE.format(minutes=minutes)}}, status=429
        )
        response["Retry-After"] = str(minutes * 60)
        return response
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)

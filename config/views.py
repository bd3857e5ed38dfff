from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Django's CSRF page is English and technical; this one says in Dutch what to do."""
    return render(request, "csrf_failure.html", status=403)

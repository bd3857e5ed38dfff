"""The client's address behind the documented deployment: a load balancer (or
several) in front of gunicorn that each append the address they saw to
X-Forwarded-For. Only the entries added by the ``TRUSTED_PROXIES`` proxies of our own
are believed; what a client writes into the header itself is ignored."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXIES
    if trusted <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < trusted:
        return remote
    candidate = forwarded[-trusted]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote

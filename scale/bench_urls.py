"""The production URLs plus one bare view, to measure what the middleware and
the server cost without any page work."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as production_urlpatterns


def bare_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare_view, name="bench_bare"), *production_urlpatterns]

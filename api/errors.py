"""One error body for every API failure:
``{"error": {"code": "...", "message": "...", "fields": {...}}}``."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, JsonResponse
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from complaints.services import ComplaintError


def error_response(code: str, message: str, http_status: int, fields: dict[str, Any] | None = None) -> Response:
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return Response({"error": body}, status=http_status)


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, ComplaintError):
        return error_response("not_allowed", str(exc), status.HTTP_409_CONFLICT)
    if isinstance(exc, Http404):
        return error_response("not_found", "Niet gevonden.", status.HTTP_404_NOT_FOUND)
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        return error_response("invalid", "De invoer klopt niet.", response.status_code, fields=fields)
    detail = response.data.get("detail", "") if isinstance(response.data, dict) else str(response.data)
    code = str(getattr(exc, "default_code", "error"))
    error = error_response(code, str(detail), response.status_code)
    for header in ("WWW-Authenticate", "Retry-After"):
        if header in response:
            error[header] = response[header]
    return error


def not_found_view(request: HttpRequest, *args: object, **kwargs: object) -> JsonResponse:
    """Any other address under the API: the API's 404, not the site's HTML page."""
    return JsonResponse({"error": {"code": "not_found", "message": "Niet gevonden."}}, status=404)

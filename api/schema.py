"""The API's OpenAPI 3 description, generated from the views by drf-spectacular,
and its documentation page (Swagger UI from drf-spectacular-sidecar, served by us,
its start script a separate same-origin file: the CSP allows no inline or foreign
script). Both for staff who may read complaints."""

from drf_spectacular.renderers import (
    OpenApiJsonRenderer,
    OpenApiJsonRenderer2,
    OpenApiYamlRenderer,
    OpenApiYamlRenderer2,
)
from drf_spectacular.utils import OpenApiResponse
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from accounts.capabilities import Capability, CapabilityPermission


class ErrorOutput(serializers.Serializer):
    """The one error body of the API (``api.errors``)."""

    class Detail(serializers.Serializer):
        code = serializers.CharField(help_text="Stable machine code, e.g. `invalid`, `not_found`, `permission_denied`.")
        message = serializers.CharField(help_text="Dutch message for people.")
        fields = serializers.DictField(
            required=False,
            help_text="Only with `invalid`: the messages per input field (`non_field_errors` for the whole).",
        )

        class Meta:
            ref_name = "ErrorDetail"

    error = Detail()

    class Meta:
        ref_name = "Error"


_DESCRIPTIONS = {
    400: "Invalid input (`invalid`) or a body that is not JSON (`parse_error`).",
    401: "No or an unknown token (`not_authenticated`, `authentication_failed`).",
    403: "The role may not do this (`permission_denied`).",
    404: "No such complaint in the caller's scope (`not_found`).",
    409: "The complaint's state does not allow this (`not_allowed`).",
    415: "The body is not `application/json` (`unsupported_media_type`).",
    429: "Too many failed logins for this user name from this address (`locked_out`); see Retry-After.",
}


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """The error answers of an operation, all in the one error shape."""
    return {status: OpenApiResponse(ErrorOutput, description=_DESCRIPTIONS[status]) for status in statuses}


class SchemaApi(SpectacularAPIView):
    """JSON by default, YAML with ``?format=yaml``; errors as every API error."""

    permission_classes = [CapabilityPermission]
    required_capability = Capability.VIEW_COMPLAINTS
    renderer_classes = [OpenApiJsonRenderer, OpenApiJsonRenderer2, OpenApiYamlRenderer, OpenApiYamlRenderer2]

    def handle_exception(self, exc: Exception):
        response = super().handle_exception(exc)
        self.request.accepted_renderer = JSONRenderer()
        self.request.accepted_media_type = JSONRenderer.media_type
        return response


class DocsView(SpectacularSwaggerSplitView):
    permission_classes = [CapabilityPermission]
    required_capability = Capability.VIEW_COMPLAINTS
    url_name = "api:schema"

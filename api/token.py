"""POST /api/v1/token/: a user's API token for user name and password (and,
for an account with an authenticator app, its current code). The password is
checked by ``django.contrib.auth.authenticate`` with the request, so
django-axes counts failures and locks the user name and address out exactly as
on the web login."""

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import two_factor
from accounts.lockout import MESSAGE as LOCKED_OUT_MESSAGE
from accounts.lockout import cooloff_minutes
from api.errors import error_response
from api.schema import error_responses


class TokenObtainApi(APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]

    class InputSerializer(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=4096, trim_whitespace=False)
        code = serializers.CharField(max_length=32, required=False, allow_blank=True)

    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField()

        class Meta:
            ref_name = "Token"

    @extend_schema(
        operation_id="token_create",
        summary="Get the API token of a user (password, and the authenticator code where one is set up)",
        request=InputSerializer,
        responses={200: OutputSerializer, **error_responses(400, 403, 415, 429)},
        auth=[],
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        http_request = request._request  # axes marks the HttpRequest its middleware sees
        user = authenticate(
            http_request, username=data.validated_data["username"], password=data.validated_data["password"]
        )
        if getattr(http_request, "axes_locked_out", False):
            response = error_response(
                "locked_out", LOCKED_OUT_MESSAGE.format(minutes=cooloff_minutes()), status.HTTP_429_TOO_MANY_REQUESTS
            )
            response["Retry-After"] = str(cooloff_minutes() * 60)
            return response
        if user is None:
            return error_response(
                "invalid_credentials", "Gebruikersnaam of wachtwoord klopt niet.", status.HTTP_400_BAD_REQUEST
            )
        step = two_factor.pending_step(user)
        if step == "enrol":
            return error_response(
                "two_factor_enrolment_required",
                "Stel eerst tweestapsverificatie in: log in op de website en volg de stappen.",
                status.HTTP_403_FORBIDDEN,
            )
        if step == "verify":
            code = data.validated_data.get("code", "")
            if not code:
                return error_response(
                    "two_factor_required",
                    "Geef ook de code uit uw authenticator-app mee (veld code).",
                    status.HTTP_400_BAD_REQUEST,
                )
            if two_factor.verify_code(user, code) is None:
                return error_response(
                    "invalid_code", "De code klopt niet of is al gebruikt.", status.HTTP_400_BAD_REQUEST
                )
        token, _ = Token.objects.get_or_create(user=user)
        return Response(self.OutputSerializer({"token": token.key}).data)

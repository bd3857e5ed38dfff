"""The JSON API: one APIView per operation, each calling the same selectors
and services as the staff screens, so scope and history rules are the same."""

from django.core.paginator import Paginator
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.capabilities import Capability, CapabilityPermission
from api.schema import error_responses
from complaints.models import Channel, Complaint, EventKind, Language, Status
from complaints.selectors import complaint_get, complaint_history, complaint_list, complaint_messages
from complaints.services import note_add

PAGE_SIZE = 50


REFERENCE = OpenApiParameter(
    "reference", str, OpenApiParameter.PATH, description="The complaint's reference, e.g. `K2026-00012`."
)


class ComplaintOutput(serializers.Serializer):
    reference = serializers.CharField()
    year = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Status.choices)
    verdict = serializers.CharField(help_text="`ja`, `nee`, `deels`, … once decided; empty before.")
    channel = serializers.ChoiceField(choices=Channel.choices)
    language = serializers.ChoiceField(
        choices=Language.choices, help_text="The complainant's language: their e-mails and letter come in it."
    )
    safety_concern = serializers.BooleanField(
        source="is_safety_concern",
        help_text="A safety report (a child hurt, an unsafe situation): the operations manager was told at once.",
    )
    # Empty while the location is still to be established ("not listed" on the public form).
    label = serializers.CharField(source="legal_entity.name", default=None, allow_null=True)
    location = serializers.CharField(source="location.name", default=None, allow_null=True)
    location_text = serializers.CharField(help_text="The location as the complainant described it, if not listed.")
    category = serializers.CharField(source="category.name", default=None, allow_null=True)
    # Imported complaints carry no dates; closed_at only once closed or withdrawn.
    received_at = serializers.DateTimeField(allow_null=True)
    due_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "Complaint"


class EventOutput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EventKind.choices)
    kind_label = serializers.CharField(source="label")
    created_at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor.username", default=None, allow_null=True)
    actor_label = serializers.CharField()
    changes = serializers.JSONField(
        source="data.changes", default=None, help_text="`{field: [old, new]}` for every field this event changed."
    )

    class Meta:
        ref_name = "ComplaintEvent"


class ComplaintListApi(APIView):
    permission_classes = [CapabilityPermission]
    required_capability = Capability.VIEW_COMPLAINTS

    class FilterInput(serializers.Serializer):
        status = serializers.ChoiceField(choices=Status.choices, required=False)
        year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
        page = serializers.IntegerField(
            required=False, min_value=1, default=1, help_text="Past the last page: the last page."
        )

        class Meta:
            ref_name = "ComplaintFilter"

    class Output(serializers.Serializer):
        count = serializers.IntegerField()
        page = serializers.IntegerField()
        pages = serializers.IntegerField()
        results = ComplaintOutput(many=True)

        class Meta:
            ref_name = "ComplaintPage"

    @extend_schema(
        operation_id="complaints_list",
        summary="Complaints in the caller's scope, newest first, 50 a page",
        parameters=[FilterInput],
        responses={200: Output, **error_responses(400, 401, 403)},
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterInput(data=request.query_params)
        filters.is_valid(raise_exception=True)
        complaints = complaint_list(user=request.user).order_by("-year", "-sequence")
        if "status" in filters.validated_data:
            complaints = complaints.filter(status=filters.validated_data["status"])
        if "year" in filters.validated_data:
            complaints = complaints.filter(year=filters.validated_data["year"])
        page = Paginator(complaints, PAGE_SIZE).get_page(filters.validated_data["page"])
        return Response(
            {
                "count": page.paginator.count,
                "page": page.number,
                "pages": page.paginator.num_pages,
                "results": ComplaintOutput(page.object_list, many=True).data,
            }
        )


class ComplaintDetailApi(APIView):
    permission_classes = [CapabilityPermission]
    required_capability = Capability.VIEW_COMPLAINTS

    class Output(ComplaintOutput):
        description = serializers.CharField()
        solution = serializers.CharField()
        history = serializers.SerializerMethodField()

        class Meta:
            ref_name = "ComplaintDetail"

        @extend_schema_field(EventOutput(many=True))
        def get_history(self, complaint: Complaint) -> list:
            return EventOutput(complaint_history(complaint=complaint), many=True).data

    @extend_schema(
        operation_id="complaints_retrieve",
        summary="One complaint with its history",
        parameters=[REFERENCE],
        responses={200: Output, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, reference: str) -> Response:
        complaint = complaint_get(user=request.user, reference=reference)
        return Response(self.Output(complaint).data)


class NoteAddApi(APIView):
    permission_classes = [CapabilityPermission]
    required_capability = Capability.HANDLE

    class Input(serializers.Serializer):
        text = serializers.CharField(max_length=10000, trim_whitespace=True)

        class Meta:
            ref_name = "NoteInput"

    class Output(serializers.Serializer):
        id = serializers.IntegerField()
        text = serializers.CharField()
        created_at = serializers.DateTimeField()

        class Meta:
            ref_name = "Note"

    @extend_schema(
        operation_id="complaints_notes_create",
        summary="Add a note to a complaint (recorded in its history)",
        parameters=[REFERENCE],
        request=Input,
        responses={201: Output, **error_responses(400, 401, 403, 404, 409, 415)},
    )
    def post(self, request: Request, reference: str) -> Response:
        complaint = complaint_get(user=request.user, reference=reference)
        payload = self.Input(data=request.data)
        payload.is_valid(raise_exception=True)
        note = note_add(complaint=complaint, text=payload.validated_data["text"], actor=request.user)
        return Response(self.Output(note).data, status=201)


class MessageOutput(serializers.Serializer):
    direction = serializers.SerializerMethodField(
        help_text="`from_complainant` (a reply or information added on the status page) or `to_complainant`."
    )
    via = serializers.SerializerMethodField(
        help_text="How a message from the complainant arrived: `email` or `status_page`; `email` for ours."
    )
    created_at = serializers.DateTimeField()
    subject = serializers.CharField(source="data.subject", default="")
    text = serializers.CharField(source="data.message", default="")
    attachments = serializers.ListField(
        child=serializers.CharField(), source="data.attachments", default=list, help_text="File names."
    )
    author = serializers.CharField(
        source="actor.username", default=None, allow_null=True, help_text="The staff member who sent it."
    )

    class Meta:
        ref_name = "ComplaintMessage"

    def get_direction(self, event) -> str:
        return "from_complainant" if event.kind == EventKind.MESSAGE_RECEIVED else "to_complainant"

    def get_via(self, event) -> str:
        return (event.data or {}).get("via") or "email"


class MessageListApi(APIView):
    permission_classes = [CapabilityPermission]
    required_capability = Capability.VIEW_COMPLAINTS

    class Output(serializers.Serializer):
        reference = serializers.CharField()
        results = MessageOutput(many=True)

        class Meta:
            ref_name = "ComplaintMessages"

    @extend_schema(
        operation_id="complaints_messages_list",
        summary="The conversation with the complainant: messages both ways and added information, oldest first",
        parameters=[REFERENCE],
        responses={200: Output, **error_responses(401, 403, 404)},
    )
    def get(self, request: Request, reference: str) -> Response:
        complaint = complaint_get(user=request.user, reference=reference)
        messages = complaint_messages(complaint=complaint)
        return Response({"reference": complaint.reference, "results": MessageOutput(messages, many=True).data})

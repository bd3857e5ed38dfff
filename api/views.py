"""The JSON API: one APIView per operation, each calling the same selectors
and services as the staff screens, so scope and history rules are the same."""

from django.core.paginator import Paginator
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.capabilities import Capability, CapabilityPermission
from complaints.models import EventKind, Status
from complaints.selectors import complaint_get, complaint_history, complaint_list
from complaints.services import note_add

PAGE_SIZE = 50


class ComplaintOutput(serializers.Serializer):
    reference = serializers.CharField()
    year = serializers.IntegerField()
    status = serializers.CharField()
    verdict = serializers.CharField()
    channel = serializers.CharField()
    label = serializers.CharField(source="legal_entity.name")
    location = serializers.CharField(source="location.name", default=None)
    category = serializers.CharField(source="category.name", default=None)
    received_at = serializers.DateTimeField()
    due_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField()


class ComplaintListApi(APIView):
    permission_classes = [CapabilityPermission]
    required_capability = Capability.VIEW_COMPLAINTS

    class FilterInput(serializers.Serializer):
        status = serializers.ChoiceField(choices=Status.choices, required=False)
        year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
        page = serializers.IntegerField(required=False, min_value=1, default=1)

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

    class EventOutput(serializers.Serializer):
        kind = serializers.ChoiceField(choices=EventKind.choices)
        kind_label = serializers.CharField(source="label")
        created_at = serializers.DateTimeField()
        actor = serializers.CharField(source="actor.username", default=None)
        actor_label = serializers.CharField()
        changes = serializers.JSONField(source="data.changes", default=None)

    class Output(ComplaintOutput):
        description = serializers.CharField()
        solution = serializers.CharField()

    def get(self, request: Request, reference: str) -> Response:
        complaint = complaint_get(user=request.user, reference=reference)
        data = self.Output(complaint).data
        data["history"] = self.EventOutput(complaint_history(complaint=complaint), many=True).data
        return Response(data)


class NoteAddApi(APIView):
    permission_classes = [CapabilityPermission]
    required_capability = Capability.HANDLE

    class Input(serializers.Serializer):
        text = serializers.CharField(max_length=10000, trim_whitespace=True)

    def post(self, request: Request, reference: str) -> Response:
        complaint = complaint_get(user=request.user, reference=reference)
        payload = self.Input(data=request.data)
        payload.is_valid(raise_exception=True)
        note = note_add(complaint=complaint, text=payload.validated_data["text"], actor=request.user)
        return Response({"id": note.pk, "text": note.text, "created_at": note.created_at}, status=201)

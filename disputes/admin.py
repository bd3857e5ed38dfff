from django.contrib import admin

from disputes.models import Dispute, DisputeSubject


@admin.register(DisputeSubject)
class DisputeSubjectAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Dispute)
class DisputeAdmin(admin.ModelAdmin):
    list_display = ["case_number", "legal_entity", "year", "outcome", "amount_awarded"]
    list_filter = ["year", "legal_entity", "outcome"]
    search_fields = ["case_number"]
    filter_horizontal = ["subjects"]
    raw_id_fields = ["complaint"]

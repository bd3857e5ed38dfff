"""Read-only history in the admin; texts are edited in the back office, where
the placeholders are checked and every change is recorded."""

from django.contrib import admin
from django.http import HttpRequest

from annualreport.models import AnnualReport, ReportRevision, ReportSection


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(AnnualReport)
class AnnualReportAdmin(ReadOnlyAdmin):
    list_display = ["year", "title", "version", "author", "report_date", "updated_at"]


@admin.register(ReportSection)
class ReportSectionAdmin(ReadOnlyAdmin):
    list_display = ["report", "key", "kind", "title", "updated_at"]
    list_filter = ["report__year", "kind"]


@admin.register(ReportRevision)
class ReportRevisionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "report", "kind", "section_key", "actor", "actor_label"]
    list_filter = ["report__year", "kind"]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

from django.contrib import admin
from django.http import HttpRequest

from reporting.models import WeeklyReportSent


@admin.register(WeeklyReportSent)
class WeeklyReportSentAdmin(admin.ModelAdmin):
    list_display = ["__str__", "week_start", "sent_at", "recipients"]
    date_hierarchy = "week_start"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: WeeklyReportSent | None = None) -> bool:
        return False

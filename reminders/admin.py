from django.contrib import admin

from reminders.models import DigestSent, ReminderRule, ReminderSent


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "trigger",
        "days",
        "working_days",
        "to_coordinator",
        "to_handler",
        "to_operations_manager",
        "is_active",
    ]
    list_filter = ["trigger", "is_active"]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["rule", "complaint", "sent_at"]
    list_select_related = ["rule", "complaint"]
    raw_id_fields = ["complaint"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DigestSent)
class DigestSentAdmin(admin.ModelAdmin):
    list_display = ["rule", "recipient", "day", "complaint_count"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

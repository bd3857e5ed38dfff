from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from notifications.models import EmailStatus, OutboundAttachment, OutboundEmail
from notifications.services import outbox_retry


class OutboundAttachmentInline(admin.TabularInline):
    model = OutboundAttachment
    fields = ["filename", "mimetype"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: OutboundEmail | None = None) -> bool:
        return False


# Who the message went to and what it said (with the complainant's status
# link) is personal data: the administrator maintains the outbox (retries) but
# never reads it; the complaint's history shows it to those who handle it.
PERSONAL_FIELDS = frozenset(
    {"to", "subject", "body_text", "body_html", "reply_to", "last_error", "claim_token", "context"}
)


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    """Read-only, and without recipients or content: the outbox is written by
    services and is the record of what was sent."""

    list_display = [
        "created_at",
        "template",
        "complaint",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
    ]
    list_filter = ["status", "template"]
    search_fields = ["message_id", "complaint__reference"]
    date_hierarchy = "created_at"
    list_select_related = ["complaint"]
    inlines = [OutboundAttachmentInline]
    actions = ["retry_failed"]

    def get_fields(self, request: HttpRequest, obj: OutboundEmail | None = None) -> list[str]:
        return [field.name for field in OutboundEmail._meta.fields if field.name not in PERSONAL_FIELDS | {"id"}]

    def get_readonly_fields(self, request: HttpRequest, obj: OutboundEmail | None = None) -> list[str]:
        return self.get_fields(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: OutboundEmail | None = None) -> bool:
        return False

    @admin.action(description=_("Mislukte e-mails opnieuw proberen"), permissions=["change"])
    def retry_failed(self, request: HttpRequest, queryset: QuerySet[OutboundEmail]) -> None:
        retried = sum(
            outbox_retry(email_id=pk) for pk in queryset.filter(status=EmailStatus.FAILED).values_list("pk", flat=True)
        )
        self.message_user(
            request, _("%(count)d e-mail(s) opnieuw in de wachtrij gezet.") % {"count": retried}, messages.SUCCESS
        )

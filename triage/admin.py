from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from triage.models import CategoryModel, PublicationDraft
from triage.tasks import train_category_model_task


@admin.register(CategoryModel)
class CategoryModelAdmin(admin.ModelAdmin):
    list_display = ["version", "trained_at", "samples", "top1", "top3"]
    list_filter = ["version"]
    fields = ["version", "trained_at", "samples", "top1", "top3", "accuracy_per_category"]
    readonly_fields = fields
    actions = ["retrain"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: CategoryModel | None = None) -> bool:
        return False

    @admin.display(description=_("cross-gevalideerde nauwkeurigheid per categorie (aantal, top-1, top-3)"))
    def accuracy_per_category(self, obj: CategoryModel) -> SafeString:
        rows = sorted(obj.per_category.items())
        return format_html_join(
            "",
            "<div>{}: {} klachten, top-1 {}%, top-3 {}%</div>",
            ((name, f["n"], round(100 * f["top1"]), round(100 * f["top3"])) for name, f in rows),
        )

    @admin.action(description=_("Nu opnieuw trainen (huidige indeling, door de achtergrondtaak)"))
    def retrain(self, request: HttpRequest, queryset: QuerySet[CategoryModel]) -> None:
        train_category_model_task()
        self.message_user(request, _("Het model wordt opnieuw getraind."), messages.SUCCESS)


@admin.register(PublicationDraft)
class PublicationDraftAdmin(admin.ModelAdmin):
    list_display = ["complaint", "created_at"]
    readonly_fields = ["complaint", "text", "replacements", "created_at"]
    search_fields = ["complaint__reference"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

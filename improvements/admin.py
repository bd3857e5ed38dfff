from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from complaints.models import Category
from improvements.models import Improvement, ImprovementStatus
from improvements.services import improvement_create, improvement_set_status


class ImprovementAdminForm(forms.ModelForm):
    class Meta:
        model = Improvement
        fields = ["title", "kind", "description", "owner", "owner_name", "due_date", "complaints", "categories"]

    def clean(self) -> dict:
        cleaned = super().clean()
        if not cleaned.get("complaints") and not cleaned.get("categories"):
            raise forms.ValidationError(_("Koppel de verbeteractie aan ten minste één klacht of categorie."))
        return cleaned


@admin.register(Improvement)
class ImprovementAdmin(admin.ModelAdmin):
    """New actions are stored by ``improvement_create``; the status only
    changes through the list actions, so ``done_at`` is always right."""

    form = ImprovementAdminForm
    list_display = ["title", "kind", "owner_display", "due_date", "status", "done_at"]
    list_filter = ["status", "kind", "due_date"]
    list_select_related = ["owner"]
    search_fields = ["title", "description", "owner_name", "complaints__reference"]
    raw_id_fields = ["complaints"]
    filter_horizontal = ["categories"]
    readonly_fields = ["status", "done_at", "created_by", "created_at"]
    actions = ["mark_open", "mark_in_progress", "mark_done"]

    @admin.display(description=_("eigenaar"))
    def owner_display(self, improvement: Improvement) -> str:
        return improvement.owner_display

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name != "categories":
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        kwargs["queryset"] = Category.objects.select_related("version")
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        # Each year's taxonomy repeats most names; the year tells them apart.
        field.label_from_instance = lambda category: f"{category.name} ({category.version.year})"
        return field

    def save_model(self, request: HttpRequest, obj: Improvement, form: forms.ModelForm, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        created = improvement_create(
            title=data["title"],
            kind=data["kind"],
            description=data.get("description", ""),
            owner=data.get("owner"),
            owner_name=data.get("owner_name", ""),
            due_date=data["due_date"],
            complaints=data.get("complaints") or (),
            categories=data.get("categories") or (),
            actor=request.user,
        )
        # The admin goes on with ``obj`` (history entry, redirect), so it must become the stored row.
        obj.pk, obj.created_at, obj.created_by = created.pk, created.created_at, created.created_by
        obj._state.adding, obj._state.db = False, created._state.db

    def save_related(self, request: HttpRequest, form: forms.ModelForm, formsets, change: bool) -> None:
        # On add, improvement_create stored the links already.
        if change:
            super().save_related(request, form, formsets, change)

    def _set_status(self, request: HttpRequest, queryset: QuerySet[Improvement], status: str) -> None:
        for improvement in queryset:
            improvement_set_status(improvement=improvement, status=status, actor=request.user)
        label = ImprovementStatus(status).label
        self.message_user(
            request,
            _("%(n)d verbeteractie(s) op “%(status)s” gezet.") % {"n": len(queryset), "status": label},
            messages.SUCCESS,
        )

    @admin.action(description=_("Zet op open"))
    def mark_open(self, request: HttpRequest, queryset: QuerySet[Improvement]) -> None:
        self._set_status(request, queryset, ImprovementStatus.OPEN)

    @admin.action(description=_("Zet op in uitvoering"))
    def mark_in_progress(self, request: HttpRequest, queryset: QuerySet[Improvement]) -> None:
        self._set_status(request, queryset, ImprovementStatus.IN_PROGRESS)

    @admin.action(description=_("Zet op afgerond"))
    def mark_done(self, request: HttpRequest, queryset: QuerySet[Improvement]) -> None:
        self._set_status(request, queryset, ImprovementStatus.DONE)

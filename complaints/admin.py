from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template import Context, TemplateSyntaxError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from complaints.letters import letter_sample_context, letter_template_compile
from complaints.models import Category, LetterTemplate, MessageTemplate, TaxonomyVersion
from complaints.services import ComplaintError, location_merge
from organisation import admin as organisation_admin
from organisation.models import Location


class CategoryInline(admin.TabularInline):
    model = Category
    fields = ["position", "name", "is_active"]
    extra = 0


@admin.register(TaxonomyVersion)
class TaxonomyVersionAdmin(admin.ModelAdmin):
    list_display = ["year", "name", "previous"]
    inlines = [CategoryInline]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "position", "is_active"]
    list_filter = ["version", "is_active"]
    search_fields = ["name"]
    filter_horizontal = ["maps_to"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # A category maps only onto categories of the previous taxonomy version.
        if db_field.name == "maps_to":
            kwargs["queryset"] = Category.objects.select_related("version")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def template_text_check(text: str) -> str:
    """A template text compiled and tried on sample values: a ValidationError with
    a Dutch message when it has an error, so a typo is a message here and not a
    failing letter or message later."""
    try:
        sample = letter_template_compile(text).render(Context(letter_sample_context()))
    except TemplateSyntaxError as error:
        raise forms.ValidationError(
            "De tekst bevat een fout in de sjabloonopmaak: %(error)s. Controleer de {{ }}- en {%% %%}-codes.",
            code="template_syntax",
            params={"error": error},
        ) from error
    except Exception as error:  # noqa: BLE001 - any failure to render (a missing include, a bad tag argument)
        raise forms.ValidationError(
            "De tekst kan niet worden opgemaakt: %(error)s.", code="template_render", params={"error": error}
        ) from error
    # Django leaves a "{{" or "{%" without its closing half as text: in a letter
    # that is a typo, never meant.
    if "{{" in sample or "{%" in sample or "%}" in sample or "}}" in sample:
        raise forms.ValidationError(
            "De tekst bevat een fout in de sjabloonopmaak: een {{ of {%% zonder bijbehorende }} of %%}.",
            code="template_syntax",
        )
    return text


class LetterTemplateForm(forms.ModelForm):
    """A template (the Dutch text and the English version) is compiled and tried
    on sample values before it is saved."""

    class Meta:
        model = LetterTemplate
        fields = ["name", "body", "body_en", "is_default"]

    def clean_body(self) -> str:
        return template_text_check(self.cleaned_data["body"])

    def clean_body_en(self) -> str:
        return template_text_check(self.cleaned_data["body_en"])


class MessageTemplateForm(forms.ModelForm):
    """A standard message, checked like a letter template: subject and text, in Dutch and English."""

    class Meta:
        model = MessageTemplate
        fields = ["name", "subject", "body", "subject_en", "body_en", "is_active"]

    def clean_subject(self) -> str:
        return template_text_check(self.cleaned_data["subject"])

    def clean_body(self) -> str:
        return template_text_check(self.cleaned_data["body"])

    def clean_subject_en(self) -> str:
        return template_text_check(self.cleaned_data["subject_en"])

    def clean_body_en(self) -> str:
        return template_text_check(self.cleaned_data["body_en"])

    def clean(self) -> dict:
        cleaned = super().clean()
        if (cleaned.get("subject_en") or "").strip() and not (cleaned.get("body_en") or "").strip():
            self.add_error("body_en", "Vul ook de Engelse tekst in, of laat het Engelse onderwerp leeg.")
        return cleaned


def _sample_render(text: str) -> str:
    """A template text rendered on the example complaint (``letter_sample_context``)."""
    return letter_template_compile(text).render(Context(letter_sample_context())).strip()


class TemplatePreviewMixin:
    """A "Voorbeeld" button on the add and change form: the text as it is in the
    form, not yet saved, rendered on an example complaint in a new tab. Made-up
    values, so an administrator sees no complainant's details."""

    change_form_template = "admin/complaints/template_change_form.html"
    preview_fields: tuple[str, ...] = ("body",)

    def get_urls(self):
        opts = self.model._meta
        preview = self.admin_site.admin_view(require_POST(self.preview_view))
        return [
            path("voorbeeld/", preview, name=f"{opts.app_label}_{opts.model_name}_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request: HttpRequest) -> HttpResponse:
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        rendered: dict[str, str] = {}
        error = ""
        # The English version is shown under the Dutch one when it has been filled in.
        english = [f"{name}_en" for name in self.preview_fields if request.POST.get(f"{name}_en", "").strip()]
        for name in [*self.preview_fields, *english]:
            try:
                rendered[name] = _sample_render(request.POST.get(name, ""))
            except TemplateSyntaxError as exc:
                error = (
                    f"De tekst bevat een fout in de sjabloonopmaak: {exc}. Controleer de {{{{ }}}}- en {{% %}}-codes."  # noqa: E501
                )
            except Exception as exc:  # noqa: BLE001 - any failure to render is shown, never a 500
                error = f"De tekst kan niet worden opgemaakt: {exc}."
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Voorbeeld: {request.POST.get('name') or self.model._meta.verbose_name}",
            "subject": rendered.get("subject", ""),
            "paragraphs": [p.strip() for p in rendered.get("body", "").split("\n\n") if p.strip()],
            "subject_en": rendered.get("subject_en", ""),
            "paragraphs_en": [p.strip() for p in rendered.get("body_en", "").split("\n\n") if p.strip()],
            "error": error,
            "sample": letter_sample_context(),
        }
        return TemplateResponse(request, "admin/complaints/template_preview.html", context)


@admin.register(MessageTemplate)
class MessageTemplateAdmin(TemplatePreviewMixin, admin.ModelAdmin):
    form = MessageTemplateForm
    list_display = ["name", "subject", "is_active", "updated_at"]
    list_filter = ["is_active"]
    preview_fields = ("subject", "body")


@admin.register(LetterTemplate)
class LetterTemplateAdmin(TemplatePreviewMixin, admin.ModelAdmin):
    form = LetterTemplateForm
    list_display = ["name", "is_default", "has_english", "updated_at"]

    @admin.display(description=_("Engelse versie"), boolean=True)
    def has_english(self, template: LetterTemplate) -> bool:
        return template.has_version("en")


# The admin's merge of two locations (issue 12): the location admin itself lives in
# organisation (a ground app, which may not use the complaint services), so it is extended
# here with the action that runs the same merge as the coordinator's review screen.
class LocationMergeAdmin(organisation_admin.LocationAdmin):
    actions = [*(organisation_admin.LocationAdmin.actions or []), "merge_two_locations"]

    @admin.action(description=_("Twee geselecteerde locaties samenvoegen"), permissions=["change"])
    def merge_two_locations(self, request: HttpRequest, queryset) -> HttpResponse | None:
        locations = list(queryset.order_by("id")[:3])
        if len(locations) != 2:
            self.message_user(request, _("Kies precies twee locaties om samen te voegen."), messages.ERROR)
            return None
        target_id = request.POST.get("doel")
        if request.POST.get("samenvoegen") == "1" and target_id in {str(loc.pk) for loc in locations}:
            target = next(loc for loc in locations if str(loc.pk) == target_id)
            source = next(loc for loc in locations if loc.pk != target.pk)
            try:
                result = location_merge(source=source, target=target, actor=request.user)
            except ComplaintError as error:
                self.message_user(request, str(error), messages.ERROR)
                return None
            self.message_user(
                request,
                _("%(old)s is samengevoegd met %(new)s; %(count)d klachten verplaatst.")
                % {"old": source.name, "new": target.name, "count": result.complaints_moved},
                messages.SUCCESS,
            )
            return None
        # The register location (with an LRK number) is the obvious one to keep.
        suggested = next((loc for loc in locations if loc.lrk_number), locations[1])
        return TemplateResponse(
            request,
            "admin/organisation/location/merge_confirm.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Locaties samenvoegen"),
                "locations": locations,
                "suggested": suggested,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


admin.site.unregister(Location)
admin.site.register(Location, LocationMergeAdmin)

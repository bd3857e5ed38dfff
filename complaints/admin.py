from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.template import Context, TemplateSyntaxError
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

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


class LetterTemplateForm(forms.ModelForm):
    """A template is compiled and tried on sample values before it is saved, so a
    typo is a message here and not a failing letter draft later."""

    class Meta:
        model = LetterTemplate
        fields = ["name", "body", "is_default"]

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        try:
            sample = letter_template_compile(body).render(Context(letter_sample_context()))
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
        return body


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "subject", "is_active", "updated_at"]
    list_filter = ["is_active"]


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    form = LetterTemplateForm
    list_display = ["name", "is_default", "updated_at"]


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

from django import forms
from django.contrib import admin
from django.template import Context, TemplateSyntaxError

from complaints.letters import letter_sample_context, letter_template_compile
from complaints.models import Category, LetterTemplate, MessageTemplate, TaxonomyVersion


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

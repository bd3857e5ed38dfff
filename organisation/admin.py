from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from organisation.lrk import normalise_postcode
from organisation.models import Department, LegalEntity, Location, PublishedCategoryTotal, Region, YearFacts


class LegalEntityForm(forms.ModelForm):
    class Meta:
        model = LegalEntity
        fields = ["name", "kvk_number", "report_order"]

    def clean_kvk_number(self) -> str:
        value = self.cleaned_data["kvk_number"].replace(" ", "")
        if value and not (value.isdigit() and len(value) == 8):
            raise forms.ValidationError(_("Een KvK-nummer bestaat uit 8 cijfers."))
        return value


@admin.register(LegalEntity)
class LegalEntityAdmin(admin.ModelAdmin):
    form = LegalEntityForm

    def get_changelist_form(self, request, **kwargs):
        # The list edits the KvK number too: the same check as the change form.
        return super().get_changelist_form(request, form=LegalEntityForm, **kwargs)

    list_display = ["name", "kvk_number", "report_order"]
    list_editable = ["kvk_number", "report_order"]
    search_fields = ["name", "kvk_number"]
    fields = ["name", "kvk_number", "report_order"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "lrk_number",
        "city",
        "postcode",
        "legal_entity",
        "region",
        "registration_status",
        "is_active",
        "is_demo",
    ]
    list_filter = [
        "legal_entity",
        "region",
        "is_active",
        "registration_status",
        "offers_dagopvang",
        "offers_peuteropvang",
        "offers_bso",
        "offers_gastouderopvang",
        "is_demo",
    ]
    search_fields = ["name", "city", "postcode", "street", "lrk_number"]
    list_select_related = ["legal_entity", "region"]
    fieldsets = [
        (None, {"fields": ["name", "legal_entity", "region", "is_active"]}),
        (
            _("Landelijk Register Kinderopvang"),
            {
                "fields": [
                    "lrk_number",
                    "street",
                    "postcode",
                    "city",
                    "places",
                    "registration_status",
                    "registered_on",
                    "deregistered_on",
                ]
            },
        ),
        (
            _("Opvangvormen"),
            {"fields": ["offers_dagopvang", "offers_peuteropvang", "offers_bso", "offers_gastouderopvang"]},
        ),
        (None, {"fields": ["is_demo"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        # "1012ab" finds "1012 AB": postcodes are stored with the space.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if postcode := normalise_postcode(search_term):
            queryset |= self.model.objects.filter(postcode=postcode)
        return queryset, may_have_duplicates


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "is_active"]
    search_fields = ["name"]


class PublishedCategoryTotalInline(admin.TabularInline):
    model = PublishedCategoryTotal
    extra = 0


@admin.register(YearFacts)
class YearFactsAdmin(admin.ModelAdmin):
    list_display = [
        "year",
        "children_served",
        "published_total_complaints",
        "published_complaint_rate",
        "published_disputes_total",
        "locations_count",
        "employees_count",
    ]
    inlines = [PublishedCategoryTotalInline]

from django.contrib import admin

from organisation.models import Department, LegalEntity, Location, PublishedCategoryTotal, Region, YearFacts


@admin.register(LegalEntity)
class LegalEntityAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "legal_entity",
        "region",
        "city",
        "offers_dagopvang",
        "offers_peuteropvang",
        "offers_bso",
        "offers_gastouderopvang",
        "is_active",
    ]
    list_filter = ["legal_entity", "region", "is_active", "offers_dagopvang", "offers_peuteropvang", "offers_bso"]
    search_fields = ["name", "city"]
    list_select_related = ["legal_entity", "region"]


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
    ]
    inlines = [PublishedCategoryTotalInline]

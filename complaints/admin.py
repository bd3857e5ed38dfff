from django.contrib import admin

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


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "subject", "is_active", "updated_at"]
    list_filter = ["is_active"]


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default", "updated_at"]

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "role", "region", "department", "is_active"]
    list_filter = ["role", "region", "department", "is_active"]
    filter_horizontal = ["locations", "groups", "user_permissions"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Rol en werkgebied"), {"fields": ["role", "region", "department", "locations"]}),
    ]

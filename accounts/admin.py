from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

# Imported first so its registration has happened whatever the app order, then
# undone: in DRF's token admin an administrator could mint (and read) the API
# token of any user and act as them. Tokens are issued on the server
# (`manage.py drf_create_token <username>`), see docs/security.md.
from rest_framework.authtoken import admin as _token_admin  # noqa: F401
from rest_framework.authtoken.models import TokenProxy

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


if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)

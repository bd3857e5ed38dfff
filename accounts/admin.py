from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

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


class SecondFactorAdmin(admin.ModelAdmin):
    """An administrator sees who has set up a second factor and can remove it
    (a lost phone: the user sets it up again at the next login), but never
    reads or adds a key or a recovery code."""

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__username", "user__last_name"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, SecondFactorAdmin)

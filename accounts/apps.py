from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Gebruikers")

    def ready(self) -> None:
        from django.apps import apps
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from accounts.permission_names import permissions_rename
        from config.middleware import session_refreshed

        user_logged_in.connect(session_refreshed, dispatch_uid="klachtwijs-session-refreshed")
        # After django.contrib.auth has created the permissions (its receiver was connected first).
        post_migrate.connect(permissions_rename, dispatch_uid="klachtwijs-permission-names")
        # django-axes ships no Dutch; its models' names are in locale/nl, its app name here.
        if apps.is_installed("axes"):
            apps.get_app_config("axes").verbose_name = _("Inlogpogingen")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Gebruikers")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from config.middleware import session_refreshed

        user_logged_in.connect(session_refreshed, dispatch_uid="klachtwijs-session-refreshed")

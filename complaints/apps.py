from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Klachten")

    def ready(self) -> None:
        # Connects the outbox's delivery signals to the complaint history.
        from complaints import receivers  # noqa: F401

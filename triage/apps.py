from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "triage"
    verbose_name = _("Triage-hulp")

    def ready(self) -> None:
        # Listens to the complaint history: forwarded (was the suggestion taken?) and closed (draft text).
        from triage import receivers  # noqa: F401

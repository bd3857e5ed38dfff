from django.apps import AppConfig


class ScaleConfig(AppConfig):
    """Data at scale: the demo-data generator and the benchmark's helpers."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "scale"
    verbose_name = "Schaal en benchmark"

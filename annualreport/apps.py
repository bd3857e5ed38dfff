from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualReportConfig(AppConfig):
    name = "annualreport"
    verbose_name = _("Klachtenjaarverslag")

"""The annual report's forms, on the one back-office form base (complaints.forms)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from annualreport.models import AnnualReport, ReportSection
from complaints.forms import StaffForm


class SectionForm(StaffForm):
    title = forms.CharField(label=_("Titel"), max_length=ReportSection._meta.get_field("title").max_length)
    body = forms.CharField(
        label=_("Tekst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "true"}),
        help_text=_(
            "Een lege regel begint een nieuwe alinea; regels die met '- ' beginnen vormen een opsomming; "
            "**tekst** wordt vet. Cijfers altijd als plaatshouder, bijvoorbeeld {{ totaal }}."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["class"] += " font-monospace"


class SectionAddForm(StaffForm):
    title = forms.CharField(label=_("Titel van de nieuwe analyse"), max_length=200)


class ColophonForm(StaffForm):
    title = forms.CharField(label=_("Titel"), max_length=AnnualReport._meta.get_field("title").max_length)
    organisation = forms.CharField(label=_("Organisatie"), max_length=200)
    version = forms.CharField(label=_("Versie"), max_length=20)
    author = forms.CharField(label=_("Auteur"), max_length=200)
    report_date = forms.DateField(
        label=_("Datum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leeg: de datum waarop het verslag wordt gemaakt."),
    )


class LocationSearchForm(StaffForm):
    q = forms.CharField(label=_("Zoek een locatie"), required=False, max_length=100)

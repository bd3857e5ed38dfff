"""The annual report's forms, on the one back-office form base (complaints.forms)."""

from django import forms

from annualreport.models import AnnualReport, ReportSection
from complaints.forms import StaffForm


class SectionForm(StaffForm):
    title = forms.CharField(label="Titel", max_length=ReportSection._meta.get_field("title").max_length)
    body = forms.CharField(
        label="Tekst",
        required=False,
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "true"}),
        help_text="Een lege regel begint een nieuwe alinea; regels die met '- ' beginnen vormen een opsomming; "
        "**tekst** wordt vet. Cijfers altijd als plaatshouder, bijvoorbeeld {{ totaal }}.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["class"] += " font-monospace"


class SectionAddForm(StaffForm):
    title = forms.CharField(label="Titel van de nieuwe analyse", max_length=200)


class ColophonForm(StaffForm):
    title = forms.CharField(label="Titel", max_length=AnnualReport._meta.get_field("title").max_length)
    organisation = forms.CharField(label="Organisatie", max_length=200)
    version = forms.CharField(label="Versie", max_length=20)
    author = forms.CharField(label="Auteur", max_length=200)
    report_date = forms.DateField(
        label="Datum",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Leeg: de datum waarop het verslag wordt gemaakt.",
    )


class LocationSearchForm(StaffForm):
    q = forms.CharField(label="Zoek een locatie", required=False, max_length=100)

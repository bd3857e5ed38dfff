"""The values behind the placeholders: every figure of the report under the
name the editor writes between ``{{ }}``."""

from decimal import Decimal

from django.utils import translation

from annualreport.figures import AnnualFigures, ComparisonRow, Scope, annual_figures, normalised_name
from annualreport.formatting import number, percent, signed
from annualreport.models import AnnualReport
from annualreport.placeholders import Placeholder, Placeholders
from complaints.models import VERDICT_SHORT_LABELS, VERDICT_UNKNOWN_LABEL, Verdict
from disputes.models import Outcome
from organisation.models import CareType

VERDICT_NAMES = {Verdict.JA: "ja", Verdict.DEELS: "deels", Verdict.NEE: "nee", "unknown": "onbekend"}
# Dutch, whatever the language of the request that first imports this module.
with translation.override("nl"):
    VERDICT_LABELS = {key: str(label) for key, label in VERDICT_SHORT_LABELS.items()}
    VERDICT_LABELS["unknown"] = str(VERDICT_UNKNOWN_LABEL)
CARE_TYPE_NAMES = {
    CareType.DAGOPVANG: "dagopvang",
    CareType.PEUTEROPVANG: "peuteropvang",
    CareType.BSO: "bso",
    CareType.GASTOUDEROPVANG: "gastouderopvang",
    "": "onbekend",
}
FIRST_DISPUTE_APPENDIX = 2


def dutch_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def dispute_appendices_text(count: int) -> str:
    if count == 0:
        return "geen bijlage (er zijn geen geschillen)"
    numbers = [str(FIRST_DISPUTE_APPENDIX + i) for i in range(count)]
    return ("bijlage " if count == 1 else "bijlagen ") + dutch_list(numbers)


def development(change: int | None) -> str | None:
    if change is None:
        return None
    return "toegenomen" if change > 0 else "afgenomen" if change < 0 else "gelijk gebleven"


def describe_change(row: ComparisonRow) -> str:
    return f"{row.label} ({number(row.previous or 0)} → {number(row.current or 0)}, {signed(row.change or 0)})"


def _changes(rows: list[ComparisonRow], complete: bool) -> str | None:
    if rows:
        return dutch_list([describe_change(row) for row in rows])
    return "geen" if complete else None


def placeholder_values(*, figures: AnnualFigures, report: AnnualReport) -> Placeholders:
    f = figures.counts
    year = figures.year
    comparison = figures.comparison
    items: list[Placeholder] = []

    def add(key: str, value: str | None, description: str) -> None:
        items.append(Placeholder(key, value, description))

    def count(value: int | None) -> str | None:
        return None if value is None else number(value)

    add("jaar", str(year), "het verslagjaar")
    add("vorig_jaar.jaar", str(year - 1), "het jaar ervoor")
    add("volgend_jaar", str(year + 1), "het jaar erna (het verslag gaat vóór 1 juni van dat jaar naar de GGD)")
    add("organisatie", report.organisation, "de organisatie (colofon)")
    add("eenheid", figures.scope.name or report.organisation, "de locatie of rechtspersoon van dit verslag")
    add("totaal", number(f.total), "aantal klachten in het jaar")
    add("locaties", number(f.locations), "aantal locaties met ten minste één klacht")
    add("kinderen", count(figures.children), "aantal opgevangen kinderen (jaargegevens)")
    add("organisatie.locaties", count(figures.locations_count), "aantal locaties van de organisatie (jaargegevens)")
    add(
        "organisatie.medewerkers",
        count(figures.employees_count),
        "aantal medewerkers van de organisatie (jaargegevens)",
    )
    add(
        "percentage",
        None if figures.rate is None else percent(figures.rate),
        "klachten als percentage van de opgevangen kinderen, met %-teken",
    )
    for value, n in f.by_verdict.items():
        add(f"oordeel.{VERDICT_NAMES[value]}", number(n), f"klachten met oordeel '{VERDICT_LABELS[value]}'")
    for name in figures.category_names:
        add(f"categorie.{name}", number(f.by_category.get(name, 0)), f"klachten in categorie '{name}'")
    if f.uncategorised:
        add("categorie.nog niet ingedeeld", number(f.uncategorised), "klachten zonder categorie")
    for name in figures.label_names:
        add(f"label.{name}", number(f.by_label.get(name, 0)), f"klachten over label '{name}'")
    for value, name in CARE_TYPE_NAMES.items():
        add(f"opvangvorm.{name}", number(figures.by_care_type.get(value, 0)), f"klachten over opvangvorm '{name}'")

    deadline = figures.deadline
    known = deadline.closed_with_dates
    add("termijn.afgesloten", number(known), "afgesloten klachten waarvan ontvangst- en afsluitdatum bekend zijn")
    add("termijn.binnen", number(deadline.within) if known else None, "daarvan afgesloten binnen zes weken")
    add(
        "termijn.percentage",
        percent_of(deadline.within, known),
        "aandeel binnen zes weken afgesloten (alleen klachten met bekende datums)",
    )

    disputes = f.disputes
    outcomes: dict[str, int] = {}
    for _entity, cases in figures.disputes:
        for case in cases:
            outcomes[case.outcome] = outcomes.get(case.outcome, 0) + 1
    add("geschillen.totaal", number(disputes.total), "geschillen bij de Geschillencommissie")
    add("geschillen.gegrond", number(disputes.upheld), "daarvan gegrond verklaard")
    add("geschillen.ongegrond", number(outcomes.get(Outcome.NOT_UPHELD, 0)), "daarvan ongegrond verklaard")
    add("geschillen.geschikt", number(outcomes.get(Outcome.SETTLED, 0)), "daarvan geschikt vóór een uitspraak")
    for name in figures.label_names:
        add(f"geschillen.label.{name}", number(disputes.by_label.get(name, 0)), f"geschillen tegen '{name}'")
    add("bijlagen.geschillen", dispute_appendices_text(len(figures.disputes)), "de bijlagen met het geschiloverzicht")

    previous_total = comparison.previous_total
    change = None if previous_total is None else f.total - previous_total
    add("vorig_jaar.totaal", count(previous_total), "aantal klachten vorig jaar (geregistreerd of gepubliceerd)")
    add("vorig_jaar.kinderen", count(figures.previous_children), "opgevangen kinderen vorig jaar")
    add(
        "vorig_jaar.percentage",
        None if figures.previous_rate is None else percent(figures.previous_rate),
        "klachtpercentage vorig jaar, met %-teken",
    )
    add("vorig_jaar.geschillen.totaal", count(figures.previous_disputes_total), "geschillen vorig jaar")
    add("verschil", None if change is None else number(abs(change)), "verschil in aantal klachten met vorig jaar")
    add("ontwikkeling", development(change), "'toegenomen', 'afgenomen' of 'gelijk gebleven' tegenover vorig jaar")
    by_category = {}
    for row in comparison.rows:
        for name in row.categories:
            # A category compared as part of a group has no count of its own for last year.
            by_category[normalised_name(name)] = row.previous if len(row.categories) == 1 else None
    for name in figures.category_names:
        add(
            f"vorig_jaar.categorie.{name}",
            count(by_category.get(normalised_name(name))),
            f"klachten vorig jaar in wat nu '{name}' is (via de koppeling van de categorieën)",
        )
    add(
        "grootste_stijgingen",
        _changes(comparison.rises(), comparison.complete),
        "de (hoogstens drie) categorieën met de grootste stijging tegenover vorig jaar",
    )
    add(
        "grootste_dalingen",
        _changes(comparison.falls(), comparison.complete),
        "de (hoogstens drie) categorieën met de grootste daling tegenover vorig jaar",
    )
    return Placeholders(items)


def percent_of(part: int, whole: int) -> str | None:
    if not whole:
        return None
    return percent(Decimal(part * 100) / Decimal(whole), 1)


def report_placeholders(*, report: AnnualReport, scope: Scope | None = None) -> Placeholders:
    return placeholder_values(figures=annual_figures(year=report.year, scope=scope), report=report)

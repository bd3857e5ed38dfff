"""One class per report (STYLE.md point 11): ``AnnualReportDocument`` holds
everything one annual report shows: its outline of numbered entries, each
made of parts (text, table, chart, note), and ``iterate_rows`` for appendix 1.
The web page, the HTML file, the PDF, the Word file and the spreadsheet are
all written from one document, so they cannot disagree.

The document is read-only and lazy: constructing it runs no query; the
figures, the filled-in texts and the outline are computed on first use and
kept for the life of the document (one request, one command). It imports no
write service: building or showing a report never changes it."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.conf import settings
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.text import slugify

from annualreport import prose
from annualreport.charts import category_chart_png, category_chart_svg
from annualreport.errors import AnnualReportError
from annualreport.figures import AnnualFigures, Scope, annual_figures, complaints_in_scope
from annualreport.formatting import NOT_AVAILABLE, money, number, or_not_available, percent, share, signed
from annualreport.models import AnnualReport, ReportSection, SectionKind
from annualreport.outline import (
    ANALYSES_AFTER,
    APPENDIX_COMPLAINTS,
    APPENDIX_DISPUTES,
    COLOPHON,
    GGD_COMPLAINTS,
    SECTIONS,
    Variant,
    spec_for,
)
from annualreport.placeholders import Placeholders, fill, section_problems
from annualreport.selectors import appendix_complaints, needs_review_q
from annualreport.values import (
    CARE_TYPE_NAMES,
    FIRST_DISPUTE_APPENDIX,
    VERDICT_LABELS,
    describe_change,
    dutch_list,
    placeholder_values,
)
from complaints.models import Complaint
from disputes.models import Dispute, Outcome
from organisation.models import CareType, LegalEntity

APPENDIX_COLUMNS = (
    "Kenmerk",
    "Naam locatie",
    "Label",
    "Categorie",
    "Omschrijving klacht",
    "Welke oplossing is er getroffen",
    "Klacht gegrond",
)
UNREVIEWED_MARK = "[NIET GECONTROLEERD] "
HIDDEN_TEXT = "(publicatietekst nog niet gecontroleerd)"
NO_TEXT = "(nog geen publicatietekst)"
NO_CATEGORY = "Nog niet ingedeeld"
CARE_TYPE_MAX_UNKNOWN = 0.10
# Dutch, also when this module is first imported in an English user's request.
with translation.override("nl"):
    CARE_TYPE_LABELS = {**{value: str(label) for value, label in CareType.choices}, "": "Onbekend"}


def appendix_rows_limit() -> int:
    """Up to this many complaints appendix 1 is part of the document; above it, only the spreadsheet."""
    return getattr(settings, "ANNUAL_REPORT_APPENDIX_ROWS_LIMIT", 10_000)


class ReportNotReady(AnnualReportError):
    """The final version is asked for while something still needs the editor."""


@dataclass(frozen=True, slots=True)
class AppendixRow:
    reference: str
    location: str
    label: str
    category: str
    description: str
    solution: str
    verdict: str
    reviewed: bool

    def cells(self) -> tuple[str, ...]:
        return (
            self.reference,
            self.location,
            self.label,
            self.category,
            self.description,
            self.solution,
            self.verdict,
        )


@dataclass
class ProsePart:
    blocks: list[prose.Block]
    kind: str = "prose"

    @property
    def html(self) -> SafeString:
        return prose.to_html(self.blocks)


@dataclass
class TablePart:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    numeric: frozenset[int] = frozenset()
    total: list[str] | None = None
    kind: str = "table"

    def is_numeric(self, index: int) -> bool:
        return index in self.numeric

    @property
    def header_cells(self) -> list[tuple[str, bool]]:
        return [(text, index in self.numeric) for index, text in enumerate(self.headers)]

    @property
    def body_cells(self) -> list[list[tuple[str, bool]]]:
        return [[(text, index in self.numeric) for index, text in enumerate(row)] for row in self.rows]

    @property
    def total_cells(self) -> list[tuple[str, bool]]:
        return [(text, index in self.numeric) for index, text in enumerate(self.total or [])]


@dataclass
class ChartPart:
    title: str
    data: list[tuple[str, int]]
    kind: str = "chart"

    @cached_property
    def svg(self) -> SafeString:
        return category_chart_svg(self.data, title=self.title)

    def png(self) -> bytes:
        return category_chart_png(self.data)


@dataclass
class NotePart:
    text: str
    label: str = ""
    kind: str = "note"


@dataclass
class AppendixPart:
    kind: str = "appendix"


@dataclass(frozen=True)
class CaseView:
    case_number: str
    outcome: str
    ruling: str
    amount: str
    lesson: str
    amount_label: str = "Toegekend bedrag"


@dataclass
class CasesPart:
    cases: list[CaseView]
    kind: str = "cases"


Part = ProsePart | TablePart | ChartPart | NotePart | AppendixPart | CasesPart


@dataclass
class Entry:
    key: str
    number: str
    title: str
    level: int
    parts: list[Part] = field(default_factory=list)
    section: ReportSection | None = None
    is_appendix: bool = False

    @property
    def anchor(self) -> str:
        return f"sectie-{self.key}"

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


def _case_view(dispute: Dispute) -> CaseView:
    return CaseView(
        case_number=dispute.case_number,
        outcome=dispute.get_outcome_display(),
        ruling=dispute.ruling,
        amount=money(dispute.amount_awarded) if dispute.amount_awarded is not None else "",
        lesson=dispute.lesson,
        # The amount the commission awards is most often the complaint fee the parent paid: call it that.
        amount_label="Klachtgeld terugbetaald" if "klachtgeld" in dispute.ruling.casefold() else "Toegekend bedrag",
    )


class AnnualReportDocument:
    """The annual report of ``report.year`` for the whole organisation, or in
    the GGD variant for one location or legal entity. ``final=True`` is
    refused (ReportNotReady) while a text has a wrong placeholder or a
    complaint's publication text is not reviewed; otherwise the document is a
    concept and every output says so. A caller that wants the final version
    when possible builds one concept and calls ``make_final()`` if it has no
    ``problems``, rather than building the document twice."""

    columns = APPENDIX_COLUMNS

    def __init__(
        self,
        *,
        report: AnnualReport,
        variant: Variant = Variant.FULL,
        scope: Scope | None = None,
        final: bool = False,
        show_unreviewed_texts: bool = True,
        today: date | None = None,
    ) -> None:
        self.report = report
        self.year = report.year
        self.variant = Variant(variant)
        self.scope = scope or Scope()
        if self.variant == Variant.FULL and not self.scope.is_organisation:
            raise AnnualReportError("Het volledige jaarverslag gaat over de hele organisatie.")
        if self.variant == Variant.GGD and self.scope.is_organisation:
            raise AnnualReportError("Het verslag voor de GGD gaat over één locatie of rechtspersoon.")
        self.show_unreviewed_texts = show_unreviewed_texts
        self.generated_on = today or timezone.localdate()
        self.is_final = False
        if final:
            self.make_final()

    def make_final(self) -> None:
        """Make this the final version: refused (ReportNotReady) while there are ``problems``."""
        if self.problems:
            raise ReportNotReady(self.problems)
        self.is_final = True
        self.__dict__.pop("entries", None)  # the final version leaves out what only editors need

    # --- computed on first use -------------------------------------------------

    @cached_property
    def figures(self) -> AnnualFigures:
        return annual_figures(year=self.year, scope=self.scope)

    @cached_property
    def placeholders(self) -> Placeholders:
        return placeholder_values(figures=self.figures, report=self.report)

    @cached_property
    def sections(self) -> dict[str, ReportSection]:
        return {section.key: section for section in self.report.sections.all()}

    @cached_property
    def unreviewed_count(self) -> int:
        return complaints_in_scope(year=self.year, **self.scope.kwargs).filter(needs_review_q()).count()

    @cached_property
    def problems(self) -> list[str]:
        return self._problems()

    @cached_property
    def entries(self) -> list[Entry]:
        return self._entries()

    # --- what the outputs read -------------------------------------------------

    @property
    def is_concept(self) -> bool:
        return not self.is_final

    @property
    def title(self) -> str:
        if self.variant == Variant.GGD:
            return f"Jaarverslag klachten {self.year} – {self.scope.name}"
        return f"{self.report.title} {self.report.organisation}"

    @property
    def subtitle(self) -> str:
        if self.variant == Variant.GGD:
            return "Verslag volgens artikel 1.57b Wet kinderopvang, voor de toezichthouder (GGD)"
        return str(self.year)

    @property
    def register_lines(self) -> list[str]:
        """Under the GGD variant's title: the LRK number and address of the location, and
        that none were received when there were none."""
        if self.variant != Variant.GGD or self.scope.location is None:
            return []
        lines = [self.scope.register_line] if self.scope.register_line else []
        if self.figures.total == 0:
            lines.append(f"Geen klachten ontvangen in {self.year}.")
        return lines

    @property
    def colophon_date(self) -> date:
        return self.report.report_date or self.generated_on

    @cached_property
    def colophon(self) -> ProsePart:
        return self._prose(self.sections.get(COLOPHON))

    @property
    def appendix_count(self) -> int:
        return self.figures.total

    def filename(self, extension: str) -> str:
        if self.variant == Variant.GGD:
            lrk = self.scope.location.lrk_number if self.scope.location else ""
            stem = f"jaarverslag-klachten-{self.year}-{'lrk-' + lrk + '-' if lrk else ''}{slugify(self.scope.name)}"
        else:
            stem = f"klachtenjaarverslag-{self.year}"
        return f"{stem}{'-concept' if self.is_concept else ''}.{extension}"

    def iterate_rows(self) -> Iterator[AppendixRow]:
        """Appendix 1, one row per complaint, with the publication text, never
        the raw description."""
        complaints = appendix_complaints(year=self.year, scope=self.scope)
        for complaint in complaints.iterator(chunk_size=1000):
            yield self._row(complaint)

    def _row(self, complaint: Complaint) -> AppendixRow:
        reviewed = complaint.publication_reviewed and bool(complaint.publication_text)
        description, solution = complaint.publication_text, complaint.solution
        if not reviewed:
            if not self.show_unreviewed_texts:
                description, solution = HIDDEN_TEXT, ""
            else:
                description = UNREVIEWED_MARK + (description or NO_TEXT)
        return AppendixRow(
            reference=complaint.reference,
            location=complaint.location_display,
            label=complaint.legal_entity.name if complaint.legal_entity else "",
            category=complaint.category.name if complaint.category else NO_CATEGORY,
            description=description,
            solution=solution,
            verdict=VERDICT_LABELS.get(complaint.verdict or "unknown", complaint.verdict),
            reviewed=reviewed,
        )

    # --- readiness -------------------------------------------------------------

    def _used_sections(self) -> list[ReportSection]:
        return [section for key, section in self.sections.items() if self.variant in spec_for(key).variants]

    @property
    def _is_full(self) -> bool:
        return self.variant == Variant.FULL

    def _problems(self) -> list[str]:
        problems: list[str] = []
        for section in sorted(self._used_sections(), key=lambda s: (s.position, s.pk)):
            for problem in section_problems(
                section=section, title=section.title, body=section.body, placeholders=self.placeholders
            ):
                problems.append(f"{section.title}: {problem}")
        if self.unreviewed_count:
            problems.append(
                f"{self.unreviewed_count} klacht(en) met een publicatietekst die nog niet is gecontroleerd "
                "of ontbreekt. Controleer ze eerst; tot dan is het verslag een concept."
            )
        return problems

    # --- the outline -----------------------------------------------------------

    def _fill(self, text: str) -> str:
        return fill(text, self.placeholders)

    def _prose(self, section: ReportSection | None) -> ProsePart:
        return ProsePart(prose.parse(section.body, fill=self._fill) if section else [])

    def _section_parts(self, section: ReportSection, computed: list[Part]) -> list[Part]:
        blocks = prose.parse(section.body, fill=self._fill)
        if not computed:
            return [ProsePart([block for block in blocks if not isinstance(block, prose.BlockMarker)])]
        markers = [i for i, block in enumerate(blocks) if isinstance(block, prose.BlockMarker)]
        if not markers:
            return [ProsePart(blocks), *computed]
        at = markers[0]
        rest = [block for block in blocks[at + 1 :] if not isinstance(block, prose.BlockMarker)]
        return [ProsePart(blocks[:at]), *computed, ProsePart(rest)]

    def _entries(self) -> list[Entry]:
        entries: list[Entry] = []
        counters = [0, 0, 0]

        def number_for(level: int) -> str:
            counters[level - 1] += 1
            for deeper in range(level, len(counters)):
                counters[deeper] = 0
            return ".".join(str(n) for n in counters[:level])

        analyses = sorted(
            (s for s in self.sections.values() if s.kind == SectionKind.ANALYSIS), key=lambda s: (s.position, s.pk)
        )
        for spec in SECTIONS:
            section = self.sections.get(spec.key)
            if self.variant not in spec.variants or spec.level == 0 or section is None:
                continue
            entries.append(
                Entry(
                    key=spec.key,
                    number=number_for(spec.level),
                    title=self._fill(section.title),
                    level=spec.level,
                    parts=self._parts_for(spec.key, section),
                    section=section,
                )
            )
            if spec.key == ANALYSES_AFTER and self._is_full:
                for analysis in analyses:
                    entries.append(
                        Entry(
                            key=analysis.key,
                            number=number_for(3),
                            title=self._fill(analysis.title),
                            level=3,
                            parts=self._section_parts(analysis, []),
                            section=analysis,
                        )
                    )
        entries += self._appendices()
        return entries

    def _parts_for(self, key: str, section: ReportSection) -> list[Part]:
        if key == GGD_COMPLAINTS and self.figures.total == 0:
            return [NotePart(f"In {self.year} zijn over {self.scope.noun} geen klachten geregistreerd.")]
        computed: list[Part] = []
        if key == "intern":
            computed = self._complaint_tables(with_chart=True)
        elif key == ANALYSES_AFTER:
            computed = self._comparison_parts()
        elif key == "extern":
            computed = self._dispute_summary()
        elif key == GGD_COMPLAINTS:
            computed = self._complaint_tables(with_chart=False)
        elif key == "ggd-geschillen":
            computed = self._dispute_cases_table()
        return self._section_parts(section, computed)

    def _appendices(self) -> list[Entry]:
        entries: list[Entry] = []
        intro = self.sections.get(APPENDIX_COMPLAINTS)
        if self.figures.total > appendix_rows_limit():
            # A year this large (100,000 complaints and more) cannot be listed in a PDF or Word file
            # in bounded time and memory: appendix 1 is the spreadsheet, streamed row by row.
            parts: list[Part] = [
                self._prose(intro),
                NotePart(
                    f"Bijlage 1 telt {number(self.figures.total)} klachten. Zij staan niet in dit document maar "
                    f"in het bijbehorende spreadsheet {self.filename('xlsx')}, met dezelfde kolommen."
                ),
            ]
        elif self.figures.total:
            parts = [self._prose(intro), AppendixPart()]
        else:
            parts = [NotePart(f"In {self.year} zijn over {self.scope.noun} geen klachten geregistreerd.")]
        entries.append(
            Entry(
                key=APPENDIX_COMPLAINTS,
                number="Bijlage 1",
                title=self._fill(intro.title) if intro else "Klachtenoverzicht",
                level=1,
                parts=parts,
                section=intro,
                is_appendix=True,
            )
        )
        disputes_intro = self.sections.get(APPENDIX_DISPUTES)
        for index, (entity, disputes) in enumerate(self.figures.disputes):
            title = self._fill(disputes_intro.title) if disputes_intro else "Geschiloverzicht"
            entries.append(
                Entry(
                    key=f"{APPENDIX_DISPUTES}-{entity.pk}",
                    number=f"Bijlage {FIRST_DISPUTE_APPENDIX + index}",
                    title=f"{title} {entity.name}",
                    level=1,
                    parts=self._dispute_appendix(entity, disputes, disputes_intro),
                    section=disputes_intro,
                    is_appendix=True,
                )
            )
        return entries

    # --- computed parts --------------------------------------------------------

    def _complaint_tables(self, *, with_chart: bool) -> list[Part]:
        f = self.figures.counts
        total = f.total
        parts: list[Part] = []
        by_category = [*f.by_category.items(), *([(NO_CATEGORY, f.uncategorised)] if f.uncategorised else [])]
        parts.append(
            TablePart(
                caption=f"Klachten per categorie in {self.year}",
                headers=["Categorie", "Aantal", "Aandeel"],
                rows=[[name, number(n), share(n, total)] for name, n in by_category],
                numeric=frozenset({1, 2}),
                total=["Totaal", number(total), "100%" if total else NOT_AVAILABLE],
            )
        )
        if with_chart and by_category:
            parts.append(ChartPart(title=f"Klachten per categorie in {self.year}", data=by_category))
        if with_chart:
            parts.append(
                TablePart(
                    caption="Klachten per label",
                    headers=["Label", "Aantal", "Aandeel"],
                    rows=[[name, number(n), share(n, total)] for name, n in f.by_label.items()],
                    numeric=frozenset({1, 2}),
                )
            )
        parts.append(
            TablePart(
                caption="Klacht gegrond (oordeel)",
                headers=["Oordeel", "Aantal", "Aandeel"],
                rows=[[VERDICT_LABELS[key], number(n), share(n, total)] for key, n in f.by_verdict.items()],
                numeric=frozenset({1, 2}),
            )
        )
        care = self.figures.by_care_type
        # Care type is inferred from location names: shown only where it says something
        # (at most a tenth of the complaints of unknown care type).
        if with_chart and total and care.get("", 0) <= total * CARE_TYPE_MAX_UNKNOWN:
            ordered = [key for key in CARE_TYPE_NAMES if key in care]
            parts.append(
                TablePart(
                    caption="Klachten per opvangvorm",
                    headers=["Opvangvorm", "Aantal", "Aandeel"],
                    rows=[[CARE_TYPE_LABELS[key], number(care[key]), share(care[key], total)] for key in ordered],
                    numeric=frozenset({1, 2}),
                )
            )
        if (note := self._deadline_note()) is not None:
            parts.append(note)
        return parts

    def _deadline_note(self) -> NotePart | None:
        deadline = self.figures.deadline
        known, within, undated = deadline.closed_with_dates, deadline.within, deadline.without_dates
        label = "Afgehandeld binnen zes weken"
        if not known:
            if self.is_final:
                return None  # a reader gets no system note; the editor saw it in the concept
            reason = (
                f"van {number(undated)} klachten zijn geen ontvangst- en afsluitdatum bekend "
                "(overgenomen uit het gepubliceerde jaarverslag)"
                if undated
                else "er zijn nog geen afgesloten klachten met bekende datums"
            )
            return NotePart(f"niet beschikbaar: {reason}.", label=label)
        text = f"{number(within)} van {number(known)} afgesloten klachten ({share(within, known)})."
        if undated:
            text += f" Van {number(undated)} klachten zijn geen datums bekend; die tellen niet mee."
        return NotePart(text, label=label)

    def _comparison_parts(self) -> list[Part]:
        comparison = self.figures.comparison
        if comparison.previous_source == "published" and not comparison.complete:
            return self._published_comparison_parts()
        return self._full_comparison_parts()

    def _key_rows(self, unknown: str) -> list[list[str]]:
        figures = self.figures
        comparison = figures.comparison

        def known(value: int | None) -> str:
            return unknown if value is None else number(value)

        return [
            ["Aantal klachten", known(comparison.previous_total), number(figures.total)],
            ["Opgevangen kinderen", known(figures.previous_children), known(figures.children)],
            [
                "Klachtpercentage",
                unknown if figures.previous_rate is None else percent(figures.previous_rate),
                unknown if figures.rate is None else percent(figures.rate),
            ],
            ["Geschillen", known(figures.previous_disputes_total), number(figures.counts.disputes.total)],
        ]

    def _comparison_row(self, row, unknown: str) -> list[str]:
        label = row.label
        current_names = {name.casefold() for name in row.categories}
        if row.previous_categories and {name.casefold() for name in row.previous_categories} != current_names:
            label += f" (was: {', '.join(row.previous_categories)})"
        return [
            label,
            unknown if row.previous is None else number(row.previous),
            "–" if row.current is None else number(row.current),
            unknown if row.change is None else signed(row.change),
        ]

    def _published_comparison_parts(self) -> list[Part]:
        """The previous year is known only from its published report (totals and the categories
        it names): the tables show what was published, one footnote says what is not known."""
        figures = self.figures
        comparison = figures.comparison
        previous, year = str(comparison.previous_year), str(self.year)
        total = figures.total
        known_rows = [row for row in comparison.rows if row.previous is not None]
        unknown_rows = len(comparison.rows) - len(known_rows)
        change = None if comparison.previous_total is None else total - comparison.previous_total
        not_known = []
        if figures.previous_children is None:
            not_known.append("het aantal opgevangen kinderen")
        if figures.previous_rate is None:
            not_known.append("het klachtpercentage")
        if figures.previous_disputes_total is None:
            not_known.append("het aantal geschillen")
        if unknown_rows:
            not_known.append(
                f"het aantal klachten per categorie voor {number(unknown_rows)} van de "
                f"{number(len(comparison.rows))} categorieën van {year}"
            )
        parts: list[Part] = [
            TablePart(
                caption=f"Kerncijfers {previous} en {year}",
                headers=["Kerncijfer", previous, year],
                rows=self._key_rows("–"),
                numeric=frozenset({1, 2}),
            ),
            TablePart(
                caption=f"Klachten {previous} en {year}: de in {previous} gepubliceerde aantallen",
                headers=[f"Categorie ({year})", previous, year, "Verschil"],
                rows=[self._comparison_row(row, "–") for row in known_rows],
                numeric=frozenset({1, 2, 3}),
                total=[
                    "Totaal (alle categorieën)",
                    or_not_available(comparison.previous_total),
                    number(total),
                    NOT_AVAILABLE if change is None else signed(change),
                ],
            ),
        ]
        footnote = f"De cijfers van {previous} komen uit het gepubliceerde klachtenjaarverslag {previous}."
        if not_known:
            footnote += f" Daarin staan niet: {dutch_list(not_known)} (–)."
        parts.append(NotePart(footnote, label="Noot"))
        return parts

    def _full_comparison_parts(self) -> list[Part]:
        figures = self.figures
        comparison = figures.comparison
        previous, year = str(comparison.previous_year), str(self.year)
        total = figures.total
        change = None if comparison.previous_total is None else total - comparison.previous_total
        if comparison.previous_total is None and self.is_final:
            return [NotePart(f"Van {previous} zijn geen cijfers bekend; een vergelijking is daarom niet mogelijk.")]
        parts: list[Part] = [
            TablePart(
                caption=f"Kerncijfers {previous} en {year}",
                headers=["Kerncijfer", previous, year],
                rows=self._key_rows(NOT_AVAILABLE),
                numeric=frozenset({1, 2}),
            ),
            TablePart(
                caption=f"Klachten per categorie, {previous} en {year}",
                headers=[f"Categorie ({year})", previous, year, "Verschil"],
                rows=[self._comparison_row(row, NOT_AVAILABLE) for row in comparison.rows],
                numeric=frozenset({1, 2, 3}),
                total=[
                    "Totaal",
                    or_not_available(comparison.previous_total),
                    number(total),
                    NOT_AVAILABLE if change is None else signed(change),
                ],
            ),
        ]
        # Largest rises and falls only where every category is known: a partial list would
        # contradict the editor's text next to it.
        if comparison.complete:
            picks = (("Grootste stijgingen", comparison.rises()), ("Grootste dalingen", comparison.falls()))
            for label, picked in picks:
                text = dutch_list([describe_change(row) for row in picked]) if picked else "geen"
                parts.append(NotePart(text + ".", label=label))
        parts.append(NotePart(self._comparison_source(), label="Bron"))
        return parts

    def _comparison_source(self) -> str:
        previous = self.figures.comparison.previous_year
        if self.figures.comparison.previous_source == "registered":
            return (
                f"de geregistreerde klachten van {previous}, per categorie via de koppeling van de "
                f"categorie-indeling {self.year} aan die van {previous}."
            )
        return f"van {previous} zijn geen cijfers bekend ({NOT_AVAILABLE} = niet bekend)."

    def _dispute_summary(self) -> list[Part]:
        outcomes = [
            value for value in Outcome.values if any(d.outcome == value for _e, ds in self.figures.disputes for d in ds)
        ]
        labels = dict(Outcome.choices)
        rows = []
        for entity, disputes in self.figures.disputes:
            rows.append(
                [entity.name, number(len(disputes))]
                + [number(sum(1 for d in disputes if d.outcome == value)) for value in outcomes]
            )
        total = self.figures.counts.disputes.total
        all_disputes = [d for _e, ds in self.figures.disputes for d in ds]
        return [
            TablePart(
                caption=f"Geschillen bij de Geschillencommissie Kinderopvang in {self.year}",
                headers=["Label", "Aantal", *[str(labels[value]) for value in outcomes]],
                rows=rows,
                numeric=frozenset(range(1, 2 + len(outcomes))),
                total=["Totaal", number(total)]
                + [number(sum(1 for d in all_disputes if d.outcome == value)) for value in outcomes],
            )
        ]

    def _dispute_cases_table(self) -> list[Part]:
        disputes = [d for _e, ds in self.figures.disputes for d in ds]
        if not disputes:
            return []
        return [
            TablePart(
                caption="Geschillen",
                headers=["Zaaknummer", "Onderwerp van het geschil", "Uitkomst"],
                rows=[
                    [d.case_number, ", ".join(s.name for s in d.subjects.all()), d.get_outcome_display()]
                    for d in disputes
                ],
            )
        ]

    def _dispute_appendix(
        self, entity: LegalEntity, disputes: list[Dispute], intro: ReportSection | None
    ) -> list[Part]:
        ruled = sum(1 for d in disputes if d.outcome in (Outcome.UPHELD, Outcome.NOT_UPHELD))
        filed = len(disputes)
        verb = "heeft" if ruled == 1 else "hebben"
        return [
            self._prose(intro),
            TablePart(
                caption="",
                headers=["Naam", "Zaaknummer", "Onderwerp van het geschil"],
                rows=[[entity.name, d.case_number, ", ".join(s.name for s in d.subjects.all())] for d in disputes],
            ),
            NotePart(
                f"Van de {number(filed)} ingediende {'geschil' if filed == 1 else 'geschillen'} {verb} er "
                f"{number(ruled)} geleid tot een uitspraak door de Geschillencommissie Kinderopvang."
            ),
            CasesPart([_case_view(d) for d in disputes]),
        ]

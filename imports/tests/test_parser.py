"""Tests for imports.parser; pure Python, no database.

Figures about the seed are derived here with a few lines of their own, not through the
parser, so a parser bug cannot confirm itself.
"""

import pickle
import re
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from imports.parser import (
    ParsedReport,
    ParseError,
    canonical_location_names,
    html_to_text,
    parse_annual_report,
)
from organisation.keys import match_key

_SEED_NAME = "klachtenjaarverslag-2025.txt"
_SEED_CANDIDATES = (
    Path(__file__).resolve().parents[2] / "data" / "seed" / _SEED_NAME,
    Path("/work/shared/seed") / _SEED_NAME,
)
_TAGS = re.compile(r"<[^>]*>")
_HEADER = "Naam locatie\tLabel\tCategorie\tOmschrijving klacht\tWelke oplossing is er getroffen\tKlacht gegrond"


@pytest.fixture(scope="module")
def seed_text() -> str:
    for path in _SEED_CANDIDATES:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    pytest.fail(f"seed not found in any of {[str(p) for p in _SEED_CANDIDATES]}")


@pytest.fixture(scope="module")
def seed_lines(seed_text: str) -> list[str]:
    return seed_text.split("\n")


@pytest.fixture(scope="module")
def report(seed_text: str) -> ParsedReport:
    return parse_annual_report(seed_text, source="seed.txt")


@pytest.fixture(scope="module")
def main_rows(seed_lines: list[str]) -> list[tuple[int, list[str]]]:
    """(line number, tag-free cells) of appendix 1's main rows, found without the parser."""
    start = seed_lines.index(_HEADER) + 1
    end = next(i for i in range(start, len(seed_lines)) if seed_lines[i].startswith("Bijlage 2 "))
    rows = []
    for index in range(start, end):
        cells = [_TAGS.sub("", cell).strip() for cell in seed_lines[index].split("\t")]
        if len(cells) == 6 and cells[1] and set(cells[1]) != {"-"}:
            rows.append((index + 1, cells))
    return rows


def _complaint_at(report: ParsedReport, line: int):
    return next(c for c in report.complaints if c.line == line)


# --- The seed: appendix 1 -----------------------------------------------------------------


class TestSeedComplaints:
    def test_it_finds_every_main_row(self, report: ParsedReport, main_rows: list) -> None:
        assert len(main_rows) == 513
        assert [c.line for c in report.complaints] == [line for line, _ in main_rows]
        assert [c.position for c in report.complaints] == list(range(1, 514))

    def test_it_matches_the_total_stated_in_the_prose(self, report: ParsedReport) -> None:
        assert report.facts.total == len(report.complaints) == 513

    def test_it_counts_planning_en_plaatsing(self, report: ParsedReport, main_rows: list) -> None:
        assert sum(cells[2] == "Planning en plaatsing" for _, cells in main_rows) == 38
        assert sum(c.category == "Planning en plaatsing" for c in report.complaints) == 38

    def test_it_counts_verdicts(self, report: ParsedReport, main_rows: list) -> None:
        raw = Counter(cells[5].casefold() or None for _, cells in main_rows)
        assert raw == {"ja": 236, "deels": 177, "nee": 88, None: 12}
        assert Counter(c.verdict for c in report.complaints) == raw

    def test_it_lists_24_categories_in_order_of_first_appearance(self, report: ParsedReport, main_rows: list) -> None:
        expected = tuple(dict.fromkeys(cells[2] for _, cells in main_rows))
        assert len(expected) == 24
        assert report.categories == expected
        assert "Overig OVK & Voorwaarden" in report.categories

    def test_it_keeps_the_three_rows_without_location(self, report: ParsedReport) -> None:
        assert [c.line for c in report.complaints if c.location_name is None] == [672, 767, 1098]
        assert _complaint_at(report, 672).label == "Smallsteps B.V."
        assert _complaint_at(report, 767).category == "Buitenruimte"

    def test_it_attaches_every_continuation_row(self, report: ParsedReport, seed_lines: list[str]) -> None:
        start = seed_lines.index(_HEADER) + 1
        end = next(i for i in range(start, len(seed_lines)) if seed_lines[i].startswith("Bijlage 2 "))
        continuation_lines = []
        for index in range(start, end):
            cells = [_TAGS.sub("", cell).strip() for cell in seed_lines[index].split("\t")]
            if len(cells) == 6 and not any(cells[:3]) and any(cells):
                continuation_lines.append(index + 1)
        assert len(continuation_lines) == 119
        assert [n for c in report.complaints for n in c.continuation_lines] == continuation_lines

    def test_it_joins_a_paragraph_cut_by_a_page_break(self, report: ParsedReport) -> None:
        complaint = _complaint_at(report, 154)
        assert complaint.location_name == "KDV Partou Kinderopvangboerderij"
        assert complaint.continuation_lines == (158,)
        assert "Ook ervaren ouders veel onrust, weinig medewerkers" in complaint.description
        assert complaint.description.endswith("hopen dat het vertrouwen hersteld kan worden.")
        assert "\n" not in complaint.description
        assert complaint.solution.endswith("om te kijken hoe het nu gaat.")
        assert complaint.verdict == "deels"

    def test_it_joins_a_word_hyphenated_across_a_page_break(self, report: ParsedReport, seed_lines: list[str]) -> None:
        cut_line = next(
            i + 1 for i, line in enumerate(seed_lines) if any(cell.endswith("geïn-") for cell in line.split("\t"))
        )
        assert 305 <= cut_line <= 313
        complaint = _complaint_at(report, cut_line)
        assert complaint.continuation_lines == (313,)
        assert "Ouders worden direct geïnformeerd als het kind afwijkingen" in complaint.solution
        assert "geïn-" not in complaint.solution

    def test_it_joins_a_hyphenated_word_split_over_two_paragraph_tags(self, report: ParsedReport) -> None:
        complaint = next(c for c in report.complaints if 472 in c.continuation_lines)
        assert "vooral in combinatie met" in complaint.description

    def test_it_keeps_hyphens_inside_a_cell(self, report: ParsedReport) -> None:
        assert "niet goed is door-gegaan." in _complaint_at(report, 259).solution

    def test_it_renders_a_list_as_dash_lines(self, report: ParsedReport) -> None:
        description = _complaint_at(report, 171).description
        assert (
            "Ouder wenst te horen:\n\n"
            "- wanneer er vast personeel komt voor de kinderen\n"
            "- bevestiging naleving wet- en regelgeving\n"
            "- tegemoetkoming in kosten. Ouder vindt het niet terecht om het volle bedrag te betalen bij "
            "onvoldoende zorg."
        ) in description
        assert description.endswith("onvoldoende zorg.")

    def test_it_separates_paragraphs_with_a_blank_line(self, report: ParsedReport) -> None:
        description = _complaint_at(report, 171).description
        assert description.startswith(
            "Ouder geeft aan, dat bij het ophalen van het kind maar één pedagogisch professional aanwezig was"
        )
        assert "'twee ogen principe'.\n\nOuder zegt, dat er ook geen vaste medewerkers zijn" in description

    def test_it_leaves_no_markup(self, report: ParsedReport) -> None:
        for complaint in report.complaints:
            for text in (complaint.location_name or "", complaint.label, complaint.category):
                assert "<" not in text and "\n" not in text
            assert "<p>" not in complaint.description and "</p>" not in complaint.solution
            assert "\n\n\n" not in complaint.description

    def test_it_keeps_odd_printed_names_verbatim(self, report: ParsedReport) -> None:
        names = {c.location_name for c in report.complaints}
        assert "Partou BSO Koningskinderen Het Tinnen Solदातje" in names
        assert "Partou KDV Cy-clopenstraat 14" in names


# --- The seed: disputes, facts, title ---------------------------------------------------------


class TestSeedDisputesAndFacts:
    def test_it_reads_six_disputes(self, report: ParsedReport) -> None:
        summary = [(d.party_name, d.case_number, d.subjects, d.outcome, d.amount_awarded) for d in report.disputes]
        assert summary == [
            ("Smallsteps B.V.", "946914", ("Zorgvuldigheid",), "settled", None),
            ("Smallsteps B.V.", "754986", ("Algemene voorwaarden", "Kosten"), "not_upheld", None),
            ("Partou BV", "842238", ("Algemene voorwaarden", "Kosten"), "not_upheld", None),
            ("Partou BV", "1209858", ("Zorgvuldigheid",), "upheld", Decimal("25.00")),
            ("Partou BV", "836958", ("Algemene voorwaarden", "Kosten"), "not_upheld", None),
            ("Partou BV", "1315120", ("(Non)conformiteit",), "not_upheld", None),
        ]
        assert report.facts.disputes_total == len(report.disputes)

    def test_it_records_lines_appendix_titles_and_lessons(self, report: ParsedReport) -> None:
        smallsteps, upheld = report.disputes[0], report.disputes[3]
        assert (smallsteps.line, smallsteps.appendix_title) == (1478, "Geschiloverzicht Smallsteps kinderopvang")
        assert upheld.appendix_title == "Geschiloverzicht Partou kinderopvang"
        assert upheld.ruling.startswith("De commissie verklaart de klacht van de consument gegrond")
        assert upheld.lesson.startswith("Deze casus onderstreept het belang van duidelijke communicatie")
        assert [d.lesson for d in report.disputes if d is not upheld] == [""] * 5
        assert not any("Alle locaties van Partou" in d.lesson for d in report.disputes)

    def test_it_reads_the_stated_facts(self, report: ParsedReport) -> None:
        facts = report.facts
        assert facts.total == 513
        assert facts.previous_total == 538
        assert facts.children_served == 72684
        assert facts.rate_percent == Decimal("0.71")
        assert facts.previous_rate_percent == Decimal("0.74")
        assert facts.previous_by_category == {"Planning en plaatsing": 81}
        assert facts.previous_disputes_total == 5
        assert facts.disputes_total == 6
        assert (facts.locations_count, facts.employees_count) == (753, 11000)

    def test_it_reads_year_and_organisation(self, report: ParsedReport) -> None:
        assert (report.source, report.year, report.organisation_name) == ("seed.txt", 2025, "Partou kinderopvang")


# --- The seed: locations --------------------------------------------------------------------------


class TestSeedLocations:
    def test_it_merges_printed_variants_of_one_location(self, main_rows: list) -> None:
        printed = [" ".join(cells[0].split()) for _, cells in main_rows if cells[0]]
        assert (len(printed), len(set(printed))) == (510, 327)
        # 15 names fold onto another one: 13 pairs such as "Rembrandt- laan" / "Rembrandtlaan",
        # "Partou KDV Ka-naalweg 176" / "Partou KDV Kanaalweg 176", plus the BSO Sterrendaalders
        # printed three ways ("Sterrendaalders", "Sterren-daalders", "Sterren daalders").
        independent_keys = {"".join(ch for ch in name.casefold() if ch.isalnum()) for name in printed}
        assert len(independent_keys) == 312
        display = canonical_location_names(printed)
        assert len(display) == 312
        assert set(display) == {match_key(name) for name in printed}

    def test_it_chooses_repaired_display_names(self, main_rows: list) -> None:
        display = canonical_location_names(cells[0] for _, cells in main_rows if cells[0])
        chosen = set(display.values())
        for name in (
            "Partou KDV Cyclopenstraat 14",
            "Partou BSO Emily Brontesingel 1A",
            "Partou KDV Sumatraplantsoen 15",
            "BSO Partou Kinderopvangboerderij",
            "KDV Partou Kinderopvangboerderij",
            "Partou BSO Koningskinderen De Sterrendaalders",
            "Partou KDV Koningskinderen De Sterrendaalders",
            "BSO De Eendracht",
            "Partou KDV Casembrootstraat 58",
            "Partou KDV Gedeputeerdenlaan 49",
            "Rembrandtlaan",
            "Partou BSO Kanaalweg 176",
            "Partou KDV Kanaalweg 176",
            # Hyphens that are part of the name stay.
            "Move-it",
            "De Zonne-straaltjes",
            "BSO Eefde-Villa 60",
            "Flora - Fiesta",
            "Partou BSO Nelderwoudseweg 19-21",
            "Partou KDV Catharina-Amaliaaan 66E",
            "Partou BSO Koningskinderen Het Tinnen Solदातje",
        ):
            assert name in chosen


# --- html_to_text ---------------------------------------------------------------------------------


class TestHtmlToText:
    def test_it_separates_paragraphs(self) -> None:
        assert html_to_text("<p>Een  eerste\n zin.</p> <p>Tweede.</p>") == "Een eerste zin.\n\nTweede."

    def test_it_turns_dash_items_into_lines(self) -> None:
        fragment = '<p>Ouder wil:</p> <ul style="list-style-type: none"> -rust -naleving wet- en regelgeving '
        assert html_to_text(fragment) == "Ouder wil:\n\n- rust\n- naleving wet- en regelgeving"

    def test_it_ends_a_list_at_the_next_paragraph(self) -> None:
        fragment = '<ul style="list-style-type: none"> -a b -c <p>Daarna.</p>'
        assert html_to_text(fragment) == "- a b\n- c\n\nDaarna."

    def test_it_reads_li_br_and_entities(self) -> None:
        assert html_to_text("<ul><li>één &amp; twee</li><li>drie</li></ul>") == "- één & twee\n- drie"
        assert html_to_text("regel een<br>regel twee") == "regel een\n\nregel twee"
        assert html_to_text("Overig OVK & Voorwaarden") == "Overig OVK & Voorwaarden"

    def test_it_treats_text_without_tags_as_one_paragraph(self) -> None:
        assert html_to_text("  Ouder  is\tboos. ") == "Ouder is boos."
        assert html_to_text("") == html_to_text("<p></p>") == ""


# --- Synthetic reports ------------------------------------------------------------------------------


def _row(location: str, description: str = "Klacht.", verdict: str = "Ja", *, solution: str = "Opgelost.") -> str:
    return "\t".join((location, "Partou B.V.", "Voeding", description, solution, verdict))


def _continuation(description: str = "", solution: str = "", verdict: str = "") -> str:
    return "\t".join(("", "", "", description, solution, verdict))


def _document(*rows: str) -> str:
    """A minimal report; row i (0-based) is on line 9 + i."""
    return "\n".join(
        [
            "Klachtenjaarverslag Testorganisatie",  # 1
            "2025",  # 2
            "Bijlage 1 Klachtenoverzicht\t11",  # 3: table of contents
            "",  # 4
            "Bijlage 1 Klachtenoverzicht",  # 5
            "",  # 6
            _HEADER,  # 7
            "",  # 8
            *rows,
            "",
            "Bijlage 2 Geschiloverzicht Test",
            "",
            "Naam\tZaaknummer\tOnderwerp van het Geschil",
            "Test B.V.\t1\tKosten",
            "",
        ]
    )


def _parse_error(text: str) -> ParseError:
    with pytest.raises(ParseError) as info:
        parse_annual_report(text, source="test.txt")
    return info.value


class TestComplaintRows:
    def test_it_rejects_a_row_with_the_wrong_field_count(self) -> None:
        error = _parse_error(_document(_row("A"), "A\tPartou B.V.\tVoeding\tKlacht zonder oplossing"))
        assert (error.source, error.line, error.field) == ("test.txt", 10, "row")
        assert "found 4" in error.reason
        assert str(error).startswith("test.txt:10: row: ")

    def test_it_rejects_an_unknown_verdict(self) -> None:
        error = _parse_error(_document(_row("A"), _row("B", verdict="<p>Misschien</p>")))
        assert (error.line, error.field) == (10, "verdict")
        assert "'Misschien'" in error.reason

    def test_it_reads_verdicts_regardless_of_case_and_markup(self) -> None:
        verdicts = ["JA", "<p>ja</p>", "Deels", "<p>Nee</p>", "nee", "", "<p></p>"]
        report = parse_annual_report(_document(*(_row(f"L{i}", verdict=v) for i, v in enumerate(verdicts))))
        assert [c.verdict for c in report.complaints] == ["ja", "ja", "deels", "nee", "nee", None, None]

    def test_it_rejects_a_continuation_before_any_complaint(self) -> None:
        error = _parse_error(_document(_continuation("los"), _row("A")))
        assert (error.line, error.field) == (9, "row")
        assert "continuation" in error.reason

    def test_it_rejects_a_second_verdict_from_a_continuation(self) -> None:
        error = _parse_error(_document(_row("A", verdict="Ja"), _continuation("meer", verdict="Nee")))
        assert (error.line, error.field) == (10, "verdict")

    def test_it_takes_the_verdict_from_a_continuation_when_the_main_row_has_none(self) -> None:
        report = parse_annual_report(_document(_row("A", verdict=""), _continuation("meer", verdict="Deels")))
        assert report.complaints[0].verdict == "deels"

    def test_it_requires_label_and_category(self) -> None:
        no_label = "A\t\tVoeding\tKlacht.\tOpgelost.\tJa"
        no_category = "A\tPartou B.V.\t<p></p>\tKlacht.\tOpgelost.\tJa"
        assert (_parse_error(_document(no_label)).line, _parse_error(_document(no_label)).field) == (9, "label")
        assert _parse_error(_document(no_category)).field == "category"

    def test_it_skips_separators_page_gaps_and_repeated_headers(self) -> None:
        report = parse_annual_report(
            _document(
                _row("A"),
                "---\t--\t----\t--\t---\t--",
                "",
                "",
                _HEADER,
                "<p>Naam locatie</p>" + _HEADER[12:],
                _row("B"),
            )
        )
        assert [(c.location_name, c.line) for c in report.complaints] == [("A", 9), ("B", 15)]

    def test_it_keeps_duplicate_rows(self) -> None:
        report = parse_annual_report(_document(_row("A"), _row("A")))
        assert len(report.complaints) == 2
        assert report.complaints[0].description == report.complaints[1].description
        assert [c.position for c in report.complaints] == [1, 2]

    def test_it_keeps_a_row_without_location(self) -> None:
        report = parse_annual_report(_document(_row("<p> </p>")))
        assert report.complaints[0].location_name is None

    def test_it_strips_markup_from_the_first_three_cells(self) -> None:
        row = "<p>Partou  KDV Een</p>\t<p>Smallsteps B.V.</p>\t<p>Voeding</p>\t<p>Klacht.</p>\tOk\tJa"
        complaint = parse_annual_report(_document(row)).complaints[0]
        assert (complaint.location_name, complaint.label, complaint.category) == (
            "Partou KDV Een",
            "Smallsteps B.V.",
            "Voeding",
        )

    def test_it_reports_a_missing_table_header_at_the_heading(self) -> None:
        text = _document(_row("A")).replace(_HEADER, "Naam\tLabel")
        error = _parse_error(text)
        assert (error.line, error.field) == (5, "header")
        assert "appendix 1 table header not found" in str(error)

    def test_it_accepts_crlf_line_ends_and_a_byte_order_mark(self) -> None:
        text = "\ufeff" + _document(_row("A", verdict="Nee"), _continuation("meer")).replace("\n", "\r\n")
        report = parse_annual_report(text)
        assert (report.year, report.organisation_name) == (2025, "Testorganisatie")
        assert [(c.line, c.continuation_lines, c.description, c.verdict) for c in report.complaints] == [
            (9, (10,), "Klacht. meer", "nee")
        ]

    def test_it_reports_a_missing_appendix(self) -> None:
        error = _parse_error("Klachtenjaarverslag X\n2025\n")
        assert error.line is None
        assert str(error) == "test.txt: appendix 1 heading 'Bijlage 1 Klachtenoverzicht' not found"


class TestPageBreaks:
    def _merged(self, before: str, after: str) -> str:
        report = parse_annual_report(_document(_row("A", before), _continuation(after)))
        assert report.complaints[0].continuation_lines == (10,)
        return report.complaints[0].description

    def test_it_joins_the_paragraphs_at_the_break_with_a_space(self) -> None:
        merged = self._merged("<p>Eerste.</p> <p>De locatie</p>", "heeft excuses aangeboden. <p>Slot.</p>")
        assert merged == "Eerste.\n\nDe locatie heeft excuses aangeboden.\n\nSlot."

    def test_it_drops_the_hyphen_of_a_word_cut_by_the_break(self) -> None:
        assert self._merged("zijn geïn-", "<p>formeerd.</p>") == "zijn geïnformeerd."
        assert self._merged("<p>in combi-</p>", "<p>natie met</p>") == "in combinatie met"

    def test_it_keeps_the_hyphen_before_a_capital_or_after_a_digit(self) -> None:
        assert self._merged("Noord-", "Holland") == "Noord- Holland"
        assert self._merged("een 3-", "jarige") == "een 3- jarige"

    def test_it_continues_a_list_item_cut_by_the_break(self) -> None:
        merged = self._merged('<p>Vragen:</p> <ul style="list-style-type: none"> -een -twee is', " lang -drie")
        assert merged == "Vragen:\n\n- een\n- twee is lang\n- drie"

    def test_it_merges_the_solution_column_too(self) -> None:
        report = parse_annual_report(_document(_row("A", solution="Be-"), _continuation(solution="sproken.")))
        assert report.complaints[0].solution == "Besproken."


# --- Disputes and facts on synthetic text ------------------------------------------------------------

_PROSE = """Klachtenjaarverslag Kinderopvang Test 2024

3.1 Intern

In totaal zijn er in 2024 1.204 interne klachten geregistreerd.

Het aantal klachten is toegenomen van 1.100 naar 1.204 klachten. In 2024 hebben we 9.000 kinderen opgevangen.

3.2.1 Voeding

Het aantal klachten is gestegen van 3 in 2023 naar 9 in 2024.

3.2.2 Tarieven

Het aantal klachten is stabiel.
"""


def _dispute_document(*appendix_lines: str) -> str:
    return "\n".join(
        [
            _PROSE,
            "Bijlage 1 Klachtenoverzicht",
            _HEADER,
            _row("A"),
            "",
            "Bijlage 2 Geschiloverzicht Test kinderopvang",
            "",
            "Naam\tZaaknummer\tOnderwerp van het Geschil",
            *appendix_lines,
        ]
    )


class TestDisputes:
    def test_it_reads_rulings_amounts_and_lessons(self) -> None:
        text = _dispute_document(
            "Test BV\t11\tKosten, Zorgvuldigheid",
            "Test BV\t12\tKosten",
            "Test BV\t13\tKosten",
            "Test BV\t14\tKosten",
            "",
            "Zaaknummer 11",
            "",
            "De commissie verklaart de klacht gegrond en kent € 1.250,00 toe.",
            "",
            "Les een.",
            "",
            "Les twee.",
            "",
            "",
            "Algemene noot.",
            "Zaaknummer 12",
            "De consument heeft de klacht ingetrokken.",
            "Zaaknummer 13",
            "",
            "Partijen hebben een schikking getroffen.",
        )
        first, second, third, fourth = parse_annual_report(text).disputes
        assert first.subjects == ("Kosten", "Zorgvuldigheid")
        assert (first.outcome, first.amount_awarded) == ("upheld", Decimal("1250.00"))
        assert first.lesson == "Les een.\n\nLes twee."
        assert (second.outcome, second.lesson) == ("withdrawn", "")
        assert third.outcome == "settled"
        assert (fourth.outcome, fourth.ruling, fourth.amount_awarded) == (None, "", None)
        assert fourth.appendix_title == "Geschiloverzicht Test kinderopvang"

    def test_it_rejects_a_table_row_with_the_wrong_field_count(self) -> None:
        text = _dispute_document("Test BV\t11\tKosten", "Test BV\t12")
        error = _parse_error(text)
        line = text.split("\n").index("Test BV\t12") + 1
        assert (error.line, error.field) == (line, "row")
        assert f":{line}:" in str(error)

    def test_it_rejects_a_ruling_it_cannot_classify(self) -> None:
        error = _parse_error(_dispute_document("Test BV\t11\tKosten", "", "Zaaknummer 11", "", "Onleesbaar."))
        assert error.field == "outcome"

    def test_it_rejects_a_ruling_for_an_unlisted_case(self) -> None:
        error = _parse_error(_dispute_document("Test BV\t11\tKosten", "", "Zaaknummer 99", "", "Ongegrond."))
        assert error.field == "case_number"


class TestFacts:
    def test_it_reads_the_size_of_the_organisation_from_the_prose(self) -> None:
        sentence = "Kinderopvang Test heeft ruim 1.204 locaties en bijna 9.500 medewerkers.\n\n"
        text = _dispute_document("Test BV\t11\tKosten").replace("3.1 Intern\n\n", "3.1 Intern\n\n" + sentence)
        facts = parse_annual_report(text).facts
        assert (facts.locations_count, facts.employees_count) == (1204, 9500)

    def test_it_reads_figures_from_the_prose(self) -> None:
        report = parse_annual_report(_dispute_document("Test BV\t11\tKosten"))
        facts = report.facts
        assert (report.year, report.organisation_name) == (2024, "Kinderopvang Test")
        assert (facts.total, facts.previous_total, facts.children_served) == (1204, 1100, 9000)
        assert facts.previous_by_category == {"Voeding": 3}
        assert facts.rate_percent is None and facts.previous_rate_percent is None
        assert facts.disputes_total is None and facts.previous_disputes_total is None
        assert facts.locations_count is None and facts.employees_count is None


# --- Location names ------------------------------------------------------------------------------------


class TestLocationNames:
    @pytest.mark.parametrize(
        ("first", "second"),
        [
            ("Partou KDV Ka-naalweg 176", "Partou KDV Kanaalweg 176"),
            ("Partou BSO Koningskinderen De Sterrendaalders", "Partou BSO Koningskinderen De Sterren daalders"),
            ("Partou BSO Koningskinderen De Sterrendaalders", "Partou BSO Koningskinderen De Sterren-daalders"),
            ("BSO De Een- dracht", "BSO De Een-dracht"),
            ("Rembrandt- laan", "Rembrandtlaan"),
        ],
    )
    def test_it_gives_printed_variants_one_key(self, first: str, second: str) -> None:
        assert match_key(first) == match_key(second)

    def test_it_keeps_non_ascii_letters_in_the_key(self) -> None:
        assert match_key("Solदातje") != match_key("Soldaatje")
        assert match_key("Partou KDV Één") == "partoukdvéén"
        assert match_key("Cafe\u0301") == match_key("Café")

    @pytest.mark.parametrize(
        ("names", "expected"),
        [
            (["Partou KDV Cy-clopenstraat 14"], "Partou KDV Cyclopenstraat 14"),
            (["Partou BSO Emily Bron-tesingel 1A"], "Partou BSO Emily Brontesingel 1A"),
            (["Partou KDV Su-matraplant-soen 15", "Partou KDV Sumatraplantsoen 15"], "Partou KDV Sumatraplantsoen 15"),
            (
                ["BSO Partou Kinderopvang- boerderij", "BSO Partou Kinderopvang-boerderij"],
                "BSO Partou Kinderopvangboerderij",
            ),
            (["Partou KDV Ca- sembroot- straat 58"], "Partou KDV Casembrootstraat 58"),
            (["Move-it"], "Move-it"),
            (["De Zonne-straaltjes"], "De Zonne-straaltjes"),
            (["Partou BSO Nelderwoudseweg 19-21"], "Partou BSO Nelderwoudseweg 19-21"),
            (["BSO Eefde-Villa 60"], "BSO Eefde-Villa 60"),
            (["Flora - Fiesta"], "Flora - Fiesta"),
            (["Partou BSO Koningskinderen Het Tinnen Solदातje"], "Partou BSO Koningskinderen Het Tinnen Solदातje"),
        ],
    )
    def test_it_repairs_pdf_hyphens(self, names: list[str], expected: str) -> None:
        assert list(canonical_location_names(names).values()) == [expected]

    def test_it_joins_a_hyphen_when_the_joined_word_occurs_in_another_name(self) -> None:
        display = canonical_location_names(["BSO De Een-dracht", "KDV De Een- dracht"])
        assert sorted(display.values()) == ["BSO De Eendracht", "KDV De Eendracht"]
        assert canonical_location_names(["BSO De Een-dracht"]) == {"bsodeeendracht": "BSO De Een-dracht"}

    def test_it_prefers_the_most_frequent_form_then_fewest_hyphens_then_shortest(self) -> None:
        often = ["Partou BSO De Sterren daalders"] * 2 + ["Partou BSO De Sterrendaalders"]
        assert list(canonical_location_names(often).values()) == ["Partou BSO De Sterren daalders"]
        tie = ["Partou BSO De Sterren daalders", "Partou BSO De Sterrendaalders"]
        assert list(canonical_location_names(tie).values()) == ["Partou BSO De Sterrendaalders"]
        assert list(canonical_location_names(["Kids-Ville", "KidsVille"]).values()) == ["KidsVille"]

    def test_it_ignores_empty_names(self) -> None:
        assert canonical_location_names(["", "  "]) == {}


def test_it_formats_and_pickles_parse_errors() -> None:
    assert str(ParseError("bad", "f.txt", 3, "verdict")) == "f.txt:3: verdict: bad"
    assert str(ParseError("bad", "f.txt", 3)) == "f.txt:3: bad"
    assert str(ParseError("bad", "f.txt", field="header")) == "f.txt: header: bad"
    assert str(ParseError("bad")) == "<string>: bad"
    copy = pickle.loads(pickle.dumps(ParseError("bad", "f.txt", 3, "row")))
    assert (copy.source, copy.line, copy.field, copy.reason, str(copy)) == (
        "f.txt",
        3,
        "row",
        "bad",
        "f.txt:3: row: bad",
    )


# --- Legitimate variation of the seed: the same complaints and disputes -----------------------------


def _content(report: ParsedReport) -> tuple:
    """What gets imported, without line numbers (a different page break moves them)."""
    complaints = [
        (c.position, c.location_name, c.label, c.category, c.description, c.solution, c.verdict)
        for c in report.complaints
    ]
    disputes = [
        (d.party_name, d.case_number, d.subjects, d.outcome, d.ruling, d.amount_awarded, d.lesson)
        for d in report.disputes
    ]
    return complaints, disputes, report.facts.total, report.year, report.categories


_PAGE_BREAK = "\n\n\n\n"  # how the seed's extraction prints a page break


class TestSeedVariations:
    @pytest.mark.parametrize(
        "vary",
        [
            pytest.param(lambda text: text.replace("\n", "\r\n"), id="crlf"),
            pytest.param(lambda text: text.replace("\n", "\r"), id="cr"),
            pytest.param(lambda text: "\ufeff" + text, id="bom"),
            pytest.param(lambda text: text.replace(_PAGE_BREAK, "\n\n"), id="page-break-one-blank-line"),
            pytest.param(lambda text: text.replace(_PAGE_BREAK, "\n\n\n"), id="page-break-two-blank-lines"),
            pytest.param(lambda text: text.replace(_PAGE_BREAK, "\n\f"), id="page-break-form-feed"),
            pytest.param(lambda text: text.replace(_PAGE_BREAK, "\n\n\f\n"), id="page-break-form-feed-line"),
            pytest.param(lambda text: text.replace(_PAGE_BREAK, "\n\n\n\n\n\n\n"), id="page-break-six-blank-lines"),
        ],
    )
    def test_it_reads_the_same_report(self, seed_text: str, report: ParsedReport, vary) -> None:
        varied = vary(seed_text)
        assert varied != seed_text
        assert _content(parse_annual_report(varied)) == _content(report)

    def test_it_ends_a_dispute_where_the_next_part_begins_without_a_wide_page_break(self, seed_text: str) -> None:
        tight = parse_annual_report(seed_text.replace(_PAGE_BREAK, "\n\n"))
        lessons = {d.case_number: d.lesson for d in tight.disputes}
        assert lessons.pop("1209858").startswith("Deze casus onderstreept")
        # "Alle locaties van Partou dragen de naam Partou ..." is the appendix's closing note.
        assert set(lessons.values()) == {""}

    def test_it_reads_cells_without_html_tags(self, seed_text: str, report: ParsedReport) -> None:
        plain = parse_annual_report(_TAGS.sub("", seed_text))
        assert [(c.location_name, c.label, c.category, c.verdict) for c in plain.complaints] == [
            (c.location_name, c.label, c.category, c.verdict) for c in report.complaints
        ]
        assert "<" not in "".join(c.description for c in plain.complaints)

    def test_it_keeps_a_lesson_of_the_last_case_closed_by_a_page_break(self) -> None:
        text = _dispute_document(
            "Test BV\t11\tKosten", "", "Zaaknummer 11", "", "Ongegrond.", "", "Les.", "", "", "", "Slotwoord."
        )
        assert parse_annual_report(text).disputes[0].lesson == "Les."

    def test_it_ends_a_ruling_at_the_next_parts_heading(self) -> None:
        lines = ("Test BV\t11\tKosten", "", "Zaaknummer 11", "", "Ongegrond.", "BIJLAGE Geschillenoverzicht", "Tekst.")
        assert parse_annual_report(_dispute_document(*lines)).disputes[0].ruling == "Ongegrond."

    def test_it_keeps_a_numbered_lesson(self) -> None:
        text = _dispute_document(
            "Test BV\t11\tKosten", "Test BV\t12\tKosten", "", "Zaaknummer 11", "", "Ongegrond.", "",
            "1. Eerder bellen.", "", "Zaaknummer 12", "", "Ongegrond.",
        )  # fmt: skip
        assert parse_annual_report(text).disputes[0].lesson == "1. Eerder bellen."


# --- Refusals ----------------------------------------------------------------------------------------


class TestRefusals:
    def test_it_refuses_a_second_appendix_1(self) -> None:
        text = _document(_row("A")) + "\nBijlage 1 Klachtenoverzicht\n" + _HEADER + "\n" + _row("B")
        error = _parse_error(text)
        assert (error.line, error.field) == (text.split("\n").index("Bijlage 1 Klachtenoverzicht", 5) + 1, "appendix")
        assert "second appendix 1 (the first starts on line 5)" in error.reason

    def test_it_refuses_a_nul_character_naming_its_line(self) -> None:
        error = _parse_error(_document(_row("A"), _row("B\x00")))
        assert error.line == 10
        assert "NUL" in error.reason

    def test_it_refuses_cdata_markup_in_a_cell(self) -> None:
        error = _parse_error(_document(_row("A"), _row("B", "<p>tekst <![CDATA[x]]></p>")))
        assert (error.line, error.field) == (10, "markup")

    def test_it_reports_the_line_of_the_stated_total(self) -> None:
        report = parse_annual_report(_dispute_document("Test BV\t11\tKosten"))
        assert report.facts.total == 1204
        assert report.facts.total_line == 5
        assert report.appendix_line == _dispute_document().split("\n").index("Bijlage 1 Klachtenoverzicht") + 1


# --- Linear time on pathological input ----------------------------------------------------------------

_MB = 1_000_000


def _timed_parse(text: str) -> float:
    started = time.perf_counter()
    try:
        parse_annual_report(text)
    except ParseError:
        pass
    return time.perf_counter() - started


class TestPathologicalInput:
    # Each took minutes before (a backtracking heading regex, html.parser on unclosed tags);
    # linear code does each in well under a second, the bound leaves room for a busy machine.
    LIMIT = 10.0

    @pytest.mark.parametrize(
        ("line", "vary"),
        [
            pytest.param(149, lambda line: line + " " * _MB + "x", id="spaces-after-appendix-heading"),
            pytest.param(5, lambda line: line + " " * _MB + "x", id="spaces-after-title"),
            pytest.param(5, lambda line: "Klachtenjaarverslag" + " " * _MB + "x", id="spaces-in-title"),
            pytest.param(82, lambda line: "1." + "1" * _MB + "!", id="digits-like-a-heading"),
            pytest.param(153, lambda line: line.replace("\t", "\t" + " " * _MB, 1), id="spaces-in-a-cell"),
            pytest.param(153, lambda line: line.replace("\t", "\t" + "<p" * (_MB // 2), 3), id="unclosed-p"),
            pytest.param(153, lambda line: line.replace("\t", "\t" + "<b>" * (_MB // 3), 3), id="unopened-b"),
            pytest.param(153, lambda line: "\t" * _MB, id="a-million-tabs"),
            pytest.param(153, lambda line: "a" + "!" * _MB + "b" + line[line.index("\t") :], id="punctuation"),
            pytest.param(1483, lambda line: line + " " * _MB + "x", id="spaces-after-a-case-number"),
        ],
    )
    def test_it_answers_in_seconds(self, seed_lines: list[str], line: int, vary) -> None:
        lines = list(seed_lines)
        lines[line - 1] = vary(lines[line - 1])
        assert _timed_parse("\n".join(lines)) < self.LIMIT

    def test_html_to_text_is_linear_on_unclosed_tags(self) -> None:
        started = time.perf_counter()
        assert html_to_text("<p" * (_MB // 2)) == ""
        assert html_to_text("<div>" * (_MB // 5) + "x") == "x"
        assert time.perf_counter() - started < self.LIMIT

"""The seed import, checked against figures this file derives from the raw
text on its own (a few lines of counting, not the importer's parser)."""

import io
import json
import re
import shutil
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import TestCase

from complaints.models import Channel, Complaint, ComplaintEvent, Status
from disputes.models import Dispute, Outcome
from imports.services import AnnualReportImportError, annual_report_import
from organisation.models import LegalEntity, Location, YearFacts

SEED = Path(settings.BASE_DIR) / "data" / "seed" / "klachtenjaarverslag-2025.txt"


def _plain(cell: str) -> str:
    return re.sub(r"<[^>]+>", "", cell).strip()


def independent_figures(path: Path) -> dict:
    """Count appendix 1 straight from the file: rows with six cells whose label
    cell holds text that is not a dash separator are complaints."""
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("Naam locatie\tLabel\t"))
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("Bijlage 2"))
    rows = [line.split("\t") for line in lines[start + 1 : end] if line.count("\t") == 5]
    main = [row for row in rows if _plain(row[1]) and not set(_plain(row[1])) <= {"-"}]
    verdicts = Counter(_plain(row[5]).lower() or "unknown" for row in main)
    return {
        "total": len(main),
        "by_category": dict(Counter(_plain(row[2]) for row in main)),
        "by_label": dict(Counter(_plain(row[1]) for row in main)),
        "by_verdict": {key: verdicts.get(key, 0) for key in ("ja", "deels", "nee", "unknown")},
        "locations": len({re.sub(r"[\W_]+", "", _plain(row[0]).casefold()) for row in main if _plain(row[0])}),
        "no_location": sum(1 for row in main if not _plain(row[0])),
    }


def figures_for_year(*, year: int) -> dict:
    """The figures as the ``report_figures`` command prints them."""
    out = io.StringIO()
    call_command("report_figures", year=year, stdout=out)
    return json.loads(out.getvalue())


def run_import(path: Path = SEED, **kwargs):
    return annual_report_import(path=path, year=kwargs.pop("year", 2025), **kwargs)


class SeedImportTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.result = run_import()
        cls.expected = independent_figures(SEED)

    def test_it_imports_exactly_what_appendix_1_holds(self):
        figures = figures_for_year(year=2025)
        self.assertEqual(figures["total"], self.expected["total"])
        self.assertEqual(figures["by_category"], self.expected["by_category"])
        self.assertEqual(figures["by_label"], self.expected["by_label"])
        self.assertEqual(figures["by_verdict"], self.expected["by_verdict"])
        self.assertEqual(figures["locations"], self.expected["locations"])

    def test_it_matches_the_figures_the_report_states(self):
        figures = figures_for_year(year=2025)
        self.assertEqual(figures["total"], 513)
        self.assertEqual(figures["by_category"]["Planning en plaatsing"], 38)
        self.assertEqual(len(figures["by_category"]), 24)
        self.assertEqual(
            figures["disputes"], {"total": 6, "by_label": {"Partou B.V.": 4, "Smallsteps B.V.": 2}, "upheld": 1}
        )

    def test_it_numbers_the_complaints_in_appendix_order_without_inventing_dates(self):
        first = Complaint.objects.get(reference="K2025-00001")
        last = Complaint.objects.get(reference="K2025-00513")
        self.assertEqual(first.location.name, "Partou KDV Schinkelstraat 158")
        self.assertEqual(last.location.name, "BSO Heppie")
        self.assertEqual((first.appendix_position, last.appendix_position), (1, 513))
        self.assertFalse(Complaint.objects.filter(year=2025, received_at__isnull=False).exists())
        self.assertFalse(Complaint.objects.filter(year=2025, closed_at__isnull=False).exists())
        self.assertEqual(
            set(Complaint.objects.values_list("status", "channel").distinct()), {(Status.CLOSED, "import")}
        )

    def test_it_merges_a_row_continued_after_a_page_break(self):
        complaint = Complaint.objects.get(reference="K2025-00003")
        self.assertIn("Ook ervaren ouders veel onrust, weinig medewerkers", complaint.description)
        self.assertTrue(complaint.description.endswith("hopen dat het vertrouwen hersteld kan worden."))
        self.assertIn("De gemaakte afspraken zouden hierna ook met ouder besproken worden.", complaint.solution)
        self.assertEqual(complaint.verdict, "deels")

    def test_it_turns_html_into_paragraphs_and_list_items(self):
        complaint = Complaint.objects.get(reference="K2025-00005")
        self.assertNotIn("<p>", complaint.description)
        self.assertIn(
            "bevestigd door een andere pedagogisch professional op locatie.\n\nOuder maakt melding",
            complaint.description,
        )
        listed = Complaint.objects.get(description__contains="Ouder wenst te horen:")
        self.assertIn("Ouder wenst te horen:\n\n- wanneer er vast personeel komt", listed.description)
        self.assertIn("\n- bevestiging naleving wet- en regelgeving\n", listed.description)
        self.assertFalse(Complaint.objects.filter(description__contains="<").exists())

    def test_it_makes_one_location_of_one_place_written_differently(self):
        kanaalweg = Location.objects.get(name="Partou KDV Kanaalweg 176")
        # Printed "Partou KDV Kanaalweg 176" on lines 781 and 793, "Partou KDV Ka-naalweg 176" once.
        self.assertEqual(kanaalweg.complaints.count(), 3)
        self.assertTrue(Location.objects.filter(name="Partou KDV Cyclopenstraat 14").exists())
        self.assertTrue(Location.objects.filter(name="Partou BSO Koningskinderen De Sterrendaalders").exists())
        self.assertFalse(Location.objects.filter(name__contains="- ").exclude(name__contains=" - ").exists())
        self.assertTrue(Location.objects.filter(name="Move-it").exists())

    def test_it_keeps_complaints_without_location_or_verdict_as_unknown(self):
        self.assertEqual(Complaint.objects.filter(location__isnull=True).count(), self.expected["no_location"])
        self.assertEqual(self.expected["no_location"], 3)
        self.assertEqual(Complaint.objects.filter(verdict="").count(), 12)

    def test_it_keeps_a_row_that_repeats_another(self):
        repeated = Complaint.objects.filter(description__startswith="Ouders melden ernstige tekortkomingen")
        self.assertEqual(sorted(repeated.values_list("reference", flat=True)), ["K2025-00402", "K2025-00410"])

    def test_it_records_the_import_in_each_complaints_history(self):
        event = Complaint.objects.get(reference="K2025-00003").events.get()
        self.assertEqual((event.kind, event.actor_label), ("complaint.imported", "import"))
        self.assertEqual(event.data["line"], 154)

    def test_it_imports_the_disputes_with_their_outcome(self):
        upheld = Dispute.objects.get(case_number="1209858")
        self.assertEqual(upheld.outcome, Outcome.UPHELD)
        self.assertEqual(upheld.amount_awarded, Decimal("25.00"))
        self.assertTrue(upheld.lesson.startswith("Deze casus onderstreept"))
        self.assertEqual(upheld.legal_entity.name, "Partou B.V.")
        costs = Dispute.objects.get(case_number="754986")
        self.assertEqual(sorted(costs.subjects.values_list("name", flat=True)), ["Algemene voorwaarden", "Kosten"])
        self.assertEqual(costs.outcome, Outcome.NOT_UPHELD)
        self.assertEqual(Dispute.objects.get(case_number="946914").outcome, Outcome.SETTLED)
        self.assertFalse(Dispute.objects.exclude(case_number="1209858").exclude(lesson="").exists())

    def test_it_stores_the_yearly_facts_the_report_states(self):
        this_year = YearFacts.objects.get(year=2025)
        self.assertEqual((this_year.children_served, this_year.published_complaint_rate), (72684, Decimal("0.71")))
        self.assertEqual((this_year.locations_count, this_year.employees_count), (753, 11000))
        previous = YearFacts.objects.get(year=2024)
        self.assertEqual(previous.published_total_complaints, 538)
        self.assertEqual(previous.published_complaint_rate, Decimal("0.74"))
        self.assertEqual(
            dict(previous.category_totals.values_list("category_name", "total")), {"Planning en plaatsing": 81}
        )

    def test_a_second_run_changes_nothing(self):
        events = ComplaintEvent.objects.count()
        result = run_import()
        self.assertFalse(result.changed_anything)
        self.assertEqual(result.unchanged["complaint"], 513)
        self.assertEqual(ComplaintEvent.objects.count(), events)
        self.assertEqual(Location.objects.count(), self.expected["locations"])
        self.assertEqual(LegalEntity.objects.count(), 2)

    def test_a_second_run_restores_a_changed_text_and_records_it(self):
        Complaint.objects.filter(reference="K2025-00010").update(solution="gewijzigd")
        result = run_import()
        self.assertEqual(result.updated["complaint"], 1)
        complaint = Complaint.objects.get(reference="K2025-00010")
        event = complaint.events.get(kind="complaint.import_updated")
        self.assertEqual(event.data["changes"]["solution"][0], "gewijzigd")
        self.assertEqual(event.data["changes"]["solution"][1], complaint.solution)

    def test_the_command_says_when_nothing_changed(self):
        out = io.StringIO()
        call_command("import_annual_report", str(SEED), year=2025, stdout=out, stderr=io.StringIO())
        self.assertIn("nothing changed", out.getvalue())


class ImportFailureTests(TestCase):
    def broken_copy(self, line_number: int, replace) -> Path:
        folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, folder)
        lines = SEED.read_text(encoding="utf-8").split("\n")
        lines[line_number - 1] = replace(lines[line_number - 1])
        path = folder / "kapot.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        return path

    def test_a_malformed_row_names_file_and_line_and_writes_nothing(self):
        path = self.broken_copy(699, lambda line: line.replace("\t", " ", 1))
        with self.assertRaises(AnnualReportImportError) as caught:
            run_import(path)
        self.assertIn(f"{path}:699", str(caught.exception))
        self.assertEqual(Complaint.objects.count(), 0)
        self.assertEqual(Location.objects.count(), 0)

    def test_a_malformed_file_leaves_an_earlier_import_untouched(self):
        run_import()
        before = list(Complaint.objects.order_by("id").values_list("id", "description", "verdict"))
        path = self.broken_copy(160, lambda line: line.rsplit("\t", 1)[0] + "\tMisschien")
        with self.assertRaises(CommandError) as caught:
            call_command("import_annual_report", str(path), year=2025, stdout=io.StringIO(), stderr=io.StringIO())
        self.assertIn(":160", str(caught.exception))
        self.assertIn("verdict", str(caught.exception))
        self.assertEqual(list(Complaint.objects.order_by("id").values_list("id", "description", "verdict")), before)

    def test_the_year_must_match_the_report(self):
        with self.assertRaisesMessage(AnnualReportImportError, "not 2024"):
            run_import(year=2024)

    def test_a_dry_run_counts_but_writes_nothing(self):
        result = run_import(dry_run=True)
        self.assertEqual(result.created["complaint"], 513)
        self.assertEqual(Complaint.objects.count(), 0)
        self.assertEqual(Dispute.objects.count(), 0)

    def test_it_refuses_references_already_used_by_registered_complaints(self):
        from config.testing import register

        entity = LegalEntity.objects.create(name="Partou B.V.")
        location = Location.objects.create(name="Elders", legal_entity=entity)
        complaint = register(location=location)
        Complaint.objects.filter(pk=complaint.pk).update(year=2025, reference="K2025-00001", sequence=1)
        with self.assertRaisesMessage(AnnualReportImportError, "K2025-00001"):
            run_import()
        self.assertEqual(Complaint.objects.filter(channel=Channel.IMPORT).count(), 0)

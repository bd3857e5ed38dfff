import time
from pathlib import Path

from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError, CommandParser

from annualreport.builder import AnnualReportDocument, ReportNotReady
from annualreport.exporters import FORMAT_NAMES, export
from annualreport.figures import Scope
from annualreport.outline import Variant
from annualreport.selectors import legal_entity_find, location_find
from annualreport.services import AnnualReportError, annual_report_get_or_create


class Command(BaseCommand):
    help = (
        "Make the annual complaint report of a year as PDF, Word, spreadsheet (appendix 1) or HTML; "
        "with --variant ggd the statutory report of one location or legal entity."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", dest="format_name", choices=FORMAT_NAMES, required=True)
        parser.add_argument("--output", type=Path, help="file to write (default: the report's own file name)")
        parser.add_argument("--variant", choices=[v.value for v in Variant], default=Variant.FULL.value)
        parser.add_argument("--location", help="GGD variant: the location, by id or name")
        parser.add_argument("--legal-entity", dest="legal_entity", help="GGD variant: the legal entity, by id or name")
        parser.add_argument(
            "--final",
            action="store_true",
            help="the final version: refused while a text or publication text still needs the editor",
        )

    def handle(
        self,
        *args,
        year: int,
        format_name: str,
        output: Path | None,
        variant: str,
        location: str | None,
        legal_entity: str | None,
        final: bool,
        **options,
    ) -> None:
        started = time.perf_counter()
        scope = self._scope(Variant(variant), location, legal_entity)
        self._step(f"Jaarverslag {year}: teksten laden")
        try:
            report = annual_report_get_or_create(year=year)
            self._step("Cijfers berekenen en teksten invullen")
            doc = AnnualReportDocument(report=report, variant=Variant(variant), scope=scope, final=final)
        except ReportNotReady as error:
            raise CommandError(
                "De definitieve versie kan nog niet worden gemaakt:\n- " + "\n- ".join(error.problems)
            ) from None
        except AnnualReportError as error:
            raise CommandError(" ".join(error.problems)) from None
        if doc.problems:
            self.stdout.write(self.style.WARNING(f"Concept: {len(doc.problems)} punt(en) open"))
            for problem in doc.problems:
                self.stdout.write(f"  - {problem}")
        self._step(f"{doc.figures.total} klachten, {len(doc.entries)} hoofdstukken en bijlagen")
        self._step(f"{format_name.upper()} maken")
        export_started = time.perf_counter()
        result = export(doc, format_name)
        export_seconds = time.perf_counter() - export_started
        path = output or Path(result.filename)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(result.content)
        total_seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Geschreven: {path} ({len(result.content):,} bytes, {'definitief' if doc.is_final else 'concept'}). "
                f"{format_name.upper()} gemaakt in {export_seconds:.1f} s; totaal {total_seconds:.1f} s."
            )
        )

    def _step(self, text: str) -> None:
        self.stdout.write(f"… {text}")
        self.stdout.flush()

    def _scope(self, variant: Variant, location: str | None, legal_entity: str | None) -> Scope:
        if variant == Variant.FULL:
            if location or legal_entity:
                raise CommandError("--location en --legal-entity horen bij --variant ggd.")
            return Scope()
        if bool(location) == bool(legal_entity):
            raise CommandError("Geef bij --variant ggd precies één van --location of --legal-entity.")
        try:
            if location:
                return Scope(location=location_find(location))
            return Scope(legal_entity=legal_entity_find(legal_entity or ""))
        except ObjectDoesNotExist:
            raise CommandError(f"Niet gevonden: {location or legal_entity!r}.") from None
        except MultipleObjectsReturned:
            raise CommandError(f"Meer dan één gevonden voor {location or legal_entity!r}; gebruik het id.") from None

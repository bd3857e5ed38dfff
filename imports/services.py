"""Import of a published annual complaint report (the seed is one).

Two phases, as in pretix's modelimport: first the whole file is parsed and
validated, with errors naming the file, line and reason; then everything is
written in one transaction. Running it twice changes nothing the second time.

The import is strict: it refuses a report whose appendix holds another number
of complaints than its text states, a category outside the year's taxonomy, a
label that is no known legal entity, a dispute that belongs to another year and
values the database cannot hold. "Known" means: a legal entity is in the
database or named in the report's own text (the seed's colofon names both); a
category is in the year's taxonomy once that exists. The first import of a year
creates its taxonomy from appendix 1, as `make seed` does for 2025."""

import enum
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Model
from django.utils import timezone

from complaints.models import (
    Category,
    Channel,
    Complaint,
    ComplaintEvent,
    EventKind,
    ReferenceCounter,
    Status,
    TaxonomyVersion,
)
from complaints.search import search_index_deferred
from complaints.services import apply_changes, event_record, format_reference
from disputes.models import Dispute, DisputeSubject, Outcome
from imports.parser import ParsedReport, ParseError, canonical_location_names, parse_report_lines, split_lines
from organisation.keys import search_text
from organisation.models import CareType, LegalEntity, Location, PublishedCategoryTotal, YearFacts, match_key

IMPORT_ACTOR = "import"
IMPORTED_KIND = EventKind.COMPLAINT_IMPORTED  # written in batches, not one event_record call per row

# A published cell is a few hundred characters. The cap keeps a row far below what the
# database can index (PostgreSQL's full-text vector holds at most 1 MB per complaint).
MAX_TEXT_LENGTH = 20_000
_MAX_INTEGER = 2_147_483_647  # PositiveIntegerField on PostgreSQL
_MAX_ERRORS = 20
_BATCH_SIZE = 2_000
_FOREIGN_KEYS = ("legal_entity", "location", "category")

# Words in a location's name that say which care it offers ("Partou BSO Oceaan 16").
_CARE_TYPE_WORDS = {
    CareType.DAGOPVANG: {"kdv", "kinderdagverblijf", "dagopvang"},
    CareType.BSO: {"bso", "buitenschoolse"},
    CareType.PEUTEROPVANG: {"psz", "peuteropvang", "peuterspeelzaal", "peutergroep"},
    CareType.GASTOUDEROPVANG: {"gastouder", "gastouderopvang", "gastouderbureau"},
}


class AnnualReportImportError(Exception):
    """The file cannot be imported; the message names the file, line and field."""


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """What the import may accept beyond a report that agrees with itself and the database."""

    accept_count_mismatch: bool = False
    allow_new_categories: bool = False
    allow_new_entities: bool = False


@dataclass
class ImportResult:
    source: str
    year: int
    dry_run: bool
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    @property
    def changed_anything(self) -> bool:
        return bool(sum(self.created.values()) or sum(self.updated.values()))


class _DryRunRollback(Exception):
    pass


def care_types_in_name(name: str) -> set[str]:
    words = set(re.findall(r"\w+", name.casefold()))
    return {care_type for care_type, markers in _CARE_TYPE_WORDS.items() if words & markers}


def annual_report_import(
    *,
    path: Path,
    year: int,
    dry_run: bool = False,
    options: ImportOptions = ImportOptions(),  # noqa: B008 (frozen, so sharing it is safe)
    encoding: str = "utf-8",
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    # Only the lines are kept: a large file's text is not held twice while it is parsed.
    lines = split_lines(read_report(path, encoding=encoding))
    try:
        report = parse_report_lines(lines, source=str(path))
    except ParseError as exc:
        raise AnnualReportImportError(str(exc)) from exc
    del lines
    result = ImportResult(source=str(path), year=year, dry_run=dry_run)
    _validate(report, year=year, source=str(path), options=options, result=result)

    try:
        with transaction.atomic():
            _write(report, year=year, result=result, progress=progress)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return result


def read_report(path: Path, *, encoding: str = "utf-8") -> str:
    """The file as text; a byte the encoding cannot read is reported by its line."""
    try:
        "".encode(encoding)  # LookupError for a name that is no text encoding ("rot13")
    except LookupError:
        raise AnnualReportImportError(f"{path}: unknown text encoding {encoding!r} (--encoding)") from None
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AnnualReportImportError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        before = data[: exc.start].replace(b"\r\n", b"\n")
        line = before.count(b"\n") + before.count(b"\r") + 1
        hint = " (a Latin-1 or Windows-1252 file is read with --encoding cp1252)" if encoding != "cp1252" else ""
        raise AnnualReportImportError(
            f"{path}:{line}: encoding: byte 0x{data[exc.start]:02x} is not valid {encoding}{hint}"
        ) from None


def _max_length(model: type, name: str) -> int:
    return model._meta.get_field(name).max_length


def _first_lines(values: list[tuple[str, int]]) -> dict[str, int]:
    first: dict[str, int] = {}
    for value, line in values:
        first.setdefault(value, line)
    return first


def _named_in(prose: str) -> Callable[[str], bool]:
    folded = " ".join(prose.split()).casefold()
    return lambda name: " ".join(name.split()).casefold() in folded


def _validate(report: ParsedReport, *, year: int, source: str, options: ImportOptions, result: ImportResult) -> None:
    """Every check before anything is written; all problems are reported at once."""
    if not 2000 <= year <= 2100:
        raise AnnualReportImportError(f"{source}: year {year} is outside 2000-2100 (--year)")
    if report.year is not None and report.year != year:
        raise AnnualReportImportError(f"{source}: the report is about {report.year}, not {year} (--year)")
    if not report.complaints:
        raise AnnualReportImportError(f"{source}:{report.appendix_line}: appendix 1 holds no complaints")
    errors: list[str] = []

    def error(line: int | None, field_name: str, reason: str) -> None:
        where = source if line is None else f"{source}:{line}"
        errors.append(f"{where}: {field_name}: {reason}")

    total = len(report.complaints)
    stated = report.facts.total
    if stated is None:
        result.warnings.append("the text states no total number of complaints; the count was not checked")
    elif stated != total:
        difference = f"the text states {stated} complaints, appendix 1 (line {report.appendix_line}) holds {total}"
        if options.accept_count_mismatch:
            result.warnings.append(f"{difference} (difference {total - stated:+d}); imported as the appendix holds")
        else:
            error(report.facts.total_line, "count", f"{difference}; --accept-count-mismatch imports them anyway")

    _validate_lengths(report, error)
    _validate_facts(report, error)

    labels = _first_lines([(c.label, c.line) for c in report.complaints])
    known_entities = set(LegalEntity.objects.values_list("match_key", flat=True))
    named = _named_in(report.prose)
    for label, line in labels.items():
        if match_key(label) in known_entities or named(label) or options.allow_new_entities:
            continue
        error(
            line,
            "label",
            f"{label!r} is not a known legal entity (not in the database, not named in the report's text); "
            "--allow-new-entities creates it",
        )
    report_entities = known_entities | {match_key(label) for label in labels}
    for dispute in report.disputes:
        if match_key(dispute.party_name) not in report_entities:
            error(dispute.line, "party", f"{dispute.party_name!r} is not a legal entity of this report")

    version = TaxonomyVersion.objects.filter(year=year).first()
    if version is not None and not options.allow_new_categories:
        taxonomy = set(version.categories.values_list("name", flat=True))
        for category, line in _first_lines([(c.category, c.line) for c in report.complaints]).items():
            if category not in taxonomy:
                error(
                    line,
                    "category",
                    f"{category!r} is not in the taxonomy {version.name!r}; --allow-new-categories adds it",
                )

    case_lines = {d.case_number: d.line for d in report.disputes}
    elsewhere = Dispute.objects.filter(case_number__in=case_lines).exclude(year=year).values_list("case_number", "year")
    for case_number, other_year in elsewhere:
        error(case_lines[case_number], "case_number", f"case {case_number} already belongs to {other_year}")

    conflicting = (
        Complaint.objects.filter(year=year, sequence__lte=total)
        .exclude(channel=Channel.IMPORT)
        .values_list("reference", flat=True)[:3]
    )
    if conflicting:
        error(None, "reference", f"{', '.join(conflicting)} are already used by registered complaints of {year}")

    if errors:
        shown = errors[:_MAX_ERRORS]
        if len(errors) > _MAX_ERRORS:
            shown.append(f"{source}: and {len(errors) - _MAX_ERRORS} more problems")
        raise AnnualReportImportError("\n".join(shown))


def _validate_lengths(report: ParsedReport, error: Callable[[int | None, str, str], None]) -> None:
    limits = {
        "label": _max_length(LegalEntity, "name"),
        "category": _max_length(Category, "name"),
        "location": min(_max_length(Location, "name"), _max_length(Location, "match_key")),
        "case_number": _max_length(Dispute, "case_number"),
        "subject": _max_length(DisputeSubject, "name"),
    }

    def check(line: int, field_name: str, value: str, limit: int) -> None:
        if len(value) > limit:
            error(line, field_name, f"{len(value)} characters, at most {limit} fit")

    for complaint in report.complaints:
        check(complaint.line, "label", complaint.label, limits["label"])
        check(complaint.line, "category", complaint.category, limits["category"])
        if complaint.location_name:
            # The key can be longer than the name: casefolding turns "ß" into "ss".
            longest = max(len(complaint.location_name), len(match_key(complaint.location_name)))
            if longest > limits["location"]:
                error(complaint.line, "location", f"{longest} characters, at most {limits['location']} fit")
        check(complaint.line, "description", complaint.description, MAX_TEXT_LENGTH)
        check(complaint.line, "solution", complaint.solution, MAX_TEXT_LENGTH)
    for dispute in report.disputes:
        check(dispute.line, "case_number", dispute.case_number, limits["case_number"])
        for subject in dispute.subjects:
            check(dispute.line, "subject", subject, limits["subject"])
        check(dispute.line, "ruling", dispute.ruling, MAX_TEXT_LENGTH)
        check(dispute.line, "lesson", dispute.lesson, MAX_TEXT_LENGTH)
        if dispute.amount_awarded is not None and not _fits_decimal(dispute.amount_awarded, digits=10, places=2):
            error(dispute.line, "amount", f"{dispute.amount_awarded} does not fit 10 digits with 2 decimals")


def _fits_decimal(value: Decimal, *, digits: int, places: int) -> bool:
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and -exponent <= places and value.adjusted() < digits - places


def _validate_facts(report: ParsedReport, error: Callable[[int | None, str, str], None]) -> None:
    facts = report.facts
    integers = {
        "total": facts.total,
        "previous_total": facts.previous_total,
        "children_served": facts.children_served,
        "disputes_total": facts.disputes_total,
        "previous_disputes_total": facts.previous_disputes_total,
        "locations_count": facts.locations_count,
        "employees_count": facts.employees_count,
        **{f"previous total of {name!r}": total for name, total in facts.previous_by_category.items()},
    }
    for name, value in integers.items():
        if value is not None and value > _MAX_INTEGER:
            error(None, "facts", f"{name} {value} is larger than {_MAX_INTEGER}")
    for name, rate in (("rate", facts.rate_percent), ("previous_rate", facts.previous_rate_percent)):
        if rate is not None and not _fits_decimal(rate, digits=5, places=2):
            error(None, "facts", f"{name} {rate}% does not fit 5 digits with 2 decimals")
    limit = _max_length(PublishedCategoryTotal, "category_name")
    for name in facts.previous_by_category:
        if len(name) > limit:
            error(None, "facts", f"category heading of {len(name)} characters, at most {limit} fit")


def _count(result: ImportResult, kind: str, created: bool, changed: bool) -> None:
    if created:
        result.created[kind] += 1
    elif changed:
        result.updated[kind] += 1
    else:
        result.unchanged[kind] += 1


def _upsert(model: type, result: ImportResult, kind: str, lookup: dict[str, Any], values: dict[str, Any]) -> Any:
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        _count(result, kind, created=True, changed=False)
        return obj
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()
    _count(result, kind, created=False, changed=changed)
    return obj


def _plain(value: Any) -> Any:
    # A TextChoices member is a str, but a driver may write an enum by its name.
    return value.value if isinstance(value, enum.Enum) else value


class _RowInserter:
    """INSERTs many rows of one model: one COPY on PostgreSQL, one executemany on SQLite.

    bulk_create prepares every value of every row through the ORM, which was most of the
    time of a 100,000-row import. Here the values that are the same for every row
    (defaults, the timestamps) are prepared once from a sample instance; each row only
    gives the columns that differ, as plain values the driver takes as they are. On
    PostgreSQL, COPY instead of one INSERT statement per row halves the server's work.
    """

    def __init__(self, sample: Model) -> None:
        model = type(sample)
        self.connection = connections[router.db_for_write(model)]
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        now = timezone.now()
        for f in fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                setattr(sample, f.attname, now)
        self.template = [
            _plain(f.get_db_prep_save(getattr(sample, f.attname), connection=self.connection)) for f in fields
        ]
        self.position = {f.attname: index for index, f in enumerate(fields)}
        quote = self.connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        table = quote(model._meta.db_table)
        self.copy = self.connection.vendor == "postgresql"
        if self.copy:
            self.sql = f"COPY {table} ({columns}) FROM STDIN"
        else:
            self.sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})"

    def _values(self, rows: Iterable[dict[str, Any]]) -> Iterator[list[Any]]:
        position, template = self.position, self.template
        for row in rows:
            values = list(template)
            for name, value in row.items():
                values[position[name]] = _plain(value)
            yield values

    def insert(self, rows: Iterable[dict[str, Any]]) -> None:
        with self.connection.cursor() as cursor:
            if self.copy:
                # Django's wrapper has no copy(): the psycopg cursor behind it has.
                with cursor.cursor.copy(self.sql) as copy:
                    for values in self._values(rows):
                        copy.write_row(values)
            else:
                cursor.executemany(self.sql, list(self._values(rows)))


def _write(
    report: ParsedReport, *, year: int, result: ImportResult, progress: Callable[[int, int], None] | None
) -> None:
    entities: dict[str, LegalEntity] = {}
    for label in dict.fromkeys(c.label for c in report.complaints):
        key = match_key(label)
        entity = LegalEntity.objects.filter(match_key=key).first()
        if entity is None:
            entity = LegalEntity.objects.create(name=label)
            _count(result, "legal_entity", created=True, changed=False)
        else:
            _count(result, "legal_entity", created=False, changed=False)
        entities[key] = entity

    version = _write_taxonomy(report, year=year, result=result)
    categories = {c.name: c for c in version.categories.all()}
    locations = _write_locations(report, entities=entities, result=result)

    care_of = {location.pk: care_types_in_name(location.name) for location in locations.values()}
    total = len(report.complaints)
    existing = {c.sequence: c for c in Complaint.objects.filter(year=year, channel=Channel.IMPORT)}
    source_name = Path(report.source).name
    # New complaints and their "imported" history go in in batches: one INSERT per row
    # made a 100,000-row appendix take minutes.
    batch: list[tuple[dict[str, Any], int]] = []
    complaints = _RowInserter(
        Complaint(year=year, channel=Channel.IMPORT, status=Status.CLOSED, publication_reviewed=True)
    )
    events = _RowInserter(ComplaintEvent(kind=IMPORTED_KIND, actor_label=IMPORT_ACTOR))
    data_field = ComplaintEvent._meta.get_field("data")

    def flush() -> None:
        complaints.insert(row for row, _ in batch)
        sequences = [row["sequence"] for row, _ in batch]
        ids = dict(
            Complaint.objects.filter(
                year=year, channel=Channel.IMPORT, sequence__gte=min(sequences), sequence__lte=max(sequences)
            ).values_list("sequence", "id")
        )
        events.insert(
            {
                "complaint_id": ids[row["sequence"]],
                "data": data_field.get_db_prep_save({"source": source_name, "line": line}, events.connection),
            }
            for row, line in batch
        )
        result.created["complaint"] += len(batch)
        batch.clear()

    # On SQLite the full-text rows of the new complaints are written once at the end,
    # not by the per-row trigger (most of a large import's time otherwise).
    with search_index_deferred():
        for parsed in report.complaints:
            printed_location = locations.get(match_key(parsed.location_name)) if parsed.location_name else None
            care_types = set(care_of[printed_location.pk]) if printed_location else set()
            # A historical name merged into a register location (issue 12) stays merged; the
            # appendix keeps printing the name as published.
            location = printed_location.current if printed_location else None
            values = {
                "reference": format_reference(year, parsed.position),
                "appendix_position": parsed.position,
                "channel": Channel.IMPORT,
                "legal_entity": entities[match_key(parsed.label)],
                "location": location,
                "location_name_published": printed_location.name if printed_location else "",
                "category": categories[parsed.category],
                "care_type": care_types.pop() if len(care_types) == 1 else "",
                "description": parsed.description,
                "solution": parsed.solution,
                "verdict": parsed.verdict or "",
                "status": Status.CLOSED,
                # The published appendix is already anonymised: its text is the publication text.
                "publication_text": parsed.description,
                "publication_reviewed": True,
            }
            complaint = existing.get(parsed.position)
            if complaint is None:
                row = {
                    **{name: value for name, value in values.items() if name not in _FOREIGN_KEYS},
                    **{f"{name}_id": values[name].pk if values[name] else None for name in _FOREIGN_KEYS},
                    "sequence": parsed.position,
                }
                batch.append((row, parsed.line))
                if len(batch) >= _BATCH_SIZE:
                    flush()
            else:
                changes = apply_changes(complaint, values)
                if changes:
                    complaint.save()
                    event_record(
                        complaint=complaint,
                        kind=EventKind.COMPLAINT_IMPORT_UPDATED,
                        actor_label=IMPORT_ACTOR,
                        changes=changes,
                        data={"source": source_name, "line": parsed.line},
                    )
                _count(result, "complaint", created=False, changed=bool(changes))
            if progress and (parsed.position % _BATCH_SIZE == 0 or parsed.position == total):
                progress(parsed.position, total)
        if batch:
            flush()

    stale = sorted(set(existing) - {c.position for c in report.complaints})
    if stale:
        result.warnings.append(
            f"{len(stale)} earlier imported complaints of {year} are not in this file and were left as they are"
        )
    counter, _ = ReferenceCounter.objects.get_or_create(year=year)
    if counter.last < total:
        counter.last = total
        counter.save(update_fields=["last"])

    _write_disputes(report, year=year, entities=entities, result=result)
    _write_year_facts(report, year=year, result=result)


def _write_taxonomy(report: ParsedReport, *, year: int, result: ImportResult) -> TaxonomyVersion:
    version = TaxonomyVersion.objects.filter(year=year).first()
    if version is None:
        previous = TaxonomyVersion.objects.filter(year=year - 1).first()
        version = TaxonomyVersion.objects.create(year=year, name=f"Indeling {year}", previous=previous)
        _count(result, "taxonomy_version", created=True, changed=False)
    existing = {c.name for c in version.categories.all()}
    next_position = len(existing)
    for name in report.categories:
        if name in existing:
            _count(result, "category", created=False, changed=False)
            continue
        next_position += 1
        Category.objects.create(version=version, name=name, position=next_position)
        _count(result, "category", created=True, changed=False)
    return version


def _write_locations(
    report: ParsedReport, *, entities: dict[str, LegalEntity], result: ImportResult
) -> dict[str, Location]:
    printed = [c.location_name for c in report.complaints if c.location_name]
    display = canonical_location_names(printed)
    first_label: dict[str, str] = {}
    for parsed in report.complaints:
        if parsed.location_name:
            first_label.setdefault(match_key(parsed.location_name), parsed.label)
    existing = {loc.match_key: loc for loc in Location.objects.filter(match_key__in=display)}
    new: list[Location] = []
    for key, name in display.items():
        if key in existing:
            _count(result, "location", created=False, changed=False)
            continue
        care = care_types_in_name(name)
        # bulk_create skips Location.save(), so the key is set here (the same match_key).
        new.append(
            Location(
                name=name,
                match_key=key,
                search_text=search_text(name),
                legal_entity=entities[match_key(first_label[key])],
                offers_dagopvang=CareType.DAGOPVANG in care,
                offers_peuteropvang=CareType.PEUTEROPVANG in care,
                offers_bso=CareType.BSO in care,
                offers_gastouderopvang=CareType.GASTOUDEROPVANG in care,
            )
        )
    Location.objects.bulk_create(new, batch_size=_BATCH_SIZE)
    result.created["location"] += len(new)
    return {**existing, **{location.match_key: location for location in new}}


_OUTCOMES = {
    "upheld": Outcome.UPHELD,
    "not_upheld": Outcome.NOT_UPHELD,
    "settled": Outcome.SETTLED,
    "withdrawn": Outcome.WITHDRAWN,
    None: Outcome.PENDING,
}


def _write_disputes(report: ParsedReport, *, year: int, entities: dict[str, LegalEntity], result: ImportResult) -> None:
    for parsed in report.disputes:
        key = match_key(parsed.party_name)
        values = {
            "legal_entity": entities.get(key) or LegalEntity.objects.get(match_key=key),
            "year": year,
            "outcome": _OUTCOMES[parsed.outcome],
            "ruling": parsed.ruling,
            "amount_awarded": parsed.amount_awarded,
            "lesson": parsed.lesson,
        }
        subjects = [DisputeSubject.objects.get_or_create(name=name)[0] for name in parsed.subjects]
        dispute = Dispute.objects.filter(case_number=parsed.case_number).first()
        if dispute is None:
            dispute = Dispute.objects.create(case_number=parsed.case_number, **values)
            dispute.subjects.set(subjects)
            _count(result, "dispute", created=True, changed=False)
            continue
        changed = False
        for name, value in values.items():
            if getattr(dispute, name) != value:
                setattr(dispute, name, value)
                changed = True
        if changed:
            dispute.save()
        if set(dispute.subjects.all()) != set(subjects):
            dispute.subjects.set(subjects)
            changed = True
        _count(result, "dispute", created=False, changed=changed)
    _adopt_report_order(report)


def _adopt_report_order(report: ParsedReport) -> None:
    """The published report's order of the dispute appendices (the seed: Smallsteps, then
    Partou) becomes the legal entities' report order, unless the organisation chose one."""
    keys = list(dict.fromkeys(match_key(parsed.party_name) for parsed in report.disputes))
    named = {entity.match_key: entity for entity in LegalEntity.objects.filter(match_key__in=keys)}
    if not named or any(entity.report_order for entity in named.values()):
        return
    for position, key in enumerate(keys, start=1):
        if key in named:
            LegalEntity.objects.filter(pk=named[key].pk).update(report_order=position)


def _write_year_facts(report: ParsedReport, *, year: int, result: ImportResult) -> None:
    facts = report.facts
    source = f"Klachtenjaarverslag {year}"
    this_year = {
        "children_served": facts.children_served,
        "published_total_complaints": facts.total,
        "published_complaint_rate": facts.rate_percent,
        "published_disputes_total": facts.disputes_total,
        "locations_count": facts.locations_count,
        "employees_count": facts.employees_count,
    }
    previous_year = {
        "published_total_complaints": facts.previous_total,
        "published_complaint_rate": facts.previous_rate_percent,
        "published_disputes_total": facts.previous_disputes_total,
    }
    for target_year, values in ((year, this_year), (year - 1, previous_year)):
        known = {name: value for name, value in values.items() if value is not None}
        if not known and not (target_year == year - 1 and facts.previous_by_category):
            continue
        year_facts = _upsert(YearFacts, result, "year_facts", {"year": target_year}, {**known, "source": source})
        if target_year == year - 1:
            for category_name, total in facts.previous_by_category.items():
                _upsert(
                    PublishedCategoryTotal,
                    result,
                    "published_category_total",
                    {"year_facts": year_facts, "category_name": category_name},
                    {"total": total},
                )

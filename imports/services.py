"""Import of a published annual complaint report (the seed is one).

Two phases, as in pretix's modelimport: first the whole file is parsed and
validated, with errors naming the line; then everything is written in one
transaction. Running it twice changes nothing the second time."""

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from complaints.models import Category, Channel, Complaint, ReferenceCounter, Status, TaxonomyVersion
from complaints.services import apply_changes, event_record, format_reference
from disputes.models import Dispute, DisputeSubject, Outcome
from imports.parser import ParsedReport, ParseError, canonical_location_names, parse_annual_report
from organisation.models import CareType, LegalEntity, Location, PublishedCategoryTotal, YearFacts, match_key

IMPORT_ACTOR = "import"

# Words in a location's name that say which care it offers ("Partou BSO Oceaan 16").
_CARE_TYPE_WORDS = {
    CareType.DAGOPVANG: {"kdv", "kinderdagverblijf", "dagopvang"},
    CareType.BSO: {"bso", "buitenschoolse"},
    CareType.PEUTEROPVANG: {"psz", "peuteropvang", "peuterspeelzaal", "peutergroep"},
    CareType.GASTOUDEROPVANG: {"gastouder", "gastouderopvang", "gastouderbureau"},
}


class AnnualReportImportError(Exception):
    """The file cannot be imported; the message names the file, line and field."""


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
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AnnualReportImportError(f"{path}: cannot be read: {exc}") from exc
    try:
        report = parse_annual_report(text, source=str(path))
    except ParseError as exc:
        raise AnnualReportImportError(str(exc)) from exc
    _validate(report, year=year, source=str(path))

    result = ImportResult(source=str(path), year=year, dry_run=dry_run)
    try:
        with transaction.atomic():
            _write(report, year=year, result=result, progress=progress)
            if dry_run:
                raise _DryRunRollback
    except _DryRunRollback:
        pass
    return result


def _validate(report: ParsedReport, *, year: int, source: str) -> None:
    if report.year is not None and report.year != year:
        raise AnnualReportImportError(f"{source}: the report is about {report.year}, not {year} (--year)")
    if not report.complaints:
        raise AnnualReportImportError(f"{source}: appendix 1 holds no complaints")
    known_entities = set(LegalEntity.objects.values_list("match_key", flat=True))
    known_entities |= {match_key(c.label) for c in report.complaints}
    for dispute in report.disputes:
        if match_key(dispute.party_name) not in known_entities:
            raise AnnualReportImportError(
                f"{source}:{dispute.line}: party: {dispute.party_name!r} is not a legal entity of this report"
            )
    conflicting = (
        Complaint.objects.filter(year=year, sequence__lte=len(report.complaints))
        .exclude(channel=Channel.IMPORT)
        .values_list("reference", flat=True)[:3]
    )
    if conflicting:
        raise AnnualReportImportError(
            f"{source}: references {', '.join(conflicting)} are already used by registered complaints of {year}"
        )


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

    total = len(report.complaints)
    existing = {c.sequence: c for c in Complaint.objects.filter(year=year, channel=Channel.IMPORT)}
    source_name = Path(report.source).name
    for parsed in report.complaints:
        location = locations.get(match_key(parsed.location_name)) if parsed.location_name else None
        care_types = care_types_in_name(location.name) if location else set()
        values = {
            "reference": format_reference(year, parsed.position),
            "appendix_position": parsed.position,
            "channel": Channel.IMPORT,
            "legal_entity": entities[match_key(parsed.label)],
            "location": location,
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
            complaint = Complaint.objects.create(year=year, sequence=parsed.position, **values)
            event_record(
                complaint=complaint,
                kind="complaint.imported",
                actor_label=IMPORT_ACTOR,
                data={"source": source_name, "line": parsed.line},
            )
            _count(result, "complaint", created=True, changed=False)
        else:
            changes = apply_changes(complaint, values)
            if changes:
                complaint.save()
                event_record(
                    complaint=complaint,
                    kind="complaint.import_updated",
                    actor_label=IMPORT_ACTOR,
                    changes=changes,
                    data={"source": source_name, "line": parsed.line},
                )
            _count(result, "complaint", created=False, changed=bool(changes))
        if progress:
            progress(parsed.position, total)

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
    if report.facts.total is not None and report.facts.total != total:
        result.warnings.append(
            f"the report states {report.facts.total} complaints, appendix 1 holds {total}; the appendix was imported"
        )


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
    locations: dict[str, Location] = {}
    for key, name in display.items():
        location = existing.get(key)
        if location is None:
            care = care_types_in_name(name)
            location = Location.objects.create(
                name=name,
                legal_entity=entities[match_key(first_label[key])],
                offers_dagopvang=CareType.DAGOPVANG in care,
                offers_peuteropvang=CareType.PEUTEROPVANG in care,
                offers_bso=CareType.BSO in care,
                offers_gastouderopvang=CareType.GASTOUDEROPVANG in care,
            )
            _count(result, "location", created=True, changed=False)
        else:
            _count(result, "location", created=False, changed=False)
        locations[key] = location
    return locations


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


def _write_year_facts(report: ParsedReport, *, year: int, result: ImportResult) -> None:
    facts = report.facts
    source = f"Klachtenjaarverslag {year}"
    this_year = {
        "children_served": facts.children_served,
        "published_total_complaints": facts.total,
        "published_complaint_rate": facts.rate_percent,
        "published_disputes_total": facts.disputes_total,
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

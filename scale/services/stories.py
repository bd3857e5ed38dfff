"""One complaint's life, drawn from the run's random generator: where and what
(location, category, channel, text), how it goes (handler, how long handling
takes, how it ends), and the rows it leaves behind: the complaint, its
complainant, the history events, a contact moment and the e-mails sent.

The draws happen in a fixed order, so the same seed gives the same data; keep
that order when changing anything here."""

import base64
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from random import Random

from django.db import models

from complaints.deadlines import deadline_for
from complaints.models import Complainant, Complaint, ComplaintEvent, ContactMoment, EventKind, Status
from complaints.services import format_reference
from notifications.models import EmailStatus, OutboundEmail

from .loading import LOADED, Sink, next_id
from .mix import Mix, Picker
from .organisation import Organisation
from .shapes import (
    CHANNELS,
    CONTACT_METHODS,
    DEPARTMENT_CATEGORIES,
    FALLBACK_DESCRIPTION,
    FALLBACK_SOLUTION,
    FIRST_NAMES,
    LAST_NAMES,
)

DAY = 86400.0


def aware(moment: float) -> datetime:
    return datetime.fromtimestamp(moment, tz=UTC)


def _token(rng: Random) -> str:
    return base64.urlsafe_b64encode(rng.getrandbits(256).to_bytes(32, "big")).decode().rstrip("=")


class Rows:
    """The rows of the current chunk per table, and the next free id of each
    table (ids are made here, so children can point at parents before COPY)."""

    def __init__(self, *, seed: int) -> None:
        self.seed = seed
        self.ids = {model: next_id(model) for model in LOADED}
        self.buffers: dict[type[models.Model], list[dict]] = defaultdict(list)

    def take_id(self, model: type[models.Model]) -> int:
        self.ids[model] += 1
        return self.ids[model] - 1

    def add(self, model: type[models.Model], row: dict) -> None:
        self.buffers[model].append(row)

    def count(self, model: type[models.Model]) -> int:
        return len(self.buffers[model])

    def flush(self, sink: Sink) -> dict[type[models.Model], int]:
        """Write the chunk (parents before children, so foreign keys hold at every
        moment) and return how many rows each table got."""
        written = {model: len(self.buffers[model]) for model in LOADED}
        sink.flush({model: self.buffers[model] for model in LOADED})
        self.buffers.clear()
        return written

    def event(self, complaint_id: int, kind: str, at: float, *, actor=None, label="", data=None) -> None:
        self.add(
            ComplaintEvent,
            {
                "id": self.take_id(ComplaintEvent),
                "complaint_id": complaint_id,
                "kind": kind,
                "actor_id": actor,
                "actor_label": label,
                "data": data or {},
                "created_at": aware(at),
            },
        )

    def email(self, complaint_id: int, template: str, to: str, subject: str, body: str, at: float) -> None:
        email_id = self.take_id(OutboundEmail)
        self.add(
            OutboundEmail,
            {
                "id": email_id,
                "template": template,
                "to": [to],
                "subject": subject,
                "body_text": body,
                "body_html": "",
                "reply_to": "",
                "auto_submitted": True,
                "complaint_id": complaint_id,
                "status": EmailStatus.SENT,
                "attempts": 1,
                "next_attempt_at": aware(at),
                "claimed_until": None,
                "claim_token": None,
                "last_error": "",
                "created_at": aware(at),
                "sent_at": aware(at + 5),
                "message_id": f"<gen-{self.seed}-{email_id}@klachtwijs.test>",
                "render_pending": False,
                "context": {},
                "language": "",
            },
        )


@dataclass(frozen=True)
class Draw:
    """What was drawn for one complaint, before any row is written."""

    moment: float
    location_id: int
    entity_id: int
    location_name: str
    category_name: str
    channel: str
    description: str
    department: str | None  # the head-office department handling it, by name
    handling_location: int | None
    handling_department: int | None
    handler_id: int
    handler_email: str
    coordinator_id: int
    status: str
    triaged: bool
    forwarded_ts: float | None
    closed_ts: float | None
    verdict: str
    solution: str
    first_name: str
    last_name: str
    complainant_email: str


class Stories:
    """Writes complaint after complaint into ``rows``; holds what every
    complaint of a run shares (the organisation, the mix, the pickers)."""

    def __init__(self, rng: Random, *, org: Organisation, mix: Mix, end_ts: float, rows: Rows) -> None:
        self.rng = rng
        self.org = org
        self.mix = mix
        self.end_ts = end_ts
        self.rows = rows
        self.pickers = {
            "category": Picker(rng, {k: v for k, v in mix.categories.items() if k}),
            "verdict": Picker(rng, {k: v for k, v in mix.verdicts.items() if k}),
            "care": Picker(rng, mix.care_types),
            "channel": Picker(rng, CHANNELS),
        }
        self.unknown_share = mix.verdicts.get("", 0) / max(1, sum(mix.verdicts.values()))
        self.location_cum = []
        total = 0.0
        for weight in org.location_weights:
            total += weight
            self.location_cum.append(total)
        self.all_sentences = [s for sentences in mix.descriptions.values() for s in sentences] or FALLBACK_DESCRIPTION
        self.solutions = mix.solutions or FALLBACK_SOLUTION

    def write(self, *, index: int, moment: float, year: int, sequence: int) -> None:
        """One complaint received at ``moment`` (epoch seconds) with its rows."""
        reference = format_reference(year, sequence)
        complaint_id = self.rows.take_id(Complaint)
        draw = self._draw(index, moment)
        self._complaint(draw, complaint_id=complaint_id, reference=reference, year=year, sequence=sequence)
        self._history(draw, complaint_id=complaint_id, reference=reference)

    # -- drawing -------------------------------------------------------------

    def _draw(self, index: int, moment: float) -> Draw:
        rng, org = self.rng, self.org
        location_id, entity_id, location_name = org.locations[
            rng.choices(range(len(org.locations)), cum_weights=self.location_cum)[0]
        ]
        category_name = self.pickers["category"]()
        channel = self.pickers["channel"]()
        sentences = self.mix.descriptions.get(category_name) or self.all_sentences
        description = " ".join(rng.sample(sentences, min(len(sentences), rng.randint(2, 5))))
        age = (self.end_ts - moment) / DAY
        fate, duration = self._handling_time(age)
        forwarded_after = rng.uniform(0.2, 2.5)
        department = DEPARTMENT_CATEGORIES.get(category_name)
        handling_location = None if department else location_id
        handling_department = org.departments[department][0] if department else None
        handlers = (
            org.handlers_of.get(handling_department, []) if department else org.managers_of.get(location_id, [])
        ) or org.coordinators
        handler_id, handler_email = handlers[rng.randrange(len(handlers))]
        coordinator_id, _coordinator_email = org.coordinators[rng.randrange(len(org.coordinators))]

        if duration <= age:
            status = Status.CLOSED if fate == "closed" else Status.WITHDRAWN
            closed_ts = moment + duration * DAY
        elif age < forwarded_after:
            status, closed_ts = Status.NEW, None
        else:
            status = Status.IN_PROGRESS if age > 5 and rng.random() < 0.6 else Status.FORWARDED
            closed_ts = None
        triaged = status != Status.NEW and not (status == Status.WITHDRAWN and duration < forwarded_after)
        closed = status == Status.CLOSED
        verdict = self.pickers["verdict"]() if closed else ""
        solution = " ".join(rng.sample(self.solutions, min(len(self.solutions), rng.randint(2, 4)))) if closed else ""
        first_name, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        complainant_email = f"{first_name.lower()}.{index}@voorbeeld.test" if rng.random() < 0.97 else ""
        return Draw(
            moment=moment,
            location_id=location_id,
            entity_id=entity_id,
            location_name=location_name,
            category_name=category_name,
            channel=channel,
            description=description,
            department=department,
            handling_location=handling_location,
            handling_department=handling_department,
            handler_id=handler_id,
            handler_email=handler_email,
            coordinator_id=coordinator_id,
            status=status,
            triaged=triaged,
            forwarded_ts=moment + forwarded_after * DAY if triaged else None,
            closed_ts=closed_ts,
            verdict=verdict,
            solution=solution,
            first_name=first_name,
            last_name=last_name,
            complainant_email=complainant_email,
        )

    def _handling_time(self, age: float) -> tuple[str, float]:
        """How it ends and after how many days: mostly within the six weeks,
        some late, a few stuck (still open, overdue once past six weeks)."""
        rng = self.rng
        roll = rng.random()
        if roll < self.unknown_share:
            return "withdrawn", rng.uniform(1, 20)
        if roll < 0.70:
            return "closed", rng.uniform(5, 35)
        if roll < 0.92:
            return "closed", rng.uniform(35, 42)
        if roll < 0.985 or age > 365:
            return "closed", rng.uniform(42, 80)
        return "closed", age + 1

    # -- rows ----------------------------------------------------------------

    def _complaint(self, draw: Draw, *, complaint_id: int, reference: str, year: int, sequence: int) -> None:
        rng, org = self.rng, self.org
        received = aware(draw.moment)
        triaged = draw.triaged
        self.rows.add(
            Complaint,
            {
                "id": complaint_id,
                "reference": reference,
                "year": year,
                "sequence": sequence,
                "received_at": received,
                "appendix_position": None,
                "channel": draw.channel,
                "complainant_kind": "parent_committee" if rng.random() < 0.04 else "parent",
                "language": "nl",
                "legal_entity_id": draw.entity_id,
                "location_id": draw.location_id,
                "handling_location_id": draw.handling_location if triaged else None,
                "handling_department_id": draw.handling_department if triaged else None,
                "assignee_id": None,
                "category_id": org.categories[year][draw.category_name] if triaged else None,
                "care_type": self.pickers["care"](),
                "description": draw.description,
                "desired_outcome": rng.choice(["", "Ouder wil graag een gesprek.", "Excuses en uitleg."]),
                "status": draw.status,
                "verdict": draw.verdict,
                "solution": draw.solution,
                "due_at": deadline_for(received),
                "forwarded_at": aware(draw.forwarded_ts) if draw.forwarded_ts else None,
                "closed_at": aware(draw.closed_ts) if draw.closed_ts else None,
                "publication_text": "",
                "publication_reviewed": False,
                "is_demo": True,
                "is_confidential": False,
                "location_text": "",
                "location_name_published": "",
                "is_safety_concern": False,
                "safety_reason": "",
                "status_token": _token(rng),
                "submission_key": (uuid.UUID(int=rng.getrandbits(128), version=4) if draw.channel == "web" else None),
                "consent_at": received if draw.channel == "web" else None,
                "withdrawn_reason": "Ouder heeft de klacht ingetrokken." if draw.status == Status.WITHDRAWN else "",
                "expected_answer_on": None,
                "unread_message_at": None,
                "created_at": received,
                "updated_at": aware(draw.closed_ts or draw.forwarded_ts or draw.moment),
            },
        )
        self.rows.add(
            Complainant,
            {
                "id": self.rows.take_id(Complainant),
                "complaint_id": complaint_id,
                "name": f"{draw.first_name} {draw.last_name}",
                "salutation": "",
                "email": draw.complainant_email,
                "phone": f"06{rng.randrange(10**8):08d}" if rng.random() < 0.6 else "",
                "erased_at": None,
            },
        )

    def _history(self, draw: Draw, *, complaint_id: int, reference: str) -> None:
        """The events and e-mails the services would have written, in order."""
        rng, rows = self.rng, self.rows
        status, first, to = draw.status, draw.first_name, draw.complainant_email
        web = draw.channel == "web"
        rows.event(
            complaint_id,
            EventKind.COMPLAINT_REGISTERED,
            draw.moment,
            actor=None if web else draw.coordinator_id,
            label="indiener" if web else "",
            data={"channel": draw.channel, "reference": reference},
        )
        if to:
            rows.email(
                complaint_id,
                "receipt",
                to,
                f"Uw klacht is ontvangen ({reference})",
                f"Beste {first},\n\nWe hebben uw klacht ontvangen onder kenmerk {reference}.\n",
                draw.moment + 2,
            )
        forwarded_ts, closed_ts = draw.forwarded_ts, draw.closed_ts
        if forwarded_ts:
            unit = draw.location_name if draw.handling_location else draw.department
            rows.event(
                complaint_id,
                EventKind.COMPLAINT_FORWARDED,
                forwarded_ts,
                actor=draw.coordinator_id,
                data={
                    "changes": {
                        "category": [None, draw.category_name],
                        "handling_location" if draw.handling_location else "handling_department": [None, unit],
                        "status": ["new", "forwarded"],
                    }
                },
            )
            rows.email(
                complaint_id,
                "handler_forwarded",
                draw.handler_email,
                f"Klacht {reference} doorgestuurd",
                f"Klacht {reference} ({draw.category_name}) is aan u doorgestuurd.\n",
                forwarded_ts + 2,
            )
        contact_end = closed_ts if status == Status.CLOSED else (self.end_ts if status == Status.IN_PROGRESS else None)
        if forwarded_ts and contact_end and contact_end > forwarded_ts and rng.random() < 0.8:
            self._contact(draw, complaint_id=complaint_id, between=(forwarded_ts, contact_end))
        if status == Status.CLOSED:
            rows.event(
                complaint_id,
                EventKind.COMPLAINT_OUTCOME_SET,
                closed_ts - 60,
                actor=draw.handler_id,
                data={"changes": {"verdict": ["", draw.verdict], "solution": ["", "…"]}},
            )
            rows.event(
                complaint_id,
                EventKind.COMPLAINT_CLOSED,
                closed_ts,
                actor=draw.handler_id,
                data={"changes": {"status": ["in_progress", "closed"]}},
            )
            if to:
                rows.email(
                    complaint_id,
                    "closing_letter",
                    to,
                    f"Afhandeling van uw klacht {reference}",
                    f"Beste {first},\n\nIn de bijlage vindt u ons oordeel over uw klacht {reference}.\n",
                    closed_ts + 2,
                )
        elif status == Status.WITHDRAWN:
            rows.event(
                complaint_id,
                EventKind.COMPLAINT_WITHDRAWN,
                closed_ts,
                label="indiener",
                data={"changes": {"status": ["forwarded" if draw.triaged else "new", "withdrawn"]}},
            )

    def _contact(self, draw: Draw, *, complaint_id: int, between: tuple[float, float]) -> None:
        rng = self.rng
        contact_ts = rng.uniform(*between)
        method = rng.choice(CONTACT_METHODS)
        summary = rng.choice(self.solutions)
        self.rows.add(
            ContactMoment,
            {
                "id": self.rows.take_id(ContactMoment),
                "complaint_id": complaint_id,
                "occurred_at": aware(contact_ts),
                "method": method,
                "summary": summary,
                "recorded_by_id": draw.handler_id,
                "created_at": aware(contact_ts),
            },
        )
        self.rows.event(
            complaint_id,
            EventKind.CONTACT_RECORDED,
            contact_ts,
            actor=draw.handler_id,
            data={"method": method, "occurred_at": aware(contact_ts).isoformat(), "summary": summary},
        )

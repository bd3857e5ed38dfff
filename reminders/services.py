"""The reminder schedule at work: which rule is due for which complaint, and
sending each reminder once. A ``ReminderSent`` row is written in the same
transaction as the outgoing e-mail; its unique constraint is what stops a
second worker (or a restarted one) from sending it again."""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

import holidays
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import Role, User
from complaints import emails
from complaints.deadlines import local_zone, reminder_day_start, term_state
from complaints.emails import coordinator_addresses, handler_addresses
from complaints.formatting import short_date
from complaints.models import OPEN_STATUSES, Complaint, EventKind, Status
from complaints.selectors import complaint_list_overdue
from complaints.services import event_record
from reminders.models import DigestSent, ReminderRule, ReminderSent, Trigger

DIGEST_HOUR = 7  # local time from which the day's overdue digest goes out


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays.NL(years=day.year)


def add_days(moment: datetime, days: int, *, working: bool) -> datetime:
    """``moment`` plus ``days`` (calendar or working days), counted on the
    Amsterdam calendar and keeping the local time of day."""
    local = moment.astimezone(local_zone())
    day = local.date()
    if working:
        remaining = days
        while remaining > 0:
            day += timedelta(days=1)
            if is_working_day(day):
                remaining -= 1
    else:
        day += timedelta(days=days)
    return datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=local_zone())


@dataclass(frozen=True, slots=True)
class DueReminder:
    rule: ReminderRule
    complaint: Complaint
    moment: datetime
    superseded: bool = False  # a more urgent rule goes out for this complaint in the same run


def reminder_moment(rule: ReminderRule, complaint: Complaint) -> datetime | None:
    if rule.trigger == Trigger.NOT_TRIAGED:
        return add_days(complaint.received_at, rule.days, working=rule.working_days)
    if rule.trigger == Trigger.NO_CONTACT:
        return (
            add_days(complaint.forwarded_at, rule.days, working=rule.working_days) if complaint.forwarded_at else None
        )
    if rule.trigger == Trigger.BEFORE_DEADLINE:
        # The start of the Amsterdam day N days before the due day (never N × 24 hours
        # back from the deadline, which lands on the wrong day across a clock change).
        return reminder_day_start(complaint.due_at, rule.days)
    return None


def reminders_due(*, now: datetime) -> list[DueReminder]:
    due: list[DueReminder] = []
    for rule in ReminderRule.objects.filter(is_active=True).exclude(trigger=Trigger.OVERDUE_DIGEST):
        candidates = (
            Complaint.objects.filter(status__in=OPEN_STATUSES, received_at__isnull=False)
            .exclude(reminders_sent__rule=rule)
            .select_related("handling_location__region", "handling_department", "location__region")
        )
        # Coarse filters in the database (a working-day count is never shorter than
        # the calendar count), the exact moment in Python.
        if rule.trigger == Trigger.NOT_TRIAGED:
            candidates = candidates.filter(status=Status.NEW, received_at__lte=now - timedelta(days=rule.days))
        elif rule.trigger == Trigger.NO_CONTACT:
            candidates = candidates.filter(
                forwarded_at__lte=now - timedelta(days=rule.days), contacts__isnull=True
            ).exclude(status=Status.NEW)
        elif rule.trigger == Trigger.BEFORE_DEADLINE:
            # One day more than the rule: the moment is the start of a local day.
            candidates = candidates.filter(due_at__lte=now + timedelta(days=rule.days + 1), due_at__gt=now)
        for complaint in candidates:
            moment = reminder_moment(rule, complaint)
            if moment is not None and moment <= now:
                due.append(DueReminder(rule=rule, complaint=complaint, moment=moment))
    return _most_urgent_only(due)


def _most_urgent_only(due: list[DueReminder]) -> list[DueReminder]:
    """Of several "before the deadline" reminders due for one complaint at once
    (a complaint registered late, a worker that was down), only the one closest
    to the deadline goes out; the others are passed over (``superseded``), so
    nobody gets "over 14 dagen" and "over 3 dagen" in the same minute."""
    closest: dict[int, DueReminder] = {}
    for item in due:
        if item.rule.trigger != Trigger.BEFORE_DEADLINE:
            continue
        current = closest.get(item.complaint.pk)
        if current is None or item.rule.days < current.rule.days:
            closest[item.complaint.pk] = item
    result = []
    for item in due:
        keep = item.rule.trigger != Trigger.BEFORE_DEADLINE or closest[item.complaint.pk] is item
        result.append(item if keep else replace(item, superseded=True))
    return result


def operations_manager_addresses(complaint: Complaint) -> list[str]:
    location = complaint.handling_location or complaint.location
    if location is None or location.region_id is None:
        return []
    return list(
        User.objects.filter(role=Role.OPERATIONS_MANAGER, region_id=location.region_id, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def reminder_recipients(rule: ReminderRule, complaint: Complaint) -> list[str]:
    recipients: list[str] = []
    if rule.to_handler:
        recipients += handler_addresses(complaint)
    if rule.to_operations_manager:
        recipients += operations_manager_addresses(complaint)
    if rule.to_coordinator or not recipients:
        # Nobody left unwarned: without a handler the coordinator gets it.
        recipients += coordinator_addresses()
    return list(dict.fromkeys(recipients))


def reminder_message(rule: ReminderRule, complaint: Complaint, *, now: datetime) -> str:
    """The reminder's text. It states the days really left at ``now``
    (``term_state``, as on the screens), never the rule's nominal number: a
    reminder sent late must not say "over 14 dagen" on the day of the deadline."""
    term = term_state(complaint.due_at, now=now)
    received = short_date(complaint.received_at)
    if rule.trigger == Trigger.NOT_TRIAGED:
        return (
            f"Klacht {complaint.reference} is op {received} ontvangen en nog niet ingedeeld en doorgestuurd. "
            f"{term.sentence}"
        )
    if rule.trigger == Trigger.NO_CONTACT:
        forwarded = short_date(complaint.forwarded_at)
        return (
            f"Bij klacht {complaint.reference} (doorgestuurd op {forwarded}) is nog geen contact met de "
            f"indiener vastgelegd. {term.sentence}"
        )
    return (
        f"Klacht {complaint.reference}: {term.sentence[0].lower()}{term.sentence[1:]} "
        "Dan moet de indiener een schriftelijk, gemotiveerd oordeel hebben."
    )


def reminder_send(*, due: DueReminder, now: datetime) -> bool:
    """Send one reminder; False when another worker already did."""
    recipients = [] if due.superseded else reminder_recipients(due.rule, due.complaint)
    try:
        with transaction.atomic():
            ReminderSent.objects.create(rule=due.rule, complaint=due.complaint, sent_at=now, recipients=recipients)
            if due.superseded:
                # Recorded (so it never goes out later) without a message or a history entry.
                return True
            if recipients:
                emails.reminder(
                    due.complaint, to=recipients, message=reminder_message(due.rule, due.complaint, now=now)
                )
            event_record(
                complaint=due.complaint,
                kind=EventKind.REMINDER_SENT,
                actor_label="systeem",
                data={"rule": due.rule.name, "to": recipients},
            )
    except IntegrityError:
        return False
    return True


def digest_send_due(*, now: datetime) -> int:
    """Once a local day (from 07:00), each coordinator and operations manager
    gets the list of overdue complaints they can act on."""
    local_now = timezone.localtime(now, local_zone())
    if local_now.hour < DIGEST_HOUR:
        return 0
    rules = list(ReminderRule.objects.filter(is_active=True, trigger=Trigger.OVERDUE_DIGEST))
    if not rules:
        return 0
    overdue = list(
        complaint_list_overdue(now=now)
        .select_related("location__region", "handling_location__region", "handling_department")
        .order_by("due_at")
    )
    if not overdue:
        return 0
    sent = 0
    for rule in rules:
        lists: dict[str, list[Complaint]] = defaultdict(list)
        if rule.to_coordinator:
            for address in coordinator_addresses():
                lists[address] = overdue
        if rule.to_operations_manager:
            for complaint in overdue:
                for address in operations_manager_addresses(complaint):
                    lists[address].append(complaint)
        if rule.to_handler:
            for complaint in overdue:
                for address in handler_addresses(complaint):
                    lists[address].append(complaint)
        for address, complaints in lists.items():
            sent += _digest_send_one(rule=rule, address=address, complaints=complaints, now=now, day=local_now.date())
    return sent


def _digest_send_one(*, rule: ReminderRule, address: str, complaints: list[Complaint], now: datetime, day) -> int:
    try:
        with transaction.atomic():
            DigestSent.objects.create(
                rule=rule, recipient=address, day=day, sent_at=now, complaint_count=len(complaints)
            )
            emails.overdue_digest(to=address, complaints=complaints, day=day, now=now)
            for complaint in complaints:
                event_record(
                    complaint=complaint,
                    kind=EventKind.REMINDER_SENT,
                    actor_label="systeem",
                    data={"rule": rule.name, "to": [address], "digest": day.isoformat()},
                )
    except IntegrityError:
        return 0
    return 1


def reminders_run(*, now: datetime | None = None) -> int:
    now = now or timezone.now()
    sent = 0
    for due in reminders_due(now=now):
        if reminder_send(due=due, now=now) and not due.superseded:
            sent += 1
    return sent + digest_send_due(now=now)

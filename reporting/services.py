"""Sending the weekly management report. A ``WeeklyReportSent`` row is written
in the same transaction as the outgoing e-mail; its unique week is what stops a
second worker (or a second run) from sending the report again."""

import logging
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import Role, User
from complaints.deadlines import local_zone
from reporting.models import WeeklyReportSent
from reporting.pdf import weekly_report_pdf
from reporting.weekly import weekly_report

logger = logging.getLogger(__name__)

SEND_HOUR = 7  # local time on Monday from which last week's report goes out


def management_addresses() -> list[str]:
    """Active management users with an address, plus ``MANAGEMENT_EMAILS``."""
    users = list(
        User.objects.filter(role=Role.MANAGEMENT, is_active=True)
        .exclude(email="")
        .order_by("id")
        .values_list("email", flat=True)
    )
    return list(dict.fromkeys([*users, *getattr(settings, "MANAGEMENT_EMAILS", [])]))


def weekly_report_url(week_start: date) -> str:
    year, week, _weekday = week_start.isocalendar()
    return settings.SITE_URL.rstrip("/") + reverse("reporting:weekly", args=[year, week])


def weekly_report_send(
    *, week_start: date, now: datetime | None = None, force: bool = False
) -> WeeklyReportSent | None:
    """E-mail the report of one week, with its PDF, to management. Returns the
    record, or None when the week was already sent (``force`` sends it again)."""
    from notifications.services import EmailAttachment, email_queue

    now = now or timezone.now()
    # Cheap early exit for the frequent periodic run; the unique row below is the real guard.
    if not force and WeeklyReportSent.objects.filter(week_start=week_start).exists():
        return None
    with translation.override("nl"):  # a Dutch document: its labels are made when the report is built
        report = weekly_report(week_start=week_start)
        pdf = weekly_report_pdf(report=report)
    recipients = management_addresses()
    try:
        with transaction.atomic():
            if force:
                record, _created = WeeklyReportSent.objects.update_or_create(
                    week_start=week_start, defaults={"sent_at": now, "recipients": recipients}
                )
            else:
                record = WeeklyReportSent.objects.create(week_start=week_start, sent_at=now, recipients=recipients)
            if recipients:
                email_queue(
                    to=recipients,
                    template="weekly_report",
                    context={"report": report, "report_url": weekly_report_url(week_start)},
                    attachments=[
                        EmailAttachment(
                            filename=f"weekrapportage-klachten-{report.iso_week}.pdf",
                            content=pdf,
                            mimetype="application/pdf",
                        )
                    ],
                )
    except IntegrityError:
        return None
    if not recipients:
        logger.warning(
            "Weekly report %s not e-mailed: no active management users with an address and no MANAGEMENT_EMAILS",
            report.iso_week,
        )
    return record


def weekly_report_send_due(*, now: datetime | None = None) -> WeeklyReportSent | None:
    """From Monday 07:00 local time: send last week's report if it has not gone yet."""
    now = now or timezone.now()
    local_now = timezone.localtime(now, local_zone())
    this_monday = local_now.date() - timedelta(days=local_now.weekday())
    if local_now < datetime.combine(this_monday, time(SEND_HOUR), tzinfo=local_zone()):
        return None
    return weekly_report_send(week_start=this_monday - timedelta(days=7), now=now)

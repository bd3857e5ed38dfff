"""A small, hand-built set of complaints around ISO week 2026-W47 (Monday 16
to Sunday 22 November 2026), with the figures the weekly report must give
for it written out in the tests."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from complaints.models import Channel, Complaint, Status
from complaints.services import ComplainantData, complaint_forward, complaint_withdraw
from config.testdata import build_once
from config.testing import BaseTestCase, close, register
from improvements.models import ImprovementStatus, Kind
from improvements.services import improvement_create, improvement_set_status

AMS = ZoneInfo("Europe/Amsterdam")
W47 = date(2026, 11, 16)
COMPLAINANT = ComplainantData(name="Jolanda Vermeulen", email="jolanda.vermeulen@voorbeeld.test", phone="0612345678")
DESCRIPTION = "Mijn dochter Sanne werd niet opgehaald van school."


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=AMS)


class WeekDataTestCase(BaseTestCase):
    @classmethod
    def received(cls, moment: datetime, location, **extra) -> Complaint:
        with time_machine.travel(moment, tick=False):
            return register(
                location=location, received_at=moment, complainant=COMPLAINANT, description=DESCRIPTION, **extra
            )

    @classmethod
    def closed(cls, complaint: Complaint, moment: datetime, verdict: str) -> Complaint:
        with time_machine.travel(moment, tick=False):
            return close(complaint, actor=cls.coordinator, verdict=verdict)

    @classmethod
    def forwarded(cls, complaint: Complaint, moment: datetime, **handler) -> Complaint:
        with time_machine.travel(moment, tick=False):
            return complaint_forward(
                complaint=complaint,
                category=complaint.category or cls.invoices,
                location=complaint.location,
                actor=cls.coordinator,
                **handler,
            )

    @classmethod
    def setUpTestData(cls) -> None:
        # Closing a complaint renders its letter as a PDF: build the week once per process.
        build_once(cls, "reporting-week-2026-47", cls.build_week)

    @classmethod
    def build_week(cls) -> None:
        super().setUpTestData()
        oceaan, margriet, rakkertjes = cls.oceaan, cls.margriet, cls.rakkertjes
        # Received in week 47.
        cls.a = cls.received(at(2026, 11, 16, 9, 0), oceaan, category=cls.communication)
        cls.closed(cls.a, at(2026, 11, 20, 10, 0), "ja")
        cls.b = cls.received(at(2026, 11, 18, 14, 0), margriet, category=cls.invoices)
        cls.c = cls.received(at(2026, 11, 22, 23, 30), rakkertjes)  # the last half hour of the week
        # Received in week 46: one closed in week 47, one closed just after it.
        cls.d = cls.received(at(2026, 11, 10, 10, 0), oceaan, category=cls.communication)
        cls.closed(cls.d, at(2026, 11, 19, 16, 0), "nee")
        cls.e = cls.received(at(2026, 11, 12, 11, 0), margriet)
        cls.closed(cls.e, at(2026, 11, 23, 8, 0), "deels")
        # Older: closed late in week 47 (due 13 October).
        cls.f = cls.received(at(2026, 9, 1, 10, 0), oceaan)
        cls.closed(cls.f, at(2026, 11, 17, 12, 0), "deels")
        # Open and overdue at the end of week 47: due 10 November and due Sunday 22 November.
        cls.g = cls.received(at(2026, 9, 29, 10, 0), rakkertjes, category=cls.invoices)
        cls.forwarded(cls.g, at(2026, 9, 30, 9, 0), handling_department=cls.debiteuren)
        cls.o = cls.received(at(2026, 10, 11, 12, 0), margriet, category=cls.invoices)
        cls.forwarded(cls.o, at(2026, 10, 12, 9, 0), handling_location=margriet)
        # Open, not overdue: 4-6 and 2-4 weeks old.
        cls.h = cls.received(at(2026, 10, 20, 10, 0), oceaan)
        cls.i = cls.received(at(2026, 11, 3, 10, 0), margriet)
        # Withdrawn in week 47.
        cls.j = cls.received(at(2026, 11, 2, 10, 0), oceaan)
        with time_machine.travel(at(2026, 11, 19, 9, 0), tick=False):
            complaint_withdraw(complaint=cls.j, reason="Telefonisch ingetrokken.", actor=cls.coordinator)
        # Closed earlier in ISO year 2026 (which starts on Monday 29 December 2025).
        cls.m = cls.received(at(2026, 1, 5, 10, 0), margriet)
        cls.closed(cls.m, at(2026, 1, 20, 10, 0), "ja")
        cls.n = cls.received(at(2025, 12, 1, 10, 0), margriet)
        cls.closed(cls.n, at(2025, 12, 30, 10, 0), "ja")
        # Received after the week.
        cls.received(at(2026, 11, 23, 0, 30), rakkertjes)
        # Imported from an annual report: no dates, never in a weekly figure.
        Complaint.objects.create(
            reference="K2026-00900",
            year=2026,
            sequence=900,
            channel=Channel.IMPORT,
            appendix_position=1,
            legal_entity=cls.partou,
            location=oceaan,
            category=cls.communication,
            description="Uit het jaarverslag.",
            status=Status.CLOSED,
            verdict="ja",
        )

        def action(title: str, created: datetime, due: date, **extra):
            with time_machine.travel(created, tick=False):
                return improvement_create(
                    title=title, kind=Kind.PROTOCOL, due_date=due, categories=[cls.communication], **extra
                )

        def set_status(improvement, status: str, moment: datetime) -> None:
            with time_machine.travel(moment, tick=False):
                improvement_set_status(improvement=improvement, status=status)

        cls.p1 = action("Ophaalprotocol BSO herzien", at(2026, 11, 2, 9, 0), date(2026, 11, 20), owner_name="Team BSO")
        cls.p2 = action("Facturen duidelijker", at(2026, 11, 2, 9, 0), date(2026, 12, 31), owner=cls.management)
        set_status(cls.p2, ImprovementStatus.IN_PROGRESS, at(2026, 11, 10, 9, 0))
        cls.p3 = action("Nieuwsbrief over sluitingen", at(2026, 11, 2, 9, 0), date(2026, 11, 30))
        set_status(cls.p3, ImprovementStatus.DONE, at(2026, 11, 18, 15, 0))
        cls.p4 = action("Pas later bedacht", at(2026, 11, 24, 9, 0), date(2026, 12, 1))
        cls.p5 = action("Klachtenfolder vernieuwen", at(2026, 11, 2, 9, 0), date(2026, 11, 30))
        set_status(cls.p5, ImprovementStatus.DONE, at(2026, 11, 24, 9, 0))

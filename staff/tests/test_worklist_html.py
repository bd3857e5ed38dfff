"""The worklist's cards and group rows are built in Python (``staff/worklist_html.py``);
the ``templates/staff/includes/worklist_*.html`` fragments are the markup they must match,
byte for byte, whatever a card or a group holds, in Dutch and in English."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

from django.db.models import Q
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.test import SimpleTestCase
from django.utils import translation

from complaints.selectors import complaint_visible_to
from config.testing import BaseTestCase
from staff.selectors import GroupCount, worklist_previews
from staff.templatetags.staff_tags import clip
from staff.tests.helpers import days_ago, forwarded
from staff.worklist_html import groups_html, safety_html, sections_html, worklist_cards

# A fixed moment (noon in Amsterdam), so "due today" and "30 days left" do not depend on the hour.
NOON = datetime(2026, 6, 15, 10, 0, tzinfo=UTC)


class WorklistHtmlTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.complaint = forwarded(
            location=cls.oceaan, actor=cls.coordinator, category=cls.communication, received_at=days_ago(38)
        )

    def variants(self, now: datetime) -> list[dict]:
        """Preview rows of every kind: new, due soon, due today, overdue, closed; safety
        concern, new message, English; handled by the location, elsewhere, a department or
        nobody yet; assigned or not; location unknown or still to be established; no category."""
        (base,) = worklist_previews(
            complaints=complaint_visible_to(self.coordinator), sections={"all": (Q(pk=self.complaint.pk), "due_at")}
        )["all"]
        changes = [
            {},
            {
                "is_safety_concern": True,
                "safety_reason": "Kind <alleen> & buiten " * 10,
                "language": "en",
                "unread_message_at": now,
                "reference": 'K2026-<1>&"',
            },
            {
                "status": "new",
                "handling_location_id": None,
                "handling_location__name": None,
                "location_id": None,
                "location__name": None,
                "location_text": "Ergens <anders>",
                "category__name": None,
                "due_at": now - timedelta(days=2),
            },
            {"location_id": None, "location__name": None, "location_text": "", "due_at": now + timedelta(hours=1)},
            {
                "handling_location_id": None,
                "handling_location__name": None,
                "handling_department__name": "Debiteuren & <co>",
                "assignee_id": self.manager.pk,
                "assignee__first_name": "Anna",
                "assignee__last_name": "de <Vries>",
                "assignee__username": "anna",
            },
            {
                "handling_location_id": self.margriet.pk,
                "handling_location__name": "Margriet & zo",
                "assignee_id": self.coordinator.pk,
                "assignee__first_name": "",
                "assignee__last_name": "",
                "assignee__username": "coördinator",
                "due_at": now + timedelta(days=30),
            },
            {"status": "closed", "description": "Café één " * 50, "category__name": "Communicatie & <zo>"},
            {"due_at": None, "description": "a" * 121, "is_safety_concern": True, "safety_reason": ""},
        ]
        rows = []
        for number, change in enumerate(changes):
            row = {**base, "id": base["id"] + 10_000 * number, **change}
            row["location_to_establish"] = row["location_id"] is None and bool(row["location_text"])
            rows.append(row)
        return rows

    def test_the_cards_are_the_templates(self):
        now = NOON
        rows = self.variants(now)
        for language in ("nl", "en"):
            with translation.override(language):
                cards = worklist_cards(rows, now=now)
                for shown in (cards, cards[:1], []):
                    for total in (len(shown), 12_345):
                        for reader in (self.coordinator, self.manager):
                            with self.subTest(language=language, cards=len(shown), total=total, user=reader.username):
                                counts = SimpleNamespace(new=total, due_week=len(shown), overdue=0, safety=total)
                                sections = {"new": shown, "due_week": shown, "overdue": []}
                                context = {
                                    "counts": counts,
                                    "user": reader,
                                    "new_rows": shown,
                                    "due_week_rows": shown,
                                    "overdue_rows": [],
                                }
                                expected = render_to_string("staff/includes/worklist_sections.html", context)
                                totals = {"new": total, "due_week": len(shown), "overdue": 0}
                                can_triage = reader == self.coordinator
                                self.assertEqual(sections_html(sections, totals, can_triage=can_triage), expected)
                                context = {"counts": counts, "safety": shown, "safety_rows": shown}
                                expected = render_to_string("staff/includes/worklist_safety.html", context)
                                self.assertEqual(safety_html(shown, total=total), expected)
        with translation.override("nl"):
            html = sections_html(
                {"new": worklist_cards(rows, now=now), "due_week": [], "overdue": []},
                {"new": 8, "due_week": 0, "overdue": 0},
                can_triage=True,
            )
        # Each kind of card shows what it should (and the comparison above covered them).
        for text in (
            "K2026-&lt;1&gt;&amp;&quot;",
            "nieuw bericht van indiener",
            'title="Taal indiener: Engels">EN</abbr>',
            "locatie nog vast te stellen",
            "Locatie onbekend",
            "→ Debiteuren &amp; &lt;co&gt;",
            "→ Margriet &amp; zo",
            "· nog niet doorgestuurd",
            "· Anna de &lt;Vries&gt;",
            "· coördinator",
            "Nog niet ingedeeld",
            "Communicatie &amp; &lt;zo&gt;",
            "2 dagen te laat",
            "verloopt vandaag",
            "nog 30 dagen",
            "a" * 119 + "…",
        ):
            with self.subTest(text=text):
                self.assertIn(text, html)

    def test_the_group_rows_are_the_templates(self):
        groups = [
            GroupCount(name="", filter_value="none", open=12_345, overdue=3),
            GroupCount(name="Oceaan <16> & co", filter_value=f"location-{self.oceaan.pk}", open=7, overdue=0),
            GroupCount(name="Débiteuren", filter_value="department-2", open=1, overdue=1),
            GroupCount(name="Regio ?x=1", filter_value="null", open=1, overdue=0),
        ]
        for language in ("nl", "en"):
            for shown in (groups, []):
                for rest in ((0, 0, 0), (1, 1, 0), (420, 12_345, 1_001)):
                    with self.subTest(language=language, groups=len(shown), rest=rest), translation.override(language):
                        context = dict(
                            zip(
                                ("by_handler_rest", "by_handler_rest_open", "by_handler_rest_overdue"),
                                rest,
                                strict=True,
                            )
                        )
                        expected = render_to_string(
                            "staff/includes/worklist_by_handler.html", {"by_handler": shown, **context}
                        )
                        html = groups_html(
                            shown, by_handler=True, rest=rest[0], rest_open=rest[1], rest_overdue=rest[2]
                        )
                        self.assertEqual(html, expected)
                        expected = render_to_string("staff/includes/worklist_by_region.html", {"by_region": shown})
                        self.assertEqual(groups_html(shown, by_handler=False), expected)
        with translation.override("nl"):
            html = groups_html(groups, by_handler=True, rest=2, rest_open=5, rest_overdue=0)
        self.assertIn("Oceaan &lt;16&gt; &amp; co", html)
        self.assertIn(">Nog niet doorgestuurd</a>", html)
        self.assertIn(">12.345</td>", html)
        self.assertIn("en 2 andere behandelaars", html)


class ClipTextsTests(SimpleTestCase):
    def test_clip_cuts_non_ascii_text_as_truncatechars_does(self):
        texts = [
            "Café één " * 40,  # accents, composed
            "Cafe\u0301 e\u0301e\u0301n " * 40,  # accents as combining characters (NFC composes them)
            "a" * 119 + "é",
            "é" * 120,
            "é" * 121,
            "a" * 150 + "\u0301" + "b" * 300,  # a combining character after the cut
            "a" * 100 + "x\u0301" * 30 + "b" * 300,  # combining characters NFC keeps (no x with acute), before the cut
            "\u1100\u1161" * 200,  # Hangul jamo: NFC joins them
            "De groep <was> vol. 😀 " * 20,
        ]
        for text in texts:
            for length in (0, 1, 2, 119, 120, 121, 140, 300):
                with self.subTest(text=text[:12], length=length):
                    self.assertEqual(clip(text, length), truncatechars(text, length))

"""The complaint list's rows and the worklist's cards, computed once per page
(staff/rows.py, issue 17): they show what the complaint says, and a compact marker
of the complainant's language when it is not Dutch (issue 18 point 3). The list
filter's widgets, rendered in Python, look as Django's templates render them."""

import re
from copy import copy
from datetime import timedelta

from django.forms.renderers import DjangoTemplates
from django.http import QueryDict
from django.template.defaultfilters import truncatechars
from django.template.loader import render_to_string
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from accounts.models import Role
from complaints.models import Complaint
from complaints.selectors import complaint_list
from config.testing import BaseTestCase, make_location, make_user
from organisation.models import Department, Region
from staff.filters import ComplaintFilter
from staff.rows import ComplaintRow, complaint_rows, list_rows, rows_html
from staff.templatetags.staff_tags import clip
from staff.tests.helpers import forwarded
from staff.views.lists import page_complaints
from staff.widgets import filter_fields_html

MARKER = re.compile(r'<abbr class="badge [^"]*complaint-language" title="([^"]+)">([A-Z]+)</abbr>')


class LanguageMarkerTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.english = forwarded(location=cls.oceaan, actor=cls.coordinator, category=cls.communication, language="en")
        cls.dutch = forwarded(location=cls.oceaan, actor=cls.coordinator, category=cls.communication)
        # Both due within the week: on the worklist's card of that section.
        due = timezone.now() + timedelta(days=2)
        Complaint.objects.filter(pk__in=[cls.english.pk, cls.dutch.pk]).update(due_at=due)

    def markers(self, url: str, reference: str) -> list[tuple[str, str]]:
        """The language markers next to ``reference``'s link on the page."""
        self.client.force_login(self.coordinator)
        page = self.client.get(url).content.decode()
        link = f">{reference}</a>"
        self.assertIn(link, page)
        found = (MARKER.match(after.lstrip()) for after in page.split(link)[1:])
        return [match.groups() for match in found if match]

    def test_the_list_marks_an_english_complaint_and_not_a_dutch_one(self):
        url = reverse("staff:complaint_list")
        self.assertEqual(self.markers(url, self.english.reference), [("Taal indiener: Engels", "EN")])
        self.assertEqual(self.markers(url, self.dutch.reference), [])

    def test_the_worklist_marks_it_too(self):
        url = reverse("staff:worklist")
        markers = self.markers(url, self.english.reference)
        self.assertTrue(markers)
        self.assertEqual(set(markers), {("Taal indiener: Engels", "EN")})
        self.assertEqual(self.markers(url, self.dutch.reference), [])


class ComplaintRowTests(BaseTestCase):
    def test_a_row_says_what_the_complaint_says(self):
        complaint = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        complaint.due_at = timezone.now() - timedelta(days=3)
        complaint.save(update_fields=["due_at"])
        complaint = complaint_list(user=self.coordinator).get(pk=complaint.pk)
        categories = {self.communication.pk: ("Communicatie", 2026)}
        (row,) = complaint_rows([complaint], categories=categories)
        self.assertEqual(row.url, reverse("staff:complaint_detail", args=[complaint.reference]))
        self.assertEqual(row.status, complaint.get_status_display())
        self.assertEqual(row.handler, complaint.handler_display)
        self.assertEqual((row.category, row.category_year), ("Communicatie", 2026))
        # Without the categories (the worklist): the complaint's own category, no year.
        (card,) = complaint_rows([complaint])
        self.assertEqual((card.category, card.category_year), (complaint.category.name, None))
        term = complaint.term()
        self.assertTrue(row.overdue)
        self.assertEqual((row.term_state, row.term_label), (term.state, term.label))
        self.assertEqual(row.term_class, "badge text-bg-danger")
        self.assertEqual((row.language, row.language_name), ("", ""))


class RowsHtmlTests(BaseTestCase):
    """The list's rows are built in Python (``rows_html``); ``list_rows.html`` is the markup
    they must match, byte for byte, whatever a row holds."""

    def variants(self) -> list[Complaint]:
        base = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        base = complaint_list(user=self.coordinator).get(pk=base.pk)
        now = timezone.now()
        changes = [
            {},
            {"is_safety_concern": True, "is_demo": True, "language": "en", "unread_message_at": now},
            {"received_at": None, "appendix_position": 12345, "year": 2024, "reference": 'K2024-<12>&"'},
            {"location": None, "location_id": None, "location_text": "Ergens <anders>", "legal_entity": None},
            {"location": None, "location_id": None, "location_text": "", "category_id": None, "category": None},
            {"verdict": "ja", "status": "closed", "closed_at": now + timedelta(hours=1), "assignee": self.coordinator},
            {"due_at": now + timedelta(days=3), "handling_location": None, "handling_department": self.debiteuren},
            {"due_at": now - timedelta(days=2), "is_demo": True},
        ]
        complaints = []
        for number, change in enumerate(changes):
            complaint = copy(base)
            complaint.pk = complaint.id = base.pk + 10_000 * number
            for name, value in change.items():
                setattr(complaint, name, value)
            complaints.append(complaint)
        return complaints

    def test_the_rows_are_the_templates(self):
        complaints = self.variants()
        categories = {self.communication.pk: ("Communicatie & <zo>", 2026)}
        highlights = {complaints[1].pk: mark_safe("de <mark>groep</mark> &amp; meer"), complaints[2].pk: "a < b"}
        rows = complaint_rows(complaints, highlights=highlights, categories=categories)
        for language in ("nl", "en"):
            for bulk in (True, False):
                for shown, mine, query in ((rows, False, ""), ([], False, ""), ([], True, ""), ([], False, "zoek=x")):
                    with self.subTest(language=language, bulk=bulk, rows=len(shown), mine=mine, query=query):
                        with translation.override(language):
                            context = {"rows": shown, "bulk_actions": [("x", "y")] if bulk else [], "mine": mine}
                            expected = render_to_string("staff/complaint/list_rows.html", {**context, "query": query})
                            self.assertEqual(rows_html(shown, bulk=bulk, mine=mine, query=query), expected)
        html = rows_html(rows, bulk=True, mine=False, query="")
        self.assertIn("K2024-&lt;12&gt;&amp;&quot;", html)
        self.assertIn("Communicatie &amp; &lt;zo&gt;", html)
        self.assertIn("de <mark>groep</mark> &amp; meer", html)
        self.assertIn("a &lt; b", html)


class FilterFormRendererTests(BaseTestCase):
    def test_the_filter_form_renders_as_djangos_widget_templates_do(self):
        forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        data = QueryDict("", mutable=True)
        data.update({"zoek": 'a "b" <c>', "status": "open", "year": "1999", "category": str(self.communication.pk)})
        for user in (self.coordinator, self.manager):
            with self.subTest(user=user.username):
                complaint_filter = ComplaintFilter(
                    data, visible=complaint_list(user=user), years=[2026, 2025], user=user
                )
                complaint_filter.is_valid()  # "1999" is no year with references: an error to render
                fast = [str(field) for field in complaint_filter.form]
                complaint_filter.form.renderer = DjangoTemplates()
                self.assertEqual(fast, [str(field) for field in complaint_filter.form])
                self.assertIn("&lt;c&gt;", "".join(fast))
                self.assertIn(f'<option value="{self.communication.pk}" selected>', "".join(fast))


class ListRowsTests(BaseTestCase):
    """The list reads its page as values (``list_rows``): the rows are those ``complaint_rows``
    makes of the complaints themselves, and their markup is the same."""

    def test_rows_from_values_are_rows_from_complaints(self):
        now = timezone.now()
        self.coordinator.first_name, self.coordinator.last_name = "Co", "<Ördinator>"
        self.coordinator.save()
        changes = [
            {},
            {"is_safety_concern": True, "is_demo": True, "language": "en", "unread_message_at": now},
            {
                "received_at": None,
                "due_at": None,
                "channel": "import",
                "appendix_position": 1234,
                "reference": 'K2024-<12>&"',
            },
            {"location": None, "location_text": "Ergens <anders>", "legal_entity": None},
            {"location": None, "location_text": "", "category": None, "assignee": self.manager},
            {"verdict": "ja", "status": "closed", "closed_at": now + timedelta(hours=1), "assignee": self.coordinator},
            {"due_at": now + timedelta(days=3), "handling_location": None, "handling_department": self.debiteuren},
            {"due_at": now - timedelta(days=2), "handling_location": self.margriet, "status": "in_progress"},
            {"handling_location": None, "handling_department": None, "status": "new", "category": self.invoices},
        ]
        pks = []
        for change in changes:
            complaint = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
            Complaint.objects.filter(pk=complaint.pk).update(**change)
            pks.append(complaint.pk)
        categories = {self.communication.pk: ("Communicatie & <zo>", 2026)}  # invoices: not read yet
        highlights = {pks[1]: mark_safe("de <mark>groep</mark>"), pks[2]: "a < b"}
        page = complaint_list(user=self.coordinator).filter(pk__in=pks).order_by("id")
        with self.assertNumQueries(2):  # the page, and the category not among ``categories``
            values = list(page_complaints(page))
            rows = list_rows(values, now=now, highlights=highlights, categories=categories)
        expected = complaint_rows(list(page), now=now, highlights=highlights, categories=categories)
        self.assertEqual(len(rows), len(changes))
        for row, model_row in zip(rows, expected, strict=True):
            with self.subTest(reference=model_row.complaint.reference):
                self.assertEqual(row.complaint.pk, model_row.complaint.pk)
                for name in ComplaintRow.__slots__:
                    if name != "complaint":
                        self.assertEqual(getattr(row, name), getattr(model_row, name), name)
        for language in ("nl", "en"):
            for bulk in (True, False):
                with self.subTest(language=language, bulk=bulk), translation.override(language):
                    self.assertEqual(
                        rows_html(rows, bulk=bulk, mine=False, query=""),
                        rows_html(expected, bulk=bulk, mine=False, query=""),
                    )
        html = rows_html(rows, bulk=True, mine=False, query="")
        for text in ("Co &lt;Ördinator&gt;", "Debiteuren en facturatie", "Margriet", "K2024-&lt;12&gt;"):
            self.assertIn(text, html)


class FilterCopyTests(BaseTestCase):
    """Each ComplaintFilter has filters of its own (``FiltersCopiedPerFilterSet``, not deep copies)."""

    def test_filters_are_each_filtersets_own(self):
        mine = forwarded(location=self.oceaan, actor=self.coordinator, category=self.communication)
        Complaint.objects.filter(pk=mine.pk).update(assignee=self.manager)
        data = QueryDict("assignee=me")
        first = ComplaintFilter(data, visible=complaint_list(user=self.manager), years=[2026], user=self.manager)
        second = ComplaintFilter(
            data, visible=complaint_list(user=self.coordinator), years=[2020], user=self.coordinator
        )
        # "Aan mij" is the user of each filter (its method bound to its own FilterSet).
        self.assertEqual([c.pk for c in first.qs], [mine.pk])
        self.assertEqual(list(second.qs), [])
        self.assertEqual([c.pk for c in first.qs], [mine.pk])
        # Choices, querysets and labels set on one are not the other's, nor the class's.
        self.assertIn('value="2026"', str(first.form["year"]))
        self.assertNotIn('value="2026"', str(second.form["year"]))
        self.assertNotIn("choices", ComplaintFilter.base_filters["year"].extra)
        self.assertIsNot(first.filters["legal_entity"].queryset, ComplaintFilter.base_filters["legal_entity"].queryset)
        self.assertIsNone(ComplaintFilter.base_filters["legal_entity"].queryset._result_cache)
        self.assertNotEqual(str(first.filters["q"].label), str(second.filters["q"].label))
        self.assertIs(first.filters["assignee"].parent, first)
        self.assertIs(second.filters["assignee"].parent, second)


class PlainSelectTests(BaseTestCase):
    """The filter's selects render their options straight from the choices (staff/widgets.py
    ``PlainSelect``): as Django's Select renders them, in every state a select can be in."""

    def render_both(self, data: str, user) -> tuple[list[str], list[str]]:
        complaint_filter = ComplaintFilter(QueryDict(data), visible=complaint_list(user=user), years=[2026], user=user)
        complaint_filter.is_valid()
        fast = [str(field) for field in complaint_filter.form]
        complaint_filter.form.renderer = DjangoTemplates()
        return fast, [str(field) for field in complaint_filter.form]

    def test_every_select_renders_as_djangos(self):
        Region.objects.create(name='Regio "<West>" & Oost')
        cases = [
            "",
            f"region=null&legal_entity={self.partou.pk}&verdict=unknown&sort=-due_at",
            f"region={self.north.pk}&status=closed&due=week&bericht=nieuw&assignee=me&language=en&safety=1",
            "category=naam:Facturen en betalingen&year=2026&handler=none",
            f"category={self.invoices.pk}&location={self.oceaan.pk}&handler=department-{self.debiteuren.pk}",
            "region=999999&legal_entity=abc&category=nope&status=x&year=1999",  # errors, nothing selected
        ]
        for user in (self.coordinator, self.manager, self.ops_north, self.department_handler):
            for data in cases:
                with self.subTest(user=user.username, data=data), translation.override("en"):
                    fast, django = self.render_both(data, user)
                    self.assertEqual(fast, django)
        fast, _django = self.render_both("region=null", self.coordinator)
        self.assertIn('<option value="null" selected>Geen regio</option>', "".join(fast))
        self.assertIn("Regio &quot;&lt;West&gt;&quot; &amp; Oost", "".join(fast))

    def test_the_fields_are_the_templates(self):
        # filter_fields_html builds what staff/complaint/list_filter.html renders.
        cases = ["", 'zoek=a "b" <c>&q=K<1>&status=open', "region=999999&year=1999&category=nope&legal_entity=abc"]
        for user in (self.coordinator, self.manager):
            for data in cases:
                for language in ("nl", "en"):
                    with self.subTest(user=user.username, data=data, language=language), translation.override(language):
                        complaint_filter = ComplaintFilter(
                            QueryDict(data), visible=complaint_list(user=user), years=[2026], user=user
                        )
                        complaint_filter.is_valid()
                        expected = render_to_string("staff/complaint/list_filter.html", {"filter": complaint_filter})
                        html = filter_fields_html(complaint_filter.form)
                        self.assertEqual(html, expected)
                        self.assertEqual(html.count('<div class="col-6 col-md-3 col-xl-2">'), 16)
                        if "1999" in data:
                            self.assertIn('<div class="invalid-feedback d-block">', html)

    def test_the_options_are_the_querysets_and_in_scope(self):
        complaint_filter = ComplaintFilter(None, visible=complaint_list(user=self.manager), years=[], user=self.manager)
        form = complaint_filter.form
        for name in ("legal_entity", "region"):
            with self.subTest(name):
                field = form.fields[name]
                fast = str(form[name])
                field.widget.choices = field.choices  # what Django renders from the queryset
                self.assertEqual(fast, str(form[name]))
        html = "".join(str(field) for field in form)
        # The manager of Oceaan (Regio Noord) is offered no other region or location.
        self.assertIn(f'<option value="{self.north.pk}">Regio Noord</option>', html)
        self.assertNotIn("Regio Zuid", html)
        self.assertNotIn("Margriet", html)
        self.assertNotIn("Rakkertjes", html)

    def test_options_follow_added_and_renamed_rows_at_once(self):
        def options() -> str:
            complaint_filter = ComplaintFilter(
                None, visible=complaint_list(user=self.manager), years=[2026], user=self.manager
            )
            complaint_filter.category_names()
            return "".join(str(field) for field in complaint_filter.form)

        before = options()
        self.assertNotIn("Hernoemd", before)
        self.oceaan.name = "Oceaan Hernoemd"
        self.oceaan.save()
        self.debiteuren.name = "Debiteuren Hernoemd"
        self.debiteuren.save()
        self.invoices.name = "Facturen Hernoemd"
        self.invoices.save()
        self.north.name = "Noord Hernoemd"
        self.north.save()
        self.manager.locations.add(make_location("Nieuwe locatie", entity=self.partou, region=self.south))
        Department.objects.create(name="Nieuwe afdeling")
        after = options()
        for text in ("Oceaan Hernoemd", "Debiteuren Hernoemd", "Facturen Hernoemd", "Noord Hernoemd"):
            self.assertIn(text, after)
        self.assertEqual(after.count("Nieuwe locatie"), 2)  # the location select and the handler select
        self.assertIn("Nieuwe afdeling", after)
        self.assertIn("Regio Zuid", after)  # the new location's region is now in scope


class FewLocationsSelectTests(BaseTestCase):
    def test_the_options_read_once_are_the_querysets(self):
        # A scope of at most 50 locations reads them once for both selects; the options are
        # those the location field's queryset and the handlers' locations would give.
        user = make_user("drie", Role.LOCATION_MANAGER, locations=[self.rakkertjes, self.margriet, self.oceaan])
        data = QueryDict(f"location={self.margriet.pk}&handler=location-{self.oceaan.pk}")
        complaint_filter = ComplaintFilter(data, visible=complaint_list(user=user), years=[2026], user=user)
        self.assertTrue(complaint_filter.is_valid(), complaint_filter.errors)
        location = str(complaint_filter.form["location"])
        handler = str(complaint_filter.form["handler"])
        field = complaint_filter.form.fields["location"]
        field.widget.choices = field.choices  # what Django renders from the queryset
        self.assertEqual(location, str(complaint_filter.form["location"]))
        by_name = [str(pk) for pk in (self.margriet.pk, self.oceaan.pk, self.rakkertjes.pk)]
        self.assertEqual(re.findall(r'<option value="(\d+)"', location), by_name)
        self.assertIn(f'<option value="{self.margriet.pk}" selected>Margriet</option>', location)
        self.assertIn(f'<option value="location-{self.oceaan.pk}" selected>', handler)
        self.assertEqual(handler.count('value="location-'), 3)


class ClipTests(SimpleTestCase):
    def test_clip_cuts_as_truncatechars_does(self):
        texts = ["", "kort", "a" * 120, "a" * 121, "De groep <was> vol. " * 20, "Café één " * 30, "e\u0301" * 200]
        for text in texts:
            for length in (0, 1, 2, 120, 300):
                with self.subTest(text=text[:20], length=length):
                    self.assertEqual(clip(text, length), truncatechars(text, length))
        self.assertEqual(clip("a" * 10, 5), "aaaa…")

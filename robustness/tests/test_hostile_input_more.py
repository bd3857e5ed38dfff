"""Issue 11, point 2 (the rest): a stored letter whose file has gone missing, a letter
template with a syntax error, huge page numbers and out-of-range years and weeks in
every list, filter and report parameter. None of them may give a 500: a 404, a 400,
a form message or the last page. Runs on SQLite and, in the suite's second pass,
on PostgreSQL (where an integer beyond the column's range used to be a DataError)."""

from django.core.exceptions import ObjectDoesNotExist
from django.core.files.base import ContentFile
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from complaints.models import ComplaintEvent, LetterTemplate
from complaints.services import ComplaintError, complaint_set_outcome, letter_draft
from config.testing import BaseTestCase, close, register

HUGE = "9" * 40  # beyond any database integer
BROKEN_BODIES = {
    "unclosed variable": "Beste {{ naam },\n\nUw klacht {{ kenmerk }} is afgehandeld.",
    "unclosed block": "Beste {{ naam }},\n{% if oordeel %}Uw klacht is {{ oordeel }}.",
    "unknown tag": "Beste {{ naam }},\n{% groet %}",
    "unknown filter": "Beste {{ naam|hoofdletters }},",
    "unknown library": "{% load geheim %}Beste {{ naam }},",
    "missing include": 'Beste {{ naam }},\n{% include "bestaat/niet.txt" %}',
}


class MissingLetterFileTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.complaint = close(register(location=cls.oceaan), actor=cls.coordinator)
        with cls.complaint.letter.pdf.open("rb") as handle:
            cls.pdf = handle.read()

    def setUp(self) -> None:
        self.letter = self.complaint.letter
        storage, name = self.letter.pdf.storage, self.letter.pdf.name
        if not storage.exists(name):  # files are not rolled back with the database
            self.assertEqual(storage.save(name, ContentFile(self.pdf)), name)
        self.public_url = reverse("intake:status_letter", args=[self.complaint.status_token])
        self.staff_url = reverse("staff:letter_pdf", args=[self.complaint.reference])

    def test_the_letter_is_served_while_its_file_exists(self):
        response = self.client.get(self.public_url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(b"".join(response.streaming_content)[:5], b"%PDF-")
        self.client.force_login(self.coordinator)
        self.assertEqual(self.client.get(self.staff_url).status_code, 200)

    def test_a_missing_file_is_not_found_on_the_public_link(self):
        self.letter.pdf.storage.delete(self.letter.pdf.name)
        response = self.client.get(self.public_url)
        self.assertEqual(response.status_code, 404)
        self.assertContains(response, "niet", status_code=404)

    def test_a_missing_file_is_not_found_for_staff(self):
        self.letter.pdf.storage.delete(self.letter.pdf.name)
        self.client.force_login(self.coordinator)
        self.assertEqual(self.client.get(self.staff_url).status_code, 404)


class LetterTemplateAdminTests(BaseTestCase):
    add_url = reverse("admin:complaints_lettertemplate_add")

    def setUp(self) -> None:
        self.client.force_login(self.administrator)

    def post(self, body: str, *, url: str | None = None):
        return self.client.post(url or self.add_url, {"name": "Afwijzing", "body": body})

    def test_a_template_with_an_error_is_refused_with_a_dutch_message(self):
        for problem, body in BROKEN_BODIES.items():
            with self.subTest(problem=problem):
                response = self.post(body)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.context["adminform"].form.errors["body"])
                self.assertRegex(
                    response.content.decode(),
                    "De tekst (bevat een fout in de sjabloonopmaak|kan niet worden opgemaakt)",
                )
                self.assertFalse(LetterTemplate.objects.filter(name="Afwijzing").exists())

    def test_a_correct_template_is_saved(self):
        body = "Beste {{ naam }},\n\n{% for m in maatregelen %}- {{ m.omschrijving }} ({{ m.wie }})\n{% endfor %}"
        response = self.post(body)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(LetterTemplate.objects.get(name="Afwijzing").body, body)

    def test_an_error_is_refused_when_an_existing_template_is_changed(self):
        template = LetterTemplate.objects.create(name="Afwijzing", body="Beste {{ naam }},")
        url = reverse("admin:complaints_lettertemplate_change", args=[template.pk])
        response = self.post("Beste {{ naam }", url=url)
        self.assertEqual(response.status_code, 200)
        template.refresh_from_db()
        self.assertEqual(template.body, "Beste {{ naam }},")

    def test_a_broken_template_stored_before_the_check_gives_a_message_not_a_500(self):
        LetterTemplate.objects.update(is_default=False)
        LetterTemplate.objects.create(name="Oud", body="Beste {{ naam }},{% if oordeel %}", is_default=True)
        complaint = register(location=self.oceaan)
        complaint_set_outcome(complaint=complaint, verdict="ja", solution="Besproken.", actor=self.coordinator)
        with self.assertRaisesMessage(ComplaintError, "Het briefsjabloon „Oud” bevat een fout"):
            letter_draft(complaint=complaint, actor=self.coordinator)
        with self.assertRaises(ObjectDoesNotExist):
            complaint.refresh_from_db()
            complaint.letter  # noqa: B018 - nothing was drafted
        self.assertFalse(ComplaintEvent.objects.filter(complaint=complaint, kind="letter.drafted").exists())


class ListParameterTests(BaseTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.complaint = register(location=cls.oceaan, description="Toiletten vies.")

    def setUp(self) -> None:
        self.api = APIClient()
        token = Token.objects.create(user=self.coordinator)
        self.api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    def test_the_api_list_shows_the_last_page_for_a_huge_page_number(self):
        response = self.api.get(reverse("api:complaint_list"), {"page": HUGE})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["page"], 1)
        self.assertEqual(response.json()["results"][0]["reference"], self.complaint.reference)

    def test_the_api_list_refuses_impossible_pages_and_years_with_the_one_error_shape(self):
        for parameters in (
            {"page": "0"},
            {"page": "-1"},
            {"page": "1e9"},
            {"page": "9" * 2000},
            {"year": HUGE},
            {"year": "99999"},
            {"year": "-2026"},
            {"year": "1999"},
            {"status": "nieuw"},
        ):
            with self.subTest(parameters=parameters):
                response = self.api.get(reverse("api:complaint_list"), parameters)
                self.assertEqual(response.status_code, 400)
                error = response.json()["error"]
                self.assertEqual(error["code"], "invalid")
                self.assertEqual(set(error["fields"]), set(parameters))

    def test_the_api_detail_of_an_impossible_reference_is_not_found(self):
        for reference in ("K99999-99999", "K2026-" + HUGE, HUGE, "x" * 5000):
            with self.subTest(reference=reference[:20]):
                response = self.api.get(reverse("api:complaint_detail", args=[reference]))
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response.json()["error"]["code"], "not_found")

    def test_the_staff_list_answers_any_page_and_filter_value(self):
        self.client.force_login(self.coordinator)
        url = reverse("staff:complaint_list")
        for parameters in (
            {"page": HUGE},
            {"page": "-" + HUGE},
            {"page": "0"},
            {"page": "1e400"},
            {"page": "abc"},
            {"year": HUGE},
            {"year": "99999"},
            {"year": "0"},
            {"year": HUGE, "page": HUGE},
            {"due": HUGE},
            {"o": HUGE},
            {"location": HUGE},
            {"category": HUGE},
        ):
            with self.subTest(parameters=parameters):
                response = self.client.get(url, parameters)
                self.assertEqual(response.status_code, 200)

    def test_a_huge_attachment_number_is_not_found(self):
        self.client.force_login(self.coordinator)
        url = f"/staff/klachten/{self.complaint.reference}/bijlagen/{HUGE}/"
        self.assertEqual(self.client.get(url).status_code, 404)


class ReportParameterTests(BaseTestCase):
    def setUp(self) -> None:
        self.client.force_login(self.coordinator)

    def test_weeks_that_do_not_exist_are_not_found(self):
        # ISO weeks 2026-W99, 99999-W01, 0-W01, week 0 and 54, years beyond any calendar
        for year, week in ((2026, 99), (99999, 1), (0, 1), (2026, 0), (2026, 54), (HUGE, 1), (2026, HUGE)):
            for name in ("reporting:weekly", "reporting:weekly_pdf"):
                with self.subTest(year=year, week=week, view=name):
                    response = self.client.get(
                        f"{reverse(name, args=[2026, 1]).replace('/2026/1/', f'/{year}/{week}/')}"
                    )
                    self.assertEqual(response.status_code, 404)

    def test_annual_report_years_out_of_range_are_not_found(self):
        for year in ("0", "99999", HUGE):
            for path in ("", "download/pdf/", "controle/", "colofon/", "teksten/inleiding/", "ggd/"):
                with self.subTest(year=year, path=path):
                    self.assertEqual(self.client.get(f"/jaarverslag/{year}/{path}").status_code, 404)
            for path in ("colofon/", "teksten/nieuw/", "teksten/inleiding/", "teksten/inleiding/verwijderen/"):
                with self.subTest(year=year, path=path, method="POST"):
                    self.assertEqual(self.client.post(f"/jaarverslag/{year}/{path}", {"title": "x"}).status_code, 404)

    def test_a_huge_ggd_location_number_is_not_found(self):
        response = self.client.get(f"/jaarverslag/2025/ggd/location/{HUGE}/pdf/")
        self.assertEqual(response.status_code, 404)

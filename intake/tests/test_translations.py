"""The public side in English (issue 18): every text of a public template is marked for
translation, every marked message has its English in locale/en/LC_MESSAGES/django.po
(none missing, empty or fuzzy), the compiled catalogue is the one in the repository, and
the public pages rendered in English hold no Dutch."""

import gettext
import html
import re
import subprocess
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.base import Lexer, TokenType
from django.test import RequestFactory, SimpleTestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.views.defaults import server_error

from complaints.models import ContactMethod, Verdict
from complaints.services import (
    complainant_message_add,
    complainant_message_send,
    complaint_forward,
    contact_record,
)
from config.testing import close, register
from config.translations import CATALOGUE_SOURCES, catalogue_path, extract
from intake import spam
from intake.tests.base import IntakeTestCase

BASE = Path(settings.BASE_DIR)
# Text a template may show untranslated: the product's name.
UNTRANSLATED_ALLOWED = {"Klachtwijs"}
# Attributes whose value a visitor reads or hears.
READ_ATTRIBUTES = re.compile(r'\b(?:title|alt|aria-label|placeholder)="([^"]*)"')


def public_templates() -> list[Path]:
    found = []
    for relative in CATALOGUE_SOURCES:
        path = BASE / relative
        found += sorted(path.rglob("*.html")) if path.is_dir() else [path] if path.suffix == ".html" else []
    return found


def untranslated_text(source: str) -> list[str]:
    """The human-readable words of a template outside {% translate %}, {% blocktranslate %},
    variables, tags and comments: the template with those left out, read as HTML."""
    skeleton: list[str] = []
    skipping = None
    for token in Lexer(source).tokenize():
        if token.token_type == TokenType.BLOCK:
            name = (token.contents.split() or [""])[0]
            if skipping and name == f"end{skipping}":
                skipping = None
            elif name in ("blocktranslate", "blocktrans", "comment"):
                skipping = name
                skeleton.append("0")  # what it renders stands in for a word
        elif token.token_type == TokenType.VAR:
            skeleton.append("0")
        elif token.token_type == TokenType.TEXT and not skipping:
            skeleton.append(token.contents)
    text = "".join(skeleton)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.DOTALL)
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.DOTALL)
    readable = READ_ATTRIBUTES.findall(text)
    text = re.sub(r"<[^>]*>", " ", text)
    words = []
    for chunk in [text, *readable]:
        words += [w for w in re.findall(r"[^\W\d_]{2,}", html.unescape(chunk)) if w not in UNTRANSLATED_ALLOWED]
    return words


class TemplatesAreMarkedTests(SimpleTestCase):
    def test_the_public_templates_are_found(self):
        names = {path.relative_to(BASE).as_posix() for path in public_templates()}
        for expected in ("templates/intake/complaint_form.html", "templates/intake/status.html", "templates/404.html"):
            self.assertIn(expected, names)

    def test_no_public_template_shows_untranslated_text(self):
        for path in public_templates():
            with self.subTest(template=path.relative_to(BASE).as_posix()):
                self.assertEqual(untranslated_text(path.read_text(encoding="utf-8")), [])

    def test_the_check_sees_untranslated_text(self):
        source = (
            '{% load i18n %}<p>{% translate "Klacht" %}</p>{% blocktranslate %}Uw {{ x }}{% endblocktranslate %}'
            '{# Een opmerking #}{% comment %}Nog een{% endcomment %}<a href="/x" title="Sluit venster">'
            "{{ value }} Klachtwijs</a><p>Vergeten tekst</p>"
        )
        self.assertEqual(untranslated_text(source), ["Vergeten", "tekst", "Sluit", "venster"])


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=False)


class CatalogueTests(SimpleTestCase):
    """The English catalogue against the code (with GNU gettext, which the set-up installs)."""

    po = catalogue_path("en")

    def test_every_marked_public_message_has_its_english(self):
        with tempfile.TemporaryDirectory() as workdir:
            fresh = extract(Path(workdir))
            self.assertIn('msgid "Klacht indienen"', fresh.read_text(encoding="utf-8"))
            # msgcmp: every message of the fresh extraction must be translated, and not fuzzy, in the catalogue.
            result = run("msgcmp", str(self.po), str(fresh))
        self.assertEqual(
            result.returncode, 0, "missing in locale/en/LC_MESSAGES/django.po (`make messages`):\n" + result.stderr
        )

    def test_no_entry_is_empty_or_fuzzy_and_the_formats_match(self):
        for option in ("--only-fuzzy", "--untranslated"):
            found = run("msgattrib", option, "--no-wrap", str(self.po)).stdout
            ids = [line for line in found.splitlines() if line.startswith("msgid ") and line != 'msgid ""']
            self.assertEqual(ids, [], option)
        # A fuzzy header (after a careless merge) would be skipped, and the plural rule with it.
        self.assertNotRegex(self.po.read_text(encoding="utf-8"), r'#,[^\n]*fuzzy[^\n]*\nmsgid ""\n')
        checked = run("msgfmt", "--check", "-o", "/dev/null", str(self.po))
        self.assertEqual(checked.returncode, 0, checked.stderr)

    def test_the_compiled_catalogue_in_the_repository_is_up_to_date(self):
        with tempfile.TemporaryDirectory() as workdir:
            compiled = Path(workdir) / "django.mo"
            self.assertEqual(run("msgfmt", "-o", str(compiled), str(self.po)).returncode, 0)
            with compiled.open("rb") as fresh, self.po.with_suffix(".mo").open("rb") as committed:
                self.assertEqual(
                    gettext.GNUTranslations(committed)._catalog,
                    gettext.GNUTranslations(fresh)._catalog,
                    "run `make messages` (compilemessages) and commit locale/en/LC_MESSAGES/django.mo",
                )


# Words of Dutch that are no English words: one of them on an English page is a text left in Dutch.
DUTCH_WORDS = {
    "de", "het", "een", "uw", "van", "niet", "wij", "naar", "voor", "met", "bij", "klacht", "klachten",
    "locatie", "wordt", "worden", "deze", "heeft", "zijn", "wat", "hoe", "kies", "vul", "ontvangen",
    "verplicht", "bijlagen", "gegevens", "opnieuw", "pagina", "ouder", "brief", "oordeel", "u",
}  # fmt: skip


def visible_text(content: bytes) -> str:
    """What a visitor reads or hears of a page: its text and its readable attributes."""
    text = content.decode()
    text = re.sub(r"<(script|style|head)\b.*?</\1>", " ", text, flags=re.DOTALL)
    readable = " ".join(READ_ATTRIBUTES.findall(text))
    text = re.sub(r"<[^>]+>", " ", text) + " " + readable
    text = re.sub(r"\S+@\S+", " ", html.unescape(text))  # e-mail addresses
    return " ".join(text.split())


@override_settings(COMPLAINTS_DESK_PHONE="020 123 4567", COMPLAINTS_DESK_EMAIL="desk@example.test")
class EnglishPagesTests(IntakeTestCase):
    """Every public page in English, with English content, leaves no Dutch word."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.oceaan.name = "Sunflower Childcare"
        cls.oceaan.save()

    def setUp(self) -> None:
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    def assert_english(self, response, status: int = 200) -> None:
        self.assertEqual(response.status_code, status)
        self.assertEqual(response["Content-Language"], "en")
        self.assertIn(b'<html lang="en">', response.content)
        text = visible_text(response.content)
        dutch = {word.lower() for word in re.findall(r"[^\W\d_]+", text)} & DUTCH_WORDS
        places = [re.search(rf"(?i).{{0,50}}\b{word}\b.{{0,50}}", text).group(0) for word in sorted(dutch)]
        self.assertEqual(places, [])

    def english_data(self, **overrides):
        english = {
            "name": "Sam Taylor",
            "email": "sam@example.test",
            "description": "My son was not collected from school.",
            "desired_outcome": "A conversation.",
        }
        return self.form_data(**(english | overrides))

    def test_the_form_its_errors_and_the_location_search(self):
        self.assert_english(self.client.get(self.form_url))
        self.assert_english(self.client.get(self.form_url, {"q": "sunfl"}))
        self.assert_english(self.client.get(self.form_url, {"q": "zzzzqqq"}))
        empty = {"submission_key": self.submission_key, spam.STAMP_FIELD: self.stamp(), spam.HONEYPOT_FIELD: ""}
        refused = self.client.post(self.form_url, empty)
        self.assertContains(refused, "Enter your name.")
        self.assert_english(refused)
        bad = self.english_data(
            email="not-an-address",
            phone="x",
            location="999999",
            care_type="zzz",
            attachments=[
                SimpleUploadedFile("notes.txt", b"plain text", content_type="text/plain"),
            ],
        )
        refused = self.client.post(self.form_url, bad)
        self.assertContains(refused, "notes.txt is not a photo")
        self.assert_english(refused)
        self.assert_english(self.client.get(self.form_url, {"q": "sunfl", "location": ""}, HTTP_HX_REQUEST="true"))

    def test_the_confirmation_and_the_status_page_with_its_timeline(self):
        response = self.client.post(self.form_url, self.english_data())
        self.assertEqual(response.status_code, 303)
        confirmation = self.client.get(response["Location"])
        self.assertContains(confirmation, "Thank you — your reference number is")
        self.assert_english(confirmation)

        complaint = confirmation.context["complaint"]
        complaint_forward(
            complaint=complaint,
            category=self.communication,
            location=self.oceaan,
            handling_location=self.oceaan,
            actor=self.coordinator,
        )
        contact_record(
            complaint=complaint,
            occurred_at=timezone.now(),
            method=ContactMethod.PHONE,
            summary="Called.",
            actor=self.manager,
        )
        complainant_message_add(complaint=complaint, text="One more thing.", sent_at=timezone.now())
        complainant_message_send(
            complaint=complaint, subject="Your complaint", text="We are looking into it.", actor=self.manager
        )
        status = self.client.get(response["Location"].split("?")[0])
        for title in (
            "Complaint received and registered",
            "Passed on to be handled",
            "Contact with you",
            "By phone",
            "Your message",
            "Message to you",
            "being handled",
        ):
            self.assertContains(status, title)
        self.assert_english(status)

        url = reverse("intake:status", args=[complaint.status_token])
        refused = self.client.post(
            url,
            {
                "text": "",
                "submission_key": self.submission_key,
                spam.STAMP_FIELD: self.stamp(),
                spam.HONEYPOT_FIELD: "",
            },
        )
        self.assertContains(refused, "Write a message or choose an attachment.")
        self.assert_english(refused)

    def test_the_outcome_of_a_closed_complaint(self):
        complaint = register(location=self.oceaan, description="My son was not collected.")
        close(complaint, actor=self.coordinator, verdict=Verdict.DEELS)
        status = self.client.get(reverse("intake:status", args=[complaint.status_token]))
        self.assertContains(status, "We find your complaint <strong>partly well-founded</strong>.", html=False)
        self.assert_english(status)

    def test_an_overdue_complaint(self):
        complaint = register(
            location=self.oceaan, description="Nobody called.", received_at=timezone.now() - timedelta(days=60)
        )
        status = self.client.get(reverse("intake:status", args=[complaint.status_token]))
        self.assertContains(status, "The six-week time limit passed on")
        self.assert_english(status)

    def test_the_status_link_request_privacy_and_not_found_pages(self):
        url = reverse("intake:status_link_request")
        self.assert_english(self.client.get(url))
        refused = self.client.post(
            url,
            {
                "email": "x",
                "reference": "y",
                "submission_key": self.submission_key,
                spam.STAMP_FIELD: self.stamp(),
                spam.HONEYPOT_FIELD: "",
            },
        )
        self.assertContains(refused, "A reference number looks like K2026-00012.")
        self.assert_english(refused)
        sent = self.client.post(
            url,
            {
                "email": "sam@example.test",
                "reference": "K2026-00001",
                "submission_key": self.submission_key,
                spam.STAMP_FIELD: self.stamp(),
                spam.HONEYPOT_FIELD: "",
            },
        )
        self.assertContains(sent, "Request received")
        self.assert_english(sent)
        self.assert_english(self.client.get(reverse("intake:privacy")))
        self.assert_english(self.client.get(reverse("intake:status", args=["no-such-link"])), 404)

    def test_the_500_page_without_a_request(self):
        with translation.override("en"):
            response = server_error(RequestFactory().get("/"))
        self.assertEqual(response.status_code, 500)
        text = visible_text(response.content)
        self.assertIn("Something went wrong on our side", text)
        self.assertEqual({word.lower() for word in re.findall(r"[^\W\d_]+", text)} & DUTCH_WORDS, set())

    def test_the_error_pages(self):
        self.assert_english(self.client.get("/no-such-page/"), 404)
        with override_settings(MAX_REQUEST_BYTES=10):
            self.assert_english(self.client.post(self.form_url, {"name": "x" * 100}), 413)
        csrf_client = self.client_class(enforce_csrf_checks=True)
        csrf_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        self.assert_english(csrf_client.post(self.form_url, {"name": "x"}), 403)

"""The seed imported once per test process, with a user for every role (the
personas of config.testing), and helpers to read the outputs back."""

import re
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

from annualreport.services import annual_report_get_or_create
from config.testdata import build_once
from config.testing import BaseTestCase
from imports.services import annual_report_import

SEED = Path(settings.BASE_DIR) / "data" / "seed" / "klachtenjaarverslag-2025.txt"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "annual-report"
REFERENCE_RE = re.compile(r"K2025-\d{5}")


class SeedTestCase(BaseTestCase):
    """The personas, the seed of 2025 and its report. The import runs once per
    test process; later classes get the same rows back (``build_once``)."""

    @classmethod
    def setUpTestData(cls) -> None:
        def build() -> None:
            super(SeedTestCase, cls).setUpTestData()
            annual_report_import(path=SEED, year=2025)
            cls.report = annual_report_get_or_create(year=2025)

        build_once(cls, "annualreport-seed-2025", build)


def pdf_text(content: bytes) -> str:
    """The PDF's text as pdftotext reads it (layout kept, so table rows stay on one line)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        return subprocess.run(
            ["pdftotext", "-layout", handle.name, "-"], capture_output=True, check=True, text=True
        ).stdout


def pdf_pages(text: str) -> list[str]:
    """pdftotext ends every page with a form feed."""
    return text.split("\f")[:-1]


def render_page_png(content: bytes, page: int, name: str) -> Path:
    """Page ``page`` (1-based) as a PNG in test-artifacts/annual-report/, for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        stem = ARTIFACTS / name
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile", handle.name, str(stem)],
            check=True,
        )
    return stem.with_suffix(".png")

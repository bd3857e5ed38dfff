"""The import benchmark (issue 11, point 5) that `make bench` / `make bench-import` run: the file
it builds holds what it claims, its figures replace only the "## Import" section, and it runs
end to end at a tiny size (so it cannot rot between the rare full runs)."""

import sqlite3
from pathlib import Path

import pytest
from django.db import connection

from imports import benchmark
from imports.parser import parse_annual_report

OTHER_SECTIONS = "# Benchmarks\n\nLoad test figures.\n\n## Import\n\nold figures\n\n## Triage\n\ntriage figures\n"


def test_the_built_report_holds_the_rows_it_states(tmp_path: Path) -> None:
    path = benchmark.build_report(1_100, tmp_path / "verslag.txt")  # more than twice the seed's 513
    report = parse_annual_report(path.read_text(encoding="utf-8"), source=str(path))
    assert len(report.complaints) == 1_100
    assert report.facts.total == 1_100
    assert len(report.disputes) > 0


def test_the_section_replaces_the_old_import_figures_only(tmp_path: Path) -> None:
    path = tmp_path / "benchmarks.md"
    path.write_text(OTHER_SECTIONS, encoding="utf-8")
    benchmark.write_section(path, "## Import\n\nnew figures\n")
    text = path.read_text(encoding="utf-8")
    assert "new figures" in text
    assert "old figures" not in text
    assert text.index("Load test figures") < text.index("## Import") < text.index("## Triage")
    assert text.endswith("## Triage\n\ntriage figures\n")


@pytest.fixture
def database_args(tmp_path: Path, django_db_setup, django_db_blocker) -> list[str]:
    """Where the benchmark imports. On the SQLite pass: a file copy of this process's migrated
    test database, which the benchmark's `migrate` finds up to date (a fresh SQLite file takes
    10 s of CPU and more of disk syncs to migrate, and the test database shows migrating works).
    On the PostgreSQL pass: a fresh SQLite file, migrated by the benchmark as in `make bench`."""
    if connection.vendor != "sqlite":
        return ["--databases", "sqlite"]
    copy = tmp_path / "bench.sqlite3"
    with django_db_blocker.unblock():
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    return ["--database-url", f"sqlite:///{copy}"]


def test_it_measures_a_tiny_import_on_sqlite_and_writes_the_figures(tmp_path: Path, database_args: list[str]) -> None:
    path = tmp_path / "benchmarks.md"
    path.write_text(OTHER_SECTIONS, encoding="utf-8")
    status = benchmark.main(["--rows", "30", *database_args, "--write", str(path)])
    text = path.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| SQLite | 30 |"))
    # Whether 30 rows meet the targets depends on how busy the machine is; the status agrees with the row.
    assert row.endswith("| yes |") == (status == 0)
    assert "old figures" not in text
    assert "triage figures" in text

"""Benchmark of the annual report PDF (issue 15 point 5).

Makes a PostgreSQL database of its own (dropped afterwards), migrates it and imports the seed's
published report of 2025 (513 complaints). Then, each in a fresh Python process with production
settings (DEBUG off), as the worker's ReportJob does it (``annualreport.exporters.export``):

1. the seed year's PDF, appendix 1 included: a first run (fonts not yet loaded) and warm runs;
2. the same PDF with appendix 1 laid out by WeasyPrint as an HTML table (the way before
   ``annualreport/exporters/appendix_pdf.py``), once, for comparison;
3. the largest year that still lists its complaints in the PDF: the 513 complaints of 2025 copied
   18 times within 2025 (9,747, just under ``ANNUAL_REPORT_APPENDIX_ROWS_LIMIT`` of 10,000);
4. a large year: copied 222 times (114,399 complaints, above the limit), whose PDF holds the
   figures, tables and chart and refers to the spreadsheet for appendix 1.

CPU seconds (user + system of the process) are given next to wall-clock time, with the load
average, because the machine may be shared; peak RSS is that of the whole process (Django,
WeasyPrint and matplotlib loaded). Writes the section "## Annual report PDF" of docs/benchmarks.md.
Targets: seed year under 5 s; large year under 60 s and 500 MB.

    .venv/bin/python scripts/bench_annual_report.py [--output docs/benchmarks.md] [--copies 222]
"""

import argparse
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config.benchmarks import benchmarks_section_write  # noqa: E402

PG_SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
YEAR = 2025
SEED = ROOT / "data" / "seed" / "klachtenjaarverslag-2025.txt"
WARM_RUNS = 3
LISTED_COPIES = 18  # 513 x 19 = 9,747 complaints: the largest year under the limit of 10,000 (listed in the PDF)
TARGET_SEED_S = 5.0
TARGET_LARGE_S, TARGET_LARGE_MB = 60.0, 500


def log(message: str) -> None:
    print(f"[annual report bench {datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def admin_execute(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def environment(database: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"{PG_SERVER}/{database}",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "annual-report-bench-only-" + "x" * 30),
        "DEBUG": "0",
        "PYTHONPATH": str(ROOT),
    }


def manage(database: str, *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], cwd=ROOT, env=environment(database), check=True)


def measure_in_child(database: str, *, runs: int, weasyprint_table: bool = False) -> dict:
    """Runs this script with --measure in a fresh process; its JSON result."""
    command = [sys.executable, __file__, "--measure", "--runs", str(runs)]
    if weasyprint_table:
        command.append("--weasyprint-table")
    result = subprocess.run(command, cwd=ROOT, env=environment(database), check=True, capture_output=True, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(runs: int, weasyprint_table: bool) -> dict:
    """In the child: make the year's PDF ``runs`` times; CPU, wall and the process's peak RSS."""
    import django

    django.setup()
    import matplotlib.pyplot  # noqa: F401 - loaded once by a worker, as WeasyPrint below
    import weasyprint  # noqa: F401

    from annualreport.builder import AnnualReportDocument
    from annualreport.exporters import appendix_pdf, export
    from annualreport.services import annual_report_get_or_create

    if weasyprint_table:
        appendix_pdf.available = lambda: False  # the exporter's fallback: WeasyPrint's HTML table
    report = annual_report_get_or_create(year=YEAR)
    out = {"runs": []}
    for _ in range(runs):
        cpu, wall = time.process_time(), time.perf_counter()
        doc = AnnualReportDocument(report=report)
        content = export(doc, "pdf").content
        out["runs"].append({"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall})
        out["load"] = os.getloadavg()[0]
    out.update(
        complaints=doc.figures.total,
        size=len(content),
        rss_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
    text = pdf_text(content)
    out["pages"] = text.count("\f")
    flat = " ".join(text.split())
    out["refers_to_spreadsheet"] = f"in het bijbehorende spreadsheet {doc.filename('xlsx')}" in flat
    out["references_listed"] = len(re.findall(r"\bK\d{4}-\d{5}\b", text))
    return out


def pdf_text(content: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True)
    return result.stdout.decode()


def copy_complaints(database: str, first: int, last: int) -> int:
    """Copies number ``first`` to ``last`` of the seed year's own complaints, within the year (new
    references and sequence numbers, no status links); the year's number of complaints after it."""
    import psycopg

    with psycopg.connect(f"{PG_SERVER}/{database}", autocommit=True) as connection:
        columns = [
            row[0]
            for row in connection.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = 'complaints_complaint' "
                "AND column_name <> 'id' AND is_generated = 'NEVER' ORDER BY ordinal_position"
            )
        ]
        replaced = {
            "reference": "'K' || c.year || '-' || n || '-' || c.sequence",
            "sequence": "c.sequence + n * 100000",
            "status_token": "NULL",
            "submission_key": "NULL",
        }
        select = ", ".join(replaced.get(column, f"c.{column}") for column in columns)
        connection.execute(
            f"INSERT INTO complaints_complaint ({', '.join(columns)}) "  # noqa: S608 - our own column names
            f"SELECT {select} FROM complaints_complaint c CROSS JOIN generate_series(%s::int, %s::int) AS n "
            "WHERE c.year = %s AND c.sequence < 100000",
            (first, last, YEAR),
        )
        connection.execute("ANALYZE complaints_complaint")
        return connection.execute("SELECT count(*) FROM complaints_complaint WHERE year = %s", (YEAR,)).fetchone()[0]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{cpu}, {os.cpu_count()} cores, {memory:.0f} GiB, {platform.system()} {platform.release()}"


def row(label: str, data: dict, *, run: dict, target: str, met: bool | None) -> str:
    listed = (
        "appendix 1 in the PDF"
        if data["references_listed"]
        else ("appendix 1 referred to the spreadsheet" if data["refers_to_spreadsheet"] else "no appendix 1 (!)")
    )
    verdict = "" if met is None else (" yes" if met else " **no**")
    return (
        f"| {label} | {data['complaints']:,} | {listed} | {run['cpu']:.1f} s | {run['wall']:.1f} s | "
        f"{data['load']:.1f} | {data['rss_mb']:.0f} MB | {data['pages']} pages, {data['size'] / 1024:,.0f} KB | "
        f"{target}{verdict} |"
    )


def seed_met(seed: dict) -> bool:
    """The seed year's target is a time on a machine of its own: on a loaded one (load average above
    the number of cores) the process's CPU time is what compares, else the wall-clock time."""
    warm = seed["runs"][1:] or seed["runs"]
    key = "cpu" if seed["load"] > (os.cpu_count() or 1) else "wall"
    return statistics.median(run[key] for run in warm) < TARGET_SEED_S


def markdown(seed: dict, before: dict | None, listed: dict, large: dict) -> str:
    first, warm = seed["runs"][0], seed["runs"][1:] or seed["runs"]
    median = {key: statistics.median(run[key] for run in warm) for key in ("cpu", "wall")}
    large_run = large["runs"][0]
    lines = [
        "## Annual report PDF",
        "",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {machine()}.",
        '- What: `annualreport.exporters.export(doc, "pdf")` as the worker\'s ReportJob runs it, from building the '
        "document to the PDF's bytes, in a fresh process per line with production settings (DEBUG off) and "
        "PostgreSQL; WeasyPrint and matplotlib already imported (as in the worker). CPU is user + system time of "
        "the process; the load average (1 min) is the machine's at the end of the line, since the machine may be "
        "shared. Peak RSS is the whole process's (Django, WeasyPrint and matplotlib loaded: about 150 MB before "
        "any report). Made by `scripts/bench_annual_report.py` (`make bench-annual-report`, part of `make bench`).",
        "- Seed year: `import_annual_report data/seed/klachtenjaarverslag-2025.txt --year 2025`. Large year: the "
        "2025 complaints copied within 2025 to 114,399; above `ANNUAL_REPORT_APPENDIX_ROWS_LIMIT` (10,000) the PDF "
        "holds the figures, tables and chart (aggregate queries) and names the spreadsheet that lists appendix 1 "
        "(streamed; see the XLSX line of the load test).",
        "",
        "| what | complaints | appendix 1 | CPU | wall | load | peak RSS | output | target |",
        "|---|---|---|---|---|---|---|---|---|",
        row("seed year, first PDF of the process", seed, run=first, target=f"< {TARGET_SEED_S:.0f} s", met=None),
        row(
            f"seed year, median of {len(warm)} more",
            seed,
            run=median,
            target=f"< {TARGET_SEED_S:.0f} s",
            met=seed_met(seed),
        ),
    ]
    if before:
        lines.append(
            row(
                "seed year, appendix 1 laid out by WeasyPrint (before; the fallback without cairo)",
                before,
                run=before["runs"][0],
                target="–",
                met=None,
            )
        )
    lines.append(
        row(
            "the largest year still listed in the PDF (seed complaints copied 18 times)",
            listed,
            run=listed["runs"][0],
            target="–",
            met=None,
        )
    )
    lines.append(
        row(
            "large year",
            large,
            run=large_run,
            target=f"< {TARGET_LARGE_S:.0f} s, < {TARGET_LARGE_MB} MB",
            met=large_run["wall"] < TARGET_LARGE_S and large["rss_mb"] < TARGET_LARGE_MB,
        )
    )
    lines += [
        "",
        "How appendix 1 is made fast: WeasyPrint lays out text one line at a time in Python (about 1 ms a line, "
        "15,000 lines for the seed's appendix), so the 115 landscape pages of the complaint table took 15–20 s of "
        "CPU. `annualreport/exporters/appendix_pdf.py` draws the table with Pango and cairo (line breaking and "
        "glyphs in C, same fonts and fallback, same columns); WeasyPrint lays out the rest of the report with the "
        "table's first page as an empty sheet and counts the table's pages for the contents; the table's pages and "
        "the running footers are then drawn onto the document (pypdf, form XObjects). Without cairo the exporter "
        'falls back to WeasyPrint\'s HTML table (the "before" line).',
        "",
        "- The seed year's target (under 5 s) is for a machine of its own; where the load average is above the "
        "number of cores, the CPU time is the figure that compares (the wall-clock time then mostly measures the "
        "other processes), and the target column judges the CPU time. The first PDF of a process also loads "
        "the fonts.",
        "- Nothing of issue 15 points 2 and 5 is given up: every character prints (Noto Sans with fontconfig's "
        'fallback, the Devanagari font embedded), the verdict column ("Onbekend") never wraps and text cells '
        "wrap at word boundaries only, the appendices keep their order and page numbers, footnotes and the rest of "
        "the report stay WeasyPrint's. The PDF is about twice as large (cairo embeds its own font subsets).",
        "- The largest year still listed in the PDF shows that the limit of 10,000 complaints keeps a listed "
        "appendix within bounds (CPU grows with the number of rows; memory stays flat: each row's layouts are "
        "freed once drawn). Above the limit the PDF's time and memory do not grow with the year.",
    ]
    return "\n".join(lines) + "\n"


def write_section(output: Path, section: str) -> None:
    """Replace the "## Annual report PDF" section of ``output`` (or append it); the rest is left alone."""
    benchmarks_section_write(output, section)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--copies", type=int, default=222, help="copies of the seed year's complaints (large year)")
    parser.add_argument("--skip-before", action="store_true", help="leave out the WeasyPrint-table comparison")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--weasyprint-table", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.runs, args.weasyprint_table)))
        return 0
    database = f"klachtwijs_bench_annual_report_{os.getpid()}"
    admin_execute(f'CREATE DATABASE "{database}"')
    try:
        log(f"migrating {database}")
        manage(database, "migrate", "--noinput", "--verbosity", "0")
        log("importing the seed's report of 2025")
        manage(database, "import_annual_report", str(SEED), "--year", str(YEAR))
        log("seed year")
        seed = measure_in_child(database, runs=1 + WARM_RUNS)
        log(f"seed year: {seed}")
        before = None
        if not args.skip_before:
            before = measure_in_child(database, runs=1, weasyprint_table=True)
            log(f"seed year, WeasyPrint table: {before}")
        total = copy_complaints(database, 1, LISTED_COPIES)
        log(f"largest year listed in the PDF: {total:,} complaints")
        listed = measure_in_child(database, runs=1)
        log(f"largest year listed in the PDF: {listed}")
        total = copy_complaints(database, LISTED_COPIES + 1, args.copies)
        log(f"large year: {total:,} complaints")
        large = measure_in_child(database, runs=1)
        log(f"large year: {large}")
    finally:
        admin_execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        log(f"dropped {database}")
    section = markdown(seed, before, listed, large)
    write_section(args.output, section)
    print(section)
    met = (
        seed_met(seed)
        and large["runs"][0]["wall"] < TARGET_LARGE_S
        and large["rss_mb"] < TARGET_LARGE_MB
        and large["refers_to_spreadsheet"]
        and not large["references_listed"]
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())

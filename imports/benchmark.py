"""Import benchmark: a 100,000-row appendix 1 built from the seed's rows, imported by
the real command in a child process on a fresh database; wall time and peak memory.

Usable on its own (``python -m imports.benchmark --rows 100000``) and from
``scripts/bench.py`` through ``main()``. Targets (issue 11): under 60 s and 500 MB."""

import argparse
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "seed" / "klachtenjaarverslag-2025.txt"
TARGET_SECONDS = 60
TARGET_MB = 500
_TAGS = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class ImportFigures:
    rows: int
    file_mb: float
    seconds: float
    cpu_seconds: float
    peak_mb: float
    database: str
    load_average: float

    @property
    def within_targets(self) -> bool:
        return self.seconds < TARGET_SECONDS and self.peak_mb < TARGET_MB


def _is_main_row(line: str) -> bool:
    cells = line.split("\t")
    if len(cells) != 6:
        return False
    label = _TAGS.sub("", cells[1]).strip()
    return bool(label) and set(label) != {"-"}


def build_report(rows: int, path: Path, *, seed: Path = SEED) -> Path:
    """The seed with appendix 1 repeated (continuation rows and page gaps included) to `rows`
    complaints, and the total in its text changed to match."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    header = next(i for i, line in enumerate(lines) if line.startswith("Naam locatie\tLabel\t"))
    end = next(i for i in range(header, len(lines)) if lines[i].startswith("Bijlage 2 "))
    body = lines[header + 1 : end]
    appendix: list[str] = []
    count = 0
    while count < rows:
        for line in body:
            if _is_main_row(line):
                if count == rows:
                    break
                count += 1
            appendix.append(line)
    prose = "\n".join(lines[: header + 1])
    prose = re.sub(r"(In totaal zijn er in 2025 )513( interne klachten)", rf"\g<1>{rows}\g<2>", prose)
    path.write_text("\n".join([prose, *appendix, "", *lines[end:]]), encoding="utf-8")
    return path


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MB) of one child process."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({child.returncode}): {errors[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # ru_maxrss: KiB on Linux


def measure(rows: int = 100_000, *, database_url: str | None = None) -> ImportFigures:
    """Build the report, migrate a fresh database (SQLite in a temporary folder unless
    `database_url` names an empty one) and time the import command alone."""
    with tempfile.TemporaryDirectory(prefix="klachtwijs-import-bench-") as folder:
        report = build_report(rows, Path(folder) / "jaarverslag.txt")
        url = database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings"}
        env.setdefault("SECRET_KEY", "import-bench-only-secret-key-" + "x" * 30)  # DEBUG is off, as in production
        python = sys.executable
        _run([python, "manage.py", "migrate", "--noinput", "-v", "0"], env)
        seconds, cpu_seconds, peak_mb = _run(
            [python, "manage.py", "import_annual_report", str(report), "--year", "2025", "-v", "0"], env
        )
        return ImportFigures(
            rows=rows,
            file_mb=report.stat().st_size / 1_000_000,
            seconds=seconds,
            cpu_seconds=cpu_seconds,
            peak_mb=peak_mb,
            database=url.split(":", 1)[0],
            load_average=os.getloadavg()[0],
        )


def markdown(figures: ImportFigures) -> str:
    """The "Import" section of docs/benchmarks.md."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    verdict = "within" if figures.within_targets else "NOT within"
    return "\n".join(
        [
            "## Import",
            "",
            f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            f"- Machine: {os.cpu_count()} cores, {memory:.0f} GiB, {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}.",
            f"- Data: appendix 1 of {figures.rows:,} complaints ({figures.file_mb:.0f} MB of text), built from the "
            "seed's rows with their continuation rows and page gaps (`imports/benchmark.py`), imported by "
            f"`manage.py import_annual_report` into a fresh, migrated {figures.database} database.",
            f"- Result: {figures.seconds:.1f} s wall ({figures.cpu_seconds:.1f} s CPU), peak RSS "
            f"{figures.peak_mb:.0f} MB for the import process, Django start-up included ({verdict} the targets of "
            f"{TARGET_SECONDS} s and {TARGET_MB} MB). Load average at the end: {figures.load_average:.1f} "
            "(the machine is shared, so wall time is CPU time plus waiting for a core).",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", help="an empty database to import into (default: a temporary SQLite file)")
    args = parser.parse_args(argv)
    figures = measure(args.rows, database_url=args.database_url)
    print(markdown(figures))
    return 0 if figures.within_targets else 1


if __name__ == "__main__":
    sys.exit(main())

"""Reading the organisation's data files (the national register export, the organisation file).

Small helpers shared by `organisation.lrk` and `organisation.structure`: the text of a file in
UTF-8 (with or without BOM) or Latin-1, CSV rows with their line numbers, and the one error type
whose message names file, line, field and reason (the same shape as the annual-report importer's
messages)."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

MAX_ERRORS = 20


class DataFileError(Exception):
    """The file cannot be imported; nothing was written. Each line of the message is
    `file:line: field: reason`."""


@dataclass
class ErrorList:
    """Collects `file:line: field: reason` problems; raises them all at once."""

    source: str
    errors: list[str] = field(default_factory=list)

    def add(self, line: int | None, field_name: str, reason: str) -> None:
        where = self.source if line is None else f"{self.source}:{line}"
        self.errors.append(f"{where}: {field_name}: {reason}")

    def raise_if_any(self) -> None:
        if not self.errors:
            return
        shown = self.errors[:MAX_ERRORS]
        if len(self.errors) > MAX_ERRORS:
            shown.append(f"{self.source}: and {len(self.errors) - MAX_ERRORS} more problems")
        raise DataFileError("\n".join(shown))


def read_text(path: Path) -> str:
    """The file as text: UTF-8 (a byte order mark is dropped), else Latin-1 (Windows-1252), the
    encoding older register exports use."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    if b"\x00" in data:
        raise DataFileError(f"{path}: is not a text file (it holds NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def csv_rows(text: str, *, source: str, delimiter: str | None = None) -> tuple[list[str], Iterator[tuple[int, dict]]]:
    """The header (lower-cased, trimmed) and the rows as (line, {column: value}); the delimiter is
    `;` unless given, or guessed from the header (`;`, `,` or tab) when None."""
    first_line = text.split("\n", 1)[0]
    if delimiter is None:
        delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise DataFileError(f"{source}:1: header: the file is empty") from None
    except csv.Error as exc:
        raise DataFileError(f"{source}:1: header: {exc}") from None
    columns = [name.strip().lower() for name in header]

    def rows() -> Iterator[tuple[int, dict]]:
        start = reader.line_num + 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise DataFileError(f"{source}:{reader.line_num}: row: {exc}") from None
            line = start
            start = reader.line_num + 1
            if not any(value.strip() for value in values):
                continue
            yield line, {name: (values[i].strip() if i < len(values) else "") for i, name in enumerate(columns)}

    return columns, rows()

"""The small markup of the editable texts: a blank line starts a new
paragraph, a single line break stays a line break, lines starting with "- "
form a bulleted list, **text** is bold, and a paragraph that is only
``{{ tabel }}`` marks where the section's computed table goes. The same
blocks are written to HTML and to Word."""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

BLOCK_MARKER_RE = re.compile(r"^\{\{\s*tabel\s*\}\}$", re.IGNORECASE)
_BULLET_RE = re.compile(r"^\s*[-*•]\s+")
_BOLD_RE = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    bold: bool = False


Line = tuple[Run, ...]


@dataclass(frozen=True, slots=True)
class Paragraph:
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class BulletList:
    items: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class BlockMarker:
    pass


Block = Paragraph | BulletList | BlockMarker


def _runs(text: str, fill: Callable[[str], str]) -> Line:
    runs: list[Run] = []
    position = 0
    for match in _BOLD_RE.finditer(text):
        if match.start() > position:
            runs.append(Run(fill(text[position : match.start()])))
        runs.append(Run(fill(match[1]), bold=True))
        position = match.end()
    if position < len(text):
        runs.append(Run(fill(text[position:])))
    return tuple(run for run in runs if run.text)


def parse(text: str, fill: Callable[[str], str] = str) -> list[Block]:
    """Blocks of ``text``; ``fill`` replaces the placeholders in each piece of
    text (after the structure is read, so a value never changes the structure)."""
    blocks: list[Block] = []
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    for chunk in re.split(r"\n\s*\n", normalised):
        lines = [line.rstrip() for line in chunk.strip("\n").split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) == 1 and BLOCK_MARKER_RE.match(lines[0].strip()):
            blocks.append(BlockMarker())
            continue
        group: list[str] = []
        group_is_list = bool(_BULLET_RE.match(lines[0]))
        for line in [*lines, None]:
            is_list = line is not None and bool(_BULLET_RE.match(line))
            if line is None or is_list != group_is_list:
                if group_is_list:
                    blocks.append(BulletList(tuple(_runs(_BULLET_RE.sub("", item), fill) for item in group)))
                else:
                    blocks.append(Paragraph(tuple(_runs(item.strip(), fill) for item in group)))
                group, group_is_list = [], is_list
            if line is not None:
                group.append(line)
    return blocks


def _line_html(line: Line) -> str:
    return "".join(f"<strong>{escape(run.text)}</strong>" if run.bold else str(escape(run.text)) for run in line)


def to_html(blocks: Sequence[Block], *, marker_html: str = "") -> SafeString:
    """``marker_html`` (trusted) stands where ``{{ tabel }}`` is, in the editor's preview."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, BlockMarker) and marker_html:
            parts.append(marker_html)
        elif isinstance(block, Paragraph):
            parts.append("<p>" + "<br>".join(_line_html(line) for line in block.lines) + "</p>")
        elif isinstance(block, BulletList):
            parts.append("<ul>" + "".join(f"<li>{_line_html(item)}</li>" for item in block.items) + "</ul>")
    # Safe: every piece of text went through escape() above.
    return mark_safe("\n".join(parts))


def plain_text(blocks: Sequence[Block]) -> str:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines.append("\n".join("".join(run.text for run in line) for line in block.lines))
        elif isinstance(block, BulletList):
            lines.append("\n".join("- " + "".join(run.text for run in item) for item in block.items))
    return "\n\n".join(lines)

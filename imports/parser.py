"""Parser for the text export of a published annual complaint report (Klachtenjaarverslag).

The text comes from a PDF extraction: tables are tab-separated lines, cells may hold a
little HTML, and a table row cut by a page break continues on a row whose first three
cells are empty. Everything here is pure Python so it can be tested without Django.

Everything must run in linear time on hostile input: cells are parsed with lxml (Python
3.13.0's html.parser is quadratic on repeated unclosed tags) and no regular expression
here may backtrack over a long run of one character (headings are split, not matched
with a lazy group before a trailing whitespace pattern).
"""

from __future__ import annotations

import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from lxml import etree

from organisation.keys import match_key

__all__ = [
    "Outcome",
    "ParseError",
    "ParsedComplaint",
    "ParsedDispute",
    "ParsedReport",
    "StatedFacts",
    "Verdict",
    "canonical_location_names",
    "html_to_text",
    "parse_annual_report",
    "parse_report_lines",
    "split_lines",
]

type Verdict = Literal["ja", "deels", "nee"]
type Outcome = Literal["upheld", "not_upheld", "settled", "withdrawn"]


class ParseError(Exception):
    """The report text does not have the expected shape; says where and why."""

    def __init__(
        self,
        reason: str,
        source: str = "<string>",
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.source = source
        self.line = line
        self.field = field
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        if self.field:
            return f"{where}: {self.field}: {self.reason}"
        return f"{where}: {self.reason}"

    def __reduce__(self) -> tuple[type[ParseError], tuple[str, str, int | None, str | None]]:
        return (type(self), (self.reason, self.source, self.line, self.field))


@dataclass(frozen=True, slots=True)
class ParsedComplaint:
    """One complaint of appendix 1; position is its 1-based place, line its main row."""

    position: int
    line: int
    continuation_lines: tuple[int, ...]
    location_name: str | None
    label: str
    category: str
    description: str
    solution: str
    verdict: Verdict | None


@dataclass(frozen=True, slots=True)
class ParsedDispute:
    """One case of the Geschillencommissie tables; line is its table row."""

    line: int
    appendix_title: str
    party_name: str
    case_number: str
    subjects: tuple[str, ...]
    outcome: Outcome | None
    ruling: str
    amount_awarded: Decimal | None
    lesson: str


@dataclass(frozen=True, slots=True)
class StatedFacts:
    """Figures stated in the report's prose; None where the sentence is absent."""

    total: int | None
    previous_total: int | None
    children_served: int | None
    rate_percent: Decimal | None
    previous_rate_percent: Decimal | None
    previous_by_category: dict[str, int]
    previous_disputes_total: int | None
    disputes_total: int | None
    # Line of the sentence stating the total, for messages about it.
    total_line: int | None = None
    # "heeft circa 753 locaties en meer dan 11.000 medewerkers" (the size of the organisation).
    locations_count: int | None = None
    employees_count: int | None = None


@dataclass(frozen=True, slots=True)
class ParsedReport:
    """Everything read from one report; categories in order of first appearance."""

    source: str
    year: int | None
    organisation_name: str | None
    complaints: tuple[ParsedComplaint, ...]
    disputes: tuple[ParsedDispute, ...]
    facts: StatedFacts
    categories: tuple[str, ...]
    # Line of the "Bijlage 1" heading, and the text before the first appendix (where the
    # report names its legal entities).
    appendix_line: int = 0
    prose: str = ""


# --- HTML cells -------------------------------------------------------------------------

# A block is a paragraph (str) or a list (its items).
type _Block = str | list[str]

# "wet- en regelgeving" must stay inside its item, so a marker needs whitespace before
# the dash and no whitespace after it.
_LIST_ITEM_MARKER: Final = re.compile(r"(?:^|\s)-(?=\S)")


def _collapse(text: str) -> str:
    return " ".join(text.split())


class _BlockTarget:
    """Turns a cell fragment into blocks; an lxml parser target (SAX-like callbacks).

    Lists arrive as ``<ul> -item -item`` without ``<li>``; such a list runs until the next
    ``<p>``, ``</ul>`` or the end of the fragment.
    """

    def __init__(self, *, in_list: bool = False) -> None:
        self.blocks: list[_Block] = []
        self.ends_in_open_list = False
        self._paragraph: list[str] = []
        self._in_list = in_list
        self._list_text: list[str] = []
        self._items: list[str] = []
        self._item: list[str] | None = None
        # Set while the parser closes: the end tags it reports then are implied, and an
        # implied </ul> must not end a list that a page break cut off.
        self.closing = False

    def start(self, tag: str, attrib: object) -> None:
        if tag == "p":
            self._close_list()
            self._close_paragraph()
        elif tag in ("ul", "ol"):
            self._close_paragraph()
            self._close_list()
            self._in_list = True
        elif tag == "li":
            if not self._in_list:
                self._close_paragraph()
                self._in_list = True
            self._flush_list_text()
            self._close_item()
            self._item = []
        elif tag == "br":
            if self._in_list:
                self.data(" ")
            else:
                self._close_paragraph()

    def end(self, tag: str) -> None:
        if self.closing:
            return
        if tag == "p":
            self._close_paragraph()
        elif tag in ("ul", "ol"):
            self._close_list()
        elif tag == "li":
            self._close_item()

    def data(self, data: str) -> None:
        if self._item is not None:
            self._item.append(data)
        elif self._in_list:
            self._list_text.append(data)
        else:
            self._paragraph.append(data)

    def comment(self, text: str) -> None:
        pass

    def close(self) -> None:
        self.ends_in_open_list = self._in_list
        self._close_list()
        self._close_paragraph()

    def _close_paragraph(self) -> None:
        text = _collapse("".join(self._paragraph))
        self._paragraph.clear()
        if text:
            self.blocks.append(text)

    def _close_item(self) -> None:
        if self._item is None:
            return
        text = _collapse("".join(self._item))
        self._item = None
        if text:
            self._items.append(text)

    def _flush_list_text(self) -> None:
        raw = "".join(self._list_text)
        self._list_text.clear()
        head, *items = _LIST_ITEM_MARKER.split(raw)
        head = _collapse(head)
        if head:
            if self._items:
                self._items[-1] = f"{self._items[-1]} {head}"
            else:
                # Text before the first marker: a paragraph of its own, or the tail of an
                # item cut by a page break (see _CellText.extend).
                self.blocks.append(head)
        self._items.extend(text for item in items if (text := _collapse(item)))

    def _close_list(self) -> None:
        if not self._in_list:
            return
        self._close_item()
        self._flush_list_text()
        if self._items:
            self.blocks.append(self._items)
        self._items = []
        self._in_list = False


class _Relay:
    """The target of one reused lxml parser, passing events on to the current fragment's
    target (making a parser per cell cost more than parsing the cell)."""

    def __init__(self) -> None:
        self.current = _BlockTarget()

    def start(self, tag: str, attrib: object) -> None:
        self.current.start(tag, attrib)

    def end(self, tag: str) -> None:
        self.current.end(tag)

    def data(self, data: str) -> None:
        self.current.data(data)

    def comment(self, text: str) -> None:
        pass

    def close(self) -> None:
        self.current.close()


_local = threading.local()  # lxml parsers must not be shared between threads


def _parse_blocks(fragment: str, *, in_list: bool = False) -> tuple[list[_Block], bool]:
    target = _BlockTarget(in_list=in_list)
    if "<" in fragment or "&" in fragment:
        # libxml2's HTML parser is linear and recovers from broken markup; it reports the
        # fragment through the target's callbacks (its implied <html>/<body> are ignored).
        relay: _Relay | None = getattr(_local, "relay", None)
        if relay is None:
            relay = _local.relay = _Relay()
            _local.parser = etree.HTMLParser(target=relay, recover=True, no_network=True)
        relay.current = target
        try:
            _local.parser.feed(fragment)
            target.closing = True
            _local.parser.close()
        except BaseException:
            _local.relay = None  # a parser interrupted half-way is not reused
            raise
    else:
        # Most cells are plain text: no parser needed.
        target.data(fragment)
        target.close()
    return target.blocks, target.ends_in_open_list


def _render(blocks: Sequence[_Block]) -> str:
    rendered = (block if isinstance(block, str) else "\n".join(f"- {item}" for item in block) for block in blocks)
    return "\n\n".join(rendered)


def html_to_text(fragment: str) -> str:
    """Plain text of a cell: paragraphs apart by a blank line, list items as "- item" lines."""
    blocks, _ = _parse_blocks(fragment)
    return _render(blocks)


def _join_across_page_break(head: str, tail: str) -> str:
    if len(head) >= 2 and head[-1] == "-" and head[-2].isalpha() and tail[:1].islower():
        return head[:-1] + tail
    return f"{head} {tail}"


class _CellText:
    """The text of one cell, growing as continuation rows arrive."""

    __slots__ = ("_blocks", "_open_list")

    def __init__(self, fragment: str) -> None:
        self._blocks, self._open_list = _parse_blocks(fragment)

    def extend(self, fragment: str) -> None:
        blocks, open_list = _parse_blocks(fragment, in_list=self._open_list)
        if not blocks:
            return
        self._open_list = open_list
        if not self._blocks:
            self._blocks = blocks
            return
        # A page break always falls inside a paragraph (or list item), so the first
        # paragraph of the continuation finishes the last one before the break.
        first, rest = blocks[0], blocks[1:]
        last = self._blocks[-1]
        if isinstance(first, str):
            if isinstance(last, str):
                self._blocks[-1] = _join_across_page_break(last, first)
            else:
                last[-1] = _join_across_page_break(last[-1], first)
        else:
            rest = blocks
        if rest and isinstance(rest[0], list) and isinstance(self._blocks[-1], list):
            self._blocks[-1].extend(rest[0])
            rest = rest[1:]
        self._blocks.extend(rest)

    def render(self) -> str:
        return _render(self._blocks)


# --- Document structure -----------------------------------------------------------------

# The title is the rest of the line, stripped in Python: a lazy group followed by "\s*$"
# backtracks quadratically over a long run of spaces.
_APPENDIX_HEADING: Final = re.compile(r"Bijlage\s+(?P<number>\S+)(?P<title>.*)")
# "3.", "3.2", "3.2.1.": one unambiguous way to match each number (a nested "(\d+\.?)*"
# would backtrack exponentially over a long run of digits).
_SECTION_HEADING: Final = re.compile(r"(?P<number>\d+\.(?:\d+(?:\.\d+)*\.?)?)\s+(?P<title>\S.*)")
_TITLE_WORD: Final = "Klachtenjaarverslag"
_YEAR: Final = re.compile(r"(?:19|20)\d{2}")
_TRAILING_YEAR: Final = re.compile(r"\b(?:19|20)\d{2}\Z")
_MAX_HEADING_LENGTH: Final = 100
_CASE_WORD: Final = "Zaaknummer"

_COMPLAINT_HEADER: Final = (
    "naam locatie",
    "label",
    "categorie",
    "omschrijving klacht",
    "welke oplossing is er getroffen",
    "klacht gegrond",
)
_DISPUTE_HEADER: Final = ("naam", "zaaknummer", "onderwerp van het geschil")
_VERDICTS: Final[dict[str, Verdict]] = {"ja": "ja", "deels": "deels", "nee": "nee"}


def _is_blank(line: str) -> bool:
    return not line.strip()


def _case_number(line: str) -> str | None:
    """The number of a "Zaaknummer 1209858" line, else None."""
    words = line.split()
    return words[1] if len(words) == 2 and words[0] == _CASE_WORD else None


def _section_heading(line: str) -> re.Match[str] | None:
    # Length guard: a prose line may start with a number such as "72.684 kinderen".
    if "\t" in line or len(line) > _MAX_HEADING_LENGTH:
        return None
    return _SECTION_HEADING.match(line.strip())


def _check_markup(raw: str, *, source: str, line: int) -> None:
    # libxml2 reads "<![CDATA[...]]>" and conditional sections as comments and drops
    # their text silently; a published table never holds them, so refuse the file.
    if "<![" in raw:
        raise ParseError("unsupported markup '<![' (CDATA or conditional section) in a cell", source, line, "markup")


@dataclass(frozen=True, slots=True)
class _Appendix:
    heading_index: int  # 0-based index of the heading line
    end_index: int  # exclusive: the next heading or the end of the text
    title: str


def _find_appendices(lines: Sequence[str]) -> list[_Appendix]:
    # Table-of-contents lines carry a tab and a page number; real headings have no tab.
    starts = [
        (index, _collapse(match["title"]))
        for index, line in enumerate(lines)
        if "\t" not in line and (match := _APPENDIX_HEADING.match(line))
    ]
    ends = [index for index, _ in starts[1:]] + [len(lines)] if starts else []
    return [
        _Appendix(heading_index=index, end_index=end, title=title)
        for (index, title), end in zip(starts, ends, strict=True)
    ]


def _is_header(line: str, expected: tuple[str, ...]) -> bool:
    # The field count first: a line of a million tabs is not parsed cell by cell.
    if line.count("\t") != len(expected) - 1:
        return False
    return _cells_of_header(line) == expected


def _cells_of_header(line: str) -> tuple[str, ...]:
    return tuple(_collapse(html_to_text(cell)).casefold() for cell in line.split("\t"))


def _cell_value(cell: str) -> str:
    inner = cell.strip()
    if inner.startswith("<p>") and inner.endswith("</p>"):
        inner = inner[3:-4]
    # Plain text, or one plain paragraph (most name, label and verdict cells): no parser.
    if "<" not in inner and "&" not in inner:
        return _collapse(inner)
    return _collapse(html_to_text(cell))


# --- Appendix 1: complaints ---------------------------------------------------------------


class _ComplaintDraft:
    __slots__ = (
        "category",
        "continuation_lines",
        "description",
        "label",
        "line",
        "location_name",
        "solution",
        "verdict",
    )

    def __init__(
        self,
        *,
        line: int,
        location_name: str | None,
        label: str,
        category: str,
        description: str,
        solution: str,
        verdict: Verdict | None,
    ) -> None:
        self.line = line
        self.location_name = location_name
        self.label = label
        self.category = category
        self.description = _CellText(description)
        self.solution = _CellText(solution)
        self.verdict = verdict
        self.continuation_lines: list[int] = []

    def finish(self, position: int) -> ParsedComplaint:
        return ParsedComplaint(
            position=position,
            line=self.line,
            continuation_lines=tuple(self.continuation_lines),
            location_name=self.location_name,
            label=self.label,
            category=self.category,
            description=self.description.render(),
            solution=self.solution.render(),
            verdict=self.verdict,
        )


def _parse_verdict(cell: str, *, source: str, line: int) -> Verdict | None:
    value = _cell_value(cell)
    if not value:
        return None
    verdict = _VERDICTS.get(value.casefold())
    if verdict is None:
        raise ParseError(
            f"expected 'ja', 'deels', 'nee' or an empty cell, found {value!r}",
            source,
            line,
            "verdict",
        )
    return verdict


_TAG: Final = re.compile(r"<[^<>]*>")  # linear: the class stops at the next "<"


def _is_separator(cells: Sequence[str]) -> bool:
    # Most rows hold words: told apart without parsing their cells.
    for cell in cells:
        rough = _TAG.sub("", cell)
        if "&" not in rough and rough.replace("-", "").strip():
            return False
    has_dashes = False
    for cell in cells:
        value = _cell_value(cell)
        if value and set(value) != {"-"}:
            return False
        has_dashes = has_dashes or bool(value)
    return has_dashes


def _is_complaint_appendix(appendix: _Appendix) -> bool:
    return appendix.title.casefold().startswith("klachtenoverzicht")


def _parse_complaints(lines: Sequence[str], appendix: _Appendix, *, source: str) -> tuple[ParsedComplaint, ...]:
    header_index = next(
        (
            index
            for index in range(appendix.heading_index + 1, appendix.end_index)
            if _is_header(lines[index], _COMPLAINT_HEADER)
        ),
        None,
    )
    if header_index is None:
        raise ParseError("appendix 1 table header not found", source, appendix.heading_index + 1, "header")

    drafts: list[_ComplaintDraft] = []
    for index in range(header_index + 1, appendix.end_index):
        raw = lines[index]
        line = index + 1
        if _is_blank(raw):
            continue
        _check_markup(raw, source=source, line=line)
        cells = raw.split("\t")
        if len(cells) != len(_COMPLAINT_HEADER):
            raise ParseError(
                f"expected {len(_COMPLAINT_HEADER)} tab-separated fields, found {len(cells)}",
                source,
                line,
                "row",
            )
        if _is_separator(cells):
            continue
        location, label, category = (_cell_value(cell) for cell in cells[:3])
        if location.casefold() == _COMPLAINT_HEADER[0]:
            continue
        verdict = _parse_verdict(cells[5], source=source, line=line)
        if not (location or label or category):
            if not drafts:
                raise ParseError("continuation row before the first complaint", source, line, "row")
            draft = drafts[-1]
            if verdict is not None and draft.verdict is not None:
                raise ParseError(
                    f"continuation row gives verdict {verdict!r}, but the complaint on line "
                    f"{draft.line} already has {draft.verdict!r}",
                    source,
                    line,
                    "verdict",
                )
            draft.description.extend(cells[3])
            draft.solution.extend(cells[4])
            draft.verdict = draft.verdict or verdict
            draft.continuation_lines.append(line)
            continue
        if not label:
            raise ParseError("label is empty", source, line, "label")
        if not category:
            raise ParseError("category is empty", source, line, "category")
        drafts.append(
            _ComplaintDraft(
                line=line,
                location_name=location or None,
                label=label,
                category=category,
                description=cells[3],
                solution=cells[4],
                verdict=verdict,
            )
        )
    return tuple(draft.finish(position) for position, draft in enumerate(drafts, start=1))


# --- Appendices 2 and 3: disputes ---------------------------------------------------------

_AMOUNT: Final = re.compile(r"€\s*(?P<units>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<cents>\d{2}|-{1,2}))?")


def _classify_ruling(ruling: str, *, source: str, line: int) -> Outcome | None:
    text = ruling.casefold()
    if not text:
        return None
    if "ongegrond" in text:
        return "not_upheld"
    if "gegrond" in text:
        return "upheld"
    if any(marker in text for marker in ("geen uitspraak", "overeenstemming", "schikking")):
        return "settled"
    if "ingetrokken" in text:
        return "withdrawn"
    raise ParseError(f"cannot tell the outcome from the ruling {ruling!r}", source, line, "outcome")


def _parse_amount(ruling: str) -> Decimal | None:
    match = _AMOUNT.search(ruling)
    if match is None:
        return None
    cents = match["cents"] if match["cents"] and match["cents"].isdigit() else "00"
    return Decimal(f"{match['units'].replace('.', '')}.{cents}")


@dataclass(frozen=True, slots=True)
class _CaseBlock:
    ruling: str
    ruling_line: int
    lesson: str


def _ends_case_text(line: str) -> bool:
    """The next case, or the heading of the next part ("Bijlage 3 ...", "BIJLAGE ...").

    Numbered section headings are not used: a lesson may well be a numbered list."""
    return _case_number(line) is not None or line.strip().casefold().startswith("bijlage")


def _read_case_block(
    lines: Sequence[str], start: int, end: int, *, page_breaks: frozenset[int], is_last: bool
) -> _CaseBlock:
    """The ruling and the lesson paragraphs after a "Zaaknummer" line.

    They end at the next case or heading, or at a page break: a form feed, or a gap of
    two or more blank lines. After the last case of an appendix the page break may be
    printed as a single blank line, so there the text that runs on to the end of the
    appendix without a break is the appendix's closing text, not the case's lesson.
    """
    paragraphs: list[str] = []
    first_line = 0
    index = start
    ended_by_break = False
    while index < end:
        text_start = index
        while text_start < end and _is_blank(lines[text_start]):
            text_start += 1
        if text_start >= end:
            break
        if text_start - index >= 2 or any(i in page_breaks for i in range(index, text_start + 1)):
            ended_by_break = True
            break
        if _ends_case_text(lines[text_start]):
            break
        text_end = text_start + 1
        while (
            text_end < end
            and not _is_blank(lines[text_end])
            and text_end not in page_breaks
            and not _ends_case_text(lines[text_end])
        ):
            text_end += 1
        if not paragraphs:
            first_line = text_start + 1
        paragraphs.append(_collapse(" ".join(lines[text_start:text_end])))
        index = text_end
    if not paragraphs:
        return _CaseBlock(ruling="", ruling_line=start, lesson="")
    lessons = paragraphs[1:] if ended_by_break or not is_last else []
    return _CaseBlock(ruling=paragraphs[0], ruling_line=first_line, lesson="\n\n".join(lessons))


def _parse_dispute_appendix(
    lines: Sequence[str], appendix: _Appendix, *, source: str, page_breaks: frozenset[int]
) -> list[ParsedDispute]:
    header_index = next(
        (
            index
            for index in range(appendix.heading_index + 1, appendix.end_index)
            if _is_header(lines[index], _DISPUTE_HEADER)
        ),
        None,
    )
    if header_index is None:
        raise ParseError(
            f"dispute table header not found under '{appendix.title}'",
            source,
            appendix.heading_index + 1,
            "header",
        )

    rows: list[tuple[int, str, str, tuple[str, ...]]] = []
    listed: set[str] = set()
    index = header_index + 1
    while index < appendix.end_index and not _is_blank(lines[index]):
        line = index + 1
        _check_markup(lines[index], source=source, line=line)
        cells = lines[index].split("\t")
        if len(cells) != len(_DISPUTE_HEADER):
            raise ParseError(
                f"expected {len(_DISPUTE_HEADER)} tab-separated fields, found {len(cells)}",
                source,
                line,
                "row",
            )
        party, case_number = _cell_value(cells[0]), _cell_value(cells[1])
        if not party:
            raise ParseError("party name is empty", source, line, "party_name")
        if not case_number or " " in case_number:
            raise ParseError(f"invalid case number {case_number!r}", source, line, "case_number")
        if case_number in listed:
            raise ParseError(f"case {case_number} is listed twice", source, line, "case_number")
        subjects = tuple(s for part in _cell_value(cells[2]).split(",") if (s := part.strip()))
        rows.append((line, party, case_number, subjects))
        listed.add(case_number)
        index += 1

    case_lines = [
        (scan, number) for scan in range(index, appendix.end_index) if (number := _case_number(lines[scan])) is not None
    ]
    blocks: dict[str, _CaseBlock] = {}
    for position, (scan, number) in enumerate(case_lines, start=1):
        line = scan + 1
        if number not in listed:
            raise ParseError(
                f"case {number} has a ruling but is not listed in the table",
                source,
                line,
                "case_number",
            )
        if number in blocks:
            raise ParseError(f"case {number} has a second ruling block", source, line, "case_number")
        blocks[number] = _read_case_block(
            lines, scan + 1, appendix.end_index, page_breaks=page_breaks, is_last=position == len(case_lines)
        )

    disputes: list[ParsedDispute] = []
    for line, party, case_number, subjects in rows:
        block = blocks.get(case_number)
        ruling = block.ruling if block else ""
        disputes.append(
            ParsedDispute(
                line=line,
                appendix_title=appendix.title,
                party_name=party,
                case_number=case_number,
                subjects=subjects,
                outcome=(_classify_ruling(ruling, source=source, line=block.ruling_line) if block else None),
                ruling=ruling,
                amount_awarded=_parse_amount(ruling),
                lesson=block.lesson if block else "",
            )
        )
    return disputes


# --- Stated facts -------------------------------------------------------------------------

_INT: Final = r"(\d{1,3}(?:\.\d{3})+|\d+)"
_PERCENT: Final = r"(\d+(?:,\d+)?)\s*%"
_TOTAL: Final = re.compile(
    rf"in\s+totaal\s+zijn\s+er\s+in\s+\d{{4}}\s+{_INT}\s+(?:interne\s+)?klachten\s+geregistreerd",
    re.IGNORECASE,
)
_PREVIOUS_TOTAL: Final = re.compile(rf"\b(?:afgenomen|toegenomen)\s+van\s+{_INT}\s+naar\s+{_INT}\b", re.IGNORECASE)
_CHILDREN: Final = re.compile(rf"hebben\s+we\s+{_INT}\s+kinderen\s+opgevangen", re.IGNORECASE)
_ABOUT: Final = r"(?:(?:circa|ongeveer|ruim|bijna|meer\s+dan|zo'n)\s+)?"
_LOCATIONS: Final = re.compile(rf"\bheeft\s+{_ABOUT}{_INT}\s+locaties\b", re.IGNORECASE)
_EMPLOYEES: Final = re.compile(
    rf"\b(?:heeft|locaties\s+en)\s+{_ABOUT}{_INT}\s+(?:medewerkers|werknemers)\b", re.IGNORECASE
)
_RATE: Final = re.compile(rf"\bover\s+{_PERCENT}\s+daarvan", re.IGNORECASE)
_PREVIOUS_RATE: Final = re.compile(rf"\bin\s+\d{{4}}\s+was\s+dit\s+percentage\s+{_PERCENT}", re.IGNORECASE)
_PREVIOUS_DISPUTES: Final = re.compile(
    rf"\bin\s+\d{{4}}\s+betrof\s+dit\s+in\s+totaal\s+{_INT}\s+klachten", re.IGNORECASE
)
_DISPUTES: Final = re.compile(
    rf"\bin\s+\d{{4}}\s+zijn\s+er\s+in\s+totaal\s+{_INT}\s+klachten\s+ingediend\s+bij\s+de\s+"
    r"geschillencommissie",
    re.IGNORECASE,
)
_CATEGORY_CHANGE: Final = re.compile(rf"\bvan\s+{_INT}\s+in\s+\d{{4}}\s+naar\s+{_INT}\s+in\s+\d{{4}}", re.IGNORECASE)


def _dutch_int(text: str) -> int:
    return int(text.replace(".", ""))


def _dutch_decimal(text: str) -> Decimal:
    return Decimal(text.replace(".", "").replace(",", "."))


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return _dutch_int(match[1]) if match else None


def _first_decimal(pattern: re.Pattern[str], text: str) -> Decimal | None:
    match = pattern.search(text)
    return _dutch_decimal(match[1]) if match else None


def _previous_by_category(prose: Sequence[str]) -> dict[str, int]:
    sections: list[tuple[str, list[str]]] = []
    for line in prose:
        match = _section_heading(line)
        if match is not None:
            depth = len([part for part in match["number"].split(".") if part])
            # Only sub-sections such as "3.2.2 Planning en plaatsing" are about one category.
            sections.append((match["title"].strip() if depth >= 3 else "", []))
        elif sections:
            sections[-1][1].append(line)
    totals: dict[str, int] = {}
    for title, body in sections:
        if not title or title in totals:
            continue
        if match := _CATEGORY_CHANGE.search(" ".join(body)):
            totals[title] = _dutch_int(match[1])
    return totals


def _stated_facts(prose: Sequence[str]) -> StatedFacts:
    text = "\n".join(prose)
    total = _TOTAL.search(text)
    return StatedFacts(
        total=_dutch_int(total[1]) if total else None,
        total_line=text.count("\n", 0, total.start()) + 1 if total else None,
        previous_total=_first_int(_PREVIOUS_TOTAL, text),
        children_served=_first_int(_CHILDREN, text),
        rate_percent=_first_decimal(_RATE, text),
        previous_rate_percent=_first_decimal(_PREVIOUS_RATE, text),
        previous_by_category=_previous_by_category(prose),
        previous_disputes_total=_first_int(_PREVIOUS_DISPUTES, text),
        disputes_total=_first_int(_DISPUTES, text),
        locations_count=_first_int(_LOCATIONS, text),
        employees_count=_first_int(_EMPLOYEES, text),
    )


def _title_and_year(lines: Sequence[str]) -> tuple[str | None, int | None]:
    for index, line in enumerate(lines):
        stripped = line.strip()
        if "\t" in line or not stripped.startswith(_TITLE_WORD):
            continue
        rest = stripped.removeprefix(_TITLE_WORD)
        if rest[:1].isalnum() or rest[:1] == "_":
            continue  # "Klachtenjaarverslagen ..." is not the title
        rest = rest.strip()
        if year_match := _TRAILING_YEAR.search(rest):
            return rest[: year_match.start()].rstrip() or None, int(year_match[0])
        following = next((other for other in lines[index + 1 :] if not _is_blank(other)), "")
        year_line = _YEAR.fullmatch(following.strip())
        return rest or None, int(year_line[0]) if year_line else None
    return None, None


# --- Entry point ----------------------------------------------------------------------------


def split_lines(text: str) -> list[str]:
    """The report's lines as an editor numbers them.

    CRLF and CR line ends count as one line end. str.splitlines() would also split on form
    feeds and other separators inside a cell and shift line numbers."""
    text = text.removeprefix("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def parse_annual_report(text: str, *, source: str = "<string>") -> ParsedReport:
    """Parse the whole report; raises ParseError naming the line of the first problem."""
    return parse_report_lines(split_lines(text), source=source)


def parse_report_lines(lines: list[str], *, source: str = "<string>") -> ParsedReport:
    """parse_annual_report on the result of split_lines (which lets a caller drop the text
    of a large file before parsing; `lines` is changed in place)."""
    for index, line in enumerate(lines):
        if "\x00" in line:
            raise ParseError("contains a NUL character", source, index + 1)
    # A form feed is a page break: remembered for the disputes' text, then removed.
    page_breaks = frozenset(index for index, line in enumerate(lines) if "\f" in line)
    for index in page_breaks:
        lines[index] = lines[index].replace("\f", "")
    appendices = _find_appendices(lines)
    complaint_appendices = [appendix for appendix in appendices if _is_complaint_appendix(appendix)]
    if not complaint_appendices:
        raise ParseError("appendix 1 heading 'Bijlage 1 Klachtenoverzicht' not found", source)
    if len(complaint_appendices) > 1:
        first, second = complaint_appendices[:2]
        raise ParseError(
            f"a second appendix 1 (the first starts on line {first.heading_index + 1})",
            source,
            second.heading_index + 1,
            "appendix",
        )
    complaints = _parse_complaints(lines, complaint_appendices[0], source=source)
    disputes = [
        dispute
        for appendix in appendices
        if appendix.title.casefold().startswith("geschiloverzicht")
        for dispute in _parse_dispute_appendix(lines, appendix, source=source, page_breaks=page_breaks)
    ]
    prose = lines[: appendices[0].heading_index] if appendices else lines
    organisation_name, year = _title_and_year(prose)
    return ParsedReport(
        source=source,
        year=year,
        organisation_name=organisation_name,
        complaints=complaints,
        disputes=tuple(disputes),
        facts=_stated_facts(prose),
        categories=tuple(dict.fromkeys(complaint.category for complaint in complaints)),
        appendix_line=complaint_appendices[0].heading_index + 1,
        prose="\n".join(prose),
    )


# --- Location names ---------------------------------------------------------------------------

_STREET_SUFFIXES: Final = (
    "straat",
    "laan",
    "weg",
    "singel",
    "dreef",
    "plein",
    "gracht",
    "kade",
    "hof",
    "plantsoen",
    "park",
    "dijk",
    "flat",
    "pad",
    "steeg",
    "markt",
    "veld",
    "straatje",
    "erf",
    "hoven",
    "burg",
    "boerderij",
)
# "Een- dracht": the PDF broke the line after the hyphen.
_LINE_BREAK_HYPHEN: Final = re.compile(r"(?<=[^\W\d_])-\s+(?=[^\W\d_])")


def _word_key(word: str) -> str:
    # Strip punctuation from both ends without a regular expression: "[\W_]+$" searched
    # over a long run of punctuation is quadratic.
    start, end = 0, len(word)
    while start < end and not word[start].isalnum():
        start += 1
    while end > start and not word[end - 1].isalnum():
        end -= 1
    return word[start:end].casefold()


def _join_inner_hyphens(name: str, *, word_spread: Counter[str], own_words: set[str]) -> str:
    """Join "Cy-clopenstraat" style hyphens where the joined word is clearly one word.

    word_spread counts in how many distinct names each word occurs, own_words are the
    words of this name: together they tell whether a word occurs in another name.
    """
    repaired: list[str] = []
    for word in name.split(" "):
        inner = {
            index
            for index, char in enumerate(word)
            if char == "-" and 0 < index < len(word) - 1 and word[index - 1].islower() and word[index + 1].islower()
        }
        if inner:
            joined = "".join(char for index, char in enumerate(word) if index not in inner)
            key = _word_key(joined)
            if key.endswith(_STREET_SUFFIXES) or word_spread[key] > (key in own_words):
                word = joined
        repaired.append(word)
    return " ".join(repaired)


def canonical_location_names(names: Iterable[str]) -> dict[str, str]:
    """Map each match_key to one display name chosen from the printed variants."""
    printed = Counter(name for raw in names if (name := _collapse(raw)))
    line_joined = {name: _LINE_BREAK_HYPHEN.sub("", name) for name in printed}
    words_of = {form: {_word_key(word) for word in form.split(" ")} for form in set(line_joined.values())}
    word_spread = Counter(word for words in words_of.values() for word in words)

    variants: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for name, count in printed.items():
        key = match_key(name)
        if not key:
            continue
        form = line_joined[name]
        variants[key][_join_inner_hyphens(form, word_spread=word_spread, own_words=words_of[form])] += count

    def preference(item: tuple[str, int]) -> tuple[int, int, int, str]:
        form, count = item
        return (-count, form.count("-"), len(form), form)

    return {key: min(forms.items(), key=preference)[0] for key, forms in variants.items()}

"""Placeholders in the editable texts.

Syntax: ``{{ name }}``, where the name is one entry of the list the editor
sees (``{{ totaal }}``, ``{{ vorig_jaar.totaal }}``,
``{{ categorie.Planning en plaatsing }}``). Names are not parsed as paths:
the text between the braces, with its spaces collapsed and case ignored, is
looked up in that list, so category and label names may hold dots, slashes
and ampersands. A value that the data does not know prints as "n.b."; a name
that is not in the list is an error, shown to the editor and refused when
the final report is made, never printed as an empty string."""

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from annualreport.formatting import NOT_AVAILABLE
from annualreport.outline import spec_for

if TYPE_CHECKING:
    from annualreport.models import ReportSection

PLACEHOLDER_RE = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
BLOCK_KEY = "tabel"


def normalise(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class Placeholder:
    key: str
    value: str | None  # None: the data does not know it
    description: str

    @property
    def text(self) -> str:
        return NOT_AVAILABLE if self.value is None else self.value

    @property
    def tag(self) -> str:
        return "{{ " + self.key + " }}"


class Placeholders:
    def __init__(self, items: Iterable[Placeholder]) -> None:
        self._items: dict[str, Placeholder] = {}
        for item in items:
            self._items.setdefault(normalise(item.key), item)

    def __iter__(self) -> Iterator[Placeholder]:
        return iter(self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def get(self, name: str) -> Placeholder | None:
        return self._items.get(normalise(name))

    def suggestion(self, name: str) -> str | None:
        close = difflib.get_close_matches(normalise(name), list(self._items), n=1, cutoff=0.75)
        return self._items[close[0]].key if close else None


@dataclass(frozen=True, slots=True)
class TextProblem:
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return self.message


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def check(
    text: str, placeholders: Placeholders, *, allow_block: bool = False, field: str = "tekst"
) -> list[TextProblem]:
    """Everything wrong with the placeholders in ``text``, in Dutch."""
    problems: list[TextProblem] = []
    blocks = 0
    for match in PLACEHOLDER_RE.finditer(text):
        line = _line_of(text, match.start())
        name = " ".join(match[1].split())
        where = f"{field}, regel {line}"
        if not name:
            problems.append(TextProblem(f"Lege plaatshouder {{{{ }}}} ({where}).", line))
        elif "\n" in match[1]:
            problems.append(TextProblem(f"Een plaatshouder moet op één regel staan ({where}).", line))
        elif "{" in name or "}" in name:
            problems.append(
                TextProblem(f"Plaatshouder niet goed afgesloten ({where}): elke {{{{ hoort bij één }}}}.", line)
            )
        elif normalise(name) == BLOCK_KEY:
            blocks += 1
            if not allow_block:
                problems.append(
                    TextProblem(f"{{{{ tabel }}}} kan hier niet ({where}): deze sectie heeft geen tabel.", line)
                )
            elif not _stands_alone(text, match):
                problems.append(
                    TextProblem(
                        f"{{{{ tabel }}}} moet als eigen alinea staan, met een lege regel ervoor en erna ({where}).",
                        line,
                    )
                )
        elif placeholders.get(name) is None:
            hint = placeholders.suggestion(name)
            extra = f" Bedoel je {{{{ {hint} }}}}?" if hint else " Kies een plaatshouder uit de lijst."
            problems.append(TextProblem(f"Onbekende plaatshouder {{{{ {name} }}}} ({where}).{extra}", line))
    if blocks > 1:
        problems.append(TextProblem(f"{{{{ tabel }}}} mag maar één keer in de {field} staan."))
    rest = PLACEHOLDER_RE.sub("", text)
    for token in ("{{", "}}"):
        index = rest.find(token)
        if index != -1:
            line = _line_of(rest, index)
            problems.append(
                TextProblem(
                    f"Plaatshouder niet goed afgesloten ({field}, regel {line}): elke {{{{ hoort bij één }}}}.", line
                )
            )
            break
    return problems


def _stands_alone(text: str, match: re.Match[str]) -> bool:
    before = text[: match.start()].replace("\r", "")
    after = text[match.end() :].replace("\r", "")
    before_ok = not before.strip() or re.search(r"\n[ \t]*\n[ \t]*$", before) is not None
    after_ok = not after.strip() or re.match(r"^[ \t]*\n[ \t]*\n", after) is not None
    return before_ok and after_ok


def fill(text: str, placeholders: Placeholders) -> str:
    """``text`` with every placeholder replaced; an unknown one stays visible
    as a marked error so it can never slip into a report unnoticed."""

    def replace(match: re.Match[str]) -> str:
        name = " ".join(match[1].split())
        placeholder = placeholders.get(name)
        if placeholder is None:
            return f"[FOUT: onbekende plaatshouder {{{{ {name} }}}}]"
        return placeholder.text

    return PLACEHOLDER_RE.sub(replace, text)


def section_problems(
    *, section: "ReportSection", title: str, body: str, placeholders: Placeholders
) -> list[TextProblem]:
    """What is wrong with a section's title and text; a table marker only where the outline has one."""
    spec = spec_for(section.key)
    problems = check(title, placeholders, field="titel")
    problems += check(body, placeholders, allow_block=spec.has_block, field="tekst")
    return problems

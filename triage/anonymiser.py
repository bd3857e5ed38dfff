"""Anonymising a complaint text for publication: deduce (Dutch
de-identification) for names and addresses, the names the system knows, a
name after a role word ("juf Sanne", "mijn zoon Kofi"), and regular
expressions for contact details and numbers. People become the role the
annual report uses ("ouder", "kind", "medewerker", "locatiemanager"); other
personal data becomes a bracketed placeholder. Location and group names,
months and weekdays stay. No Django here: known names are passed in."""

import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

PARENT, CHILD, STAFF, MANAGER = "ouder", "kind", "medewerker", "locatiemanager"
ROLES = (PARENT, CHILD, STAFF, MANAGER)
PERSON = "[naam]"  # a name whose role is not known

# Words that name a role; a capitalised name right after one is that person's name.
_ROLE_WORDS: dict[str, str] = {}
for _role, _words in {
    CHILD: "zoon zoontje dochter dochtertje kind kindje kleuter peuter baby broertje zusje broer zus neefje nichtje "
    "pupil vriendje vriendinnetje",
    PARENT: "moeder vader ouder mama papa mam pap moeder- vader- oma opa tante oom partner man vrouw echtgenoot "
    "echtgenote mevrouw meneer mevr. mw. mr. dhr. heer",
    STAFF: "juf juffrouw meester leidster leider mentor medewerker medewerkster pm'er pm-er collega invalkracht "
    "stagiair stagiaire groepsleider groepsleidster chauffeur kok coach begeleider begeleidster "
    "pedagogisch planner coördinator klachtencoördinator",
    MANAGER: "locatiemanager locatiemanagerin manager leidinggevende directeur regiomanager clustermanager",
}.items():
    for _word in _words.split():
        _ROLE_WORDS[_word] = _role
_ROLE_WORDS["de heer"] = PARENT

_NAME_TOKEN = r"[A-ZÀ-ÖØ-ÞĀ-ſ][\wÀ-ÿĀ-ſ'’]*(?:-[A-Za-zÀ-ÿĀ-ſ][\wÀ-ÿĀ-ſ'’]*)*"
_AND_NAME = re.compile(r"\s+(?:en|of)\s+(" + r"[A-ZÀ-ÖØ-ÞĀ-ſ][\wÀ-ÿĀ-ſ'’]+" + r")(?![\w-])")
_PARTICLE = r"(?:van|de|der|den|het|ten|ter|te|in|'t|el|al|ben|bin|da|dos|du|le|la|op|von|zu)"
_NAME = rf"{_NAME_TOKEN}(?:\s+(?:{_PARTICLE}\s+)*{_NAME_TOKEN})*"
_ROLE_PATTERN = re.compile(
    r"(?<![\w-])(?P<role>(?i:"
    + "|".join(sorted((re.escape(w) for w in _ROLE_WORDS), key=len, reverse=True))
    + r"))\s+(?P<name>"
    + _NAME
    + r")"
)

_ROLE_BEFORE = re.compile(
    r"(?<![\w-])(?i:" + "|".join(sorted((re.escape(w) for w in _ROLE_WORDS), key=len, reverse=True)) + r")(\s+)$"
)

_ROLE_PREFIX = re.compile(
    r"(?i:" + "|".join(sorted((re.escape(w) for w in _ROLE_WORDS), key=len, reverse=True)) + r")\s+"
)

MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"
WEEKDAYS = "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"
# Capitalised words that are never names here: months, weekdays, the care types and roles.
_KEEP_WORDS = {
    w.casefold()
    for w in (MONTHS + " " + WEEKDAYS).split()
    + "BSO KDV VSO TSO Peuterspeelzaal Kinderdagverblijf Buitenschoolse Opvang Gastouder GGD Partou Smallsteps "
    "Klachtencommissie Geschillencommissie Oudercommissie Pasen Kerst Kerstmis Sinterklaas Koningsdag Ramadan "
    "Suikerfeest Offerfeest Nederland Nederlands Engels Arabisch Turks Pools Ik Wij Hij Zij Het De Een Mijn Onze "
    "Haar Zijn Deze Die Dit Dat Er Na Op In Bij Toen Ook Maar En Omdat Vandaag Gisteren Morgen".split()
    + list(_ROLE_WORDS)
}
# A group is named "de <diminutive plural>" ("de Zonnetjes", "de Boefjes"), or after "groep".
_GROUP = re.compile(r"\b(?:groep|de|bij de|van de)\s+([A-Z][a-zà-ÿ]+(?:tjes|jes|pjes|kjes|ies|ers|en))\b")

_GROUP_TAIL = re.compile(r"\s+(?:van|bij|op)\s+(?:de|het)\s+[A-Z]\w*(?:tjes|jes|pjes|kjes)\b.*$")

_DATE = (
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}"
    r"|\d{1,2}\s+(?:" + MONTHS.replace(" ", "|") + r")\s+(?:19|20)\d{2})"
)
# (kind, pattern, replacement); the first group, when present, is the part replaced.
_PATTERNS: list[tuple[str, re.Pattern[str], str]] = [
    ("e-mail", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[e-mailadres]"),
    ("url", re.compile(r"\b(?:https?://|www\.)\S+[\w/]"), "[link]"),
    (
        "social",
        re.compile(r"(?<![\w@.])@[A-Za-z0-9_.]{2,30}\b|\b(?:instagram|facebook|tiktok|x|twitter)\.com/[\w.]+"),
        "[account]",
    ),
    ("iban", re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d{2,4}){2,4}\b"), "[rekeningnummer]"),
    (
        "phone",
        re.compile(
            r"(?<![\w+])(?:(?:\+|00)31[\s-]?(?:\(0\))?[\s-]?\d(?:[\s-]?\d){8}|0\d{1,3}[\s-]?\d(?:[\s-]?\d){5,7})(?!\d)"
        ),
        "[telefoonnummer]",
    ),
    (
        "bsn",
        re.compile(r"(?i)\b(?:bsn|burgerservicenummer)(?:[:\s]|nummer)*\s*(\d{3}\.?\d{2}\.?\d{2}\.?\d{2}|\d{9})"),
        "[BSN]",
    ),
    ("bsn", re.compile(r"(?<![\d-])\d{9}(?![\d-])"), "[BSN]"),
    (
        "birth-date",
        re.compile(r"(?i)\b(?:geboren\s+(?:op\s+)?|geboortedatum[^.:\n]{0,30}?[:\s]+|geb\.\s*|geb\s+)(" + _DATE + r")"),
        "[geboortedatum]",
    ),
    ("birth-date", re.compile(r"(?i)\b(?:op\s+)?(" + _DATE + r")\s+(?:is\s+|werd\s+)?geboren\b"), "[geboortedatum]"),
    ("postcode", re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b"), "[postcode]"),
    (
        "address",
        re.compile(
            r"\b[A-Z][\wà-ÿ'.-]*(?:\s[A-Z][\wà-ÿ'.-]*)*"
            r"(?:straat|laan|weg|plein|gracht|kade|singel|dreef|hof|park|steeg|dijk|pad|erf|veld|baan|ring|markt|"
            r"dam|plantsoen|wal|burg|hoeve|oord)\s+\d+(?:\s?[a-zA-Z](?![\w]))?(?:[-\s]?(?:hs|bis|\d+))?"
        ),
        "[adres]",
    ),
    (
        "plate",
        re.compile(
            r"\b(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}"
            r"|[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}"
            r"|[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|\d-[A-Z]{2}-\d{3}"
            r"|[A-Z]-\d{2}-[A-Z]{3}|\d{3}-[A-Z]{2}-\d)\b"
        ),
        "[kenteken]",
    ),
]

# deduce's annotator groups switched off here: dates, ages and URLs have rules of their own
# above; institutions and place names stay in a publication text.
DEDUCE_DISABLED = {"dates", "ages", "institutions", "urls"}
_DEDUCE_PERSON_TAGS = ("naam", "initiaal", "persoon", "patient")
_DEDUCE_ADDRESS_TAGS = ("straat", "huisnummer")


@dataclass
class Replacement:
    start: int  # in the original text
    end: int
    original: str
    replacement: str
    kind: str


@dataclass
class Result:
    text: str
    # start/end: offsets into ``text``; source_start/source_end: into the original.
    replacements: list[dict[str, Any]] = field(default_factory=list)


_deduce: Any = None
_deduce_lock = threading.Lock()


def deduce_instance() -> Any:
    """deduce, loaded once per process (when the first text is anonymised, not
    when the process starts), with only the lookup structures used here
    (triage/deduce_lookup.py). They are cached in its package directory (in the
    virtualenv): `manage.py triage_prepare` builds them at install, so no web
    request waits for it."""
    global _deduce
    with _deduce_lock:
        if _deduce is None:
            from triage.deduce_lookup import slim_deduce

            _deduce = slim_deduce()
        return _deduce


def _deduce_spans(text: str) -> list[Replacement]:
    doc = deduce_instance().deidentify(text, disabled=DEDUCE_DISABLED)
    spans = []
    for annotation in doc.annotations:
        tag = annotation.tag.lower()
        if any(part in tag for part in _DEDUCE_PERSON_TAGS):
            kind, replacement = "name", PERSON
        elif any(part in tag for part in _DEDUCE_ADDRESS_TAGS):
            kind, replacement = "address", "[adres]"
        else:
            continue
        spans.append(Replacement(annotation.start_char, annotation.end_char, annotation.text, replacement, kind))
    return spans


def _is_protected(name: str, protected: set[str]) -> bool:
    words = name.casefold().split()
    return name.casefold() in protected or all(w in _KEEP_WORDS or w in protected for w in words)


def _name_variants(full_name: str) -> list[str]:
    """A known name as written in full, and its first and last word when long enough to be safe."""
    full_name = " ".join(full_name.split())
    if not full_name:
        return []
    words = full_name.split()
    variants = [full_name]
    if len(words) > 1:
        variants += [w for w in (words[0], words[-1]) if len(w) >= 3 and w.casefold() not in _KEEP_WORDS]
    return variants


class Anonymiser:
    """``known_names``: {name: role}; ``protected``: names that stay (locations, groups)."""

    def __init__(
        self, *, known_names: Mapping[str, str] | None = None, protected: Iterable[str] = (), use_deduce: bool = True
    ) -> None:
        self.known = {}
        for name, role in (known_names or {}).items():
            for variant in _name_variants(name):
                self.known.setdefault(variant, role)
        self.protected = {p.casefold() for p in protected if p.strip()}
        self.use_deduce = use_deduce

    def _spans(self, text: str) -> list[Replacement]:
        spans: list[Replacement] = []
        for kind, pattern, replacement in _PATTERNS:
            for match in pattern.finditer(text):
                group = 1 if pattern.groups else 0
                spans.append(Replacement(match.start(group), match.end(group), match.group(group), replacement, kind))
        names: dict[str, str] = dict(self.known)
        for match in _ROLE_PATTERN.finditer(text):
            name = match.group("name")
            if _is_protected(name, self.protected):
                continue
            # "juf Sanne van de Vlindertjes": the group is not part of the name.
            name = _GROUP_TAIL.sub("", name)
            # Drop trailing words that are not names ("juf Sanne Maandag" keeps "Maandag").
            words = name.split()
            while words and words[-1].casefold() in _KEEP_WORDS | self.protected:
                words.pop()
            if not words:
                continue
            names.setdefault(" ".join(words), _ROLE_WORDS[match.group("role").casefold()])
            if len(words) > 1 and words[0].casefold() not in _KEEP_WORDS:
                names.setdefault(words[0], _ROLE_WORDS[match.group("role").casefold()])
        for name, role in sorted(names.items(), key=lambda item: -len(item[0])):
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                spans.append(self._person(text, match.start(), match.end(), role))
        if self.use_deduce:
            for span in _deduce_spans(text):
                if span.kind == "name":
                    prefix = _ROLE_PREFIX.match(span.original)
                    tail = _GROUP_TAIL.search(span.original)
                    if tail:  # "Jorrit van de Boefjes": the group stays
                        span = Replacement(
                            span.start, span.start + tail.start(), span.original[: tail.start()], "", "name"
                        )
                    if prefix:  # deduce includes "juf", "mevrouw" in the name; the role word stays
                        span = Replacement(
                            span.start + prefix.end(), span.end, span.original[prefix.end() :], "", "name"
                        )
                    span = self._outside_protected(text, span)
                    if not span.original or _is_protected(span.original, self.protected) or self._in_group(text, span):
                        continue
                    span = self._person(text, span.start, span.end, names.get(span.original, PERSON))
                spans.append(span)
        spans += self._coordinated(text, spans)
        return spans

    def _coordinated(self, text: str, spans: list[Replacement]) -> list[Replacement]:
        """A capitalised word joined by "en" to a name found is a name too ("Ravi en Shurwin")."""
        extra = []
        for span in spans:
            if span.kind != "name":
                continue
            after = _AND_NAME.match(text, span.end)
            if after and not _is_protected(after.group(1), self.protected):
                extra.append(Replacement(after.start(1), after.end(1), after.group(1), PERSON, "name"))
        return extra

    @staticmethod
    def _person(text: str, start: int, end: int, role: str) -> Replacement:
        """A name becomes its role; right after a role word ("juf Sanne") the
        name is dropped and the role word stays ("juf")."""
        after_role = _ROLE_BEFORE.search(text, 0, start)
        if after_role:
            return Replacement(after_role.start(1), end, text[after_role.start(1) : end], "", "name")
        if re.search(r"(?:^|[.!?:]\s*|\n\s*)$", text[:start]):
            role = role[:1].upper() + role[1:]
        return Replacement(start, end, text[start:end], role, "name")

    def _outside_protected(self, text: str, span: Replacement) -> Replacement:
        """Cut a name off where a protected name (a location) starts: "Jan de Vries van Partou BSO" ends at "Vries"."""
        lowered = text.casefold()
        end = span.end
        for name in self.protected:
            position = lowered.find(name, span.start, span.end + len(name))
            while position != -1 and position < end:
                if position <= span.start:
                    return Replacement(span.start, span.start, "", span.replacement, span.kind)
                end = position
                position = lowered.find(name, position + 1, span.end + len(name))
        if end == span.end:
            return span
        cut = re.sub(rf"(?:\s+{_PARTICLE})*\s*$", "", text[span.start : end])
        return Replacement(span.start, span.start + len(cut), cut, span.replacement, span.kind)

    def _in_group(self, text: str, span: Replacement) -> bool:
        return any(m.start(1) <= span.start < m.end(1) for m in _GROUP.finditer(text))

    def anonymise(self, text: str) -> Result:
        spans = sorted(self._spans(text), key=lambda s: (s.start, -(s.end - s.start)))
        chosen: list[Replacement] = []
        for span in spans:  # the longest span wins where spans overlap
            if chosen and span.start < chosen[-1].end:
                if span.end > chosen[-1].end and (span.end - span.start) > (chosen[-1].end - chosen[-1].start):
                    chosen[-1] = span
                continue
            chosen.append(span)
        parts: list[str] = []
        replacements: list[dict[str, Any]] = []
        position = 0
        length = 0
        for span in chosen:
            before = text[position : span.start]
            parts.append(before)
            length += len(before)
            parts.append(span.replacement)
            replacements.append(
                {
                    "start": length,
                    "end": length + len(span.replacement),
                    "original": span.original,
                    "replacement": span.replacement,
                    "kind": span.kind,
                    "source_start": span.start,
                    "source_end": span.end,
                }
            )
            length += len(span.replacement)
            position = span.end
        parts.append(text[position:])
        return Result(text="".join(parts), replacements=replacements)


def anonymise(text: str, **options: Any) -> Result:
    return Anonymiser(**options).anonymise(text)

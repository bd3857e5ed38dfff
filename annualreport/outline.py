"""Where each editable text goes. The fixed sections and their order are part
of the report's structure (as in the published report); the editor changes
their titles and texts, and adds or removes the analysis sections that sit
under the comparison with the previous year."""

from dataclasses import dataclass
from enum import StrEnum


class Variant(StrEnum):
    FULL = "full"  # the published annual report of the organisation
    GGD = "ggd"  # the statutory report per location or legal entity (Wet kinderopvang art. 1.57b)


@dataclass(frozen=True, slots=True)
class SectionSpec:
    key: str
    level: int  # 1 chapter, 2 paragraph, 3 sub-paragraph; 0: appendix or colophon
    variants: frozenset[Variant]
    # The section has a computed table (and chart) that {{ tabel }} places.
    has_block: bool = False
    help: str = ""


FULL = frozenset({Variant.FULL})
GGD = frozenset({Variant.GGD})
BOTH = frozenset({Variant.FULL, Variant.GGD})

COLOPHON = "colofon"
ANALYSES_AFTER = "vergelijking"
APPENDIX_COMPLAINTS = "bijlage-klachten"
APPENDIX_DISPUTES = "bijlage-geschillen"
GGD_COMPLAINTS = "ggd-klachten"

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(COLOPHON, 0, BOTH, help="Tekst onder versie, auteur en datum op de tweede pagina."),
    SectionSpec("ggd-inleiding", 1, GGD, help="Inleiding van het verslag per locatie voor de GGD."),
    SectionSpec("voorwoord", 1, FULL),
    SectionSpec("algemeen", 1, BOTH, help="Hoofdstuk met de interne en de externe klachtenprocedure."),
    SectionSpec("interne-procedure", 2, BOTH),
    SectionSpec("externe-procedure", 2, BOTH),
    SectionSpec("overzicht", 1, FULL, help="Hoofdstuk met de aantallen; mag leeg blijven."),
    SectionSpec(
        "intern",
        2,
        FULL,
        has_block=True,
        help="De tabel: klachten per categorie met grafiek, per label, per oordeel, per opvangvorm en de "
        "afhandeltermijn.",
    ),
    SectionSpec(
        ANALYSES_AFTER,
        2,
        FULL,
        has_block=True,
        help="De tabel: kerncijfers en klachten per categorie tegenover vorig jaar, met de grootste stijgingen "
        "en dalingen.",
    ),
    SectionSpec("extern", 2, FULL, has_block=True, help="De tabel: geschillen per label met de uitkomsten."),
    SectionSpec(
        GGD_COMPLAINTS,
        1,
        GGD,
        has_block=True,
        help="De tabel: klachten per categorie, per oordeel en de afhandeltermijn. Had de locatie geen "
        "klachten, dan staat hier alleen dat er geen klachten zijn geregistreerd.",
    ),
    SectionSpec("ggd-geschillen", 1, GGD, has_block=True, help="De tabel: de geschillen met hun uitkomst."),
    SectionSpec("nawoord", 1, FULL),
    SectionSpec(APPENDIX_COMPLAINTS, 0, BOTH, help="Inleiding boven het klachtenoverzicht (bijlage 1)."),
    SectionSpec(APPENDIX_DISPUTES, 0, BOTH, help="Inleiding boven het geschiloverzicht van elke rechtspersoon."),
)
SPECS = {spec.key: spec for spec in SECTIONS}
ANALYSIS_SPEC = SectionSpec("analyse", 3, FULL, help="Analyse van een opvallende categorie.")


def spec_for(key: str) -> SectionSpec:
    return SPECS.get(key, ANALYSIS_SPEC)

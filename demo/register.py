"""The demo's location register: a file in the national register's export format (LRK, see
`organisation.lrk`) with about 750 locations of the two legal entities of the 2025 report, spread
over real Dutch towns (with postcodes of those towns) and 12 regions, plus rows of other holders
(ignored by the import), a few gastouderbureaus (skipped) and a few ended registrations.

Many register names are the 2025 report's location names as the register spells them (accents
and typos repaired, sometimes with the brand in front), so the matching of historical names has
work to do. The report's own data is not touched: these are separate locations, marked as demo.

Written once by `manage.py generate_demo_register` (deterministic for a seed) and committed as
`demo/data/lrk-demo.csv` with its organisation file `demo/data/organisatie-demo.csv`."""

import csv
import io
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from imports.parser import canonical_location_names, parse_annual_report
from organisation.keys import match_key
from organisation.lrk import EXPORT_COLUMNS

DATA_DIR = Path(__file__).resolve().parent / "data"
REGISTER_FILE = DATA_DIR / "lrk-demo.csv"
ORGANISATION_FILE = DATA_DIR / "organisatie-demo.csv"
SEED_REPORT = Path(settings.BASE_DIR) / "data" / "seed" / "klachtenjaarverslag-2025.txt"

# Invented KvK numbers for the demo's two legal entities (setup_demo sets them).
DEMO_KVK = {"Partou B.V.": "90000011", "Smallsteps B.V.": "90000012"}
MANAGER_EMAIL = "locatiemanager@klachtwijs.test"
TARGET_LOCATIONS = 750
ENDED = 12
AGENCIES = 4
OTHER_HOLDERS = 40

# Twelve regions; each town belongs to one. (town, first and last postcode digits of the town)
REGION_TOWNS: dict[str, list[tuple[str, int, int]]] = {
    "Noord": [
        ("Groningen", 9711, 9747),
        ("Leeuwarden", 8911, 8941),
        ("Assen", 9401, 9408),
        ("Emmen", 7811, 7833),
        ("Drachten", 9201, 9204),
        ("Heerenveen", 8441, 8448),
        ("Hoogeveen", 7901, 7909),
    ],
    "Oost": [
        ("Enschede", 7511, 7548),
        ("Zwolle", 8011, 8043),
        ("Deventer", 7411, 7429),
        ("Hengelo", 7551, 7559),
        ("Almelo", 7601, 7609),
        ("Kampen", 8261, 8266),
        ("Meppel", 7941, 7946),
    ],
    "Gelderland": [
        ("Arnhem", 6811, 6846),
        ("Nijmegen", 6511, 6546),
        ("Apeldoorn", 7311, 7339),
        ("Ede", 6711, 6718),
        ("Wageningen", 6701, 6709),
        ("Doetinchem", 7001, 7009),
        ("Tiel", 4001, 4007),
        ("Harderwijk", 3841, 3849),
    ],
    "Utrecht": [
        ("Utrecht", 3511, 3585),
        ("Amersfoort", 3811, 3829),
        ("Nieuwegein", 3431, 3439),
        ("Houten", 3991, 3995),
        ("Zeist", 3701, 3709),
        ("Veenendaal", 3901, 3907),
        ("Woerden", 3441, 3448),
    ],
    "Amsterdam": [
        ("Amsterdam", 1011, 1109),
        ("Amstelveen", 1181, 1189),
        ("Diemen", 1111, 1113),
    ],
    "Noord-Holland": [
        ("Haarlem", 2011, 2037),
        ("Alkmaar", 1811, 1827),
        ("Hoorn", 1621, 1628),
        ("Den Helder", 1781, 1789),
        ("Zaandam", 1501, 1509),
        ("Purmerend", 1441, 1448),
        ("Hoofddorp", 2131, 2136),
    ],
    "Flevoland en Gooi": [
        ("Almere", 1311, 1363),
        ("Lelystad", 8211, 8245),
        ("Hilversum", 1211, 1223),
        ("Bussum", 1401, 1406),
    ],
    "Den Haag en Leiden": [
        ("Den Haag", 2491, 2597),
        ("Leiden", 2311, 2334),
        ("Delft", 2611, 2629),
        ("Zoetermeer", 2711, 2729),
        ("Alphen aan den Rijn", 2401, 2408),
        ("Gouda", 2801, 2809),
    ],
    "Rotterdam": [
        ("Rotterdam", 3011, 3089),
        ("Schiedam", 3111, 3125),
        ("Vlaardingen", 3131, 3138),
        ("Capelle aan den IJssel", 2901, 2909),
        ("Spijkenisse", 3201, 3209),
        ("Dordrecht", 3311, 3329),
    ],
    "Zeeland en West-Brabant": [
        ("Breda", 4811, 4839),
        ("Roosendaal", 4701, 4709),
        ("Bergen op Zoom", 4611, 4625),
        ("Etten-Leur", 4871, 4876),
        ("Middelburg", 4331, 4338),
        ("Vlissingen", 4381, 4389),
        ("Goes", 4461, 4465),
    ],
    "Brabant": [
        ("Eindhoven", 5611, 5658),
        ("Tilburg", 5011, 5049),
        ("'s-Hertogenbosch", 5211, 5237),
        ("Helmond", 5701, 5709),
        ("Oss", 5341, 5351),
        ("Waalwijk", 5141, 5146),
        ("Uden", 5401, 5406),
    ],
    "Limburg": [
        ("Maastricht", 6211, 6229),
        ("Heerlen", 6411, 6422),
        ("Venlo", 5911, 5932),
        ("Sittard", 6131, 6137),
        ("Roermond", 6041, 6046),
        ("Weert", 6001, 6006),
    ],
}
REGIONS = list(REGION_TOWNS)

STREETS = [
    "Kerkstraat",
    "Dorpsstraat",
    "Schoolstraat",
    "Molenweg",
    "Stationsweg",
    "Julianalaan",
    "Beatrixlaan",
    "Wilhelminastraat",
    "Prins Bernhardlaan",
    "Lindenlaan",
    "Eikenlaan",
    "Beukenlaan",
    "Kastanjelaan",
    "Berkenlaan",
    "Vondellaan",
    "Rembrandtlaan",
    "Vermeerstraat",
    "Mozartlaan",
    "Tulpstraat",
    "Rozenstraat",
    "Irisstraat",
    "Merelstraat",
    "Lijsterbeslaan",
    "Spoorstraat",
    "Hoofdstraat",
    "Marktstraat",
    "Parklaan",
    "Burgemeester de Withstraat",
    "Van Goghlaan",
    "Esdoornlaan",
    "Populierenlaan",
    "Wilgenlaan",
    "Meidoornlaan",
    "Zonnebloemstraat",
    "Klaverweide",
    "Boterbloem",
    "Weidedreef",
    "Havenstraat",
    "Kanaalweg",
    "Dijkstraat",
    "Schoolpad",
    "Sportlaan",
    "Oranjestraat",
    "Nassaulaan",
    "Emmastraat",
    "Brinklaan",
    "Veldweg",
    "Vlietweg",
]
THEMES = [
    "De Boomhut",
    "Het Kasteel",
    "De Regenboog",
    "De Speeltuin",
    "Het Vogelnest",
    "De Kikkerkoning",
    "De Zonnestraal",
    "Het Klavertje",
    "De Vlindertuin",
    "De Rakkertjes",
    "Het Avontuur",
    "De Dromenvanger",
    "De Kleine Reus",
    "Het Bijenkorfje",
    "De Ontdekkingsreis",
    "De Springplank",
    "Het Speelhuis",
    "De Bolderkar",
    "De Toverfluit",
    "Het Pluimpje",
    "De Uilenburcht",
    "De Zeester",
    "Het Molentje",
    "De Boerderij",
    "De Waterlelie",
    "Het Egeltje",
    "De Vuurtoren",
    "De Kabouterhut",
    "Het Zandkasteel",
    "De Wolkenfabriek",
]
# How the register spells what the report's PDF extraction garbled or misspelt.
REGISTER_SPELLING = {
    "Mozaiek": "Mozaïek",
    "Nachttegaal": "Nachtegaal",
    "Koninginkinderen": "Koningskinderen",
    "Kaanaalweg": "Kanaalweg",
    "Solदातje": "Soldaatje",
    "Sneeuwkonigin": "Sneeuwkoningin",
}
OTHER_HOLDER_NAMES = [
    "Kinderopvang Het Zonnetje B.V.",
    "Stichting Kinderopvang Midden",
    "Kindergarden B.V.",
    "Stichting Spelenderwijs",
    "Kinderdagverblijf Dikkertje Dap V.O.F.",
    "Humankind B.V.",
]


@dataclass(frozen=True)
class DemoRegister:
    register_csv: str
    organisation_csv: str
    locations: int  # active registrations of the two legal entities


def _register_name(name: str, label: str, rng: random.Random) -> str:
    for wrong, right in REGISTER_SPELLING.items():
        name = name.replace(wrong, right)
    name = re.sub(r"(?<!['\w])t (?=[A-Z])", "'t ", name)
    brand = label.split()[0]  # "Partou", "Smallsteps"
    if "partou" not in name.casefold() and "smallsteps" not in name.casefold() and rng.random() < 0.5:
        kind = "BSO" if re.search(r"\bBSO\b", name) else "KDV"
        rest = re.sub(r"\s*\bBSO\b\s*", " ", name).strip() if kind == "BSO" else name
        name = f"{brand} {kind} {rest}"
    return " ".join(name.split())


_NAMED_BY_ADDRESS = re.compile(
    r"^(?:(?:Partou|Smallsteps)\s+)?(?:(?:KDV|BSO)\s+)?(?P<address>[A-Za-z'][\w' .-]*? \d+[a-zA-Z]?(?:-\d+)?)$"
)


def _address_in(name: str) -> str | None:
    """ "Partou KDV Kanaalweg 176" is at Kanaalweg 176: names that end in a house number carry their address."""
    match = _NAMED_BY_ADDRESS.match(name)
    return match["address"] if match else None


def _seed_locations() -> tuple[list[tuple[str, str]], list[str]]:
    """(display name, label) of every location of the 2025 report, and the keys of the two with the most
    complaints (the demo's location manager has those)."""
    report = parse_annual_report(SEED_REPORT.read_text(encoding="utf-8"), source=str(SEED_REPORT))
    printed = [c.location_name for c in report.complaints if c.location_name]
    display = canonical_location_names(printed)
    labels: dict[str, str] = {}
    for complaint in report.complaints:
        if complaint.location_name:
            labels.setdefault(match_key(complaint.location_name), complaint.label)
    counts = Counter(match_key(name) for name in printed)
    busiest = [key for key, _n in sorted(counts.items(), key=lambda item: (-item[1], display[item[0]]))[:2]]
    return [(display[key], labels[key]) for key in sorted(display, key=display.get)], busiest


def _csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, delimiter=";", lineterminator="\r\n", extrasaction="raise")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def build_demo_register(*, seed: int = 12) -> DemoRegister:
    rng = random.Random(seed)
    towns = [(town, low, high, region) for region, entries in REGION_TOWNS.items() for town, low, high in entries]
    # Bigger towns hold more locations: weight by the width of their postcode range.
    weights = [high - low + 4 for _town, low, high, _region in towns]
    used_ids: set[str] = set()
    used_keys: set[str] = set()
    register: list[dict[str, str]] = []
    organisation: list[dict[str, str]] = []

    places_of: dict[str, tuple[str, str, str]] = {}

    def lrk_id() -> str:
        while True:
            value = str(rng.randint(100_000_000, 999_999_999))
            if value not in used_ids:
                used_ids.add(value)
                return value

    def row(name: str, holder: str, kvk: str, type_oko: str, *, status: str = "Ingeschreven") -> dict[str, str]:
        address = _address_in(name) or f"{rng.choice(STREETS)} {rng.randint(1, 240)}"
        if address in places_of:  # a KDV and a BSO at one address are in one town
            town, region, postcode = places_of[address]
        else:
            town, low, high, region = rng.choices(towns, weights=weights)[0]
            letters = "ABCDEGHJKLMNPRSTVWXZ"
            postcode = f"{rng.randint(low, high)}{rng.choice(letters)}{rng.choice(letters)}"
            places_of[address] = (town, region, postcode)
        registered = f"{rng.randint(2004, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        ended = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}" if status == "Uitgeschreven" else ""
        places = {"KDV": rng.choice(range(16, 129, 8)), "BSO": rng.choice(range(20, 141, 10)), "VGO": 6, "GOB": 0}
        brand = holder.split()[0].lower()
        return {
            "lrk_id": lrk_id(),
            "type_oko": type_oko,
            "actuele_naam_oko": name,
            "aantal_kindplaatsen": str(places[type_oko]) if type_oko != "GOB" else "",
            "status": status,
            "inschrijfdatum": registered,
            "uitschrijfdatum": ended,
            "opvanglocatie_adres": "" if type_oko in ("VGO", "GOB") else address,
            "opvanglocatie_postcode": postcode,
            "opvanglocatie_woonplaats": town,
            "verantwoordelijke_gemeente": town,
            "naam_houder": holder,
            "kvk_nummer_houder": kvk,
            "vestigingsnummer_houder": f"{int(kvk) * 7 % 10**12:012d}",
            "rechtsvorm_houder": "Besloten Vennootschap" if "B.V." in holder else "Stichting",
            "contact_telefoon": f"088 {rng.randint(1000000, 9999999)}",
            "contact_emailadres": "",
            "contact_website": f"www.{brand}.nl" if brand in ("partou", "smallsteps") else "",
            "_region": region,
        }

    def add_own(name: str, label: str, *, email: str = "") -> None:
        if match_key(name) in used_keys:
            return
        used_keys.add(match_key(name))
        type_oko = "BSO" if re.search(r"\bBSO\b", name) else "KDV"
        entry = row(name, label, DEMO_KVK[label], type_oko)
        register.append(entry)
        organisation.append({"lrk_nummer": entry["lrk_id"], "regio": f"Regio {entry['_region']}", "email": email})

    seed_locations, busiest = _seed_locations()
    for name, label in seed_locations:
        key = match_key(name)
        if key in busiest or rng.random() < 0.85:
            add_own(_register_name(name, label, rng), label, email=MANAGER_EMAIL if key in busiest else "")
    labels = list(DEMO_KVK)
    while len(register) < TARGET_LOCATIONS:
        label = rng.choices(labels, weights=[55, 45])[0]
        brand = label.split()[0]
        kind = rng.choice(["KDV", "KDV", "BSO"])
        if rng.random() < 0.6:
            name = f"{brand} {kind} {rng.choice(STREETS)} {rng.randint(1, 240)}"
        else:
            name = f"{brand} {kind} {rng.choice(THEMES)}"
        add_own(name, label)
    for index in range(ENDED):
        label = labels[index % 2]
        entry = row(
            f"{label.split()[0]} KDV {rng.choice(STREETS)} {rng.randint(1, 240)}",
            label,
            DEMO_KVK[label],
            "KDV",
            status="Uitgeschreven",
        )
        register.append(entry)
    for index in range(AGENCIES):
        label = labels[index % 2]
        register.append(row(f"{label.split()[0]} Gastouderbureau {index + 1}", label, DEMO_KVK[label], "GOB"))
    for index in range(OTHER_HOLDERS):
        holder = OTHER_HOLDER_NAMES[index % len(OTHER_HOLDER_NAMES)]
        kvk = f"{70000001 + OTHER_HOLDER_NAMES.index(holder)}"
        type_oko = rng.choice(["KDV", "KDV", "BSO", "VGO", "GOB"])
        name = f"{holder.split(' B.V.')[0]} {rng.choice(THEMES)}" if type_oko != "VGO" else f"Gastouder {index + 1}"
        register.append(row(name, holder, kvk, type_oko))

    rng.shuffle(register)  # the national file is ordered by its own logic, not by holder
    for entry in register:
        del entry["_region"]
    organisation_rows = [
        {"lrk_nummer": o["lrk_nummer"], "regio": o["regio"], "email_locatiemanager": o["email"]}
        for o in sorted(organisation, key=lambda o: o["lrk_nummer"])
    ]
    return DemoRegister(
        register_csv=_csv(EXPORT_COLUMNS, register),
        organisation_csv=_csv(("lrk_nummer", "regio", "email_locatiemanager"), organisation_rows),
        locations=len(organisation),
    )


def write_demo_register(*, directory: Path = DATA_DIR, seed: int = 12) -> DemoRegister:
    demo = build_demo_register(seed=seed)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / REGISTER_FILE.name).write_text(demo.register_csv, encoding="utf-8", newline="")
    (directory / ORGANISATION_FILE.name).write_text(demo.organisation_csv, encoding="utf-8", newline="")
    return demo

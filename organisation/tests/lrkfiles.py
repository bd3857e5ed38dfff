"""Register files in the LRK export's format, for the tests."""

from pathlib import Path

from organisation.lrk import EXPORT_COLUMNS

PARTOU_KVK = "12345678"
SMALLSTEPS_KVK = "87654321"
OTHER_KVK = "11112222"


def lrk_row(lrk_id: str, name: str, *, kvk: str = PARTOU_KVK, **values: str) -> dict[str, str]:
    return {
        "lrk_id": lrk_id,
        "type_oko": "KDV",
        "actuele_naam_oko": name,
        "aantal_kindplaatsen": "48",
        "status": "Ingeschreven",
        "inschrijfdatum": "2012-03-01",
        "uitschrijfdatum": "",
        "opvanglocatie_adres": "Kerkstraat 1",
        "opvanglocatie_postcode": "1012AB",
        "opvanglocatie_woonplaats": "Amsterdam",
        "verantwoordelijke_gemeente": "Amsterdam",
        "naam_houder": "Partou B.V." if kvk == PARTOU_KVK else "Andere Opvang B.V.",
        "kvk_nummer_houder": kvk,
        "vestigingsnummer_houder": "000012345678",
        "rechtsvorm_houder": "Besloten Vennootschap",
        "contact_telefoon": "0881234567",
        "contact_emailadres": "",
        "contact_website": "",
        **values,
    }


def write_register(
    path: Path,
    rows: list[dict[str, str]],
    *,
    encoding: str = "utf-8",
    columns: tuple[str, ...] = EXPORT_COLUMNS,
    bom: bool = False,
) -> Path:
    lines = [";".join(columns)]
    lines += [";".join(row.get(column, "") for column in columns) for row in rows]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path

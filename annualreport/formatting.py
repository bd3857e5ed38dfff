"""Dutch number formatting for the report: 72.684, 0,71%, € 25,00."""

from decimal import ROUND_HALF_UP, Decimal

NOT_AVAILABLE = "n.b."


def number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def signed(value: int) -> str:
    # A real minus sign: a hyphen reads as a dash between numbers.
    return f"+{number(value)}" if value > 0 else ("0" if value == 0 else f"−{number(-value)}")


def percent(value: Decimal, places: int = 2) -> str:
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    return f"{rounded}".replace(".", ",") + "%"


def share(part: int, whole: int, places: int = 1) -> str:
    if not whole:
        return NOT_AVAILABLE
    return percent(Decimal(part * 100) / Decimal(whole), places)


def money(value: Decimal) -> str:
    whole, cents = f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}".split(".")
    return f"€ {number(int(whole))},{cents}"


def or_not_available(value: int | None) -> str:
    return NOT_AVAILABLE if value is None else number(value)

"""Money as Decimal, rounded per ISO 4217 minor units (pure, no ORM)."""

from __future__ import annotations

import csv
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError

DATA_DIR = Path(__file__).resolve().parent / "data"
BASE_CURRENCY = "MAD"
ISO4217_SOURCE = "ISO 4217 List One (published 2024-06-25)"
MAX_AMOUNT = Decimal("1000000000000")  # 10^12: beyond any parcel price, weight or rate; keeps Decimal arithmetic safe


@cache
def _minor_units() -> dict[str, int]:
    with open(DATA_DIR / "iso4217_minor_units.csv", newline="", encoding="utf-8") as handle:
        return {row["code"]: int(row["minor_units"]) for row in csv.DictReader(handle)}


def currency_code(value: str, *, field: str = "currency") -> str:
    """Return the upper-case ISO 4217 code, or raise a TijaraError naming the unknown code."""
    code = (value or "").strip().upper()
    if code not in _minor_units():
        raise TijaraError(
            "unknown_currency",
            _("Unknown currency “%(code)s”: use an ISO 4217 code such as MAD, EUR or USD.") % {"code": value},
            field=field,
        )
    return code


def minor_units(currency: str) -> int:
    """Number of decimals of the currency (ISO 4217), e.g. 2 for MAD, 0 for JPY, 3 for KWD."""
    return _minor_units()[currency_code(currency)]


@cache
def _quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-_minor_units()[currency])


def quantum(currency: str) -> Decimal:
    """The smallest amount of the currency: 0.01 for MAD, 1 for JPY."""
    return _quantum(currency_code(currency))


def money(amount: Decimal, currency: str, *, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round an amount to the currency's minor unit (half up unless told otherwise)."""
    return Decimal(amount).quantize(_quantum(currency), rounding=rounding)


def money_up(amount: Decimal, currency: str) -> Decimal:
    """Round up to the currency's minor unit (prices that must cover a cost)."""
    return money(amount, currency, rounding=ROUND_CEILING)


def parse_decimal(value, *, field: str, allow_zero: bool = True, allow_negative: bool = False) -> Decimal:
    """Parse a user-entered number (comma or dot decimal) into a Decimal, with a clear error naming the field."""
    if isinstance(value, Decimal):
        number = value
    else:
        text = str(value if value is not None else "").strip().replace("\u00a0", "").replace(" ", "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except (InvalidOperation, ValueError):
            raise TijaraError(
                "invalid_number", _("%(field)s: “%(value)s” is not a number.") % {"field": field, "value": value},
                field=field,
            ) from None
    if not number.is_finite():
        raise TijaraError("invalid_number", _("%(field)s must be a finite number.") % {"field": field}, field=field)
    if abs(number) > MAX_AMOUNT:
        raise TijaraError("invalid_number", _("%(field)s is implausibly large (%(value)s).")
                          % {"field": field, "value": value}, field=field)
    if number < 0 and not allow_negative:
        raise TijaraError(
            "negative_value", _("%(field)s cannot be negative (got %(value)s).") % {"field": field, "value": value},
            field=field,
        )
    if number == 0 and not allow_zero:
        raise TijaraError(
            "zero_value", _("%(field)s must be greater than zero.") % {"field": field}, field=field
        )
    return number


def fmt(amount: Decimal | None) -> str | None:
    """Plain string form of a Decimal for JSON (no exponent)."""
    if amount is None:
        return None
    return format(amount, "f")

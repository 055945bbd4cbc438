"""Shipping: dimensions, actual vs volumetric weight, rate-card lookup (pure, no ORM)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tijara.core.errors import TijaraError
from tijara.pricing.money import parse_decimal

DIMS_RE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*[x×X*]\s*(\d+(?:[.,]\d+)?)\s*[x×X*]\s*(\d+(?:[.,]\d+)?)\s*$")


@dataclass(frozen=True)
class Divisor:
    """Volumetric divisor of a service (cm³ per kg) and where it comes from; None when unknown."""

    value: int | None
    source: str
    as_of: str


# PRC-SHP-04 (V): DHL Express L×W×H cm / 5000, greater of actual and volumetric.
# PRC-SHP-05 (S): air cargo 1 kg = 6000 cm³. Postal (Barid Al-Maghrib) divisor: not found (U).
DIVISORS = {
    "express": Divisor(5000, "DHL Express volumetric weight (goglobal.dhl-usa.com; dhlexpressestonia.ee) — PRC-SHP-04",
                       "page undated, read 2026-11"),
    "air_cargo": Divisor(6000, "IATA cubic allowance 1 kg = 6000 cm³ (pengellys.co.nz; cargologisticsdr.com) — "
                               "PRC-SHP-05", "pages undated, read 2026-11"),
    "postal": Divisor(None, "Barid Al-Maghrib volumetric divisor: not found (PRC-SHP-05)", ""),
}


@dataclass(frozen=True)
class ChargeableWeight:
    """Actual, volumetric and charged weight (kg) with the divisor used."""

    actual_kg: Decimal
    volumetric_kg: Decimal | None
    chargeable_kg: Decimal
    divisor: Divisor
    basis: str  # "actual" | "volumetric" | "actual (divisor unknown)"


def parse_dims(text: str | None) -> tuple[Decimal, Decimal, Decimal] | None:
    """Parse "LxWxH" in centimetres; None for an empty value; a clear error for anything else."""
    if text is None or not str(text).strip():
        return None
    match = DIMS_RE.match(str(text))
    if not match:
        raise TijaraError(
            "invalid_dimensions",
            _("Dimensions “%(value)s” are not understood: write length x width x height in centimetres, "
              "e.g. 200x150x5.") % {"value": text},
            field="dims_cm",
        )
    dims = tuple(parse_decimal(part, field=gettext_lazy("dimension")) for part in match.groups())
    if any(d <= 0 for d in dims):
        raise TijaraError("invalid_dimensions", _("Each dimension must be greater than zero."), field="dims_cm")
    if any(d > 1000 for d in dims):
        raise TijaraError("invalid_dimensions", _("A dimension above 1000 cm is not a parcel."), field="dims_cm")
    return dims  # type: ignore[return-value]


def chargeable_weight(*, weight_kg: Decimal, dims_cm: tuple[Decimal, Decimal, Decimal] | None,
                      service: str) -> ChargeableWeight:
    """The weight a carrier charges: the greater of actual and volumetric (L×W×H / divisor of the service)."""
    if weight_kg <= 0:
        raise TijaraError("invalid_weight", _("The weight must be greater than zero."), field="weight_kg")
    divisor = DIVISORS.get(service)
    if divisor is None:
        raise TijaraError("invalid_service", _("Unknown shipping service “%(service)s”.") % {"service": service},
                          field="service")
    if dims_cm is None or divisor.value is None:
        basis = "actual" if dims_cm is None else "actual (divisor unknown)"
        return ChargeableWeight(weight_kg, None, weight_kg, divisor, basis)
    volume = dims_cm[0] * dims_cm[1] * dims_cm[2]
    volumetric = (volume / divisor.value).quantize(Decimal("0.001"), rounding=ROUND_CEILING)
    if volumetric > weight_kg:
        return ChargeableWeight(weight_kg, volumetric, volumetric, divisor, "volumetric")
    return ChargeableWeight(weight_kg, volumetric, weight_kg, divisor, "actual")


@dataclass(frozen=True)
class CardCell:
    zone: str
    weight_max_kg: Decimal
    price: Decimal


@dataclass(frozen=True)
class RateCardData:
    """A rate card as plain data (loaded by selectors from the database)."""

    code: str
    name: str
    service_kind: str
    currency: str
    source: str
    source_url: str
    as_of: str
    confidence: str
    note: str
    cells: tuple[CardCell, ...]
    zones_by_country: dict[str, str]

    def zones(self) -> list[str]:
        return sorted({cell.zone for cell in self.cells})


@dataclass(frozen=True)
class FreightQuote:
    amount: Decimal
    currency: str
    zone: str
    bracket_kg: Decimal
    exact_step: bool


def freight_from_card(card: RateCardData, *, market: str, zone: str | None, chargeable_kg: Decimal) -> FreightQuote:
    """Price from a rate card for a country (or an explicit zone) and a charged weight: the first bracket ≥ weight."""
    chosen = zone or card.zones_by_country.get(market)
    if not chosen:
        raise TijaraError(
            "zone_unknown",
            _("Rate card “%(card)s” does not say which zone %(market)s is in (the zone-to-country mapping was "
              "not published with it). Give the zone explicitly: %(zones)s.")
            % {"card": card.code, "market": market, "zones": ", ".join(card.zones())},
            field="zone",
        )
    cells = sorted((c for c in card.cells if c.zone == chosen), key=lambda c: c.weight_max_kg)
    if not cells:
        raise TijaraError("zone_unknown", _("Rate card “%(card)s” has no zone “%(zone)s”; zones: %(zones)s.")
                          % {"card": card.code, "zone": chosen, "zones": ", ".join(card.zones())}, field="zone")
    for index, cell in enumerate(cells):
        if chargeable_kg <= cell.weight_max_kg:
            previous = cells[index - 1].weight_max_kg if index else Decimal(0)
            exact = cell.weight_max_kg - previous <= Decimal("0.5")
            return FreightQuote(cell.price, card.currency, chosen, cell.weight_max_kg, exact)
    raise TijaraError(
        "beyond_rate_card",
        _("Charged weight %(kg)s kg is above the largest weight on rate card “%(card)s” (%(max)s kg): "
          "enter the carrier's quote with --freight instead.")
        % {"kg": chargeable_kg, "card": card.code, "max": cells[-1].weight_max_kg},
        field="rate_card",
    )

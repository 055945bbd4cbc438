"""Exchange rates and conversions through the dirham (pure, no ORM).

Rates are stored as "MAD per one unit of the currency" with their date, type and source. A conversion picks,
for each non-MAD currency, the latest rate dated on or before the conversion date; on the same date the
preferred rate type wins (a bank transfer or reference rate imported by the operator before the shipped
Bank Al-Maghrib banknote "buying" rate). Every conversion says which rate, date and source it used and
whether the rate is older than the stale limit.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError
from tijara.core.l10n import date_l10n
from tijara.pricing.money import BASE_CURRENCY, currency_code, money
from tijara.pricing.provenance import judge

# Why this order: an exporter sells foreign currency to its bank, so the bank's transfer rate (imported by
# the operator) is the right one; the shipped BAM table only has banknote buy/sell rates, of which the
# "buying from customers" side is the one that applies to money the artisan receives (PRC-FX-07).
RATE_TYPE_PREFERENCE = ("transfer", "reference", "imported", "BAM_buy_from_customer")
SELL_SIDE_TYPES = {"BAM_sell_to_customer"}


@dataclass(frozen=True, slots=True)
class RateEntry:
    """One published rate: MAD per unit of `currency` on `on`."""

    currency: str
    on: date
    mad_per_unit: Decimal
    rate_type: str
    source: str
    source_url: str = ""
    confidence: str = ""


@dataclass(frozen=True, slots=True)
class Conversion:
    """An amount converted, with the rate used (target units per source unit) and where it comes from."""

    amount: Decimal
    from_currency: str
    to_currency: str
    rate: Decimal
    rate_date: date | None
    rate_type: str
    source: str
    source_url: str
    stale: bool
    age_days: int | None
    legs: tuple[RateEntry, ...] = ()

    def as_dict(self) -> dict:
        return {
            "amount": format(self.amount, "f"),
            "from_currency": self.from_currency,
            "to_currency": self.to_currency,
            "rate": format(self.rate.quantize(Decimal("0.00000001")).normalize(), "f"),
            "mad_per_unit": [format(leg.mad_per_unit.normalize(), "f") for leg in self.legs],
            "rate_date": self.rate_date.isoformat() if self.rate_date else None,
            "rate_type": self.rate_type,
            "source": self.source,
            "source_url": self.source_url,
            "tier": judge(self.source, self.source_url).tier if (self.source or self.source_url) else None,
            "stale": self.stale,
            "age_days": self.age_days,
        }


def _rank(rate_type: str) -> int:
    try:
        return len(RATE_TYPE_PREFERENCE) - RATE_TYPE_PREFERENCE.index(rate_type)
    except ValueError:
        return 0


@dataclass
class RateBook:
    """All known rates, indexed by currency and date, for fast repeated conversions."""

    stale_days: int = 90
    _by_currency: dict[str, list[RateEntry]] = field(default_factory=dict)
    _dates: dict[str, list[date]] = field(default_factory=dict)
    _units: dict[tuple[str, str, date], tuple] = field(default_factory=dict)
    _unit_conversions: dict[tuple[str, str, date], Conversion] = field(default_factory=dict)

    @classmethod
    def from_entries(cls, entries, *, stale_days: int = 90) -> RateBook:
        book = cls(stale_days=stale_days)
        best: dict[tuple[str, date], RateEntry] = {}
        for entry in entries:
            if entry.rate_type in SELL_SIDE_TYPES or entry.mad_per_unit <= 0:
                continue
            key = (entry.currency, entry.on)
            current = best.get(key)
            if current is None or _rank(entry.rate_type) > _rank(current.rate_type):
                best[key] = entry
        for (currency, _on), entry in sorted(best.items(), key=lambda item: (item[0][0], item[0][1])):
            book._by_currency.setdefault(currency, []).append(entry)
        book._dates = {currency: [e.on for e in rows] for currency, rows in book._by_currency.items()}
        return book

    def currencies(self) -> list[str]:
        return sorted([BASE_CURRENCY, *self._by_currency])

    def first_date(self) -> date | None:
        firsts = [rows[0].on for rows in self._by_currency.values() if rows]
        return min(firsts) if firsts else None

    def latest(self, currency: str) -> RateEntry | None:
        rows = self._by_currency.get(currency)
        return rows[-1] if rows else None

    def rate_on(self, currency: str, on: date) -> RateEntry:
        """The rate for `currency` dated on or before `on`; a clear error when none exists."""
        rows = self._by_currency.get(currency)
        if not rows:
            raise TijaraError(
                "no_rate",
                _("No exchange rate between MAD and %(currency)s in the data. Import one with "
                  "“tijara rates import FILE” (your bank's transfer rate).") % {"currency": currency},
                field="currency",
            )
        index = bisect.bisect_right(self._dates[currency], on)
        if index == 0:
            raise TijaraError(
                "date_before_data",
                _("No MAD/%(currency)s rate on or before %(date)s: the earliest rate in the data is dated "
                  "%(first)s.") % {"currency": currency, "date": date_l10n(on), "first": date_l10n(rows[0].on)},
                field="ship_date",
            )
        return rows[index - 1]

    def convert(self, amount: Decimal, from_currency: str, to_currency: str, on: date) -> Conversion:
        """Convert through MAD with the rates in force on `on`, rounded to the target's minor unit."""
        source_code = currency_code(from_currency, field="from_currency")
        target_code = currency_code(to_currency, field="to_currency")
        rate, legs = self.rate_between(source_code, target_code, on)
        converted = money(Decimal(amount) * rate, target_code)
        return self._conversion(converted, source_code, target_code, rate, legs, on)

    def unit_conversion(self, from_currency: str, to_currency: str, on: date) -> Conversion:
        """The conversion of one unit (memoised): which rate, date and source a pair uses on a date."""
        key = (from_currency, to_currency, on)
        hit = self._unit_conversions.get(key)
        if hit is None:
            hit = self._unit_conversions[key] = self.convert(Decimal(1), from_currency, to_currency, on)
        return hit

    def rate_between(self, source_code: str, target_code: str, on: date) -> tuple[Decimal, tuple[RateEntry, ...]]:
        """Target units per source unit on `on`, and the rate rows used (none for the same currency)."""
        key = (source_code, target_code, on)
        hit = self._units.get(key)
        if hit is None:
            hit = self._units[key] = self._rate_between(source_code, target_code, on)
        return hit

    def _rate_between(self, source_code: str, target_code: str, on: date) -> tuple[Decimal, tuple[RateEntry, ...]]:
        if source_code == target_code:
            return Decimal(1), ()
        legs: list[RateEntry] = []
        mad_per_source = Decimal(1)
        mad_per_target = Decimal(1)
        if source_code != BASE_CURRENCY:
            leg = self.rate_on(source_code, on)
            legs.append(leg)
            mad_per_source = leg.mad_per_unit
        if target_code != BASE_CURRENCY:
            leg = self.rate_on(target_code, on)
            legs.append(leg)
            mad_per_target = leg.mad_per_unit
        return mad_per_source / mad_per_target, tuple(legs)

    def _conversion(self, converted, source_code, target_code, rate, legs, on) -> Conversion:
        if not legs:
            return Conversion(converted, source_code, target_code, Decimal(1), None, "identity",
                              "same currency", "", False, None, ())
        oldest = min(leg.on for leg in legs)
        age = (on - oldest).days
        return Conversion(
            amount=converted,
            from_currency=source_code,
            to_currency=target_code,
            rate=rate,
            rate_date=oldest,
            rate_type=" + ".join(sorted({leg.rate_type for leg in legs})),
            source=" + ".join(dict.fromkeys(leg.source for leg in legs)),
            source_url=" ".join(dict.fromkeys(leg.source_url for leg in legs if leg.source_url)),
            stale=age > self.stale_days,
            age_days=age,
            legs=tuple(legs),
        )

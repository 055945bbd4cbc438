"""Load the shipped pricing packs (rates, rate cards, channel fees) into the database — idempotent.

Each pack loads in its own transaction; a malformed file raises TijaraError naming the file, the line and the
reason, and leaves what was loaded before untouched. Provenance of every file: `data/PROVENANCE.md`.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError
from tijara.pricing.destination import EU27
from tijara.pricing.fees import CHANNEL_NAMES
from tijara.pricing.models import ChannelFee, ExchangeRate, RateCard, RateCardPrice, RateCardZone
from tijara.pricing.money import DATA_DIR, currency_code

CONFIDENCE = {"V": "verified", "H": "verified", "S": "secondary", "M": "secondary", "U": "unverified", "L": "unverified"}
SHIPPED_RATE_SOURCE = "Bank Al-Maghrib buy/sell table, republished by Moroccan news sites"  # fact PRC-FX-05

RATE_CARDS = {
    "Aramex International Morocco - international express export (contract rate card 'B')": {
        "code": "aramex-ma-export-b", "service_kind": "express",
        "name": "Aramex International Morocco — express export, contract card B (MAD excl. taxes and fuel surcharge)",
        "zones": {},
    },
    "EMS (Chronopost International Maroc) - 500 g package": {
        "code": "ems-ma-500g", "service_kind": "express",
        "name": "EMS Chronopost International Maroc — 500 g package (travel-guide quote)",
        "zones": {"Europe/UK": sorted(EU27 | {"GBR", "CHE", "NOR"}),
                  "North America/Australia": ["USA", "CAN", "AUS"]},
    },
}


def _rows(name: str):
    path = DATA_DIR / name
    with open(path, newline="", encoding="utf-8") as handle:
        yield from enumerate(csv.DictReader(handle), start=2)


def _decimal(value: str, *, name: str, line: int, column: str, required: bool = True) -> Decimal | None:
    if value in ("", None):
        if required:
            raise TijaraError("malformed_pack", _("%(file)s line %(line)s: %(col)s is empty.")
                              % {"file": name, "line": line, "col": column})
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        raise TijaraError("malformed_pack", _("%(file)s line %(line)s: %(col)s “%(value)s” is not a number.")
                          % {"file": name, "line": line, "col": column, "value": value}) from None


def load_rates(name: str = "mad_exchange_rates.csv") -> int:
    """Shipped BAM buy/sell rates → ExchangeRate (update in place)."""
    with transaction.atomic():
        for line, row in _rows(name):
            try:
                on = date.fromisoformat(row["date"])
                code = currency_code(row["currency"])
            except (ValueError, TijaraError) as exc:
                raise TijaraError("malformed_pack", _("%(file)s line %(line)s: %(reason)s")
                                  % {"file": name, "line": line, "reason": exc}) from None
            rate = _decimal(row["mad_per_unit"], name=name, line=line, column="mad_per_unit")
            if rate <= 0:
                raise TijaraError("malformed_pack", _("%(file)s line %(line)s: the rate must be positive.")
                                  % {"file": name, "line": line})
            ExchangeRate.objects.update_or_create(
                on=on, currency=code, rate_type=row["rate_type"],
                defaults={"mad_per_unit": rate, "source": SHIPPED_RATE_SOURCE, "source_url": row["source_url"],
                          "as_of": on.isoformat(), "confidence": CONFIDENCE.get(row["confidence"], ""),
                          "licence": _("public figures")},
            )
    return ExchangeRate.objects.count()


def load_rate_cards(name: str = "postal_rates.csv") -> int:
    """Shipped carrier tariffs → RateCard, RateCardPrice, RateCardZone."""
    with transaction.atomic():
        seen: dict[str, RateCard] = {}
        for line, row in _rows(name):
            meta = RATE_CARDS.get(row["service"])
            if meta is None:
                raise TijaraError("malformed_pack", _("%(file)s line %(line)s: unknown service “%(service)s”.")
                                  % {"file": name, "line": line, "service": row["service"]})
            card = seen.get(meta["code"])
            if card is None:
                card, _created = RateCard.objects.update_or_create(
                    code=meta["code"],
                    defaults={"name": meta["name"], "service_kind": meta["service_kind"], "currency": "MAD",
                              "source": row["service"], "source_url": row["source_url"],
                              "as_of": _vintage(row["source_date"])[0],
                              "confidence": CONFIDENCE.get(row["confidence"], ""),
                              "note": _with_vintage_note(row["source_date"], row["note"]), "licence": _("public figures")},
                )
                card.prices.all().delete()
                card.zones.all().delete()
                for zone, countries in meta["zones"].items():
                    RateCardZone.objects.bulk_create([RateCardZone(card=card, zone=zone, country=c) for c in countries])
                seen[meta["code"]] = card
            RateCardPrice.objects.create(
                card=card, zone=row["zone"],
                weight_max_kg=_decimal(row["weight_max_kg"], name=name, line=line, column="weight_max_kg"),
                price=_decimal(row["price_mad"], name=name, line=line, column="price_mad"),
            )
    return RateCard.objects.count()


VINTAGE_LENGTH = 32  # Sourced.as_of


def _vintage(text: str) -> tuple[str, str]:
    """A pack's source date as (what fits the vintage field, what the date says beyond it): "undated (Lonely Planet
    Morocco guide, older edition)" → ("undated", "Lonely Planet Morocco guide, older edition"), never a date cut
    in the middle of a word."""
    text = (text or "").strip()
    if len(text) <= VINTAGE_LENGTH:
        return text, ""
    head, sep, rest = text.partition(" (")
    if sep and len(head) <= VINTAGE_LENGTH:
        return head, rest.removesuffix(")").strip()
    return "", text


def _with_vintage_note(source_date: str, note: str) -> str:
    """The record's note, led by what its source date says that the vintage field cannot hold."""
    extra = _vintage(source_date)[1]
    return f"{extra}. {note}".strip() if extra else note


def load_fees(name: str = "marketplace_fees.csv") -> int:
    """Shipped channel fee schedule → ChannelFee."""
    slug_for = {label: slug for slug, label in CHANNEL_NAMES.items() if label}
    with transaction.atomic():
        for line, row in _rows(name):
            slug = slug_for.get(row["channel"])
            if slug is None:
                raise TijaraError("malformed_pack", _("%(file)s line %(line)s: unknown channel “%(channel)s”.")
                                  % {"file": name, "line": line, "channel": row["channel"]})
            if row["unit"] not in ("pct", "fixed"):
                raise TijaraError("malformed_pack", _("%(file)s line %(line)s: unit must be pct or fixed.")
                                  % {"file": name, "line": line})
            ChannelFee.objects.update_or_create(
                channel=slug, fee_name=row["fee_name"],
                defaults={
                    "amount": _decimal(row["amount"], name=name, line=line, column="amount"),
                    "unit": row["unit"], "currency": row["currency"], "applies_to": row["applies_to"],
                    "minimum": _decimal(row["min"], name=name, line=line, column="min", required=False),
                    "maximum": _decimal(row["max"], name=name, line=line, column="max", required=False),
                    "source": row["channel"], "source_url": row["source_url"],
                    "as_of": _vintage(row["source_date"])[0], "confidence": CONFIDENCE.get(row["confidence"], ""),
                    "note": _with_vintage_note(row["source_date"], row["note"]),
                    "licence": _("public figures"),
                },
            )
    return ChannelFee.objects.count()


def load(*, stdout=None, verbosity: int = 1) -> dict[str, int]:
    """Load every pricing pack; return row counts per table."""
    counts = {
        "exchange_rates": load_rates(),
        "rate_cards": load_rate_cards(),
        "channel_fees": load_fees(),
    }
    from tijara.pricing.selectors import invalidate_cache

    invalidate_cache()
    return counts

"""The marketplace's seams to other apps that may be absent or optional: the craft vocabulary (language core),
Pricing's dated exchange rates and the channels' schema.org JSON-LD."""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from tijara.core.errors import TijaraError
from tijara.marketplace.search.lexicon import Lexicon

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def craft_lexicon() -> Lexicon:
    """The one craft vocabulary (tijara.language: ar, Darija, fr, en, es words per concept) as cross-language
    concepts: products, materials and techniques (uses and attributes are too broad to expand a query)."""
    from tijara.language.vocabulary import vocabulary

    return Lexicon(c.all_words() for c in vocabulary().concepts if c.kind in ("product", "material", "technique"))


@dataclass(frozen=True)
class Conversion:
    """An amount converted from MAD with the rate used, its date and source."""

    amount: Decimal
    currency: str
    rate: Decimal  # currency units per MAD
    rate_date: str
    source: str
    stale: bool = False


def convert_from_mad(amount: Decimal, currency: str) -> Conversion | None:
    """`amount` MAD in `currency` at Pricing's latest dated rate, or None when no rate is known."""
    currency = (currency or "").upper()
    if currency == "MAD":
        return Conversion(amount=Decimal(amount), currency="MAD", rate=Decimal(1), rate_date="", source="")
    try:
        pricing = importlib.import_module("tijara.pricing.services")
    except ImportError:
        return None
    try:
        result = pricing.convert(amount=Decimal(amount), from_currency="MAD", to_currency=currency)
    except TijaraError as exc:  # an unknown currency or a missing rate means "no indicative price"
        log.debug("no conversion MAD→%s: %s", currency, exc)
        return None
    return Conversion(amount=Decimal(result.amount), currency=currency, rate=Decimal(result.rate),
                      rate_date=str(result.rate_date or ""), source=str(result.source), stale=bool(result.stale))


def currencies() -> list[str]:
    """Currencies a visitor may choose (MAD first), from Pricing's rates."""
    try:
        pricing = importlib.import_module("tijara.pricing.selectors")
    except ImportError:
        return ["MAD"]
    codes = list(pricing.rate_book().currencies())
    return ["MAD", *[c for c in codes if c != "MAD"]]


def product_jsonld(product, *, language: str, url: str, currency: str = "MAD") -> dict | None:
    """schema.org Product JSON-LD from the channels app, or None when it is not available."""
    try:
        jsonld = importlib.import_module("tijara.channels.jsonld")
        return jsonld.product_jsonld(product, language=language, url=url, currency=currency)
    except ImportError:  # the channels app (or a part of it) is not installed
        return None
    except TijaraError as exc:  # e.g. no rate for the currency: the page goes without JSON-LD
        log.debug("no JSON-LD for product %s: %s", product.pk, exc)
        return None


@dataclass(frozen=True)
class ShippingQuote:
    """One carrier's price for a parcel to a country, from a rate card Pricing holds, with source and date."""

    amount_mad: Decimal
    carrier: str
    source: str
    source_url: str
    as_of: str
    confidence: str


def shipping_quotes(*, country: str, weight_kg: Decimal, dims_cm: str | None, exw_mad: Decimal) -> list[ShippingQuote]:
    """Freight of one parcel from Morocco to `country` (ISO alpha-3) by every rate card Pricing can apply.

    Pricing's engine chooses the zone and the weight bracket; a card that does not cover the country or the
    weight is left out (an empty list means the cost is unknown)."""
    from tijara.pricing import selectors as pricing_selectors
    from tijara.pricing import services as pricing

    quotes = []
    for card in pricing_selectors.rate_cards():
        try:
            result = pricing.price_calculate(hs=None, market=country, exw=exw_mad, currency="MAD", weight_kg=weight_kg,
                                             dims_cm=dims_cm, incoterm="DAP", rate_card=card.code)
        except TijaraError:
            continue
        for line in result.lines:
            if line.source.startswith(card.name) and line.currency == "MAD":
                quotes.append(ShippingQuote(amount_mad=Decimal(line.amount), carrier=card.name, source=card.source,
                                            source_url=card.source_url, as_of=card.as_of, confidence=card.confidence))
                break
    return sorted(quotes, key=lambda q: q.amount_mad)

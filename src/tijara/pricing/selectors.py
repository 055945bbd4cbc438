"""Reads of the pricing app: the rate book, fee schedule, rate cards and pricing rules (cached, as plain data)."""

from __future__ import annotations

import threading
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError
from tijara.pricing.fees import FeeRow
from tijara.pricing.fx import RateBook, RateEntry
from tijara.pricing.models import ChannelFee, ExchangeRate, PricingRule, RateCard
from tijara.pricing.shipping import CardCell, RateCardData

_LOCK = threading.Lock()
_CACHE: dict[str, tuple[object, object]] = {}


def invalidate_cache() -> None:
    """Forget cached rate books and fee schedules (after an import)."""
    with _LOCK:
        _CACHE.clear()


def _cached(name: str, version, build):
    with _LOCK:
        hit = _CACHE.get(name)
        if hit and hit[0] == version:
            return hit[1]
    value = build()
    with _LOCK:
        _CACHE[name] = (version, value)
    return value


def rate_book() -> RateBook:
    """Every stored exchange rate as an in-memory RateBook (rebuilt when the table changes)."""
    stale_days = settings.TIJARA_RATE_STALE_DAYS
    version = (tuple(ExchangeRate.objects.aggregate(n=Count("id"), t=Max("retrieved_at")).values()), stale_days)

    def build():
        entries = [
            RateEntry(r.currency, r.on, r.mad_per_unit, r.rate_type, r.source, r.source_url, r.confidence)
            for r in ExchangeRate.objects.all()
        ]
        return RateBook.from_entries(entries, stale_days=stale_days)

    return _cached("rates", version, build)


def fee_rows() -> dict[tuple[str, str], FeeRow]:
    """The channel fee schedule keyed by (channel, fee name)."""
    version = tuple(ChannelFee.objects.aggregate(n=Count("id"), t=Max("retrieved_at")).values())

    def build():
        return {
            (f.channel, f.fee_name): FeeRow(f.channel, f.fee_name, f.amount, f.unit, f.currency, f.minimum, f.maximum,
                                            f.source_url, f.as_of, f.confidence, f.note)
            for f in ChannelFee.objects.all()
        }

    return _cached("fees", version, build)


def channel_fees() -> list[ChannelFee]:
    """All channel fees, for display."""
    return list(ChannelFee.objects.all())


def rate_cards() -> list[RateCard]:
    """The stored carrier rate cards."""
    return list(RateCard.objects.all())


def rate_card(code: str) -> RateCardData:
    """A rate card with its cells and zone mapping, or a clear error listing the known cards."""
    card = RateCard.objects.filter(code=(code or "").strip().lower()).prefetch_related("prices", "zones").first()
    if card is None:
        known = ", ".join(RateCard.objects.values_list("code", flat=True)) or _("none loaded")
        raise TijaraError("unknown_rate_card", _("Unknown rate card “%(code)s”; known: %(known)s.")
                          % {"code": code, "known": known}, field="rate_card")
    return RateCardData(
        code=card.code, name=card.name, service_kind=card.service_kind, currency=card.currency, source=card.source,
        source_url=card.source_url, as_of=card.as_of, confidence=card.confidence, note=card.note,
        cells=tuple(CardCell(p.zone, p.weight_max_kg, p.price) for p in card.prices.all()),
        zones_by_country={z.country: z.zone for z in card.zones.all()},
    )


DEFAULT_RULE = {"markup_pct": Decimal("0"), "rounding": "none", "tax_inclusive": False}


def pricing_rule_for(*, organisation=None, channel: str, market: str) -> PricingRule | None:
    """The most specific rule: the organisation's for this market, its any-market rule, then the platform's."""
    candidates = PricingRule.objects.filter(channel=channel, market__in=[market, ""])
    if organisation is not None:
        candidates = candidates.filter(organisation__in=[organisation]) | candidates.filter(organisation__isnull=True)
    else:
        candidates = candidates.filter(organisation__isnull=True)
    ranked = sorted(candidates, key=lambda r: (r.organisation_id is None, r.market == ""))
    return ranked[0] if ranked else None


def pricing_rules_of(*, organisation) -> list[PricingRule]:
    """An organisation's own pricing rules."""
    return list(PricingRule.objects.filter(organisation=organisation))

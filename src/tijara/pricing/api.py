"""API face of pricing (mounted at /api/v1/pricing/): price, reverse price, conversions, rates, rules."""

from __future__ import annotations

from datetime import date

from ninja import Query, Router, Schema

from tijara.accounts import selectors as account_selectors
from tijara.core.errors import PermissionDenied
from tijara.pricing import selectors, services
from tijara.pricing.incoterms import incoterms

router = Router(tags=["pricing"])


class Error(Schema):
    code: str
    message: str
    field: str | None = None


class PriceIn(Schema):
    hs: str | None = None
    market: str
    exw: str | None = None
    currency: str = "MAD"
    weight_kg: str | None = None
    dims_cm: str | None = None
    incoterm: str = "DAP"
    channel: str = "direct"
    ship_date: date | None = None
    origin_proof: bool = True
    freight: str | None = None
    rate_card: str | None = None
    zone: str | None = None
    insurance: str | None = None
    packaging: str | None = None
    service: str | None = None
    retail_currency: str | None = None
    markup_pct: str | None = None
    rounding: str | None = None
    tax_inclusive: bool | None = None
    region: str | None = None
    shopify_plan: str = "basic"
    retail_price: str | None = None  # set → reverse calculation


class RuleIn(Schema):
    channel: str
    market: str = ""
    markup_pct: str = "0"
    rounding: str = "none"
    tax_inclusive: bool = False


class RateImportIn(Schema):
    content: str
    format: str = "csv"
    rate_type: str = "imported"
    source: str = ""
    on: date | None = None


def _price(payload: PriceIn) -> dict:
    data = payload.model_dump()
    retail = data.pop("retail_price")
    if retail not in (None, ""):
        data.pop("markup_pct")
        data.pop("rounding")
        return services.price_reverse(retail_price=retail, **data).as_dict()
    return services.price_calculate(**data).as_dict()


@router.post("/price", auth=None, response={200: dict, 400: Error, 404: Error})
def price(request, payload: PriceIn):
    """Forward (or, with retail_price, reverse) calculation: lines, landed_cost, retail_price, seller_receives_mad,
    warnings — the same JSON as `tijara price --json`."""
    return _price(payload)


@router.get("/convert", auth=None, response={200: dict, 400: Error})
def convert(request, amount: str, from_currency: str, to_currency: str, on: date | None = None):
    """Convert an amount; says which rate (date, type, source) it used and whether it is stale."""
    return services.convert(amount=amount, from_currency=from_currency, to_currency=to_currency, on=on).as_dict()


@router.get("/rates", auth=None, response=list[dict])
def rates(request, currency: str | None = None, limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0, le=1_000_000)):
    """Stored exchange rates (MAD per unit) with date, type and source; one page of `limit` rows from `offset`
    (per currency, newest first)."""
    from tijara.pricing.models import ExchangeRate

    qs = ExchangeRate.objects.order_by("currency", "-on", "rate_type", "pk")
    if currency:
        qs = qs.filter(currency=currency.upper()[:3])
    return [{"date": r.on.isoformat(), "currency": r.currency, "mad_per_unit": format(r.mad_per_unit.normalize(), "f"),
             "rate_type": r.rate_type, "source": r.source, "source_url": r.source_url, "confidence": r.confidence}
            for r in qs[offset:offset + limit]]


@router.post("/rates/import", response={200: dict, 400: Error, 403: Error})
def rates_import(request, payload: RateImportIn):
    """Import rates (platform admins only); all rows or none."""
    if not getattr(request.user, "is_platform_admin", False):
        raise PermissionDenied("forbidden", "Only platform administrators import exchange rates.")
    report = services.rate_import(content=payload.content, fmt=payload.format, rate_type=payload.rate_type,
                                  source=payload.source, on=payload.on)
    return {"created": report.created, "updated": report.updated, "unchanged": report.unchanged,
            "currencies": report.currencies}


@router.get("/incoterms", auth=None, response=list[dict])
def incoterm_list(request):
    """The 11 Incoterms® 2020 rules as data."""
    return [{"rule": r.rule, "mode": r.mode, "risk_passes": r.risk_transfer_point,
             "seller_pays_main_carriage": r.seller_pays_main_carriage, "seller_insurance": r.seller_insurance,
             "seller_export_clearance": r.seller_export_clearance, "seller_import_clearance": r.seller_import_clearance,
             "seller_pays_import_duties": r.seller_pays_import_duties, "source_url": r.source_url}
            for r in incoterms().values()]


@router.get("/rate-cards", auth=None, response=list[dict])
def rate_card_list(request):
    """Stored carrier rate cards with zones and provenance."""
    return [{"code": c.code, "name": c.name, "service": c.service_kind, "currency": c.currency, "note": c.note,
             "source_url": c.source_url, "as_of": c.as_of, "confidence": c.confidence,
             "zones": selectors.rate_card(c.code).zones()} for c in selectors.rate_cards()]


def _rule_out(rule) -> dict:
    return {"channel": rule.channel, "market": rule.market, "markup_pct": format(rule.markup_pct, "f"),
            "rounding": rule.rounding, "tax_inclusive": rule.tax_inclusive}


@router.get("/organisations/{slug}/rules", response={200: list[dict], 404: Error})
def rules(request, slug: str):
    """An organisation's pricing rules (members, advisors of its region, admins)."""
    org = account_selectors.organisation_for(user=request.user, slug=slug)
    return [_rule_out(r) for r in selectors.pricing_rules_of(organisation=org)]


@router.put("/organisations/{slug}/rules", response={200: dict, 400: Error, 403: Error, 404: Error})
def rule_set(request, slug: str, payload: RuleIn):
    """Create or update a pricing rule (members who may write)."""
    org = account_selectors.organisation_for(user=request.user, slug=slug, write=True)
    rule = services.pricing_rule_set(organisation=org, **payload.model_dump())
    return _rule_out(rule)

"""The export plan: one product and one market, seven sections composed from the other apps' services.

Nothing here re-implements another app's logic: the classifier names the code, the market finder explains the
market, the tariff lookup gives the duty, the knowledge base gives the checklist, pricing gives the landed cost,
the channel adapters say what blocks a listing, the events app lists fairs. Each section carries its `sources`;
what could not be determined goes to `unknowns` with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from importlib import import_module

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from tijara.core.errors import NotFound, TijaraError

SECTIONS = ("hs", "market", "duties", "checklist", "price", "channels", "events")
FRENCH_MARKETS = {"FRA", "BEL", "LUX", "MCO", "CHE", "CAN", "SEN", "CIV", "TUN", "DZA"}
CHANNEL_KINDS = ("google", "meta", "shopify", "woocommerce", "etsy", "amazon_handmade")


@dataclass
class PlanRequest:
    """What the plan is for: a free description or a catalog product, a market and the sale's parameters."""

    market: str
    language: str = "en"
    text: str = ""
    product: object | None = None  # catalog.Product
    hs: str = ""  # the code the user chose: it wins over the classifier
    channel: str = "direct"
    ship_date: date | None = None
    exw_mad: Decimal | None = None
    weight_kg: Decimal | None = None
    dims_cm: str = ""
    incoterm: str = "DAP"
    freight: Decimal | None = None
    rate_card: str = ""


@dataclass
class Plan:
    request: PlanRequest
    sections: dict = field(default_factory=dict)
    unknowns: list[str] = field(default_factory=list)
    computed_at: str = ""

    def as_dict(self) -> dict:
        data = {name: self.sections.get(name, {"available": False, "sources": []}) for name in SECTIONS}
        data["unknowns"] = self.unknowns
        data["input"] = {
            "text": self.request.text, "product": getattr(self.request.product, "sku", None),
            "organisation": getattr(getattr(self.request.product, "organisation", None), "slug", None),
            "market": self.request.market, "language": self.request.language, "channel": self.request.channel,
            "ship_date": self.request.ship_date.isoformat() if self.request.ship_date else None,
        }
        data["computed_at"] = self.computed_at
        return data


def collect_sources(*values) -> list[dict]:
    """Every distinct (source, url, as_of) found in nested dicts/lists: provenance carried from the sections."""
    found: dict[tuple, dict] = {}

    def walk(value):
        if isinstance(value, dict):
            source = value.get("source")
            if not source and any(key in value for key in ("url", "source_url", "as_of", "year")):
                source = value.get("title")
            if source and isinstance(source, str):
                url = value.get("url") or value.get("source_url") or ""
                as_of = value.get("as_of") or value.get("year") or value.get("source_date") or ""
                key = (source, url, str(as_of))
                found.setdefault(key, {"source": source, "url": url, "as_of": str(as_of) if as_of else ""})
                if value.get("fact_id"):
                    found[key]["fact_id"] = value["fact_id"]
                if value.get("source_language"):  # a knowledge fact's: the language its source is written in
                    found[key]["source_language"] = value["source_language"]
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    for value in values:
        walk(value)
    return list(found.values())


def _plain(obj):
    """Dataclasses and Decimals to JSON-ready values."""
    from dataclasses import asdict, is_dataclass

    if is_dataclass(obj):
        return _plain(asdict(obj))
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    if isinstance(obj, Decimal):
        return str(obj)
    if isinstance(obj, date):
        return obj.isoformat()
    return obj


# ----------------------------------------------------------------------------------------------------- sections


def _product_description(product, language: str) -> str:
    from tijara.catalog.selectors import product_text

    text, _served = product_text(product, language)
    return f"{text.title}. {text.description}" if text else product.sku


def section_hs(req: PlanRequest, plan: Plan) -> str | None:
    from tijara.assistant import hs_services

    chosen = (req.hs or getattr(req.product, "hs_code", "") or "").strip()
    description = req.text or (_product_description(req.product, req.language) if req.product else "")
    classification = None
    if description:
        try:
            classification = hs_services.classify(text=description, lang=None, top=5).to_dict()
        except TijaraError as exc:
            plan.unknowns.append(_("HS classifier: %(message)s") % {"message": exc.message})
    if chosen:
        code = hs_services.normalise_hs6(chosen) if len(chosen.replace(".", "")) >= 6 else chosen
        chosen_by = "user" if req.hs else (getattr(req.product, "hs_source", "") or "product")
    elif classification and classification["candidates"]:
        code, chosen_by = classification["candidates"][0]["hs6"], "classifier"
        if not classification["confident"]:
            plan.unknowns.append(_("The HS code is not certain: confirm it with a customs broker or the customs' "
                                   "binding tariff information before shipping."))
    else:
        plan.sections["hs"] = {"available": False, "reason": _("No description and no HS code were given."),
                               "sources": []}
        plan.unknowns.append(_("HS code: give a description or a code."))
        return None
    hs6 = code[:6]
    plan.sections["hs"] = {
        "available": True, "hs6": hs6, "hs4": hs6[:4], "chosen_by": chosen_by,
        "description": hs_services.hs6_label(code=hs6, lang=req.language),
        # the nomenclature ships in English and French only: an Arabic plan shows the English text and says so
        "description_language": "en" if req.language == "ar" else req.language,
        "classification": classification,
        "sources": [{"source": "HS 2022 nomenclature (WCO), texts via UN Comtrade / EU Combined Nomenclature 2023",
                     "url": "https://github.com/datasets/harmonized-system", "as_of": "2022"}],
    }
    return hs6


def section_market(req: PlanRequest, plan: Plan, hs6: str, on: date) -> None:
    from tijara.markets.ranking import markets_ranked_for

    try:
        ranking = markets_ranked_for(hs6, on=on)
    except TijaraError as exc:
        plan.sections["market"] = {"available": False, "reason": exc.message, "sources": []}
        plan.unknowns.append(_("Market finder: %(message)s") % {"message": exc.message})
        return
    chosen = ranking.market(req.market)
    alternatives = [ranking.market_dict(m, req.language) for m in ranking.top(4) if m.iso3 != req.market][:3]
    if chosen is None:
        plan.sections["market"] = {"available": False, "iso3": req.market, "alternatives": alternatives,
                                   "reason": _("The market finder has no data on this market for this product."),
                                   "sources": collect_sources(alternatives)}
        plan.unknowns.append(_("Why this market: no demand, foothold, access or proximity data for %(market)s.")
                             % {"market": req.market})
        return
    data = ranking.market_dict(chosen, req.language)
    data["ranked"] = chosen in ranking.markets
    if not data["ranked"]:
        plan.unknowns.append(_("%(market)s has too little data to be ranked (listed apart as 'not enough data').")
                             % {"market": req.market})
    plan.sections["market"] = {"available": True, **data, "out_of": len(ranking.markets),
                               "alternatives": alternatives, "notes": ranking.notes,
                               "sources": collect_sources(data["components"], alternatives)}


def section_duties(req: PlanRequest, plan: Plan, hs6: str, on: date) -> None:
    from tijara.markets.selectors import duty_for

    try:
        with_proof = duty_for(hs=hs6, market=req.market, on=on, origin_proof=True).as_dict()
        without_proof = duty_for(hs=hs6, market=req.market, on=on, origin_proof=False).as_dict()
    except (TijaraError, NotFound) as exc:
        plan.sections["duties"] = {"available": False, "reason": exc.message, "sources": []}
        plan.unknowns.append(_("Duty: %(message)s") % {"message": exc.message})
        return
    if not with_proof["known"]:
        plan.unknowns.append(_("Duty in %(market)s: %(reason)s") % {"market": req.market, "reason": with_proof["reason"]})
    plan.sections["duties"] = {
        "available": with_proof["known"], "on": on.isoformat(), "with_origin_proof": with_proof,
        "without_origin_proof": without_proof,
        "low_value_regime": None,  # filled from the price calculation, which knows the parcel's value
        "sources": collect_sources(with_proof["rows_used"], without_proof["rows_used"], with_proof["additional"]),
    }


def section_checklist(req: PlanRequest, plan: Plan, hs6: str | None) -> None:
    from tijara.knowledge.selectors import checklist_for

    family = getattr(getattr(req.product, "craft_family", None), "code", None)
    try:
        checklist = checklist_for(hs=hs6, family=None if hs6 else family, market=req.market, language=req.language)
    except (TijaraError, NotFound) as exc:
        plan.sections["checklist"] = {"available": False, "reason": exc.message, "sources": []}
        plan.unknowns.append(_("Checklist: %(message)s") % {"message": exc.message})
        return
    items = [_plain(item) for item in checklist.items]
    if not checklist.covered:
        plan.unknowns.append(_("Requirements at destination: the knowledge base does not cover %(market)s for this "
                               "product family yet.") % {"market": req.market})
    plan.sections["checklist"] = {
        "available": bool(items), "family": checklist.family, "family_name": checklist.family_name,
        "covered": checklist.covered, "items": items, "notes": list(checklist.notes),
        "sources": [_plain(ref) for ref in checklist.sources],
    }


def section_price(req: PlanRequest, plan: Plan, hs6: str | None, on: date) -> None:
    from tijara.pricing import services as pricing

    exw, weight, dims = req.exw_mad, req.weight_kg, req.dims_cm
    product = req.product
    if product is not None:
        variant = product.variants.order_by("position", "pk").first()
        exw = exw or (variant.price_mad if variant else None)
        weight = weight or product.packed_weight_kg or product.weight_kg
        if not dims and product.packed_length_cm and product.packed_width_cm and product.packed_height_cm:
            dims = f"{product.packed_length_cm}x{product.packed_width_cm}x{product.packed_height_cm}"
    if not exw or not weight:
        reason = _("Landed cost needs the ex-works price and the weight of the parcel (give them, or pick a catalog "
                   "product that has them).")
        plan.sections["price"] = {"available": False, "reason": reason, "sources": []}
        plan.unknowns.append(reason)
        return
    if not (req.freight or req.rate_card):
        reason = _("Landed cost needs a freight quote or a rate card (shipping is never guessed).")
        plan.sections["price"] = {"available": False, "reason": reason, "sources": []}
        plan.unknowns.append(reason)
        return
    try:
        result = pricing.price_calculate(
            hs=hs6, market=req.market, exw=exw, currency="MAD", weight_kg=weight, dims_cm=dims or None,
            incoterm=req.incoterm, channel=req.channel or "direct", ship_date=on, origin_proof=True,
            freight=req.freight, rate_card=req.rate_card or None,
        ).as_dict()
    except (TijaraError, NotFound) as exc:
        plan.sections["price"] = {"available": False, "reason": exc.message, "sources": []}
        plan.unknowns.append(_("Price: %(message)s") % {"message": exc.message})
        return
    plan.sections["price"] = {"available": True, **result, "sources": collect_sources(result["lines"])}
    if not result["landed_cost"].get("complete", True):
        plan.unknowns.append(_("Landed cost is incomplete: %(what)s") % {
            "what": "; ".join(str(u) for u in result["landed_cost"].get("unknown") or [])})
    if "duties" in plan.sections:
        plan.sections["duties"]["low_value_regime"] = result["landed_cost"].get("regime")


def section_channels(req: PlanRequest, plan: Plan) -> None:
    product = req.product
    if product is None:
        reason = _("Channel readiness is checked on a catalog product (photos, texts, prices): add the product to "
                   "your catalog first.")
        plan.sections["channels"] = {"available": False, "reason": reason, "sources": []}
        plan.unknowns.append(reason)
        return
    from tijara.channels.adapters import adapter
    from tijara.channels.inputs import ChannelContext
    from tijara.channels.sources import alpha2, listing_input_for
    from tijara.pricing.services import market_currency

    language = "fr" if req.market in FRENCH_MARKETS else "en"
    try:
        currency = market_currency(req.market)
    except TijaraError:
        currency = "USD"
    organisation = product.organisation
    results = []
    for kind in CHANNEL_KINDS:
        context = ChannelContext(kind=kind, country=alpha2(req.market), language=language, currency=currency,
                                 store_name=organisation.public_name,
                                 settings={"who_made": "collective" if organisation.kind == "cooperative" else "i_did"})
        try:
            item = listing_input_for(product, language=language, currency=currency, kind=kind)
            mapped = adapter(kind).map_listing(item, context)
        except TijaraError as exc:
            results.append({"channel": kind, "state": "blocked", "problems": [
                {"field": "", "severity": "error", "rule": exc.code, "source": "", "message": exc.message}]})
            continue
        problems = [p.as_dict() for p in mapped.problems]
        results.append({"channel": kind, "state": mapped.state, "language": language, "currency": currency,
                        "problems": problems})
    ready = [r["channel"] for r in results if r["state"] == "ready"]
    plan.sections["channels"] = {
        "available": True, "ready": ready, "blocked": [r["channel"] for r in results if r["state"] != "ready"],
        "results": results,
        "sources": [{"source": p["source"], "url": p["source"], "as_of": ""} for r in results for p in r["problems"]
                    if p.get("source")][:30],
    }


def section_events(req: PlanRequest, plan: Plan, hs6: str | None) -> None:
    try:
        events = import_module("tijara.events.selectors")
    except ModuleNotFoundError:
        events = None
    if events is None or not hasattr(events, "events_for"):
        reason = _("Fairs and buyers' events: no event data is available on this installation.")
        plan.sections["events"] = {"available": False, "reason": reason, "sources": []}
        plan.unknowns.append(reason)
        return
    family = getattr(getattr(req.product, "craft_family", None), "code", None)
    if family is None and hs6:
        from tijara.knowledge import scope

        family, _exact = scope.family_for_hs(hs6)
    found = [_plain(e) for e in events.events_for(market=req.market, craft=family)]
    if not found:
        plan.unknowns.append(_("No fair or buyers' event for this craft in %(market)s in the platform's data.")
                             % {"market": req.market})
    plan.sections["events"] = {"available": bool(found), "craft": family, "events": found,
                               "sources": collect_sources(found)}


def plan_compose(req: PlanRequest) -> Plan:
    """Compute all seven sections for one product (or description) and one market, in the request's language."""
    req.market = (req.market or "").strip().upper()
    if not req.market or not req.market.isalpha() or len(req.market) != 3:
        raise TijaraError("invalid_market", _("Give the market as an ISO 3166 alpha-3 code, e.g. USA or FRA."),
                          field="market")
    from tijara.markets.selectors import country_get

    if country_get(req.market) is None:
        raise TijaraError("unknown_market", _("Unknown country code “%(code)s”.") % {"code": req.market}, field="market")
    if req.language not in ("ar", "fr", "en"):
        raise TijaraError("invalid_language", _("Language must be ar, fr or en."), field="lang")
    if not (req.text or "").strip() and req.product is None and not req.hs:
        raise TijaraError("empty", _("Describe the product, or pick one from your catalog."), field="text")
    on = req.ship_date or timezone.localdate()
    plan = Plan(request=req, computed_at=timezone.now().isoformat(timespec="seconds"))
    with override(req.language):
        hs6 = section_hs(req, plan)
        if hs6:
            section_market(req, plan, hs6, on)
            section_duties(req, plan, hs6, on)
        else:
            for name in ("market", "duties"):
                plan.sections[name] = {"available": False, "reason": _("Needs an HS code."), "sources": []}
        section_checklist(req, plan, hs6)
        section_price(req, plan, hs6, on)
        section_channels(req, plan)
        section_events(req, plan, hs6)
    return plan

"""Pricing services: conversions, landed cost and retail price (forward and reverse), channel prices, rate imports.

Called by the pricing faces (web, API, CLI) and by other apps:

- `convert(amount=, from_currency=, to_currency=, on=None) -> Conversion` — amount, rate, rate date, type,
  source and stale flag.
- `price_calculate(hs=, market=, exw=, currency="MAD", weight_kg=, dims_cm=, incoterm="DAP", channel="direct",
  ship_date=None, origin_proof=True, freight=None | rate_card=None, …) -> Result` — forward calculation.
- `price_reverse(retail_price=, hs=, market=, …) -> Result` — what the artisan receives in MAD.
- `channel_price(exw_mad=, channel=, market=, currency=None, organisation=None, …) -> ChannelPrice` — the price to
  list on a channel, applying the organisation's pricing rule (markup, rounding, tax-inclusive).
- `rate_import(content=, fmt="csv", rate_type="imported", source=) -> RateImportReport`.
- `pricing_rule_set(organisation=, channel=, market=, markup_pct=, rounding=, tax_inclusive=) -> PricingRule`.

`Result.as_dict()` is the JSON shape of the CLI and API: lines, landed_cost, retail_price, seller_receives_mad,
warnings. Every failure is a TijaraError with a code and a translated message naming the problem.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pycountry
from babel.numbers import get_territory_currencies
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tijara.core.errors import TijaraError
from tijara.core.l10n import isolate, lang_note, num
from tijara.pricing import calc
from tijara.pricing.destination import EU27, AdditionalDutyInput, DutyFormula, DutyInput
from tijara.pricing.fees import channel_plan
from tijara.pricing.fx import Conversion
from tijara.pricing.incoterms import incoterm as incoterm_rule
from tijara.pricing.models import ExchangeRate, PricingRule
from tijara.pricing.money import BASE_CURRENCY, currency_code, parse_decimal
from tijara.pricing.selectors import fee_rows, invalidate_cache, pricing_rule_for, rate_book, rate_card
from tijara.pricing.shipping import parse_dims

# --------------------------------------------------------------------------------------------- parsing helpers


def parse_date(value, *, field: str = "ship_date") -> date:
    """A date from an ISO string (YYYY-MM-DD) or a date; today when empty."""
    if isinstance(value, date):
        return value
    if value in (None, ""):
        return timezone.localdate()
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise TijaraError("invalid_date", _("“%(value)s” is not a date: use YYYY-MM-DD.") % {"value": value},
                          field=field) from None


def market_code(value: str) -> str:
    """ISO 3166 alpha-3 code of a destination market (alpha-2 accepted), with a clear error otherwise."""
    text = (value or "").strip().upper()
    country = None
    if len(text) == 3:
        country = pycountry.countries.get(alpha_3=text)
    elif len(text) == 2:
        country = pycountry.countries.get(alpha_2=text)
    if country is None:
        raise TijaraError("unknown_market", _("Unknown market “%(value)s”: use an ISO 3166 country code such as USA, "
                                              "FRA or GBR.") % {"value": value}, field="market")
    if country.alpha_3 == "MAR":
        raise TijaraError("unknown_market", _("Morocco is the origin, not an export market."), field="market")
    return country.alpha_3


def market_currency(market: str) -> str:
    """The currency used in a market (CLDR territory data via Babel; EUR for EU members)."""
    if market in EU27:
        return "EUR"
    alpha2 = pycountry.countries.get(alpha_3=market).alpha_2
    found = get_territory_currencies(alpha2, start_date=timezone.localdate())
    return found[0] if found else "USD"


def channel_slug(value: str | None) -> str:
    """Channel code as stored: lower case with hyphens ("amazon_handmade" → "amazon-handmade"); direct by default."""
    return (value or "direct").strip().lower().replace("_", "-")


def parse_origin_proof(value) -> bool:
    """yes/no/true/false/1/0 → bool."""
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "yes").strip().lower()
    if text in ("yes", "y", "true", "1", "oui", "on"):
        return True
    if text in ("no", "n", "false", "0", "non", "off", ""):
        return False
    raise TijaraError("invalid_origin_proof", _("Proof of origin must be yes or no, got “%(value)s”.")
                      % {"value": value}, field="origin_proof")


# --------------------------------------------------------------------------------------------- conversions


def convert(*, amount, from_currency: str, to_currency: str, on: date | None = None) -> Conversion:
    """Convert an amount between currencies through MAD with the rate in force on `on` (today by default)."""
    value = parse_decimal(amount, field=gettext_lazy("amount"), allow_negative=True)
    day = on or timezone.localdate()
    return rate_book().convert(value, from_currency, to_currency, day)


# --------------------------------------------------------------------------------------------- duties


_DUTY_CACHE: dict[tuple, DutyInput] = {}
_DUTY_CACHE_MAX = 4096


def _web_address(url: str) -> str:
    """A source's web address for a cost line; a data file's provenance note (a repository path, a commit) is not one
    and stays off the page (the source's name says where the rate comes from)."""
    url = (url or "").strip()
    return url if url.startswith(("http://", "https://")) and " " not in url else ""


def duty_input(*, hs: str | None, market: str, on: date, origin_proof: bool) -> DutyInput:
    """The markets app's duty answer for (hs, market, date, proof) as the pure core's DutyInput.

    Cached per process, keyed by the loaded tariff packs (name, checksum, generation), so a reload is seen at once.
    """
    if not hs:
        return DutyInput(False, None, "", "", "", reason=_("no HS code given"))
    from tijara.markets.selectors import reference_packs

    version = tuple((p.name, p.sha256, p.generation) for p in reference_packs())
    key = (hs, market, on, origin_proof, version, translation.get_language())
    cached = _DUTY_CACHE.get(key)
    if cached is None:
        if len(_DUTY_CACHE) >= _DUTY_CACHE_MAX:
            _DUTY_CACHE.clear()
        cached = _DUTY_CACHE[key] = _duty_input(hs=hs, market=market, on=on, origin_proof=origin_proof)
    return cached


def _duty_input(*, hs: str, market: str, on: date, origin_proof: bool) -> DutyInput:
    from tijara.markets.selectors import duty_for

    answer = duty_for(hs=hs, market=market, on=on, origin_proof=origin_proof)
    notes = list(answer.warnings)
    # the duty's name and condition as the tariff data quotes them (English): said so on another page
    notes.extend(_("Conditional duty to check: %(name)s (%(cond)s)") % {
        "name": isolate(c.name), "cond": isolate(c.condition) + lang_note("en", inside=True)}
        for c in answer.conditional)
    mfn = answer.mfn.single if answer.mfn else None
    pref = answer.preferential.ad_valorem_max if answer.preferential else None
    if not answer.known:
        return DutyInput(False, None, "", "", "", reason=answer.reason, notes=tuple(notes),
                         additional_known=False)
    part = answer.preferential if answer.applied == "preferential" else answer.mfn
    rate = part.ad_valorem_max
    formulas = _formulas(part)
    if rate is None and formulas:
        rate = max(f.pct for f in formulas)
    from tijara.markets.ranking import agreement_label

    # on an Arabic or French page the name in its language when the catalogues have one, else the data's (English)
    # name isolated; never a key
    translated = agreement_label(part.agreement) if (translation.get_language() or "en")[:2] != "en" else ""
    agreement = (translated or (isolate(part.agreement_name) if part.agreement_name else "")
                 or part.agreement or part.regime)
    regime = (_("preference %(agreement)s, with proof of origin") % {"agreement": agreement}
              if answer.applied == "preferential" else _("MFN, without proof of origin"))
    known = rate is not None
    reason = "" if known else _("the rate is not ad valorem (%(rate)s)") % {"rate": part.rate}
    if known and part.ad_valorem_min is None and formulas and len(formulas) > 1:
        notes.append(_("The national tariff line is not determined (%(codes)s): the highest duty is used. Give the "
                       "full national code for an exact figure.") % {"codes": ", ".join(f.code for f in formulas)})
    if known and part.ad_valorem_min is not None and part.ad_valorem_min != part.ad_valorem_max:
        notes.append(_("The national tariff line is not determined: rates range from %(low)s%% to %(high)s%%; the "
                       "highest is used. Give the full national code for an exact figure.")
                     % {"low": num(part.ad_valorem_min), "high": num(part.ad_valorem_max)})
    source_ref = part.sources[0] if part.sources else None
    source = f"{source_ref.source} {_web_address(source_ref.url)}".strip() if source_ref else ""
    as_of = source_ref.as_of if source_ref else ""
    additional = tuple(
        AdditionalDutyInput(extra.name, extra.rate_ad_valorem, extra.start, extra.end,
                            f"{extra.source.source} {_web_address(extra.source.url)} ({extra.confidence})".replace("  ", " ").strip(), extra.source.as_of)
        for extra in answer.additional
    )
    unknown_reason = "; ".join(u.note or u.name for u in answer.unknown_periods)
    return DutyInput(
        known=known, rate_pct=rate, regime=regime, source=source, as_of=as_of, mfn_pct=mfn, preferential_pct=pref,
        additional=additional, additional_known=not answer.unknown_periods,
        reason=unknown_reason or reason, notes=tuple(notes), formulas=formulas or (),
    )


CAPPED_PER_M2 = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*%\s*MAX\s*(\d+(?:\.\d+)?)\s*(EUR|GBP)\s*/\s*m2\s*$", re.I)


def _formulas(part) -> tuple[DutyFormula, ...] | None:
    """Each national line's duty as a formula (ad valorem, or ad valorem capped per m²); None if one is neither."""
    out = []
    for line in part.lines:
        if line.ad_valorem is not None and not line.compound:
            out.append(DutyFormula(line.code, line.ad_valorem))
            continue
        match = CAPPED_PER_M2.match(line.rate or "")
        if not match:
            return None
        out.append(DutyFormula(line.code, Decimal(match.group(1)), Decimal(match.group(2)), match.group(3).upper()))
    return tuple(out)


# --------------------------------------------------------------------------------------------- forward / reverse


@dataclass
class Lookups:
    """The reads that many prices of one run share (rate book, fee rows, pricing rules, duty answers), each made on
    first use and then reused. Made for one run (a listings refresh, a feed) and dropped with it, so an edited rule,
    fee or rate is seen by the next run."""

    book: object = None
    rows: dict | None = None
    rules: dict = field(default_factory=dict)
    duties: dict = field(default_factory=dict)

    def rate_book(self):
        if self.book is None:
            self.book = rate_book()
        return self.book

    def fee_rows(self) -> dict:
        if self.rows is None:
            self.rows = fee_rows()
        return self.rows

    def rule(self, *, organisation, channel: str, market: str) -> PricingRule | None:
        key = (organisation.pk if organisation is not None else None, channel, market)
        if key not in self.rules:
            self.rules[key] = pricing_rule_for(organisation=organisation, channel=channel, market=market)
        return self.rules[key]

    def duty(self, *, hs: str, market: str, on: date, origin_proof: bool) -> DutyInput:
        key = (hs, market, on, origin_proof, translation.get_language())
        if key not in self.duties:
            self.duties[key] = duty_input(hs=hs, market=market, on=on, origin_proof=origin_proof)
        return self.duties[key]


@dataclass
class Prepared:
    inp: calc.PriceInput
    duty: DutyInput
    plan: object


def _prepare(*, hs, market, exw, currency, weight_kg, dims_cm, incoterm, channel, ship_date, origin_proof, freight,
             rate_card_code, zone, insurance, packaging, service, retail_currency, markup_pct, rounding, tax_inclusive,
             region, organisation, shopify_plan, offsite_ads, reverse=False, duty=None,
             lookups: Lookups | None = None) -> Prepared:
    lookups = lookups if lookups is not None else Lookups()
    market = market_code(market)
    on = parse_date(ship_date)
    code = currency_code(currency or BASE_CURRENCY)
    proof = parse_origin_proof(origin_proof)
    hs_digits = "".join(ch for ch in str(hs or "") if ch.isdigit())
    if hs and len(hs_digits) not in (6, 8, 10):
        raise TijaraError("invalid_hs", _("HS code must have 6, 8 or 10 digits, got “%(code)s”.") % {"code": hs},
                          field="hs")
    exw_value = parse_decimal(exw if exw not in (None, "") else "0", field=gettext_lazy("ex-works price"),
                              allow_zero=reverse)
    weight = parse_decimal(weight_kg, field=gettext_lazy("weight (kg)"), allow_zero=False) if weight_kg not in (None, "") else None
    dims = parse_dims(dims_cm)
    if freight not in (None, "") and rate_card_code:
        raise TijaraError("freight_conflict", _("Give either a freight amount or a rate card, not both."),
                          field="freight")
    freight_value = parse_decimal(freight, field=gettext_lazy("freight")) if freight not in (None, "") else None
    insurance_value = parse_decimal(insurance, field=gettext_lazy("insurance")) if insurance not in (None, "") else None
    packaging_value = parse_decimal(packaging or "0", field=gettext_lazy("packaging"))
    card = rate_card(rate_card_code) if rate_card_code else None
    kind = service or (card.service_kind if card else "express")
    rule_obj = incoterm_rule(incoterm or "DAP")
    retail = currency_code(retail_currency, field="retail_currency") if retail_currency else market_currency(market)
    channel_code = channel_slug(channel)
    stored = lookups.rule(organisation=organisation, channel=channel_code, market=market)
    markup = parse_decimal(markup_pct, field=gettext_lazy("markup (%)")) if markup_pct not in (None, "") else (
        stored.markup_pct if stored else Decimal(0))
    rounding_value = rounding or (stored.rounding if stored else "none")
    if tax_inclusive is None:
        tax_incl = stored.tax_inclusive if stored else False
    else:
        tax_incl = parse_origin_proof(tax_inclusive)
    plan = channel_plan(channel_code, market=market, retail_currency=retail, rows=lookups.fee_rows(),
                        shopify_plan=shopify_plan, offsite_ads=offsite_ads)
    inp = calc.PriceInput(
        hs=hs_digits, market=market, on=on, exw=exw_value, currency=code, weight_kg=weight, incoterm=rule_obj,
        retail_currency=retail, dims_cm=dims, packaging=packaging_value, service=kind, freight=freight_value,
        rate_card=card, zone=zone or None, insurance=insurance_value, markup_pct=markup, rounding=rounding_value,
        tax_inclusive=tax_incl, region=region or None, entered_on=timezone.localdate(),
    )
    if duty is None:
        duty = lookups.duty(hs=hs_digits, market=market, on=on, origin_proof=proof)
    return Prepared(inp, duty, plan)


def price_calculate(*, hs: str | None, market: str, exw, currency: str = "MAD", weight_kg=None,
                    dims_cm: str | None = None, incoterm: str = "DAP", channel: str = "direct",
                    ship_date=None, origin_proof=True, freight=None, rate_card: str | None = None,
                    zone: str | None = None, insurance=None, packaging=None, service: str | None = None,
                    retail_currency: str | None = None, markup_pct=None, rounding: str | None = None,
                    tax_inclusive=None, region: str | None = None, organisation=None,
                    shopify_plan: str = "basic", offsite_ads: bool = False,
                    lookups: Lookups | None = None) -> calc.Result:
    """Forward: ex-works price and costs → retail price in the buyer's currency and the buyer's landed cost.

    `lookups` shares the rate book, fees, rules and duty answers with the other prices of the same run.
    """
    lookups = lookups if lookups is not None else Lookups()
    prepared = _prepare(hs=hs, market=market, exw=exw, currency=currency, weight_kg=weight_kg, dims_cm=dims_cm,
                        incoterm=incoterm, channel=channel, ship_date=ship_date, origin_proof=origin_proof,
                        freight=freight, rate_card_code=rate_card, zone=zone, insurance=insurance,
                        packaging=packaging, service=service, retail_currency=retail_currency, markup_pct=markup_pct,
                        rounding=rounding, tax_inclusive=tax_inclusive, region=region, organisation=organisation,
                        shopify_plan=shopify_plan, offsite_ads=offsite_ads, lookups=lookups)
    return calc.price_forward(prepared.inp, book=lookups.rate_book(), duty=prepared.duty, channel=prepared.plan)


def price_reverse(*, retail_price, hs: str | None, market: str, currency: str = "MAD", weight_kg=None,
                  dims_cm: str | None = None, incoterm: str = "DAP", channel: str = "direct", ship_date=None,
                  origin_proof=True, freight=None, rate_card: str | None = None, zone: str | None = None,
                  insurance=None, packaging=None, service: str | None = None, retail_currency: str | None = None,
                  tax_inclusive=None, region: str | None = None, organisation=None, shopify_plan: str = "basic",
                  offsite_ads: bool = False, exw=None) -> calc.Result:
    """Reverse: a retail price in the buyer's currency → what the artisan receives in MAD after every cost."""
    price = parse_decimal(retail_price, field=gettext_lazy("retail price"), allow_zero=False)
    prepared = _prepare(hs=hs, market=market, exw=exw, currency=currency, weight_kg=weight_kg, dims_cm=dims_cm,
                        incoterm=incoterm, channel=channel, ship_date=ship_date, origin_proof=origin_proof,
                        freight=freight, rate_card_code=rate_card, zone=zone, insurance=insurance,
                        packaging=packaging, service=service, retail_currency=retail_currency, markup_pct=None,
                        rounding=None, tax_inclusive=tax_inclusive, region=region, organisation=organisation,
                        shopify_plan=shopify_plan, offsite_ads=offsite_ads, reverse=True)
    return calc.price_backward(prepared.inp, price, book=rate_book(), duty=prepared.duty, channel=prepared.plan)


@dataclass
class ChannelPrice:
    """The price to list on a channel, with the rule applied and the full breakdown behind it."""

    amount: Decimal
    currency: str
    rule: PricingRule | None
    result: calc.Result
    warnings: list[str] = field(default_factory=list)


def channel_price(*, exw_mad, channel: str, market: str, currency: str | None = None, organisation=None,
                  hs: str | None = None, weight_kg=None, dims_cm: str | None = None, ship_date=None,
                  freight_mad=None, rate_card: str | None = None, incoterm: str = "DAP",
                  origin_proof=True, lookups: Lookups | None = None) -> ChannelPrice:
    """Listing price on `channel` for `market` in `currency` (the market's by default), applying the organisation's
    pricing rule (markup, rounding .00/.90/.99, tax-inclusive) on top of the landed-cost calculation.

    Many prices of one run (a listings refresh) pass the same `lookups`, so each rule, fee and duty is read once.
    """
    lookups = lookups if lookups is not None else Lookups()
    market_iso = market_code(market)
    stored = lookups.rule(organisation=organisation, channel=channel_slug(channel), market=market_iso)
    result = price_calculate(
        hs=hs, market=market_iso, exw=exw_mad, currency="MAD", weight_kg=weight_kg, dims_cm=dims_cm, incoterm=incoterm, channel=channel, ship_date=ship_date,
        origin_proof=origin_proof, freight=freight_mad, rate_card=rate_card, retail_currency=currency,
        organisation=organisation, lookups=lookups,
    )
    warnings = list(result.warnings)
    if weight_kg in (None, "") and freight_mad in (None, ""):
        warnings.append(_("No weight or freight given: shipping is not included in this listing price."))
    return ChannelPrice(result.retail_price, result.retail_currency, stored, result, warnings)


# --------------------------------------------------------------------------------------------- price lists


def price_list(*, items: list[dict], markets: list[str], channel: str = "direct", ship_date=None,
               incoterm: str = "DAP", origin_proof=True, organisation=None) -> list[tuple[dict, str, calc.Result]]:
    """Forward prices for many products × markets, sharing rates, fees, rules and duty look-ups (lists, feeds).

    Each item: {"hs", "exw", "weight_kg", "dims_cm"?, "freight"?} with amounts in MAD. A bad item raises a
    TijaraError naming its position.
    """
    book = rate_book()
    rows = fee_rows()
    on = parse_date(ship_date)
    proof = parse_origin_proof(origin_proof)
    rule = incoterm_rule(incoterm)
    today = timezone.localdate()
    channel_code = channel_slug(channel)
    duties: dict[tuple[str, str], DutyInput] = {}
    out = []
    for market in markets:
        market_iso = market_code(market)
        retail = market_currency(market_iso)
        stored = pricing_rule_for(organisation=organisation, channel=channel_code, market=market_iso)
        plan = channel_plan(channel_code, market=market_iso, retail_currency=retail, rows=rows)
        for position, item in enumerate(items, start=1):
            try:
                hs = "".join(ch for ch in str(item.get("hs") or "") if ch.isdigit())
                key = (hs, market_iso)
                if key not in duties:
                    duties[key] = duty_input(hs=hs, market=market_iso, on=on, origin_proof=proof)
                freight = item.get("freight")
                inp = calc.PriceInput(
                    hs=hs, market=market_iso, on=on, exw=parse_decimal(item["exw"], field=gettext_lazy("ex-works price"),
                                                                       allow_zero=False),
                    currency=BASE_CURRENCY, weight_kg=parse_decimal(item["weight_kg"], field=gettext_lazy("weight (kg)"),
                                                                    allow_zero=False),
                    incoterm=rule, retail_currency=retail, dims_cm=parse_dims(item.get("dims_cm")),
                    freight=parse_decimal(freight, field=gettext_lazy("freight")) if freight not in (None, "") else None,
                    markup_pct=stored.markup_pct if stored else Decimal(0),
                    rounding=stored.rounding if stored else "none",
                    tax_inclusive=stored.tax_inclusive if stored else False, entered_on=today,
                )
                out.append((item, market_iso, calc.price_forward(inp, book=book, duty=duties[key], channel=plan)))
            except TijaraError as exc:
                raise TijaraError(exc.code, _("Item %(n)s: %(error)s") % {"n": position, "error": exc.message},
                                  field=exc.field) from None
    return out


# --------------------------------------------------------------------------------------------- rules


def pricing_rule_set(*, organisation, channel: str, market: str = "", markup_pct="0", rounding: str = "none",
                     tax_inclusive: bool = False) -> PricingRule:
    """Create or update an organisation's pricing rule for a channel (and market, or every market)."""
    from tijara.pricing.fees import CHANNEL_NAMES

    channel_code = channel_slug(channel)
    if channel_code not in CHANNEL_NAMES:
        raise TijaraError("unknown_channel", _("Unknown channel “%(code)s”.") % {"code": channel}, field="channel")
    market_iso = market_code(market) if market else ""
    if rounding not in calc.ROUNDINGS:
        raise TijaraError("invalid_rounding", _("Rounding must be one of %(list)s.")
                          % {"list": ", ".join(calc.ROUNDINGS)}, field="rounding")
    markup = parse_decimal(markup_pct, field=gettext_lazy("markup (%)"))
    if markup > 1000:
        raise TijaraError("invalid_markup", _("A markup above 1000% is almost certainly a typing error."),
                          field="markup_pct")
    rule, _created = PricingRule.objects.update_or_create(
        organisation=organisation, channel=channel_code, market=market_iso,
        defaults={"markup_pct": markup, "rounding": rounding, "tax_inclusive": bool(tax_inclusive)},
    )
    return rule


# --------------------------------------------------------------------------------------------- rate imports

RATE_FORMATS = ("csv", "tijara-csv", "bam-json")


@dataclass
class RateImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    currencies: list[str] = field(default_factory=list)
    first: date | None = None
    last: date | None = None


def _parse_plain_csv(text: str, *, default_type: str, source: str) -> list[dict]:
    reader = csv.reader(io.StringIO(text))
    rows = []
    for number, raw in enumerate(reader, start=1):
        cells = [c.strip() for c in raw]
        if not cells or not any(cells):
            continue
        if number == 1 and cells[0].lower() == "date":
            header = [c.lower() for c in cells]
            if header[:3] not in (["date", "currency", "rate"], ["date", "currency", "mad_per_unit"]):
                raise TijaraError("malformed_rates", _("Line 1: expected the columns date,currency,rate."))
            continue
        if len(cells) < 3:
            raise TijaraError("malformed_rates", _("Line %(n)s: expected date,currency,rate, got “%(row)s”.")
                              % {"n": number, "row": ",".join(raw)})
        rows.append({"line": number, "date": cells[0], "currency": cells[1], "rate": cells[2],
                     "rate_type": (cells[3] if len(cells) > 3 and cells[3] else default_type),
                     "source": (cells[4] if len(cells) > 4 and cells[4] else source),
                     "source_url": cells[5] if len(cells) > 5 else ""})
    return rows


def _parse_tijara_csv(text: str, *, default_type: str, source: str) -> list[dict]:
    reader = csv.DictReader(io.StringIO(text))
    needed = {"date", "currency", "mad_per_unit", "rate_type"}
    if not reader.fieldnames or not needed <= set(reader.fieldnames):
        raise TijaraError("malformed_rates", _("Line 1: the shipped-pack format needs the columns %(cols)s.")
                          % {"cols": ", ".join(sorted(needed))})
    return [{"line": n, "date": r["date"], "currency": r["currency"], "rate": r["mad_per_unit"],
             "rate_type": r["rate_type"] or default_type, "source": source, "source_url": r.get("source_url", "")}
            for n, r in enumerate(reader, start=2)]


def _parse_bam_json(text: str, *, default_type: str, source: str, on: date | None) -> list[dict]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TijaraError("malformed_rates", _("Not valid JSON: %(error)s (line %(line)s).")
                          % {"error": exc.msg, "line": exc.lineno}) from None
    if isinstance(data, dict):
        data = [data]
    rows = []
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise TijaraError("malformed_rates", _("Item %(n)s is not an object.") % {"n": number})
        low = {str(k).lower(): v for k, v in item.items()}
        day = low.get("date") or low.get("datevalue") or (on.isoformat() if on else None)
        code = low.get("libdevise") or low.get("devise")
        unit = low.get("uniteDevise".lower()) or 1
        if "cours" in low:
            pairs = [(low["cours"], default_type if default_type != "imported" else "transfer")]
        else:
            pairs = []
            if low.get("coursachat") not in (None, ""):
                pairs.append((low["coursachat"], "BAM_buy_from_customer"))
            if low.get("coursvente") not in (None, ""):
                pairs.append((low["coursvente"], "BAM_sell_to_customer"))
        if not day or not code or not pairs:
            raise TijaraError("malformed_rates", _("Item %(n)s: expected libDevise, a date (or --date) and cours, or "
                                                   "coursAchat/coursVente.") % {"n": number})
        for value, kind in pairs:
            rate = parse_decimal(str(value).replace(",", "."), field=gettext_lazy("rate")) / Decimal(str(unit))
            rows.append({"line": number, "date": str(day)[:10], "currency": code, "rate": str(rate),
                         "rate_type": kind, "source": source, "source_url": ""})
    return rows


def rate_import(*, content: str, fmt: str = "csv", rate_type: str = "imported", source: str = "",
                on: date | None = None) -> RateImportReport:
    """Import exchange rates (MAD per unit) from a file's text; all rows or none, with the line of any error.

    Formats: `csv` = date,currency,rate[,rate_type[,source[,source_url]]] (header optional); `tijara-csv` = the
    shipped pack's columns; `bam-json` = Bank Al-Maghrib API answer (GetCoursVirement → `cours`,
    GetCoursBBE → `coursAchat`/`coursVente`, with `libDevise`).
    """
    if fmt not in RATE_FORMATS:
        raise TijaraError("invalid_format", _("Unknown rate format “%(fmt)s”; formats: %(list)s.")
                          % {"fmt": fmt, "list": ", ".join(RATE_FORMATS)})
    kind = (rate_type or "imported").strip()
    if not kind or len(kind) > 40:
        raise TijaraError("invalid_rate_type", _("The rate type must be 1 to 40 characters."))
    label = (source or "").strip() or _("imported by the operator")
    text = content.lstrip("\ufeff")
    if fmt == "csv":
        rows = _parse_plain_csv(text, default_type=kind, source=label)
    elif fmt == "tijara-csv":
        rows = _parse_tijara_csv(text, default_type=kind, source=label)
    else:
        rows = _parse_bam_json(text, default_type=kind, source=label, on=on)
    if not rows:
        raise TijaraError("empty_rates", _("The file holds no rates."))
    parsed = []
    for row in rows:
        try:
            day = date.fromisoformat(row["date"])
        except ValueError:
            raise TijaraError("malformed_rates", _("Line %(n)s: “%(value)s” is not a date (YYYY-MM-DD).")
                              % {"n": row["line"], "value": row["date"]}) from None
        try:
            code = currency_code(row["currency"])
        except TijaraError as exc:
            raise TijaraError("malformed_rates", _("Line %(n)s: %(error)s") % {"n": row["line"], "error": exc.message}
                              ) from None
        if code == BASE_CURRENCY:
            raise TijaraError("malformed_rates", _("Line %(n)s: a MAD rate against MAD makes no sense.")
                              % {"n": row["line"]})
        try:
            rate = parse_decimal(row["rate"], field=gettext_lazy("rate"), allow_zero=False)
        except TijaraError as exc:
            raise TijaraError("malformed_rates", _("Line %(n)s: %(error)s") % {"n": row["line"], "error": exc.message}
                              ) from None
        if rate >= Decimal("1e9"):
            raise TijaraError("malformed_rates", _("Line %(n)s: rate %(rate)s is implausibly large.")
                              % {"n": row["line"], "rate": rate})
        parsed.append((day, code, rate.quantize(Decimal("0.00000001")), row))
    report = RateImportReport()
    with transaction.atomic():
        for day, code, rate, row in parsed:
            existing = ExchangeRate.objects.filter(on=day, currency=code, rate_type=row["rate_type"]).first()
            if existing and existing.mad_per_unit == rate and existing.source == row["source"]:
                report.unchanged += 1
                continue
            ExchangeRate.objects.update_or_create(
                on=day, currency=code, rate_type=row["rate_type"],
                defaults={"mad_per_unit": rate, "source": row["source"][:300], "source_url": row["source_url"][:500],
                          "as_of": day.isoformat(), "confidence": ""},
            )
            if existing:
                report.updated += 1
            else:
                report.created += 1
    invalidate_cache()
    report.currencies = sorted({code for _d, code, _r, _row in parsed})
    report.first = min(d for d, *_rest in parsed)
    report.last = max(d for d, *_rest in parsed)
    return report

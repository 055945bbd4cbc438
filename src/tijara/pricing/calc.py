"""Landed cost and retail price: forward (ex-works → retail) and reverse (retail → what the artisan receives).

Pure functions over Decimal with no ORM: everything they need (rates, rate card, fees, duty facts, the
Incoterm) is passed in. Every line of the breakdown carries its amount, currency, who pays it, its source and
its date. Unknown parts are listed, never counted as zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from tijara.core import l10n
from tijara.core.errors import TijaraError
from tijara.pricing.destination import Charge, Destination, DutyInput, Fact, RateSourceWords, Sale
from tijara.pricing.fees import ChannelPlan, FeeRule
from tijara.pricing.fx import Conversion, RateBook
from tijara.pricing.incoterms import SOURCE as INCOTERMS_SOURCE
from tijara.pricing.incoterms import Incoterm
from tijara.pricing.money import BASE_CURRENCY, fmt, minor_units, money, quantum
from tijara.pricing.provenance import judge
from tijara.pricing.shipping import ChargeableWeight, RateCardData, chargeable_weight, freight_from_card
from tijara.pricing.text import Msg as _  # lazily translated: built in the solver loop, shown once

ROUNDINGS = ("none", ".00", ".90", ".99")
ZERO = Decimal(0)
# The Incoterms facts the notes cite, as ../shared/knowledge/pricing-facts.md section 6 states them.
INCOTERM_FACTS = {
    "MODES": Fact("PRC-INC-01", "ICC Incoterms® 2020 wall chart (is.muni.cz copy)", "", "V"),
    "INSURANCE": Fact("PRC-INC-03", "ICC Incoterms® 2020 introduction, para. 70 (wenku.csdn.net copy); "
                      "simultrayd.com; igl.es", "", "S"),
}


@dataclass(frozen=True)
class PriceInput:
    """Everything the user says about one parcel sale."""

    hs: str
    market: str
    on: date
    exw: Decimal
    currency: str  # currency of exw, packaging, freight and insurance amounts
    weight_kg: Decimal | None
    incoterm: Incoterm
    retail_currency: str
    dims_cm: tuple[Decimal, Decimal, Decimal] | None = None
    packaging: Decimal = ZERO
    service: str = "express"
    freight: Decimal | None = None
    rate_card: RateCardData | None = None
    zone: str | None = None
    insurance: Decimal | None = None
    markup_pct: Decimal = ZERO
    rounding: str = "none"
    tax_inclusive: bool = False
    region: str | None = None
    tariff_lines: int = 1
    entered_on: date | None = None  # date of the user's figures (today), for their as_of


class Line:
    """One line of the breakdown. Texts may be built lazily; the attributes are always plain strings."""

    __slots__ = ("_label", "amount", "currency", "paid_by", "_source", "_as_of", "entered")

    def __init__(self, label, amount: Decimal, currency: str, paid_by: str, source, as_of, *, entered: bool = False):
        self._label, self.amount, self.currency, self.paid_by = label, amount, currency, paid_by
        self._source, self._as_of, self.entered = source, as_of, entered

    @property
    def label(self) -> str:
        return str(self._label)

    @property
    def source(self) -> str:
        return str(self._source)

    @property
    def as_of(self) -> str:
        return str(self._as_of)

    @property
    def tier(self) -> int | None:
        """Source quality tier (1 official … 4 blogs, shops, copies) judged from the publisher; None if entered."""
        return None if self.entered else judge(str(self._source)).tier

    def as_dict(self) -> dict:
        return {"label": self.label, "amount": fmt(self.amount), "currency": self.currency, "paid_by": self.paid_by,
                "source": self.source, "as_of": self.as_of, "tier": self.tier}


@dataclass
class Result:
    """A priced sale: the lines, the landed cost for the buyer, the retail price and what the seller keeps."""

    lines: list[Line]
    retail_price: Decimal
    retail_currency: str
    retail_mad: Decimal
    landed_cost: Decimal | None
    landed_known_part: Decimal
    landed_mad: Decimal | None
    seller_receives_mad: Decimal
    target_mad: Decimal | None
    taxes_at_sale: Decimal
    complete: bool
    unknown_raw: list
    regime_raw: list
    warnings_raw: list
    conversion: Conversion
    weight: ChargeableWeight
    incoterm: Incoterm
    inputs: PriceInput
    fees_total: Decimal = ZERO
    extra: dict = field(default_factory=dict)

    @property
    def unknown(self) -> list[str]:
        """What the data does not cover (plain strings, in the active language)."""
        return [str(u) for u in self.unknown_raw]

    @property
    def regime(self) -> list[str]:
        """The rules in force at destination on the ship date, each with its source."""
        return [str(r) for r in self.regime_raw]

    @property
    def warnings(self) -> list[str]:
        """Caveats to check before quoting (deduplicated)."""
        return list(dict.fromkeys(str(w) for w in self.warnings_raw))

    def as_dict(self) -> dict:
        """The CLI/API JSON shape: lines, landed_cost, retail_price, seller_receives_mad, warnings."""
        inp = self.inputs
        return {
            "lines": [line.as_dict() for line in self.lines],
            "landed_cost": {
                "amount": fmt(self.landed_cost),
                "currency": self.retail_currency,
                "amount_mad": fmt(self.landed_mad),
                "complete": self.complete,
                "known_part": fmt(self.landed_known_part),
                "unknown": self.unknown,
                "regime": self.regime,
                "market": inp.market,
                "ship_date": inp.on.isoformat(),
                "incoterm": {
                    "rule": self.incoterm.rule,
                    "risk_passes": self.incoterm.risk_transfer_point,
                    "seller_pays_main_carriage": self.incoterm.seller_pays_main_carriage,
                    "seller_pays_import_duties": self.incoterm.seller_pays_import_duties,
                    "source": f"{INCOTERMS_SOURCE}; {self.incoterm.source_url}",
                },
                "chargeable_weight": {
                    "actual_kg": fmt(self.weight.actual_kg),
                    "volumetric_kg": fmt(self.weight.volumetric_kg),
                    "chargeable_kg": fmt(self.weight.chargeable_kg),
                    "basis": self.weight.basis,
                    "divisor": self.weight.divisor.value,
                    "divisor_source": self.weight.divisor.source,
                },
            },
            "retail_price": {
                "amount": fmt(self.retail_price),
                "currency": self.retail_currency,
                "amount_mad": fmt(self.retail_mad),
                "tax_inclusive": inp.tax_inclusive,
                "taxes_added_at_sale": fmt(self.taxes_at_sale),
                "markup_pct": fmt(inp.markup_pct),
                "rounding": inp.rounding,
                "complete": self.extra.get("retail_complete", True),
                "rate": {k: v for k, v in self.conversion.as_dict().items() if k != "amount"},
            },
            "seller_receives_mad": fmt(self.seller_receives_mad),
            "warnings": self.warnings,
        }


class Calculator:
    """Prepared calculation for one parcel, market, date and channel; evaluates any retail price quickly."""

    def __init__(self, inp: PriceInput, *, book: RateBook, duty: DutyInput, channel: ChannelPlan,
                 reverse: bool = False):
        self.inp = inp
        self.reverse = reverse
        self._evaluated: dict[Decimal, tuple] = {}
        self.book = book
        self.duty = duty
        self.channel = channel
        self.ccy = inp.retail_currency
        self.q = quantum(self.ccy)
        if inp.exw < 0 or (inp.exw == 0 and not reverse):
            raise TijaraError("invalid_exw", _("The ex-works price must be greater than zero."), field="exw")
        if inp.rounding not in ROUNDINGS:
            raise TijaraError("invalid_rounding", _("Rounding must be one of %(list)s.") % {"list": ", ".join(ROUNDINGS)},
                              field="rounding")
        if inp.markup_pct < 0:
            raise TijaraError("negative_value", _("The markup cannot be negative."), field="markup_pct")
        if inp.weight_kg is None:
            if inp.rate_card is not None:
                raise TijaraError("invalid_weight", _("A rate card needs the packed weight (kg)."), field="weight_kg")
            divisor = chargeable_weight(weight_kg=Decimal(1), dims_cm=None, service=inp.service).divisor
            self.weight = ChargeableWeight(None, None, None, divisor, "not given")
        else:
            self.weight = chargeable_weight(weight_kg=inp.weight_kg, dims_cm=inp.dims_cm, service=inp.service)
        if inp.dims_cm:
            # Floor area of a flat item (rugs): the two largest dimensions, in m².
            largest = sorted(inp.dims_cm, reverse=True)
            self.area_m2 = (largest[0] * largest[1] / 10000).quantize(Decimal("0.0001"))
        else:
            self.area_m2 = None
        self.warnings: list[str] = []
        self.unknown: list[str] = []
        entered = (inp.entered_on or inp.on).isoformat()
        self.entered = entered

        # Conversion MAD → retail currency (and input currency → MAD).
        self.conversion = book.unit_conversion(BASE_CURRENCY, self.ccy, inp.on)
        retail_per_mad, _legs = book.rate_between(BASE_CURRENCY, self.ccy, inp.on)
        self.retail_per_mad = retail_per_mad
        self.mad_per_retail = Decimal(1) / retail_per_mad
        input_conv = book.unit_conversion(inp.currency, BASE_CURRENCY, inp.on)
        self.mad_per_input, _legs = book.rate_between(inp.currency, BASE_CURRENCY, inp.on)
        for conv in (self.conversion, input_conv):
            if conv.stale:
                self.warnings.append(
                    _("The exchange rate used (%(type)s of %(date)s, %(source)s) is %(days)s days older than the ship "
                      "date: confirm the rate with your bank.")
                    % {"type": l10n.rate_type_label(conv.rate_type), "date": l10n.date_l10n(conv.rate_date),
                       "source": RateSourceWords(conv.source), "days": conv.age_days})
        if any(leg.rate_type.startswith("BAM_") for leg in self.conversion.legs):
            self.warnings.append(_("Rates are Bank Al-Maghrib's published buy/sell (banknote) table, not a bank transfer "
                                   "rate; the buying rate is used. Use your bank's rate for a firm price."))

        # Freight and insurance, in the input currency.
        self.fixed_lines: list[Line] = []
        seller_cost = ZERO  # MAD, besides ex-works
        buyer_transport = ZERO  # retail currency, paid by the buyer to the carrier
        if inp.packaging:
            self.fixed_lines.append(Line(_("Packaging"), money(inp.packaging, inp.currency), inp.currency, "seller",
                                         _("entered by you"), entered, entered=True))
            seller_cost += inp.packaging * self.mad_per_input
        payer_carriage = "seller" if inp.incoterm.seller_pays_main_carriage else "buyer"
        if self.weight.chargeable_kg is None:
            weight_note = _("weight not given")
        else:
            weight_note = _("%(weight)s charged (%(basis)s)") % {
                "weight": l10n.unit(self.weight.chargeable_kg, "kg"), "basis": {
                    "actual": _("actual weight"), "volumetric": _("volumetric weight"),
                    "actual (divisor unknown)": _("actual weight; volumetric divisor unknown"),
                }.get(self.weight.basis, self.weight.basis)}
        if inp.freight is not None:
            freight_amount, freight_ccy = inp.freight, inp.currency
            freight_source, freight_asof = _("carrier quote entered by you"), entered
        elif inp.rate_card is not None:
            card = inp.rate_card
            quote = freight_from_card(card, market=inp.market, zone=inp.zone, chargeable_kg=self.weight.chargeable_kg)
            freight_amount, freight_ccy = quote.amount, quote.currency
            freight_source = f"{card.name} — {card.source} {card.source_url} ({card.confidence})"
            freight_asof = card.as_of or _("undated")
            weight_note += " " + _("zone %(zone)s, price for up to %(weight)s") % {
                "zone": quote.zone, "weight": l10n.unit(quote.bracket_kg, "kg")}
            self.warnings.append(_("Rate card “%(card)s”: %(note)s") % {"card": card.code, "note": card.note})
            if not quote.exact_step:
                self.warnings.append(_("The rate card's intermediate weights were not captured: the price of the next "
                                       "listed weight (%(weight)s) is used, an upper bound.") % {
                                           "weight": l10n.unit(quote.bracket_kg, "kg")})
        else:
            freight_amount = None
            self.unknown.append(_("Freight: no carrier quote or rate card given."))
        if freight_amount is not None:
            freight_mad = freight_amount * (self.mad_per_input if freight_ccy == inp.currency
                                            else self.book.rate_between(freight_ccy, BASE_CURRENCY, inp.on)[0])
            self.fixed_lines.append(Line(_("Main carriage (freight), %(note)s") % {"note": weight_note},
                                         money(freight_amount, freight_ccy), freight_ccy, payer_carriage,
                                         freight_source, freight_asof, entered=inp.freight is not None))
            if payer_carriage == "seller":
                seller_cost += freight_mad
            else:
                buyer_transport += freight_mad * retail_per_mad
        if inp.insurance is not None:
            payer_ins = "seller" if inp.incoterm.seller_must_insure else "buyer"
            self.fixed_lines.append(Line(_("Cargo insurance"), money(inp.insurance, inp.currency), inp.currency,
                                         payer_ins, _("entered by you"), entered, entered=True))
            if payer_ins == "seller":
                seller_cost += inp.insurance * self.mad_per_input
            else:
                buyer_transport += inp.insurance * self.mad_per_input * retail_per_mad
        elif inp.incoterm.seller_must_insure:
            self.unknown.append(_("%(rule)s obliges the seller to insure (min. 110%% of the price, Institute Cargo "
                                  "Clauses %(cl)s; %(cite)s); enter the premium.")
                                % {"rule": inp.incoterm.rule, "cl": "A" if inp.incoterm.rule == "CIP" else "C",
                                   "cite": INCOTERM_FACTS["INSURANCE"].chip()})
        if not inp.incoterm.seller_export_clearance:
            self.warnings.append(_("Under EXW the buyer handles Moroccan export clearance; its cost is not in the data."))
        if inp.incoterm.mode == "sea":
            self.warnings.append(_("%(rule)s is a sea/inland-waterway rule (%(cite)s): for a parcel use FCA, CPT, CIP, "
                                   "DAP, DPU or DDP.") % {"rule": inp.incoterm.rule,
                                                          "cite": INCOTERM_FACTS["MODES"].chip()})
        self.seller_cost_mad = seller_cost
        self.buyer_transport = buyer_transport
        self.exw_mad = inp.exw * self.mad_per_input
        self.target_mad = self.exw_mad * (1 + inp.markup_pct / 100)
        self.destination = Destination(market=inp.market, on=inp.on, duty=duty, region=inp.region,
                                       convert=self._convert_or_none)
        self.warnings.extend(channel.notes)

    def _convert_or_none(self, amount: Decimal, source: str, target: str) -> Decimal | None:
        try:
            rate, _legs = self.book.rate_between(source, target, self.inp.on)
        except TijaraError:
            return None
        return amount * rate

    # -- evaluation of one retail price
    def _fee(self, rule: FeeRule, total: Decimal) -> Decimal:
        fee = total * rule.pct / 100
        to_retail = ((lambda x: x) if not rule.currency or rule.currency == self.ccy
                     else (lambda x: self._convert_or_none(x, rule.currency, self.ccy)))
        if rule.minimum is not None:
            minimum = to_retail(rule.minimum)
            if minimum is not None and fee < minimum:
                fee = minimum
        if rule.maximum is not None:
            maximum = to_retail(rule.maximum)
            if maximum is not None and fee > maximum:
                fee = maximum
        if rule.fixed:
            fixed = to_retail(rule.fixed)
            if fixed is None:
                raise TijaraError("no_rate", _("No rate to convert the %(ccy)s fee “%(fee)s” into %(to)s.")
                                  % {"ccy": rule.currency, "fee": rule.label, "to": self.ccy})
            fee += fixed
        return fee

    def _sale(self, price: Decimal) -> Sale:
        inp = self.inp
        return Sale(market=inp.market, on=inp.on, currency=self.ccy, price=price, separate_transport=self.buyer_transport,
                    marketplace=self.channel.marketplace, seller_pays_duties=inp.incoterm.seller_pays_import_duties,
                    postal=inp.service == "postal", hs=inp.hs, region=inp.region, tariff_lines=inp.tariff_lines,
                    area_m2=self.area_m2)

    def evaluate(self, price: Decimal):
        """Fees, destination charges and the MAD the seller keeps for a retail price (retail currency)."""
        cached = self._evaluated.get(price)
        if cached is not None:
            return cached
        value = self._evaluate(price)
        self._evaluated[price] = value
        return value

    def _evaluate(self, price: Decimal):
        assessment = self.destination.assess(self._sale(price))
        inside = ZERO
        if self.inp.tax_inclusive:
            at_sale_rate = sum((c.amount for c in assessment.charges if c.at_sale), ZERO)
            if at_sale_rate:
                # The price includes the tax collected at sale: re-assess on the net price.
                net = price * price / (price + at_sale_rate)
                assessment = self.destination.assess(self._sale(net))
                inside = sum((c.amount for c in assessment.charges if c.at_sale), ZERO)
        fees = [(rule, self._fee(rule, price)) for rule in self.channel.rules]
        fee_total = sum((f for _r, f in fees), ZERO)
        seller_taxes = sum((c.amount for c in assessment.charges if c.payer == "seller" and not c.at_sale), ZERO)
        kept_retail = price - fee_total - seller_taxes - inside
        received = kept_retail * self.mad_per_retail - self.seller_cost_mad
        return received, fees, assessment, inside

    # -- solving
    def _round_price(self, price: Decimal) -> Decimal:
        rounding = self.inp.rounding
        if rounding == "none" or (minor_units(self.ccy) == 0 and rounding in (".90", ".99")):
            return price.quantize(self.q, rounding=ROUND_CEILING)
        whole = price.to_integral_value(rounding=ROUND_FLOOR)
        if rounding == ".00":
            return price.to_integral_value(rounding=ROUND_CEILING).quantize(self.q)
        ending = Decimal("0.90") if rounding == ".90" else Decimal("0.99")
        candidate = whole + ending
        if candidate < price:
            candidate += 1
        return candidate.quantize(self.q)

    def _step(self) -> Decimal:
        return self.q if self.inp.rounding == "none" else Decimal(1)

    def solve(self) -> Decimal:
        """The smallest retail price (after rounding) that leaves the seller at least the target."""
        target = self.target_mad
        tolerance = self.q / 100

        def gap(price: Decimal) -> Decimal:
            return self.evaluate(price)[0] - target

        low = (target + self.seller_cost_mad) * self.retail_per_mad
        high = low * Decimal("1.25") + self.q
        f_low, f_high = gap(low), gap(high)
        for _i in range(40):
            if f_high >= 0:
                break
            low, f_low = high, f_high
            high = high * 2
            f_high = gap(high)
        else:
            raise TijaraError("no_price", _("No retail price covers the costs: the channel fees take the whole price."))
        price = high
        # The gap is piecewise linear in the price: a secant step is exact within a piece; bisect otherwise.
        for _i in range(60):
            if f_high == f_low or high - low < tolerance:
                price = high
                break
            guess = high - f_high * (high - low) / (f_high - f_low)
            if not (low < guess < high):
                guess = (low + high) / 2
            f_guess = gap(guess)
            if abs(f_guess) < tolerance:
                price = guess
                break
            if f_guess > 0:
                high, f_high = guess, f_guess
            else:
                low, f_low = guess, f_guess
        rounded = self._round_price(price)
        for _i in range(50):
            if gap(rounded) >= -Decimal("0.0000001"):
                break
            rounded = self._round_price(rounded + self._step())
        return rounded

    def result(self, price: Decimal, *, target: Decimal | None) -> Result:
        """The full breakdown for a retail price."""
        inp = self.inp
        received, fees, assessment, inside = self.evaluate(price)
        lines = []
        if inp.exw:
            lines.append(Line(_("Ex-works price"), money(inp.exw, inp.currency), inp.currency, "seller",
                              _("entered by you"), self.entered, entered=True))
        lines.extend(self.fixed_lines)
        for rule, amount in fees:
            lines.append(Line(rule.label, money(amount, self.ccy), self.ccy, "seller", rule.source, rule.as_of))
        at_sale_total = ZERO
        door_total = ZERO
        for charge in assessment.charges:
            lines.append(_charge_line(charge, self.ccy, inside_price=inp.tax_inclusive and charge.at_sale))
            if charge.at_sale:
                at_sale_total += charge.amount
            elif charge.payer == "buyer":
                door_total += charge.amount
        unknown = [*self.unknown, *self.channel.unknown, *assessment.unknown]
        warnings = [*self.warnings, *assessment.warnings, *[_("Not known: %(what)s") % {"what": u} for u in unknown]]
        taxes_added = ZERO if inp.tax_inclusive else money(at_sale_total, self.ccy)
        known_part = money(price + taxes_added + door_total + self.buyer_transport, self.ccy)
        # The buyer's landed cost does not depend on the seller's unknown channel fees.
        complete = not assessment.unknown and not self.unknown
        landed = known_part if complete else None
        fee_total = sum((f for _r, f in fees), ZERO)
        result = Result(
            lines=lines,
            retail_price=price,
            retail_currency=self.ccy,
            retail_mad=money(price * self.mad_per_retail, BASE_CURRENCY),
            landed_cost=landed,
            landed_known_part=known_part,
            landed_mad=money(landed * self.mad_per_retail, BASE_CURRENCY) if landed is not None else None,
            seller_receives_mad=money(received, BASE_CURRENCY, rounding=ROUND_FLOOR),
            target_mad=money(target, BASE_CURRENCY) if target is not None else None,
            taxes_at_sale=taxes_added,
            complete=complete,
            unknown_raw=unknown,
            regime_raw=assessment.regime,
            warnings_raw=warnings,
            conversion=self.conversion,
            weight=self.weight,
            incoterm=inp.incoterm,
            inputs=inp,
            fees_total=money(fee_total, self.ccy),
            extra={"retail_complete": not self.unknown and not self.channel.unknown},
        )
        return result


def _charge_line(charge: Charge, currency: str, *, inside_price: bool) -> Line:
    label = charge.label
    if charge.at_sale:
        note = (_("included in the price, collected at sale") if inside_price
                else _("added at checkout, collected at sale"))
        label = _("%(label)s — %(note)s") % {"label": label, "note": note}
    elif charge.payer == "buyer" and charge.amount:
        label = _("%(label)s — %(note)s") % {"label": label, "note": _("paid by the buyer on arrival")}
    return Line(label, money(charge.amount, currency), currency, charge.payer, charge.source, charge.as_of)


def price_forward(inp: PriceInput, *, book: RateBook, duty: DutyInput, channel: ChannelPlan) -> Result:
    """Forward: ex-works price + costs + fees + duties + taxes → retail price (for the markup) and landed cost."""
    calc = Calculator(inp, book=book, duty=duty, channel=channel)
    price = calc.solve()
    return calc.result(price, target=calc.target_mad)


def price_backward(inp: PriceInput, retail_price: Decimal, *, book: RateBook, duty: DutyInput,
                   channel: ChannelPlan) -> Result:
    """Reverse: a retail price in the buyer's currency → what the artisan receives in MAD after every cost."""
    if retail_price <= 0:
        raise TijaraError("invalid_price", _("The retail price must be greater than zero."), field="retail_price")
    calc = Calculator(inp, book=book, duty=duty, channel=channel, reverse=True)
    price = money(retail_price, calc.ccy)
    if price <= 0:
        raise TijaraError("invalid_price", _("The retail price must be greater than zero."), field="retail_price")
    return calc.result(price, target=None)

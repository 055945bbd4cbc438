"""Taxes and low-value rules at destination on a ship date (pure, no ORM).

Each figure below carries its fact ID from `pricing-facts.md` / `export-facts.md`, its source and date, and
its confidence mark. What the data does not cover is returned as an explicit unknown, never as zero.
Ordinary and additional customs duties come from the markets app (`duty_for`) as a `DutyInput`.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache, lru_cache

from tijara.core.l10n import date_parts, figures, isolate, rate_source_written, written
from tijara.pricing.money import DATA_DIR
from tijara.pricing.text import Msg
from tijara.pricing.text import Msg as _  # lazily translated

EU27 = frozenset(
    ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"]
)


@dataclass(frozen=True)
class Fact:
    """A sourced rule parameter: fact ID, source, the date the source states, confidence mark."""

    fact_id: str
    source: str
    as_of: str
    confidence: str
    basis: object = None  # the tax base in words, translated on display (for a VAT basis fact)
    source_language: str = "en"  # the language the source line is written in

    def cite(self) -> str:
        """The source with fact ID and mark, for a charge's structured `source` (read by `provenance.judge`)."""
        return f"{self.source} — {self.fact_id} ({self.confidence})"

    def chip(self) -> Msg:
        """The source in a note, as the reader sees it: source (and, on a page in another language, the language it
        is written in), the date it states, the tier in words (UX 4.9)."""
        tier = tier_words(self.confidence)
        source = Written(self.source, self.source_language)
        if not self.as_of:
            return _("%(source)s — %(tier)s") % {"source": source, "tier": tier}
        stated = Stated(self.as_of)
        return _("%(source)s, %(date)s — %(tier)s") % {"source": source, "date": stated, "tier": tier}


class Written:
    """A source's own words isolated, followed on a page in another language by the language they are written in
    (`⁨gov.uk guidance⁩ (en anglais)`); read when the message is shown, in its language."""

    __slots__ = ("text", "language")

    def __init__(self, text: str, language: str = "en"):
        self.text, self.language = text, language

    def __str__(self) -> str:
        return written(self.text, self.language or "en")


class RateSourceWords:
    """An exchange rate's source inside a note, read when the message is shown: named in the page's language where
    the project names it (Bank Al-Maghrib's table), else isolated and its language said (`rate_source_written`)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __str__(self) -> str:
        return rate_source_written(self.text)


class Stated:
    """The date a source states, read when the message is shown: in words in its language ("juil. 2018", "undated"
    translated); what the source adds in its own English wording ("rules since 2018-07-01") isolated, its dates in
    English words, and said to be English on a page in another language."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def __str__(self) -> str:
        words, own = date_parts(self.text)
        if not own:
            return words
        if re.search("[A-Za-z]", own):
            return f"{words} {Written(figures(own, lang='en'))}".strip()
        return f"{words} {isolate(figures(own))}".strip()


# A confidence mark in words (UX-GUIDE 4.9): the letters (or the data's tier names) stay in the data. "M/S" (two
# facts) reads as the weaker.
TIERS = (("V", "H", "verified"), ("S", "M", "K", "secondary"), ("L", "U", "unverified"))


def tier_words(marks: str) -> Msg:
    rank = max((i for part in marks.split("/") for i, letters in enumerate(TIERS) if part.strip() in letters),
               default=len(TIERS) - 1)
    return (_("Official"), _("Check the source"), _("Not confirmed"))[rank]


F = {
    "EU_IOSS": Fact("PRC-LV-01", "taxation-customs.ec.europa.eu, Customs formalities for low value consignments",
                    "in force since 2021-07-01 (page undated)", "V"),
    # Was "Council Regulation (EU) 2026/382 via Baker McKenzie Global Import blog" (tier 4); the Council's own
    # releases are cited in export-facts.md EU-CUS-02.
    "EU_FLAT": Fact("EU-CUS-02 / PRC-LV-02", "Council of the EU (consilium.europa.eu), ECOFIN of 2025-12-12 and "
                                             "formal adoption of 2026-02-11; Council Regulation (EU) 2026/382",
                    "2026-02-11", "M"),
    "EU_FLAT_PREF": Fact("PRC-LV-03", "Baker McKenzie Global Import blog (reading of the EUR 3 scope)",
                         "2026-07-02", "S"),
    "EU_HANDLING": Fact("PRC-LV-04", "fiscalsolutions.co.uk", "2026-02-26", "S"),
    "UK_135": Fact("PRC-LV-05", "gov.uk guidance “VAT and overseas goods sold directly to customers in the UK” "
                                "(copies on brexitlegal.ie, easyreader.org); gjassociates.co.uk", "undated copies", "S"),
    "US_DM_SUSPENDED": Fact("US-DM-01 / PRC-LV-06", "albawheelsup.com (a wheel shop's trade news), citing "
                                                    "Executive Order 14324 and CBP interim final rules 91 FR 37789 "
                                                    "and 91 FR 37801", "2025-07-30 / 2026-06-24", "M/S"),
    "US_POSTAL_SPECIFIC": Fact("US-DM-01", "Executive Order 14324; CBP guidance", "2025-08", "M"),
    "US_SALES_TAX": Fact("PRC-VAT-14/15", "help.etsy.com article 360000343968; NFIB Out-of-State Sales Tax "
                                          "Requirements", "2022-02 / undated", "V/S"),
    "US_MPF": Fact("US-TAR-08", "cbp.gov Morocco FTA page", "undated", "H"),
    "US_FORMAL": Fact("US-DM-04", "background knowledge, not re-read", "", "K"),
    "CA_20": Fact("PRC-LV-07", "cbsa-asfc.gc.ca CUSMA: What importers need to know; Customs Notice 20-18",
                  "2020-05-02", "V"),
    "AU_1000": Fact("PRC-LV-08", "ato.gov.au GST on low value imported goods", "rules since 2018-07-01", "V"),
    "NZ_1000": Fact("PRC-LV-09", "ird.govt.nz What low value goods are", "rules since 2019-12-01", "V"),
    "CH_5": Fact("PRC-LV-10", "ch.ch Ordering goods from abroad", "undated", "V"),
    "CH_BASE": Fact("PRC-VAT-06", "goods value + duties + transport and insurance to the Swiss border (franzosini.ch "
                                  "FAQ)", "undated", "S",
                    _("goods value + duties + transport and insurance to the Swiss border")),
    "CH_NO_DUTY": Fact("PRC-VAT-06", "vatupdate.com (industrial tariffs abolished)", "2023-09-27", "S"),
    "CH_PLATFORM": Fact("PRC-LV-11", "Deloitte Switzerland blog; art. 20a VAT Act", "2024-02", "S"),
    "NO_VOEC": Fact("PRC-LV-12", "skatteetaten.no Value Added Tax on low value imported goods", "undated", "V"),
    "JP_10000": Fact("PRC-LV-13", "customs.go.jp FAQ 1006", "undated", "V"),
    "VAT_BASE_K": Fact("general rule, not in the data", "customs value + duties", "", "K", _("customs value + duties")),
}


@dataclass(frozen=True)
class VatRate:
    """Import VAT/GST/sales-tax rate in force on a date, or why it is unknown."""

    known: bool
    rate_pct: Decimal | None
    label: str
    source: str
    as_of: str
    confidence: str
    reason: str = ""
    no_tax: bool = False  # country with no VAT in force (Qatar, Kuwait; US federal)


@cache
def _vat_rows() -> list[dict]:
    with open(DATA_DIR / "vat_rates.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def regions(market: str) -> list[str]:
    """Sub-national rows of the VAT table for a market (Canadian provinces, US states)."""
    return [row["country"].split(" - ", 1)[1] for row in _vat_rows()
            if row["iso3"] == market and " - " in row["country"]]


@lru_cache(maxsize=2048)
def vat_for(market: str, on: date, region: str | None = None) -> VatRate:
    """The standard import VAT/GST rate of `market` (optionally a province/state) in force on `on`."""
    rows = [row for row in _vat_rows() if row["iso3"] == market]
    if region:
        wanted = region.strip().lower()
        rows = [row for row in rows if " - " in row["country"] and wanted in row["country"].split(" - ", 1)[1].lower()]
        if not rows:
            return VatRate(False, None, _("tax"), "", "", "U",
                           _("Region “%(region)s” is not in the tax table of %(market)s.")
                           % {"region": region, "market": market})
    else:
        national = [row for row in rows if " - " not in row["country"]]
        rows = national or rows
    if not rows:
        return VatRate(False, None, _("import VAT"), "", "", "U",
                       _("The import VAT/GST rate of %(market)s is not in the data.") % {"market": market})
    if len(rows) > 1:
        return VatRate(False, None, _("tax"), "", "", "U",
                       _("The tax rate of %(market)s depends on the province or state: choose one (%(names)s).")
                       % {"market": market, "names": ", ".join(regions(market))})
    row = rows[0]
    source = row["source_url"]
    as_of = row["source_date"]
    valid_from = date.fromisoformat(row["valid_from"]) if row["valid_from"] else None
    if valid_from and on < valid_from:
        return VatRate(False, None, row["applies_to"], source, as_of, row["confidence"],
                       _("The rate in the data (%(rate)s%%) applies from %(start)s; the rate before that date is not "
                         "in the data.") % {"rate": row["standard_rate_pct"], "start": valid_from})
    if row["standard_rate_pct"] == "":
        return VatRate(True, Decimal(0), row["applies_to"], source, as_of, row["confidence"], no_tax=True)
    rate = Decimal(row["standard_rate_pct"])
    return VatRate(True, rate, row["applies_to"], source, as_of, row["confidence"], no_tax=rate == 0)


@dataclass(frozen=True)
class AdditionalDutyInput:
    """A dated additional duty (surcharge) on the ship date, ad valorem, with its source."""

    label: str
    rate_pct: Decimal | None
    start: date | None
    end: date | None
    source: str
    as_of: str


@dataclass(frozen=True)
class DutyFormula:
    """One national tariff line's duty: a percentage, optionally capped per square metre (EU rugs)."""

    code: str
    pct: Decimal
    cap_per_m2: Decimal | None = None
    cap_currency: str = ""


@dataclass(frozen=True)
class DutyInput:
    """Customs duty facts for one HS code, market and date — the pure core's view of `markets.duty_for`."""

    known: bool
    rate_pct: Decimal | None  # ordinary duty applied (preferential with proof, MFN without)
    regime: str
    source: str
    as_of: str
    mfn_pct: Decimal | None = None
    preferential_pct: Decimal | None = None
    additional: tuple[AdditionalDutyInput, ...] = ()
    additional_known: bool = True
    reason: str = ""
    notes: tuple[str, ...] = ()
    formulas: tuple[DutyFormula, ...] = ()


@dataclass
class Charge:
    """A duty, tax or fee due at destination, in the retail currency."""

    key: str
    label: str
    amount: Decimal
    currency: str
    payer: str  # buyer | seller
    source: str
    as_of: str
    at_sale: bool = False  # collected at checkout with the price (IOSS, UK ≤ GBP 135, VOEC, AU/NZ GST)


@dataclass
class Assessment:
    charges: list[Charge] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    regime: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Sale:
    """What the destination rules need to know about one parcel sale (amounts in the retail currency)."""

    market: str
    on: date
    currency: str
    price: Decimal  # what the buyer pays the seller (incl. shipping charged in the price)
    separate_transport: Decimal  # freight/insurance the buyer pays the carrier separately
    marketplace: bool  # sold through a marketplace that collects taxes as deemed supplier / facilitator
    seller_pays_duties: bool  # DDP
    postal: bool
    hs: str
    region: str | None
    tariff_lines: int = 1
    area_m2: Decimal | None = None
    items: int = 1  # articles in the parcel (at least one per tariff line)


def _pct(rate: Decimal, base: Decimal) -> Decimal:
    return base * rate / 100


class Destination:
    """Rules of one market on one date; `assess` applies them to a sale price."""

    def __init__(self, *, market: str, on: date, duty: DutyInput, region: str | None, convert):
        self.market = market
        self.on = on
        self.duty = duty
        self.region = region
        self.convert = convert  # convert(amount, from_ccy, to_ccy) -> Decimal | None (None: no rate)
        self.vat = vat_for(market, on, region)
        self.eu = market in EU27

    # -- helpers
    def _value_in(self, amount: Decimal, currency: str, target: str) -> Decimal | None:
        if currency == target:
            return amount
        return self.convert(amount, currency, target)

    def _payer(self, sale: Sale) -> str:
        return "seller" if sale.seller_pays_duties else "buyer"

    def _duty_charges(self, sale: Sale, base: Decimal, out: Assessment, payer: str) -> None:
        duty = self.duty
        capped = [f for f in duty.formulas if f.cap_per_m2 is not None]
        if not duty.known or duty.rate_pct is None:
            out.unknown.append(_("Customs duty: %(reason)s") % {"reason": duty.reason or _("not in the data")})
        elif capped and sale.area_m2 is None:
            out.unknown.append(_("Customs duty: the rate is capped per m² (%(code)s); give the dimensions.")
                               % {"code": capped[0].code})
        elif capped:
            best, best_formula = None, None
            for formula in duty.formulas:
                amount = _pct(formula.pct, base)
                if formula.cap_per_m2 is not None:
                    cap = self._value_in(formula.cap_per_m2 * sale.area_m2, formula.cap_currency, sale.currency)
                    if cap is None:
                        out.unknown.append(_("Customs duty cap: no rate to convert %(ccy)s.")
                                           % {"ccy": formula.cap_currency})
                        return
                    amount = min(amount, cap)
                if best is None or amount > best:
                    best, best_formula = amount, formula
            if best_formula.cap_per_m2 is not None:
                label = _("Customs duty %(rate)s%%, max %(ccy)s %(cap)s/m² × %(area)s m² (%(regime)s)") % {
                    "rate": _n(best_formula.pct), "ccy": best_formula.cap_currency, "cap": _n(best_formula.cap_per_m2),
                    "area": _n(sale.area_m2), "regime": duty.regime}
            else:
                label = _("Customs duty %(rate)s%% (%(regime)s)") % {"rate": _n(best_formula.pct),
                                                                     "regime": duty.regime}
            out.charges.append(Charge("duty", label, best, sale.currency, payer, duty.source, duty.as_of))
        else:
            out.charges.append(Charge("duty", _("Customs duty %(rate)s%% (%(regime)s)")
                                      % {"rate": _n(duty.rate_pct), "regime": duty.regime},
                                      _pct(duty.rate_pct, base), sale.currency, payer, duty.source, duty.as_of))
        for extra in duty.additional:
            if extra.rate_pct is None:
                out.unknown.append(_("%(label)s: not an ad valorem rate; amount not computed.") % {"label": extra.label})
                continue
            span = (_("%(start)s – %(end)s") % {"start": extra.start, "end": extra.end} if extra.start and extra.end
                    else extra.start or extra.end or "")
            out.charges.append(Charge("additional_duty", _("%(label)s %(rate)s%% (in force %(span)s)")
                                      % {"label": extra.label, "rate": _n(extra.rate_pct), "span": span},
                                      _pct(extra.rate_pct, base), sale.currency, payer, extra.source, extra.as_of))
        if not duty.additional_known:
            out.unknown.append(_("Additional duties on %(date)s: %(reason)s")
                               % {"date": self.on, "reason": duty.reason or _("not known")})
        out.warnings.extend(duty.notes)

    def _exempt(self, sale: Sale, out: Assessment, label: str, fact: Fact) -> None:
        out.charges.append(Charge("duty", label, Decimal(0), sale.currency, self._payer(sale), fact.cite(), fact.as_of))

    def _vat_charge(self, sale: Sale, base: Decimal, out: Assessment, *, payer: str, at_sale: bool, label: str,
                    basis_fact: Fact) -> None:
        vat = self.vat
        if not vat.known:
            out.unknown.append(_("Import tax: %(reason)s") % {"reason": vat.reason})
            return
        if vat.no_tax:
            out.regime.append(_("No VAT/GST in force in the data for this market (%(src)s).") % {"src": vat.source})
            return
        out.charges.append(Charge(
            "vat", _("%(label)s %(rate)s%% (base: %(basis)s)") % {"label": label, "rate": _n(vat.rate_pct),
                                                             "basis": basis_fact.basis or basis_fact.source},
            _pct(vat.rate_pct, base), sale.currency, payer,
            # The base is named in the label; the source column keeps the rate's source and the base's fact.
            f"{vat.source} ({vat.confidence})" + (f" — {basis_fact.fact_id}" if basis_fact.fact_id[:1].isupper() else ""),
            vat.as_of, at_sale=at_sale))

    # -- rules per market
    def assess(self, sale: Sale) -> Assessment:
        out = Assessment()
        payer = self._payer(sale)
        customs_value = sale.price + sale.separate_transport
        if self.eu:
            self._eu(sale, customs_value, payer, out)
        elif self.market == "GBR":
            self._uk(sale, customs_value, payer, out)
        elif self.market == "USA":
            self._us(sale, payer, out)
        elif self.market == "CAN":
            self._threshold_regime(sale, customs_value, payer, out, threshold=Decimal(20), ccy="CAD",
                                   fact=F["CA_20"], at_sale_below=False, duty_free_below=True, tax_free_below=True)
        elif self.market == "AUS":
            self._threshold_regime(sale, customs_value, payer, out, threshold=Decimal(1000), ccy="AUD",
                                   fact=F["AU_1000"], at_sale_below=True, duty_free_below=True, tax_free_below=False)
        elif self.market == "NZL":
            self._threshold_regime(sale, customs_value, payer, out, threshold=Decimal(1000), ccy="NZD",
                                   fact=F["NZ_1000"], at_sale_below=True, duty_free_below=True, tax_free_below=False)
        elif self.market == "NOR":
            self._norway(sale, customs_value, payer, out)
        elif self.market == "CHE":
            self._switzerland(sale, customs_value, payer, out)
        elif self.market == "JPN":
            self._japan(sale, customs_value, payer, out)
        else:
            out.warnings.append(_("Low-value import rules of %(market)s are not in the data.") % {"market": self.market})
            self._duty_charges(sale, customs_value, out, payer)
            duty_total = sum((c.amount for c in out.charges), Decimal(0))
            self._vat_charge(sale, customs_value + duty_total, out, payer=payer, at_sale=False,
                             label=_("Import VAT"), basis_fact=F["VAT_BASE_K"])
        return out

    def _eu(self, sale, customs_value, payer, out):
        intrinsic = self._value_in(sale.price, sale.currency, "EUR")
        if intrinsic is None:
            out.unknown.append(_("EUR 150 low-value test: no EUR rate to convert the price."))
            low_value = False
        else:
            low_value = intrinsic <= 150
        flat_start, flat_end = date(2026, 7, 1), date(2028, 7, 1)
        if low_value:
            if self.on >= flat_end:
                out.warnings.append(_("The EUR 3 interim duty was due to end on 2028-07-01 (extension possible); "
                                      "ordinary rates are applied — check the current rule."))
                self._duty_charges(sale, customs_value, out, payer)
            elif self.on >= flat_start:
                flat_eur = Decimal(3) * sale.tariff_lines
                flat = self._value_in(flat_eur, "EUR", sale.currency)
                out.regime.append(_("EU low-value consignment (≤ EUR 150): flat customs duty EUR 3 per tariff line "
                                    "from 2026-07-01 to 2028-07-01 (%(cite)s).") % {"cite": F["EU_FLAT"].chip()})
                if flat is not None:
                    out.charges.append(Charge("flat_duty", _("EU flat customs duty EUR 3 × %(n)s tariff line(s)")
                                              % {"n": sale.tariff_lines}, flat, sale.currency, payer,
                                              F["EU_FLAT"].cite(), F["EU_FLAT"].as_of))
                if self.duty.preferential_pct is not None:
                    out.warnings.append(_("The EUR 3 applies even to Moroccan-origin goods when VAT goes through IOSS; "
                                          "it may be avoided only with a full H1 declaration without IOSS (%(cite)s).")
                                        % {"cite": F["EU_FLAT_PREF"].chip()})
            else:
                out.regime.append(_("EU low-value consignment (≤ EUR 150) before 2026-07-01: customs duty relief "
                                    "(%(cite)s).") % {"cite": F["EU_FLAT"].chip()})
                self._exempt(sale, out, _("Customs duty: none (EU relief for consignments ≤ EUR 150, until "
                                          "2026-07-01)"), F["EU_FLAT"])
            handling = {"FRA": (date(2026, 3, 1), _("France handling charge EUR 2 per item")),
                        "ITA": (date(2026, 1, 1), _("Italy handling charge EUR 2 per consignment"))}.get(self.market)
            if handling and self.on >= handling[0]:
                # PRC-LV-04: France charges EUR 2 per item, Italy EUR 2 per consignment.
                count = max(sale.items, sale.tariff_lines) if self.market == "FRA" else 1
                amount = self._value_in(Decimal(2) * count, "EUR", sale.currency)
                if amount is not None:
                    label = handling[1] + (f" × {count}" if count > 1 else "")
                    out.charges.append(Charge("handling", label, amount, sale.currency, payer,
                                              F["EU_HANDLING"].cite(), F["EU_HANDLING"].as_of))
            duties = sum((c.amount for c in out.charges if c.key in ("flat_duty", "duty", "additional_duty")),
                         Decimal(0))
            if sale.marketplace:
                out.regime.append(_("VAT collected at sale by the marketplace through IOSS (%(cite)s).")
                                  % {"cite": F["EU_IOSS"].chip()})
                self._vat_charge(sale, sale.price, out, payer="buyer", at_sale=True, label=_("VAT (IOSS, at sale)"),
                                 basis_fact=Fact("PRC-LV-01", "the sale price", "", "V", _("the sale price")))
            else:
                out.regime.append(_("Selling on your own shop: VAT is collected from the buyer at import by the "
                                    "carrier (special arrangements) unless you register for IOSS (%(cite)s).")
                                  % {"cite": F["EU_IOSS"].chip()})
                self._vat_charge(sale, customs_value + duties, out, payer=payer, at_sale=False,
                                 label=_("Import VAT"), basis_fact=F["VAT_BASE_K"])
        else:
            out.regime.append(_("EU consignment above EUR 150: customs duty at the tariff rate and import VAT at the "
                                "border (%(cite)s).") % {"cite": F["EU_IOSS"].chip()})
            self._duty_charges(sale, customs_value, out, payer)
            duties = sum((c.amount for c in out.charges), Decimal(0))
            self._vat_charge(sale, customs_value + duties, out, payer=payer, at_sale=False, label=_("Import VAT"),
                             basis_fact=F["VAT_BASE_K"])

    def _uk(self, sale, customs_value, payer, out):
        intrinsic = self._value_in(sale.price, sale.currency, "GBP")
        if intrinsic is not None and intrinsic <= 135:
            collector = _("the marketplace") if sale.marketplace else _("you, the overseas seller (UK VAT registration)")
            out.regime.append(_("UK consignment ≤ GBP 135: VAT charged at the point of sale by %(who)s; no customs "
                                "duty generally payable (%(cite)s).") % {"who": collector, "cite": F["UK_135"].chip()})
            self._exempt(sale, out, _("Customs duty: none generally payable (UK consignment ≤ GBP 135)"), F["UK_135"])
            self._vat_charge(sale, sale.price, out, payer="buyer", at_sale=True, label=_("UK VAT at sale"),
                             basis_fact=Fact("PRC-LV-05", "the sale price", "", "S", _("the sale price")))
            return
        if intrinsic is None:
            out.unknown.append(_("GBP 135 test: no GBP rate to convert the price."))
        out.regime.append(_("UK consignment above GBP 135: import VAT and customs duty at the border (%(cite)s).")
                          % {"cite": F["UK_135"].chip()})
        self._duty_charges(sale, customs_value, out, payer)
        duties = sum((c.amount for c in out.charges), Decimal(0))
        self._vat_charge(sale, customs_value + duties, out, payer=payer, at_sale=False, label=_("UK import VAT"),
                         basis_fact=F["VAT_BASE_K"])

    def _us(self, sale, payer, out):
        value_usd = self._value_in(sale.price, sale.currency, "USD")
        suspended_from = date(2025, 8, 29)
        if self.on < suspended_from:
            if value_usd is not None and value_usd <= 800:
                out.regime.append(_("US de minimis (≤ USD 800 per person per day): duty-free entry, before its "
                                    "suspension on 2025-08-29 (%(cite)s).") % {"cite": F["US_DM_SUSPENDED"].chip()})
                self._exempt(sale, out, _("Customs duty and additional duties: none (US de minimis ≤ USD 800, "
                                          "before 2025-08-29)"), F["US_DM_SUSPENDED"])
            else:
                if value_usd is None:
                    out.unknown.append(_("USD 800 de minimis test: no USD rate to convert the price."))
                out.regime.append(_("US shipment above the USD 800 de minimis: dutiable."))
                self._duty_charges(sale, sale.price, out, payer)
        else:
            out.regime.append(_("US de minimis suspended for all countries since 2025-08-29: every parcel is dutiable "
                                "(%(cite)s).") % {"cite": F["US_DM_SUSPENDED"].chip()})
            self._duty_charges(sale, sale.price, out, payer)
            if sale.postal and self.on < date(2026, 2, 28):
                out.warnings.append(_("Postal parcels between 2025-08-29 and about 2026-02-28 could instead be charged "
                                      "a specific duty of USD 80 per item for Morocco's 10%% rate, depending on the "
                                      "carrier's method (%(cite)s).") % {"cite": F["US_POSTAL_SPECIFIC"].chip()})
        out.warnings.append(_("The US merchandise processing fee applies to Morocco-FTA entries; its amount is not in "
                              "the data (%(cite)s).") % {"cite": F["US_MPF"].chip()})
        if value_usd is not None and value_usd > 2500:
            out.warnings.append(_("Above USD 2,500 a formal entry is needed (%(cite)s).") % {"cite": F["US_FORMAL"].chip()})
        if self.region:
            self._vat_charge(sale, sale.price, out, payer="buyer", at_sale=True,
                             label=_("State sales tax (base rate, local taxes extra)"),
                             basis_fact=Fact("PRC-VAT-16", "the sale price", "2022-02", "S", _("the sale price")))
        elif sale.marketplace:
            out.regime.append(_("US sales tax is collected by the marketplace at checkout at the rate of the buyer's "
                                "state (%(cite)s); not included below.") % {"cite": F["US_SALES_TAX"].chip()})
        else:
            out.warnings.append(_("Selling on your own shop to US consumers: you may have to collect state sales tax "
                                  "once a state's threshold is met (%(cite)s).") % {"cite": F["US_SALES_TAX"].chip()})

    def _threshold_regime(self, sale, customs_value, payer, out, *, threshold, ccy, fact, at_sale_below,
                          duty_free_below, tax_free_below):
        value = self._value_in(sale.price, sale.currency, ccy)
        if value is None:
            out.unknown.append(_("%(ccy)s %(limit)s low-value test: no %(ccy)s rate in the data to convert the price.")
                               % {"ccy": ccy, "limit": threshold})
            self._duty_charges(sale, customs_value, out, payer)
            duties = sum((c.amount for c in out.charges), Decimal(0))
            self._vat_charge(sale, customs_value + duties, out, payer=payer, at_sale=False, label=_("Import tax"),
                             basis_fact=F["VAT_BASE_K"])
            return
        if value <= threshold:
            out.regime.append(_("Low-value goods (≤ %(ccy)s %(limit)s): %(what)s (%(cite)s).") % {
                "ccy": ccy, "limit": threshold, "cite": fact.chip(),
                "what": _("duty and tax free") if tax_free_below else _("no duty at the border; GST charged at sale")})
            self._exempt(sale, out, _("Customs duty: none (low-value goods ≤ %(ccy)s %(limit)s)")
                         % {"ccy": ccy, "limit": threshold}, fact)
            if not tax_free_below:
                payer_tax = "buyer" if at_sale_below else payer
                self._vat_charge(sale, sale.price + sale.separate_transport, out, payer=payer_tax, at_sale=at_sale_below,
                                 label=_("GST at sale"), basis_fact=Fact(fact.fact_id, "the full amount paid incl. "
                                                                         "transport", fact.as_of, fact.confidence))
            return
        out.regime.append(_("Above %(ccy)s %(limit)s: duty and tax at the border (%(cite)s).")
                          % {"ccy": ccy, "limit": threshold, "cite": fact.chip()})
        self._duty_charges(sale, customs_value, out, payer)
        duties = sum((c.amount for c in out.charges), Decimal(0))
        self._vat_charge(sale, customs_value + duties, out, payer=payer, at_sale=False, label=_("Import tax"),
                         basis_fact=F["VAT_BASE_K"])

    def _norway(self, sale, customs_value, payer, out):
        value = self._value_in(sale.price, sale.currency, "NOK")
        if value is not None and value < 3000:
            out.regime.append(_("Norway VOEC (item < NOK 3,000): VAT collected at sale by a VOEC-registered seller or "
                                "marketplace (%(cite)s).") % {"cite": F["NO_VOEC"].chip()})
            out.unknown.append(_("Customs duty under VOEC: sources conflict (%(tier)s).") % {"tier": tier_words("U")})
            self._vat_charge(sale, sale.price + sale.separate_transport, out, payer="buyer", at_sale=True,
                             label=_("VAT at sale (VOEC)"), basis_fact=Fact("PRC-LV-12", "price incl. shipping",
                                                                             "undated", "V"))
            return
        if value is None:
            out.unknown.append(_("NOK 3,000 VOEC test: no NOK rate in the data to convert the price."))
        self._duty_charges(sale, customs_value, out, payer)
        duties = sum((c.amount for c in out.charges), Decimal(0))
        self._vat_charge(sale, customs_value + duties, out, payer=payer, at_sale=False, label=_("Import VAT"),
                         basis_fact=F["VAT_BASE_K"])

    def _switzerland(self, sale, customs_value, payer, out):
        if self.on >= date(2024, 1, 1) and sale.hs[:2].isdigit() and 25 <= int(sale.hs[:2]) <= 97:
            out.regime.append(_("Switzerland abolished customs duties on industrial goods (HS chapters 25–97) on "
                                "2024-01-01 (%(cite)s).") % {"cite": F["CH_NO_DUTY"].chip()})
            out.charges.append(Charge("duty", _("Customs duty: none on industrial goods since 2024-01-01"), Decimal(0),
                                      sale.currency, payer, F["CH_NO_DUTY"].cite(), F["CH_NO_DUTY"].as_of))
        else:
            self._duty_charges(sale, customs_value, out, payer)
        duties = sum((c.amount for c in out.charges), Decimal(0))
        before = len(out.charges)
        self._vat_charge(sale, customs_value + duties, out, payer=payer, at_sale=False, label=_("Swiss import tax"),
                         basis_fact=F["CH_BASE"])
        if len(out.charges) > before:
            tax_chf = self._value_in(out.charges[-1].amount, sale.currency, "CHF")
            if tax_chf is not None and tax_chf < 5:
                out.charges.pop()
                out.regime.append(_("Import tax under CHF 5 is not invoiced (%(cite)s).") % {"cite": F["CH_5"].chip()})
        if sale.postal:
            out.warnings.append(_("Swiss Post charges a customs clearance fee of CHF 11.50 to CHF 70 (%(cite)s); the "
                                  "exact fee is not computed.") % {"cite": F["CH_5"].chip()})
        if sale.marketplace and self.on >= date(2025, 1, 1):
            out.warnings.append(_("Since 2025-01-01 platforms are deemed suppliers for Swiss VAT (%(cite)s).")
                                % {"cite": F["CH_PLATFORM"].chip()})

    def _japan(self, sale, customs_value, payer, out):
        value = self._value_in(customs_value, sale.currency, "JPY")
        if value is not None and value <= 10000:
            out.regime.append(_("Japan: total customs value ≤ JPY 10,000 is exempt from duty and consumption tax "
                                "(%(cite)s).") % {"cite": F["JP_10000"].chip()})
            self._exempt(sale, out, _("Customs duty and consumption tax: none (≤ JPY 10,000)"), F["JP_10000"])
            out.unknown.append(_("Japan excludes designated articles from the JPY 10,000 exemption (reported to "
                                 "include leather goods and knitwear); the list is not in the data."))
            return
        if value is None:
            out.unknown.append(_("JPY 10,000 test: no JPY rate to convert the price."))
        self._duty_charges(sale, customs_value, out, payer)
        duties = sum((c.amount for c in out.charges), Decimal(0))
        self._vat_charge(sale, customs_value + duties, out, payer=payer, at_sale=False, label=_("Consumption tax"),
                         basis_fact=F["VAT_BASE_K"])


def _n(value: Decimal | None) -> Decimal | str:
    """A rate for a message: the message writes it as the language it is shown in writes numbers (6,5 in French)."""
    if value is None:
        return "?"
    return value.normalize()

"""Pure composition of an export-document bundle (no ORM): lines, parcels, totals, checks, origin and CN23 data.

`services.py` gathers the inputs (catalog, organisation profile, pricing, tariff lines, knowledge facts) into a
`ShipmentData`; `bundle_compose` turns it into a `Bundle` that the renderers (`render.py`) print in each language.
Nothing here invents a limit, a rate or legal wording: each rule names the fact it relies on, and where no sourced
fact gives the answer the bundle says what to check instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from tijara.core import l10n

ZERO = Decimal(0)
CENT = Decimal("0.01")
KG = Decimal("0.001")

# Markets whose buyers read French or Arabic by default (the buyer's file may say otherwise); others get English.
FRENCH_MARKETS = {"FRA", "BEL", "LUX", "MCO", "CHE"}
ARABIC_MARKETS = {"SAU", "ARE", "QAT", "KWT", "BHR", "OMN", "JOR", "EGY", "TUN", "DZA", "LBN", "IRQ", "LBY", "MRT",
                  "PSE", "YEM", "SDN"}
EU27 = {"AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA",
        "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"}

# Facts each part relies on (IDs of export-facts.md, read through the knowledge app).
FACT_EUR1 = "MA-ORI-01"
FACT_INVOICE_DECLARATION = "MA-ORI-02"  # EUR 6,000 limit (M); wording in the revised PEM rules: not confirmed
FACT_REVISED_PEM = "AGR-EU-03"
FACT_UK_AGREEMENT = "AGR-UK-01"
FACT_UK_RULES = "AGR-UK-02"
FACT_US_NO_CERTIFICATE = "MA-ORI-04"
FACT_US_ORIGIN_RULE = "AGR-US-02"
FACT_US_CLAIM = "AGR-US-04"
FACT_NON_PREFERENTIAL = "MA-ORI-03"
FACT_POSTAL = "MA-POST-03"
FACT_DECLARANT = "MA-STA-02"
FACT_IDS = (FACT_EUR1, FACT_INVOICE_DECLARATION, FACT_REVISED_PEM, FACT_UK_AGREEMENT, FACT_UK_RULES,
            FACT_US_NO_CERTIFICATE, FACT_US_ORIGIN_RULE, FACT_US_CLAIM, FACT_NON_PREFERENTIAL, FACT_POSTAL,
            FACT_DECLARANT)
# Market group → ID of a fact holding the official origin-declaration wording. None is sourced yet: MA-ORI-02 says
# the wording under the revised PEM rules is not confirmed, so the invoice carries a marked placeholder instead.
WORDING_FACTS: dict[str, str] = {}
INVOICE_DECLARATION_LIMIT_EUR = Decimal("6000")  # MA-ORI-02 (M): any exporter, consignments up to EUR 6,000


def buyer_language(market: str, stated: str = "") -> str:
    """The buyer's language: the one stated in the buyer's file, else French/Arabic/English by market."""
    if stated[:2] in ("ar", "fr", "en"):
        return stated[:2]
    if market in FRENCH_MARKETS:
        return "fr"
    if market in ARABIC_MARKETS:
        return "ar"
    return "en"


def origin_group(market: str) -> str:
    """Which proof of origin the facts describe for a market: pem (EU, UK), us_fta, or none."""
    if market in EU27:
        return "pem_eu"
    if market == "GBR":
        return "pem_uk"
    if market == "USA":
        return "us_fta"
    return "none"


@dataclass(frozen=True)
class FactRef:
    """A fact relied upon: ID, title, source, date and confidence (carried to the notes page)."""

    fact_id: str
    titles: dict  # {"ar": …, "fr": …, "en": …}
    source: str
    url: str
    as_of: str
    confidence: str  # verified / secondary / unverified
    mark: str
    url_approximate: bool = False  # the site is right, the exact page address was not captured
    stale: bool = False  # past its valid-to date or not checked for 12 months
    source_language: str = "en"  # the language the source line is written in

    @property
    def title(self) -> str:
        """The title in the active language (English when missing)."""
        from django.utils.translation import get_language

        return self.titles.get((get_language() or "en")[:2]) or self.titles.get("en", "")


@dataclass
class Party:
    """Exporter or buyer as printed on the documents."""

    name: str
    address: str
    country: str  # ISO 3166 alpha-3
    ice: str = ""
    rc: str = ""
    artisan_card: str = ""
    email: str = ""
    phone: str = ""
    language: str = ""


@dataclass
class LineIn:
    """One product line as gathered from the catalog and the pricing service."""

    sku: str
    description: str
    description_language: str  # language the description is written in ("" when the product has no text)
    quantity: int
    priced_unit_value: Decimal | None  # `tijara price` for one unit (None when pricing failed)
    unit_value: Decimal | None = None  # the value the exporter entered (a quote, an edit); None → the priced one
    hs6: str = ""
    national_line: str = ""
    national_note: str = ""
    origin: str = "MAR"
    net_kg: Decimal | None = None  # per unit
    gross_kg: Decimal | None = None  # per unit, packed
    dims_cm: tuple[Decimal, Decimal, Decimal] | None = None  # packed
    imported_materials: bool | None = None
    materials: str = ""
    pricing_error: str = ""


@dataclass
class ParcelIn:
    """A parcel: contents (sku, qty), weights and dimensions; None where unknown."""

    contents: list[tuple[str, int]]
    gross_kg: Decimal | None = None
    net_kg: Decimal | None = None
    dims_cm: tuple[Decimal, Decimal, Decimal] | None = None


@dataclass
class ShipmentData:
    """Everything a bundle is composed from."""

    exporter: Party
    buyer: Party
    market: str
    incoterm: str
    place: str
    ship_date: date
    invoice_number: str
    invoice_date: date
    currency: str
    lines: list[LineIn]
    exporter_language: str
    parcels: list[ParcelIn] | None = None
    facts: dict[str, FactRef] = field(default_factory=dict)
    eur_per_unit_currency: Decimal | None = None  # to test the EUR 6,000 limit; None when no rate
    pricing_notes: list[str] = field(default_factory=list)
    rate_note: str = ""


@dataclass
class Check:
    """A problem to fix before printing: the field and what to do."""

    field: str
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


@dataclass
class Line:
    """A composed invoice line."""

    position: int
    sku: str
    description: str
    description_language: str
    description_in_buyer_language: bool
    hs6: str
    national_line: str
    national_note: str
    origin: str
    quantity: int
    unit_value: Decimal | None
    total_value: Decimal | None
    priced_unit_value: Decimal | None
    net_kg: Decimal | None
    gross_kg: Decimal | None
    preferential: bool  # origin not in doubt: may be covered by a preferential claim
    imported_materials: bool | None
    materials: str


@dataclass
class Parcel:
    """A composed parcel with its marks and numbers."""

    number: int
    of: int
    marks: str
    contents: list[tuple[str, int]]
    net_kg: Decimal | None
    gross_kg: Decimal | None
    dims_cm: tuple[Decimal, Decimal, Decimal] | None


@dataclass
class Origin:
    """The origin block for the market: which proof, for which lines, and what is still unknown."""

    group: str  # pem_eu, pem_uk, us_fta, none
    preference_supported: bool
    declaration_allowed: bool  # origin declaration on the invoice within the published limit
    declaration_wording: str  # "" → marked placeholder
    total_eur: Decimal | None
    limit_eur: Decimal
    preferential_lines: list[int]
    excluded_lines: list[int]
    fact_ids: list[str]
    eur1_boxes: list[tuple[str, str, str]] = field(default_factory=list)  # (box, label key, value)


@dataclass
class Bundle:
    """A composed bundle: the data every document prints, the checks and the unknowns."""

    data: ShipmentData
    buyer_language: str
    languages: list[str]
    lines: list[Line]
    parcels: list[Parcel]
    total_value: Decimal | None
    total_net_kg: Decimal | None
    total_gross_kg: Decimal | None
    total_quantity: int
    origin: Origin
    checks: list[Check]
    unknowns: list[str]
    facts_used: list[FactRef]
    postal_unknowns: list[str] = field(default_factory=list)  # what the CN22/CN23 data carries as unknown

    def cn23(self) -> dict:
        """CN22/CN23 fields (UPU) as structured data a carrier form can take."""
        d = self.data
        return {
            "form": "CN23",
            "form_choice": "check",
            "category_of_item": "sale_of_goods",
            "sender": _party_dict(d.exporter),
            "addressee": _party_dict(d.buyer),
            "items": [{
                "detailed_description": line.description, "quantity": line.quantity,
                "net_weight_kg": _s(_mul(line.net_kg, 1)), "value": _s(line.total_value), "currency": d.currency,
                "hs_tariff_number": line.national_line or line.hs6, "country_of_origin": line.origin,
            } for line in self.lines],
            "total_gross_weight_kg": _s(self.total_gross_kg),
            "total_value": _s(self.total_value),
            "currency": d.currency,
            "invoice_number": d.invoice_number,
            "unknowns": list(self.postal_unknowns),
        }

    def summary(self) -> dict:
        """The JSON the CLI and the API print (files are added by the face)."""
        return {
            "invoice_number": self.data.invoice_number, "market": self.data.market, "currency": self.data.currency,
            "languages": self.languages, "total_value": _s(self.total_value),
            "checks": [c.as_dict() for c in self.checks], "unknowns": self.unknowns,
            "facts": [{"fact_id": f.fact_id, "title": f.title, "source": f.source, "url": f.url, "as_of": f.as_of,
                       "confidence": f.confidence, "mark": f.mark, "url_approximate": f.url_approximate,
                       "stale": f.stale, "source_language": f.source_language} for f in self.facts_used],
        }


def _party_dict(p: Party) -> dict:
    return {"name": p.name, "address": p.address, "country": p.country, "email": p.email, "phone": p.phone}


def _s(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _mul(value: Decimal | None, qty: int) -> Decimal | None:
    return None if value is None else (value * qty).quantize(KG)


def _sum(values) -> Decimal | None:
    total = ZERO
    for v in values:
        if v is None:
            return None
        total += v
    return total


def _default_parcels(lines: list[LineIn]) -> list[ParcelIn]:
    """One parcel per unit, packed as the catalog says (the exporter may edit them)."""
    out = []
    for line in lines:
        for _unit in range(line.quantity):
            out.append(ParcelIn(contents=[(line.sku, 1)], gross_kg=line.gross_kg, net_kg=line.net_kg,
                                dims_cm=line.dims_cm))
    return out


def bundle_compose(data: ShipmentData) -> Bundle:
    """Compose the bundle: lines, parcels, totals, origin, CN23 data, checks and unknowns."""
    checks: list[Check] = []
    unknowns: list[str] = list(data.pricing_notes)
    language = buyer_language(data.market, data.buyer.language)
    languages = [data.exporter_language] + ([language] if language != data.exporter_language else [])
    used: set[str] = set()

    # Exporter and buyer identity.
    exporter = data.exporter
    if not exporter.ice:
        checks.append(Check("exporter.ice", _("The exporter's ICE is missing: add it to the organisation profile "
                                              "(or give your artisan card number if you export as a registered "
                                              "artisan, and confirm with customs that it is accepted).")))
        used.add(FACT_DECLARANT)
    if not (exporter.rc or exporter.artisan_card):
        checks.append(Check("exporter.rc", _("Neither an RC number nor an artisan card number is given: add one to "
                                             "the organisation profile.")))
    if not exporter.address.strip():
        checks.append(Check("exporter.address", _("The exporter's address is missing: add the city (and street) to "
                                                  "the organisation profile or to this shipment.")))
    if not data.buyer.name.strip():
        checks.append(Check("buyer.name", _("The buyer's name is missing: enter it in the shipment.")))
    if not data.buyer.address.strip():
        checks.append(Check("buyer.address", _("The buyer's address is missing: enter the full delivery address.")))
    if not data.place.strip():
        checks.append(Check("incoterm.place", _("The Incoterm place is missing: name the place (e.g. the buyer's "
                                                "city for DAP).")))

    group = origin_group(data.market)
    claims_preference = group != "none"
    lines: list[Line] = []
    national_notes: dict[str, list[str]] = {}  # one unknown per note, naming its SKUs
    for position, src in enumerate(data.lines, start=1):
        prefix = f"lines[{position}]"
        unit = src.unit_value if src.unit_value is not None else src.priced_unit_value
        if src.pricing_error:
            checks.append(Check(f"{prefix}.unit_value", _("%(sku)s: the price could not be calculated (%(error)s): "
                                                          "fix the product's price, HS code or weight.")
                                % {"sku": src.sku, "error": src.pricing_error}))
        elif (src.unit_value is not None and src.priced_unit_value is not None
              and src.unit_value.quantize(CENT) != src.priced_unit_value.quantize(CENT)):
            checks.append(Check(f"{prefix}.unit_value", _(
                "%(sku)s: the unit value %(given)s disagrees with the pricing calculation (%(priced)s): use the "
                "calculated value or fix the price in the catalog.")
                % {"sku": src.sku, "given": l10n.money(src.unit_value, data.currency),
                   "priced": l10n.money(src.priced_unit_value, data.currency)}))
        if src.net_kg is None:
            checks.append(Check(f"{prefix}.net_weight", _("%(sku)s: the net weight is missing: enter the weight (kg) "
                                                          "in the catalog.") % {"sku": src.sku}))
        if src.gross_kg is None:
            checks.append(Check(f"{prefix}.gross_weight", _("%(sku)s: the packed (gross) weight is missing: enter "
                                                            "the packed weight (kg) in the catalog.")
                                % {"sku": src.sku}))
        if not src.hs6:
            checks.append(Check(f"{prefix}.hs_code", _("%(sku)s: the HS code is missing: choose the customs code "
                                                       "of the product in the catalog.") % {"sku": src.sku}))
        elif not src.national_line and src.national_note:
            national_notes.setdefault(src.national_note, []).append(src.sku)
        in_language = src.description_language == language
        if not in_language:
            checks.append(Check(f"{prefix}.description", _(
                "%(sku)s: no description in the buyer's language (%(language)s); the %(served)s text is used. Add "
                "a translation in the catalog.") % {"sku": src.sku, "language": l10n.language_name(language),
                                                    "served": l10n.language_name(src.description_language) or "—"}))
        preferential = claims_preference and src.imported_materials is not True
        if claims_preference and src.imported_materials is True:
            checks.append(Check(f"{prefix}.origin", _(
                "%(sku)s: made with imported materials, so its preferential Moroccan origin is doubtful: it is left "
                "out of the origin statement. Check the origin rule with customs before claiming a preference.")
                % {"sku": src.sku}))
        elif claims_preference and src.imported_materials is None:
            checks.append(Check(f"{prefix}.origin", _(
                "%(sku)s: the catalog does not say whether imported materials were used: confirm it (product "
                "page) before claiming a preferential origin.") % {"sku": src.sku}))
        total = None if unit is None else (unit * src.quantity).quantize(CENT)
        lines.append(Line(
            position=position, sku=src.sku, description=src.description, description_language=src.description_language,
            description_in_buyer_language=in_language, hs6=src.hs6, national_line=src.national_line,
            national_note=src.national_note, origin=src.origin, quantity=src.quantity, unit_value=unit,
            total_value=total, priced_unit_value=src.priced_unit_value, net_kg=_mul(src.net_kg, src.quantity),
            gross_kg=_mul(src.gross_kg, src.quantity), preferential=preferential,
            imported_materials=src.imported_materials, materials=src.materials,
        ))

    for note, skus in national_notes.items():
        shown = l10n.joined(l10n.isolate(sku) for sku in skus[:5]) + (" …" if len(skus) > 5 else "")
        unknowns.append(_("%(sku)s: %(note)s") % {"sku": shown, "note": note})

    # Parcels.
    raw = data.parcels if data.parcels else _default_parcels(data.lines)
    count = len(raw)
    parcels = []
    for number, p in enumerate(raw, start=1):
        marks = f"{data.buyer.name[:30]} / {data.invoice_number} / {number}/{count}".strip(" /")
        parcels.append(Parcel(number, count, marks, list(p.contents), p.net_kg, p.gross_kg, p.dims_cm))
        if p.gross_kg is None:
            checks.append(Check(f"parcels[{number}].gross_weight", _("Parcel %(n)s: the gross weight is missing: "
                                                                     "weigh the packed parcel and enter it.")
                                % {"n": number}))
        if p.dims_cm is None:
            checks.append(Check(f"parcels[{number}].dimensions", _("Parcel %(n)s: the dimensions are missing: "
                                                                   "measure the packed parcel (cm) and enter them.")
                                % {"n": number}))

    total_value = _sum(line.total_value for line in lines)
    total_net = _sum(line.net_kg for line in lines)
    total_gross = _sum(p.gross_kg for p in parcels)

    origin = _origin(data, group, lines, total_value, checks, unknowns)
    used.update(origin.fact_ids)
    used.add(FACT_POSTAL)
    postal = _("CN22 or CN23: the knowledge base gives no sourced value or weight limit for choosing between "
               "them (%(fact)s): the data below fills a CN23; ask Barid Al-Maghrib or your carrier which form "
               "applies.") % {"fact": _cited(data, FACT_POSTAL)}
    unknowns.append(postal)
    facts_used = [data.facts[f] for f in FACT_IDS if f in used and f in data.facts]
    missing_facts = sorted(f for f in used if f not in data.facts)
    if missing_facts:
        unknowns.append(_("These facts are not loaded, so the documents cannot rely on them: %(ids)s. Run "
                          "`tijara load_reference_data`.") % {"ids": ", ".join(missing_facts)})
    return Bundle(
        data=data, buyer_language=language, languages=languages, lines=lines, parcels=parcels,
        total_value=total_value, total_net_kg=total_net, total_gross_kg=total_gross,
        total_quantity=sum(line.quantity for line in lines), origin=origin, checks=checks, unknowns=unknowns,
        facts_used=facts_used, postal_unknowns=[postal],
    )


def _cited(data: ShipmentData, fact_id: str) -> str:
    """A fact a sentence relies on, named by its title in the active language (the notes page lists it with its ID,
    source and date); the ID only when the fact is not loaded (that is said apart)."""
    fact = data.facts.get(fact_id)
    return fact.title if fact and fact.title else fact_id


def _origin(data: ShipmentData, group: str, lines: list[Line], total_value: Decimal | None, checks: list[Check],
            unknowns: list[str]) -> Origin:
    preferential = [line.position for line in lines if line.preferential]
    excluded = [line.position for line in lines if not line.preferential]
    if group in ("pem_eu", "pem_uk"):
        fact_ids = [FACT_EUR1, FACT_INVOICE_DECLARATION, FACT_REVISED_PEM]
        if group == "pem_uk":
            fact_ids += [FACT_UK_AGREEMENT, FACT_UK_RULES]
        supported = FACT_EUR1 in data.facts and bool(preferential)
        pref_value = _sum(line.total_value for line in lines if line.preferential)
        total_eur = (None if pref_value is None or data.eur_per_unit_currency is None
                     else (pref_value * data.eur_per_unit_currency).quantize(CENT))
        allowed = (FACT_INVOICE_DECLARATION in data.facts and total_eur is not None
                   and total_eur <= INVOICE_DECLARATION_LIMIT_EUR and bool(preferential))
        wording_fact = WORDING_FACTS.get(group)
        wording = data.facts[wording_fact].title if wording_fact and wording_fact in data.facts else ""
        if allowed and not wording:
            checks.append(Check("origin.declaration_wording", _(
                "The official wording of the origin declaration under the revised PEM rules is not confirmed "
                "(%(fact)s): the invoice carries a marked placeholder. Get the text from Moroccan customs (ADII) "
                "or the EU–Morocco Decision 1/2025 (%(pem)s) and copy it there before signing.")
                % {"fact": _cited(data, FACT_INVOICE_DECLARATION), "pem": _cited(data, FACT_REVISED_PEM)}))
        if total_eur is None and preferential:
            unknowns.append(_("The consignment value in EUR is not known, so whether an origin declaration on the "
                              "invoice is possible (up to EUR 6,000, %(fact)s) is not known: apply for an EUR.1.")
                            % {"fact": _cited(data, FACT_INVOICE_DECLARATION)})
        if group == "pem_uk":
            unknowns.append(_("Whether the UK–Morocco agreement now uses the revised PEM rules is not confirmed "
                              "(%(fact)s): check the UK Trade Tariff origin guidance.") % {"fact": _cited(data, FACT_UK_RULES)})
        origin = Origin(group, supported, allowed, wording, total_eur, INVOICE_DECLARATION_LIMIT_EUR, preferential,
                        excluded, fact_ids)
        origin.eur1_boxes = _eur1_boxes(data, lines)
        return origin
    if group == "us_fta":
        fact_ids = [FACT_US_NO_CERTIFICATE, FACT_US_CLAIM, FACT_US_ORIGIN_RULE]
        supported = FACT_US_CLAIM in data.facts and bool(preferential)
        return Origin(group, supported, False, "", None, INVOICE_DECLARATION_LIMIT_EUR, preferential, excluded,
                      fact_ids)
    return Origin("none", False, False, "", None, INVOICE_DECLARATION_LIMIT_EUR, [], [line.position for line in lines],
                  [FACT_NON_PREFERENTIAL])


def _eur1_boxes(data: ShipmentData, lines: list[Line]) -> list[tuple[str, str, str]]:
    """The data an EUR.1 application needs, box by box (layout of the EUR.1 form; MA-ORI-01)."""
    ex, buyer = data.exporter, data.buyer
    goods = "; ".join(f"{line.position}. {line.description} — HS {line.hs6} — {line.quantity}"
                      for line in lines if line.preferential)
    gross = _sum(line.gross_kg for line in lines if line.preferential)
    return [
        ("1", "exporter", f"{ex.name}, {ex.address}, ICE {ex.ice or '—'}"),
        ("2", "trade_between", f"MAR — {data.market}"),
        ("3", "consignee", f"{buyer.name}, {buyer.address}, {buyer.country}"),
        ("4", "origin_country", "MAR"),
        ("5", "destination", data.market),
        ("6", "transport", ""),
        ("7", "remarks", ""),
        ("8", "goods", goods),
        ("9", "gross_mass", "" if gross is None else f"{gross} kg"),
        ("10", "invoices", f"{data.invoice_number} ({data.invoice_date.isoformat()})"),
        ("11", "customs_endorsement", ""),
        ("12", "exporter_declaration", ""),
    ]

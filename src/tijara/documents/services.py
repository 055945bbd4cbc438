"""Documents services: shipments (create, update, from a quote) and the document bundle drafted from them.

- `bundle_for(organisation=, lines=, market=, buyer=, incoterm=, …) -> Bundle` — compose without saving (CLI, API).
- `bundle_build(shipment=) -> Bundle` — the bundle of a saved shipment.
- `bundle_files(bundle=) -> list[(name, bytes)]`, `bundle_zip(bundle=) -> bytes`, `bundle_write(bundle=, out_dir=)`.
- `shipment_create(actor=, organisation=, …)`, `shipment_update(actor=, shipment=, …)`,
  `shipment_from_quote(actor=, quote=)`.

Values come from the pricing service (`price_calculate`, the same calculation as `tijara price` and the export
plan), products from the catalog, the exporter from the organisation profile, facts from the knowledge app.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tijara.accounts.selectors import can_write
from tijara.core import l10n
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.documents import compose
from tijara.documents.compose import Bundle, FactRef, LineIn, ParcelIn, Party, ShipmentData
from tijara.documents.models import Shipment

MAX_LINES = 500
MAX_QUANTITY = 10000
LANGUAGES = ("ar", "fr", "en")


# --------------------------------------------------------------------------------------------- parsing


def parse_products(text: str) -> list[dict]:
    """"SKU:QTY,SKU:QTY" (or one per line, optionally "SKU:QTY:UNIT_VALUE") → [{sku, quantity, unit_value}]."""
    out = []
    for raw in (text or "").replace("\n", ",").split(","):
        item = raw.strip()
        if not item:
            continue
        parts = [p.strip() for p in item.split(":")]
        if len(parts) == 1:
            parts.append("1")
        if len(parts) > 3 or not parts[0]:
            raise TijaraError("invalid_products", _("“%(item)s” is not a product reference and a quantity separated by a colon "
                                                  "(for example ABC-01:2).") % {"item": item},
                              field="products")
        out.append({"sku": parts[0], "quantity": parts[1], "unit_value": parts[2] if len(parts) == 3 else None})
    return out


def parse_buyer(content: str) -> dict:
    """A buyer file (JSON object: name, address, country, language, email, phone) → dict."""
    try:
        data = json.loads(content)
    except ValueError as exc:
        raise TijaraError("invalid_buyer", _("The buyer file is not valid JSON: %(error)s") % {"error": exc},
                          field="buyer") from None
    if not isinstance(data, dict):
        raise TijaraError("invalid_buyer", _("The buyer file must hold one JSON object."), field="buyer")
    return {k: str(data.get(k) or "").strip() for k in ("name", "address", "country", "language", "email", "phone")}


def _quantity(value, sku: str) -> int:
    try:
        qty = int(str(value).strip())
    except (TypeError, ValueError):
        qty = 0
    if not 1 <= qty <= MAX_QUANTITY:
        raise TijaraError("invalid_quantity", _("%(sku)s: the quantity must be a whole number from 1 to %(max)s.")
                          % {"sku": sku, "max": MAX_QUANTITY}, field="products")
    return qty


def _decimal(value, *, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number < 0:
        raise TijaraError("invalid_number", _("“%(value)s” is not a number.") % {"value": value}, field=field)
    return number


def _dims(value) -> tuple[Decimal, Decimal, Decimal] | None:
    if value in (None, "", []):
        return None
    parts = value if isinstance(value, list | tuple) else str(value).lower().replace("×", "x").split("x")
    if len(parts) != 3:
        raise TijaraError("invalid_dims", _("Dimensions must be L×W×H in cm, e.g. 60x40x30."), field="parcels")
    dims = tuple(_decimal(p, field="parcels") for p in parts)
    if any(d is None or d <= 0 for d in dims):
        raise TijaraError("invalid_dims", _("Dimensions must be L×W×H in cm, e.g. 60x40x30."), field="parcels")
    return dims  # type: ignore[return-value]


def _clean(*, lines, market, buyer, incoterm, place, ship_date, language, currency, parcels, freight=None) -> dict:
    from tijara.pricing.incoterms import incoterm as incoterm_rule
    from tijara.pricing.money import currency_code
    from tijara.pricing.services import market_code, parse_date

    if not lines:
        raise TijaraError("no_lines", _("Add at least one product with its quantity."), field="products")
    if len(lines) > MAX_LINES:
        raise TijaraError("too_many_lines", _("At most %(max)s lines per shipment.") % {"max": MAX_LINES},
                          field="products")
    clean_lines = []
    for item in lines:
        sku = str(item.get("sku") or "").strip()
        clean_lines.append({"sku": sku, "quantity": _quantity(item.get("quantity", 1), sku),
                            "unit_value": (None if item.get("unit_value") in (None, "") else
                                           str(_decimal(item.get("unit_value"), field="products")))})
    market_iso = market_code(market)
    buyer = {k: str((buyer or {}).get(k) or "").strip() for k in ("name", "address", "country", "language",
                                                                    "email", "phone")}
    buyer["country"] = market_code(buyer["country"]) if buyer["country"] else market_iso
    if buyer["language"] and buyer["language"][:2] not in LANGUAGES:
        buyer["language"] = ""
    if language not in LANGUAGES:
        raise TijaraError("invalid_language", _("The document language must be ar, fr or en."), field="language")
    clean_parcels = []
    for p in parcels or []:
        contents = [(str(sku), _quantity(qty, str(sku))) for sku, qty in (p.get("contents") or [])]
        clean_parcels.append({"contents": contents,
                              "gross_kg": str(_decimal(p.get("gross_kg"), field="parcels") or "") or None,
                              "dims_cm": [str(d) for d in _dims(p.get("dims_cm"))] if p.get("dims_cm") else None})
    return {
        "lines": clean_lines, "market": market_iso, "buyer": buyer, "incoterm": incoterm_rule(incoterm or "DAP").rule,
        "place": (place or "").strip()[:200], "ship_date": parse_date(ship_date), "language": language,
        "currency": currency_code(currency, field="currency") if currency else "", "parcels": clean_parcels,
        "freight_mad": _decimal(freight, field="freight"),
    }


# --------------------------------------------------------------------------------------------- gathering


def _facts() -> dict[str, FactRef]:
    from tijara.knowledge.selectors import published_facts, source_ref

    out = {}
    for fact in published_facts().filter(fact_id__in=compose.FACT_IDS):
        ref = source_ref(fact, "en")
        out[fact.fact_id] = FactRef(ref.fact_id, {lang: fact.title(lang) for lang in LANGUAGES}, ref.source, ref.url,
                                    ref.as_of, ref.confidence, ref.mark, url_approximate=ref.url_approximate,
                                    stale=ref.stale, source_language=ref.source_language)
    return out


def _national_line(hs: str, market: str, on: date, cache: dict) -> tuple[str, str]:
    """(national line, note): the destination's line when the tariff data has exactly one under the HS code."""
    if len(hs) > 6:
        return hs, ""
    key = (hs, market)
    if key not in cache:
        from tijara.markets.selectors import duty_for

        try:
            answer = duty_for(hs=hs, market=market, on=on)
        except (TijaraError, NotFound) as exc:
            cache[key] = ("", exc.message)
        else:
            lines = answer.mfn.lines if answer.mfn else []
            if not answer.known and not lines:
                cache[key] = ("", _("no national tariff line in the data (%(reason)s)") % {"reason": answer.reason})
            elif len(lines) == 1:
                cache[key] = (lines[0].display_code or lines[0].code, "")
            elif lines:
                cache[key] = ("", _("the national tariff line is not determined (candidates: %(codes)s); the "
                                    "invoice shows the HS6 code") % {"codes": ", ".join(
                                        line.display_code or line.code for line in lines[:6])})
            else:
                cache[key] = ("", _("no national tariff line in the data"))
    return cache[key]


def _price(product, *, market, incoterm, ship_date, currency, origin_proof, cache: dict, freight=None):
    """One unit priced exactly as `tijara price` with the product's catalog values: (unit value, currency, error)."""
    from tijara.pricing.services import price_calculate

    variant = next(iter(product.variants.all()), None)
    if variant is None:
        return None, "", _("the product has no price (add a variant)")
    weight = product.packed_weight_kg or product.weight_kg
    dims = _dims_text(product)
    key = (product.hs_code, variant.price_mad, weight, dims, origin_proof, freight)
    if key not in cache:
        try:
            result = price_calculate(hs=product.hs_code or None, market=market, exw=variant.price_mad, currency="MAD",
                                     weight_kg=weight, dims_cm=dims, incoterm=incoterm, channel="direct",
                                     ship_date=ship_date, origin_proof=origin_proof, retail_currency=currency or None,
                                     freight=freight)
        except TijaraError as exc:
            cache[key] = (None, "", exc.message, [])
        else:
            cache[key] = (result.retail_price, result.retail_currency, "", result.warnings)
    return cache[key]


def _dims_text(product) -> str | None:
    dims = (product.packed_length_cm, product.packed_width_cm, product.packed_height_cm)
    if all(dims):
        return "x".join(format(d.normalize(), "f") for d in dims)
    return None


def _exporter(organisation, address: str) -> Party:
    # The profile has no street address: the city is the default, the shipment may give the full address.
    return Party(name=organisation.legal_name or organisation.public_name,
                 address=(address or organisation.city or "").strip(),
                 country="MAR", ice=organisation.ice, rc=organisation.rc_number,
                 artisan_card=organisation.artisan_card_number, phone=organisation.phone)


def shipment_data(*, organisation, lines: list[dict], market: str, buyer: dict, incoterm: str = "DAP",
                  place: str = "", ship_date=None, language: str = "fr", currency: str = "",
                  parcels: list[dict] | None = None, invoice_number: str = "", exporter_address: str = "",
                  invoice_date: date | None = None, freight=None) -> ShipmentData:
    """Gather a shipment's inputs from the catalog, the organisation profile, pricing, tariffs and facts.

    `freight` (MAD) is the carrier's quote for the whole consignment: it is spread over the units by packed weight
    (by unit when a packed weight is missing) and each line is priced with its share, as `tijara price --freight`.
    """
    from tijara.catalog.selectors import product_text, products_for
    from tijara.pricing.services import convert

    c = _clean(lines=lines, market=market, buyer=buyer, incoterm=incoterm, place=place, ship_date=ship_date,
               language=language, currency=currency, parcels=parcels, freight=freight)
    skus = [line["sku"] for line in c["lines"]]
    products = {p.sku: p for p in products_for(organisation=organisation).filter(sku__in=skus)}
    missing = [sku for sku in skus if sku not in products]
    if missing:
        raise TijaraError("unknown_sku", _("Not in your catalog: %(skus)s.") % {"skus": ", ".join(missing)},
                          field="products")
    buyer_lang = compose.buyer_language(c["market"], c["buyer"]["language"])
    price_cache: dict = {}
    tariff_cache: dict = {}
    notes: list[str] = []
    warned: dict[str, list[str]] = {}  # pricing warning → SKUs (one note per warning, not per line)
    gathered: list[LineIn] = []
    currency_code = c["currency"]
    shares = _freight_shares(c["freight_mad"], c["lines"], products, notes)
    for item in c["lines"]:
        product = products[item["sku"]]
        text, served = product_text(product, buyer_lang)
        hs = "".join(ch for ch in product.hs_code if ch.isdigit())
        unit, priced_currency, error, warnings = _price(
            product, market=c["market"], incoterm=c["incoterm"], ship_date=c["ship_date"], currency=currency_code,
            origin_proof=product.imported_materials is not True, cache=price_cache, freight=shares.get(product.sku))
        if priced_currency:
            currency_code = currency_code or priced_currency
        for warning in warnings:
            warned.setdefault(warning, []).append(product.sku)
        national, note = _national_line(hs, c["market"], c["ship_date"], tariff_cache) if hs else ("", "")
        gathered.append(LineIn(
            sku=product.sku, description=text.title if text else product.sku, description_language=served,
            quantity=item["quantity"], priced_unit_value=unit,
            unit_value=Decimal(item["unit_value"]) if item["unit_value"] else None, hs6=hs[:6],
            national_line=national if national.replace(".", "").replace(" ", "") != hs[:6] else "",
            national_note=note, net_kg=product.weight_kg, gross_kg=product.packed_weight_kg,
            dims_cm=_dims(_dims_text(product)), imported_materials=product.imported_materials,
            materials=product.materials_text, pricing_error=error,
        ))
    for warning, skus in warned.items():
        # « ، » in Arabic; each SKU isolated, so a list of Latin codes keeps its order in a right-to-left sentence
        shown = l10n.joined(l10n.isolate(sku) for sku in dict.fromkeys(skus[:5])) + (
            " …" if len(set(skus)) > 5 else "")
        notes.append(_("%(sku)s: %(warning)s") % {"sku": shown, "warning": warning})
    if not currency_code:
        from tijara.pricing.services import market_currency

        currency_code = market_currency(c["market"])
    eur_rate = None
    rate_note = ""
    try:
        eur_rate = convert(amount="1", from_currency=currency_code, to_currency="EUR", on=c["ship_date"]).rate
        if currency_code != "MAD":
            rate = convert(amount="1", from_currency="MAD", to_currency=currency_code, on=c["ship_date"])
            rate_note = f"MAD → {currency_code}: {rate.source} ({rate.rate_date})"
    except TijaraError as exc:
        notes.append(exc.message)
    parcels_in = [ParcelIn(contents=[(sku, qty) for sku, qty in p["contents"]],
                           gross_kg=Decimal(p["gross_kg"]) if p["gross_kg"] else None,
                           net_kg=_parcel_net(p["contents"], products),
                           dims_cm=_dims(p["dims_cm"]) if p["dims_cm"] else None) for p in c["parcels"]]
    day = c["ship_date"]
    return ShipmentData(
        exporter=_exporter(organisation, exporter_address), buyer=Party(**c["buyer"]), market=c["market"],
        incoterm=c["incoterm"], place=c["place"], ship_date=day,
        invoice_number=invoice_number or f"{organisation.slug.upper()[:16]}-{day:%Y%m%d}",
        invoice_date=invoice_date or timezone.localdate(), currency=currency_code, lines=gathered,
        exporter_language=c["language"], parcels=parcels_in or None, facts=_facts(),
        eur_per_unit_currency=eur_rate, pricing_notes=list(dict.fromkeys(notes)), rate_note=rate_note,
    )


def _freight_shares(freight_mad: Decimal | None, lines: list[dict], products: dict, notes: list[str]) -> dict:
    """Freight per unit of each SKU (MAD, to the centime): by packed weight, or by unit when one is missing."""
    if not freight_mad:
        return {}
    weights = {line["sku"]: products[line["sku"]].packed_weight_kg for line in lines}
    units = {}
    for line in lines:
        units[line["sku"]] = units.get(line["sku"], 0) + line["quantity"]
    if all(weights.values()):
        total = sum(weights[sku] * qty for sku, qty in units.items())
        share = {sku: freight_mad * weights[sku] / total for sku in units}
    else:
        notes.append(_("Freight is spread by unit, not by weight: a packed weight is missing."))
        count = sum(units.values())
        share = dict.fromkeys(units, freight_mad / count)
    return {sku: value.quantize(Decimal("0.01")) for sku, value in share.items()}


def _parcel_net(contents, products) -> Decimal | None:
    total = Decimal(0)
    for sku, qty in contents:
        product = products.get(sku)
        if product is None or product.weight_kg is None:
            return None
        total += product.weight_kg * qty
    return total


def bundle_for(*, organisation, lines: list[dict], market: str, buyer: dict, incoterm: str = "DAP", place: str = "",
               ship_date=None, language: str = "fr", currency: str = "", parcels: list[dict] | None = None,
               invoice_number: str = "", exporter_address: str = "", freight=None) -> Bundle:
    """Compose a bundle without saving anything (the caller has authorised the organisation)."""
    return compose.bundle_compose(shipment_data(
        organisation=organisation, lines=lines, market=market, buyer=buyer, incoterm=incoterm, place=place,
        ship_date=ship_date, language=language, currency=currency, parcels=parcels, invoice_number=invoice_number,
        exporter_address=exporter_address, freight=freight))


def bundle_build(*, shipment: Shipment) -> Bundle:
    """The bundle of a saved shipment."""
    return compose.bundle_compose(shipment_data(
        organisation=shipment.organisation, lines=shipment.lines, market=shipment.market, buyer=shipment.buyer,
        incoterm=shipment.incoterm, place=shipment.place, ship_date=shipment.ship_date, language=shipment.language,
        currency=shipment.currency, parcels=shipment.parcels, exporter_address=shipment.exporter_address,
        freight=shipment.freight_mad,
        invoice_number=shipment.invoice_number or f"{shipment.organisation.slug.upper()[:16]}-"
                                                  f"{shipment.ship_date:%Y}-{shipment.pk:04d}",
        invoice_date=shipment.created_at.date() if shipment.created_at else None))


# --------------------------------------------------------------------------------------------- files


def bundle_files(*, bundle: Bundle) -> list[tuple[str, bytes]]:
    """Every file of the bundle: per language one PDF (invoice, packing list, CN23 sheet, origin data, notes) and
    one XLSX invoice; the CN23 data and the bundle summary as JSON."""
    from tijara.documents import render

    files = []
    for language in bundle.languages:
        files.append((f"documents-{language}.pdf", render.bundle_pdf(bundle, language)))
        files.append((f"invoice-{language}.xlsx", render.invoice_xlsx(bundle, language)))
    files.append(("cn23.json", json.dumps(bundle.cn23(), ensure_ascii=False, indent=2).encode()))
    files.append(("bundle.json", json.dumps(bundle.summary(), ensure_ascii=False, indent=2).encode()))
    return files


def bundle_zip(*, bundle: Bundle) -> bytes:
    """The bundle's files in one ZIP archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in bundle_files(bundle=bundle):
            archive.writestr(f"{bundle.data.invoice_number}/{name}", content)
    return buffer.getvalue()


def bundle_write(*, bundle: Bundle, out_dir: str | Path) -> list[str]:
    """Write the bundle's files into `out_dir` (created if needed); returns the paths written."""
    directory = Path(out_dir)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        paths = []
        for name, content in bundle_files(bundle=bundle):
            path = directory / name
            path.write_bytes(content)
            paths.append(str(path))
    except OSError as exc:
        raise TijaraError("write_failed", _("Cannot write the files to %(dir)s: %(error)s")
                          % {"dir": directory, "error": exc.strerror or exc}, field="out") from None
    return paths


# --------------------------------------------------------------------------------------------- shipments


def _guard(actor, organisation) -> None:
    if actor is None or not actor.is_authenticated or not can_write(user=actor, organisation=organisation):
        raise PermissionDenied("forbidden", _("Only members of the organisation can prepare its documents."))


_FIELDS = ("lines", "market", "buyer", "incoterm", "place", "ship_date", "language", "currency", "parcels",
           "freight_mad")


@transaction.atomic
def shipment_create(*, actor, organisation, lines: list[dict], market: str, buyer: dict, incoterm: str = "DAP",
                    place: str = "", ship_date=None, language: str = "fr", currency: str = "",
                    parcels: list[dict] | None = None, invoice_number: str = "", exporter_address: str = "",
                    quote=None, freight=None) -> Shipment:
    """Save a shipment of the actor's organisation (products must be in its catalog)."""
    _guard(actor, organisation)
    c = _clean(lines=lines, market=market, buyer=buyer, incoterm=incoterm, place=place, ship_date=ship_date,
               language=language, currency=currency, parcels=parcels, freight=freight)
    _check_skus(organisation, c["lines"])
    return Shipment.objects.create(organisation=organisation, created_by=actor, quote=quote,
                                   invoice_number=invoice_number.strip()[:40],
                                   exporter_address=exporter_address.strip()[:300], **{k: c[k] for k in _FIELDS})


@transaction.atomic
def shipment_update(*, actor, shipment: Shipment, lines: list[dict], market: str, buyer: dict, incoterm: str = "DAP",
                    place: str = "", ship_date=None, language: str = "fr", currency: str = "",
                    parcels: list[dict] | None = None, invoice_number: str = "",
                    exporter_address: str = "", freight=None) -> Shipment:
    """Change a shipment (all-or-nothing)."""
    _guard(actor, shipment.organisation)
    c = _clean(lines=lines, market=market, buyer=buyer, incoterm=incoterm, place=place, ship_date=ship_date,
               language=language, currency=currency, parcels=parcels, freight=freight)
    _check_skus(shipment.organisation, c["lines"])
    for key in _FIELDS:
        setattr(shipment, key, c[key])
    shipment.invoice_number = invoice_number.strip()[:40]
    shipment.exporter_address = exporter_address.strip()[:300]
    shipment.save()
    return shipment


def _check_skus(organisation, lines: list[dict]) -> None:
    from tijara.catalog.selectors import products_for

    skus = {line["sku"] for line in lines}
    found = set(products_for(organisation=organisation).filter(sku__in=skus).values_list("sku", flat=True))
    missing = sorted(skus - found)
    if missing:
        raise TijaraError("unknown_sku", _("Not in your catalog: %(skus)s.") % {"skus": ", ".join(missing)},
                          field="products")


def quote_prefill(*, quote) -> dict:
    """Shipment fields taken from a marketplace quote: lines (with the quoted unit values), buyer, market, Incoterm."""
    inquiry = quote.inquiry
    buyer_org = inquiry.buyer_organisation
    name = (buyer_org.legal_name if buyer_org else "") or inquiry.buyer.get_full_name()
    address = ", ".join(part for part in ((buyer_org.city if buyer_org else ""),) if part)
    lines = [{"sku": line.product.sku, "quantity": line.quantity, "unit_value": str(line.unit_price)}
             for line in quote.lines.select_related("product") if line.product is not None]
    return {
        "lines": lines, "market": inquiry.destination_country, "incoterm": quote.incoterm or "DAP",
        "currency": quote.currency,
        "buyer": {"name": name, "address": address, "country": inquiry.destination_country,
                  "language": (inquiry.buyer.preferred_language or "")[:2], "email": inquiry.buyer.email},
    }


def shipment_from_quote(*, actor, quote, ship_date=None, language: str = "fr") -> Shipment:
    """A shipment pre-filled from a quote the actor's organisation sent."""
    organisation = quote.inquiry.maker
    _guard(actor, organisation)
    data = quote_prefill(quote=quote)
    return shipment_create(actor=actor, organisation=organisation, ship_date=ship_date or timezone.localdate(),
                           language=language, quote=quote, **data)

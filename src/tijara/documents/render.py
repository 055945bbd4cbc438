"""Renderers of a composed bundle: one PDF per language (WeasyPrint, Arabic shaped right to left) and the invoice as
XLSX (openpyxl; text cells always written as text, never as formulas). Numbers and dates use the document language's
CLDR locale through Babel (ar → ar_MA with digits 0–9, fr → fr_FR, en → en)."""

from __future__ import annotations

import io
from decimal import Decimal

import pycountry
from babel import Locale
from babel.dates import format_skeleton
from babel.numbers import format_decimal
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tijara.core.spreadsheet import sheet_title
from tijara.core.unicode import strip_control_characters
from tijara.documents.compose import Bundle, bundle_compose

LOCALES = {"ar": "ar_MA", "fr": "fr_FR", "en": "en"}

EUR1_LABELS = {
    "exporter": gettext_lazy("Exporter (name, full address, country)"),
    "trade_between": gettext_lazy("Certificate used in preferential trade between … and …"),
    "consignee": gettext_lazy("Consignee (name, full address, country) (optional)"),
    "origin_country": gettext_lazy("Country in which the products are considered as originating"),
    "destination": gettext_lazy("Country of destination"),
    "transport": gettext_lazy("Transport details (optional)"),
    "remarks": gettext_lazy("Remarks"),
    "goods": gettext_lazy("Item number; marks and numbers; number and kind of packages; description of goods"),
    "gross_mass": gettext_lazy("Gross mass (kg)"),
    "invoices": gettext_lazy("Invoices (optional)"),
    "customs_endorsement": gettext_lazy("Customs endorsement (filled by customs)"),
    "exporter_declaration": gettext_lazy("Declaration by the exporter (signed by you)"),
}


class Fmt:
    """Locale formatting for one document language."""

    def __init__(self, language: str):
        self.language = language
        self.locale = LOCALES.get(language, "en")
        self._territories = Locale.parse(self.locale).territories

    def num(self, value: Decimal | None, pattern: str = "#,##0.00") -> str:
        return "—" if value is None else format_decimal(value, format=pattern, locale=self.locale)

    def kg(self, value: Decimal | None) -> str:
        return "—" if value is None else format_decimal(value, format="#,##0.###", locale=self.locale)

    def money(self, value: Decimal | None, currency: str) -> str:
        if value is None:
            return "—"
        from tijara.core import l10n

        # the site's one formatter: letter symbols kept apart from digits (MAD 12.50), US$ named in Arabic
        return l10n.money(value, currency, lang=self.language)

    def date(self, value) -> str:
        return format_skeleton("yMMMd", value, locale=self.locale) if value else "—"

    def country(self, code: str) -> str:
        country = pycountry.countries.get(alpha_3=code) if code else None
        if country is None:
            return code or "—"
        return self._territories.get(country.alpha_2, country.name)

    def dims(self, dims, unit: bool = True) -> str:
        """`146,6 × 45 × 11,5 cm` in the language's figures; without the unit under a "(cm)" heading."""
        if not dims:
            return "—"
        text = " × ".join(format_decimal(d, format="#,##0.#", locale=self.locale) for d in dims)
        return f"{text} cm" if unit else text


def _context(bundle: Bundle, language: str) -> dict:
    f = Fmt(language)
    d = bundle.data
    # Checks and unknowns in the document's language (composition is pure and cheap).
    local = bundle_compose(d)
    lines = [{
        "line": line, "unit": f.num(line.unit_value), "total": f.num(line.total_value), "net": f.kg(line.net_kg),
        "gross": f.kg(line.gross_kg), "origin": f.country(line.origin), "qty": f.num(Decimal(line.quantity), "#,##0"),
    } for line in bundle.lines]
    parcels = [{
        "numbers": g[0].number if len(g) == 1 else f"{g[0].number}–{g[-1].number}", "of": g[0].of,
        "net": f.kg(g[0].net_kg),
        "gross": f.kg(g[0].gross_kg), "dims": f.dims(g[0].dims_cm), "count": len(g),
        "contents": ", ".join(f"{sku} × {f.num(Decimal(qty), '#,##0')}" for sku, qty in g[0].contents),
    } for g in _parcel_groups(bundle.parcels)]
    return {
        "b": bundle, "d": d, "f": f, "lines": lines, "parcels": parcels, "checks": local.checks,
        "unknowns": local.unknowns, "facts": bundle.facts_used,
        "exporter_country": f.country(d.exporter.country), "buyer_country": f.country(d.buyer.country),
        "market_name": f.country(d.market), "ship_date": f.date(d.ship_date), "invoice_date": f.date(d.invoice_date),
        "total_value": f.money(bundle.total_value, d.currency), "total_net": f.kg(bundle.total_net_kg),
        "total_gross": f.kg(bundle.total_gross_kg), "total_qty": f.num(Decimal(bundle.total_quantity), "#,##0"),
        "total_eur": f.money(bundle.origin.total_eur, "EUR") if bundle.origin.total_eur is not None else "",
        "limit_eur": f.money(bundle.origin.limit_eur, "EUR"),
        "eur1": _eur1(bundle, f),
        "buyer_language_name": Locale.parse(LOCALES[bundle.buyer_language]).get_display_name(f.locale),
        "origin_lines": ", ".join(str(n) for n in bundle.origin.preferential_lines),
        "excluded_lines": ", ".join(str(n) for n in bundle.origin.excluded_lines),
        "pem_fact": d.facts.get("AGR-EU-03"), "parcel_count": len(bundle.parcels),
        "marks": _iso(f"{d.buyer.name[:30]} / {d.invoice_number}".strip(" /")),
        # Names and addresses keep their own direction inside a right-to-left page (Unicode isolates: WeasyPrint
        # does not apply `unicode-bidi`).
        "ex_name": _iso(d.exporter.name), "ex_address": _iso(d.exporter.address or "—"),
        "buyer_name": _iso(d.buyer.name or "—"), "buyer_address": _iso(d.buyer.address or "—"),
        "LANGUAGE_CODE": language, "BIDI": language == "ar",
    }


def _eur1(bundle: Bundle, f: Fmt) -> list[tuple[str, str, str]]:
    """EUR.1 boxes with countries named in the document's language."""
    d = bundle.data
    names = {"trade_between": f"{f.country('MAR')} — {f.country(d.market)}", "origin_country": f.country("MAR"),
             "destination": f.country(d.market),
             "consignee": f"{d.buyer.name}, {d.buyer.address}, {f.country(d.buyer.country)}",
             "exporter": f"{d.exporter.name}, {d.exporter.address}, {f.country('MAR')}"
                         + (f", ICE {d.exporter.ice}" if d.exporter.ice else ""),
             "invoices": f"{d.invoice_number} ({f.date(d.invoice_date)})"}
    gross = [line.gross_kg for line in bundle.lines if line.preferential]
    if gross and None not in gross:
        names["gross_mass"] = f"{f.kg(sum(gross))} kg"
    return [(box, EUR1_LABELS[key], _iso(names.get(key, value))) for box, key, value in bundle.origin.eur1_boxes]


def _iso(text: str) -> str:
    return f"\u2068{text}\u2069" if text else text


def _parcel_groups(parcels) -> list[list]:
    """Consecutive identical parcels (same contents, weights and size) as one group: one packing-list row."""
    groups: list[list] = []
    for parcel in parcels:
        key = (parcel.contents, parcel.net_kg, parcel.gross_kg, parcel.dims_cm)
        if groups and (groups[-1][0].contents, groups[-1][0].net_kg, groups[-1][0].gross_kg,
                       groups[-1][0].dims_cm) == key:
            groups[-1].append(parcel)
        else:
            groups.append([parcel])
    return groups


def bundle_html(bundle: Bundle, language: str) -> str:
    """The bundle's documents as one HTML page in `language` (what the PDF prints)."""
    with translation.override(language):
        return render_to_string("documents/bundle_pdf.html", _context(bundle, language))


def bundle_pdf(bundle: Bundle, language: str) -> bytes:
    """Invoice, packing list, CN22/CN23 sheet, origin data and the notes page as one PDF in `language`."""
    from weasyprint import HTML

    return HTML(string=bundle_html(bundle, language), base_url=".").write_pdf()


def _text(cell, value) -> None:
    """Write `value` as a text cell: a description starting with "=" must never become a formula; control
    characters a worksheet cannot hold are dropped."""
    cell.value = "" if value is None else strip_control_characters(str(value))
    cell.data_type = "s"


def invoice_xlsx(bundle: Bundle, language: str) -> bytes:
    """The commercial invoice and the packing list as an XLSX workbook in `language`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    d = bundle.data
    f = Fmt(language)
    with translation.override(language):
        wb = Workbook()
        ws = wb.active
        ws.title = sheet_title(_("Invoice"))
        ws.sheet_view.rightToLeft = language == "ar"
        rows = [
            (_("Commercial invoice"), ""),
            (_("Invoice number"), d.invoice_number),
            (_("Invoice date"), f.date(d.invoice_date)),
            (_("Exporter"), f"{d.exporter.name}, {d.exporter.address}, {f.country(d.exporter.country)}"),
            (_("ICE"), d.exporter.ice or _("Not given")),
            (_("RC number"), d.exporter.rc or _("Not given")),
            (_("Artisan card number"), d.exporter.artisan_card or _("Not given")),
            (_("Buyer"), f"{d.buyer.name}, {d.buyer.address}, {f.country(d.buyer.country)}"),
            (_("Incoterm (Incoterms® 2020)"), f"{d.incoterm} {d.place}".strip()),
            (_("Currency"), d.currency),
            (_("Ship date"), f.date(d.ship_date)),
        ]
        for r, (key, value) in enumerate(rows, start=1):
            _text(ws.cell(r, 1), key)
            _text(ws.cell(r, 2), value)
        ws.cell(1, 1).font = Font(bold=True, size=14)
        head = [_("No."), _("Description"), _("HS code"), _("National tariff line"), _("Country of origin"),
                _("Quantity"), _("Unit value"), _("Total value"), _("Net weight (kg)"), _("Gross weight (kg)")]
        start = len(rows) + 2
        for c, title in enumerate(head, start=1):
            _text(ws.cell(start, c), title)
            ws.cell(start, c).font = Font(bold=True)
        r = start
        for line in bundle.lines:
            r += 1
            ws.cell(r, 1).value = line.position
            _text(ws.cell(r, 2), line.description if line.description_in_buyer_language else
                  f"{line.description} ({_('not available in the buyer’s language')})")
            _text(ws.cell(r, 3), line.hs6)
            _text(ws.cell(r, 4), line.national_line)
            _text(ws.cell(r, 5), f.country(line.origin))
            ws.cell(r, 6).value = line.quantity
            for c, value in ((7, line.unit_value), (8, line.total_value), (9, line.net_kg), (10, line.gross_kg)):
                ws.cell(r, c).value = value
                ws.cell(r, c).number_format = "#,##0.00" if c in (7, 8) else "#,##0.000"
        r += 1
        _text(ws.cell(r, 2), _("Total"))
        ws.cell(r, 6).value = bundle.total_quantity
        for c, value in ((8, bundle.total_value), (9, bundle.total_net_kg), (10, bundle.total_gross_kg)):
            ws.cell(r, c).value = value
            ws.cell(r, c).number_format = "#,##0.00" if c == 8 else "#,##0.000"
            ws.cell(r, c).font = Font(bold=True)
        ws.column_dimensions["B"].width = 48
        pl = wb.create_sheet(sheet_title(_("Packing list")))
        pl.sheet_view.rightToLeft = language == "ar"
        for c, title in enumerate([_("Parcel"), _("Marks and numbers"), _("Contents"), _("Net weight (kg)"),
                                   _("Gross weight (kg)"), _("Dimensions (cm)")], start=1):
            _text(pl.cell(1, c), title)
            pl.cell(1, c).font = Font(bold=True)
        for r, p in enumerate(bundle.parcels, start=2):
            pl.cell(r, 1).value = p.number
            _text(pl.cell(r, 2), p.marks)
            _text(pl.cell(r, 3), ", ".join(f"{sku} × {qty}" for sku, qty in p.contents))
            for c, value in ((4, p.net_kg), (5, p.gross_kg)):
                pl.cell(r, c).value = value
                pl.cell(r, c).number_format = "#,##0.000"
            _text(pl.cell(r, 6), f.dims(p.dims_cm, unit=False) if p.dims_cm else "")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()

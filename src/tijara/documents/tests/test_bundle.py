"""A rug shipment to France, the USA and the UK drafted into a document bundle (real DB, real pricing, real PDF)."""

import io
import json
import re
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from PIL import Image

from tijara.catalog import services as catalog
from tijara.core import l10n
from tijara.documents import render, services
from tijara.documents.tests.fixtures import make_rug
from tijara.knowledge.ids import FACT_ID

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils (pdftotext) is not installed")]

SHIP = "2026-12-10"


def _bundle(org, market, buyer, *, lines=None, language="ar", **extra):
    return services.bundle_for(organisation=org, lines=lines or [{"sku": "RUG-BO-1", "quantity": 2}], market=market,
                               buyer=buyer, incoterm="DAP", place=buyer["address"].split(",")[-1].strip(),
                               ship_date=SHIP, language=language, **extra)


def _pdf_text(tmp_path, content: bytes, name="doc") -> str:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _price_json(**args) -> dict:
    out = io.StringIO()
    argv = [f"--{k.replace('_', '-')}={v}" for k, v in args.items()]
    call_command("price", *argv, "--json", stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.parametrize(("market", "buyer_fixture", "buyer_language", "currency"), [
    ("FRA", "buyer_fr", "fr", "EUR"), ("USA", "buyer_us", "en", "USD"), ("GBR", "buyer_uk", "en", "GBP")])
def test_rug_bundle_in_arabic_and_buyer_language_agrees_with_tijara_price(
        exporter, rug, market, buyer_fixture, buyer_language, currency, request, tmp_path):
    # given a demo rug shipment from an Arabic-speaking exporter
    bundle = _bundle(exporter, market, request.getfixturevalue(buyer_fixture))
    # then the documents come in Arabic and the buyer's language
    assert bundle.languages == ["ar", buyer_language]
    assert bundle.data.currency == currency
    # and the unit value is exactly `tijara price` for one unit with the catalog's values
    priced = _price_json(hs="570110", market=market, exw="4200", weight_kg="11", dims_cm="160x40x40",
                         incoterm="DAP", ship_date=SHIP)
    line = bundle.lines[0]
    assert priced["retail_price"]["currency"] == currency
    assert line.unit_value == Decimal(priced["retail_price"]["amount"])
    assert line.total_value == Decimal(priced["retail_price"]["amount"]) * 2
    assert line.net_kg == Decimal("19.000") and line.gross_kg == Decimal("22.000")
    # and every file is written
    paths = services.bundle_write(bundle=bundle, out_dir=tmp_path / "out")
    names = sorted(p.rsplit("/", 1)[1] for p in paths)
    assert names == sorted(["bundle.json", "cn23.json", "documents-ar.pdf", f"documents-{buyer_language}.pdf",
                            "invoice-ar.xlsx", f"invoice-{buyer_language}.xlsx"])
    cn23 = json.loads((tmp_path / "out" / "cn23.json").read_text())
    assert cn23["items"][0]["hs_tariff_number"] == "570110"
    assert cn23["items"][0]["country_of_origin"] == "MAR"
    assert cn23["items"][0]["quantity"] == 2
    assert cn23["total_value"] == str(line.total_value)
    assert cn23["sender"]["name"] == "Coopérative A"
    assert cn23["form_choice"] == "check"  # no sourced CN22/CN23 limit: the bundle says which to check


def test_french_invoice_uses_french_number_formats(exporter, buyer_fr, owner_user, tmp_path):
    make_rug(owner_user, exporter, "RUG-BIG", price="1234567.5", weight_kg="1200", packed_weight_kg="1234.5")
    bundle = _bundle(exporter, "FRA", buyer_fr, lines=[{"sku": "RUG-BIG", "quantity": 1}], language="fr")
    text = _pdf_text(tmp_path, render.bundle_pdf(bundle, "fr"))
    # thousands grouped with a narrow no-break space, decimal comma
    unit = render.Fmt("fr").num(bundle.lines[0].unit_value)
    assert re.fullmatch(r"\d{1,3}(\u202f\d{3})+,\d\d", unit)
    assert unit.replace("\u202f", " ") in text.replace("\u202f", " ")
    assert "1 234,5" in text.replace("\u202f", " ")  # gross weight in the packing list
    assert "Facture commerciale" in text
    # the note on unit values names the calculator in words, never the command line
    assert "calculateur de prix" in " ".join(text.split()) and "tijara price" not in text


def test_arabic_pdf_renders_right_to_left_with_shaped_text(exporter, rug, buyer_fr, tmp_path):
    bundle = _bundle(exporter, "FRA", buyer_fr)
    pdf = tmp_path / "ar.pdf"
    pdf.write_bytes(render.bundle_pdf(bundle, "ar"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "الفاتورة التجارية" in text  # logical order survives: shaped, not reversed or broken
    assert "المغرب" in text
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = page.size
    top = page.point(lambda v: 255 if v < 128 else 0).crop((0, 0, width, height // 10)).getbbox()
    assert top is not None
    assert width - top[2] < top[0]  # the title sits against the right margin


def test_missing_ice_and_weight_produce_named_checks(organisation, owner_user, buyer_fr, tmp_path):
    # given an exporter without ICE and a rug without weights
    make_rug(owner_user, organisation, "RUG-NOWEIGHT", weight_kg="", packed_weight_kg="")
    bundle = _bundle(organisation, "FRA", buyer_fr, lines=[{"sku": "RUG-NOWEIGHT", "quantity": 1}])
    fields = [c.field for c in bundle.checks]
    assert "exporter.ice" in fields
    assert "lines[1].net_weight" in fields and "lines[1].gross_weight" in fields
    assert "parcels[1].gross_weight" in fields
    # and the PDF says so instead of printing a blank
    text = _pdf_text(tmp_path, render.bundle_pdf(bundle, "en"))
    assert "ICE: Not given" in text
    # each check in words (the message names the product and what to enter), never its field key
    assert "the net weight is missing" in text and "exporter.ice" not in text and "lines[1].net_weight" not in text


def test_unverified_origin_wording_leaves_a_marked_placeholder(exporter, rug, buyer_fr, tmp_path):
    bundle = _bundle(exporter, "FRA", buyer_fr, language="en")
    assert bundle.origin.declaration_allowed  # well under EUR 6,000 (MA-ORI-02)
    assert bundle.origin.declaration_wording == ""
    assert "origin.declaration_wording" in [c.field for c in bundle.checks]
    text = _pdf_text(tmp_path, render.bundle_pdf(bundle, "en"))
    assert "[PLACEHOLDER — official origin declaration text required]" in text
    assert "eur-lex.europa.eu/eli/dec/2025/2664/oj" in text
    # the notes page cites every fact relied upon with its date and confidence
    cited = {f.fact_id for f in bundle.facts_used}
    assert {"MA-ORI-01", "MA-ORI-02", "AGR-EU-03", "MA-POST-03"} <= cited
    notes = " ".join(text[text.index("Facts relied upon"):].split())
    assert "Origin declaration on the invoice" in notes and "undated" in notes  # a fact by its title,
    assert not FACT_ID.search(text), FACT_ID.findall(text)  # its ID is an internal key (kept in the JSON),
    assert "“Origin declaration on the invoice" in " ".join(text.split())  # cited in the text by its title too
    assert "Check the source" in notes and "Official" in notes
    assert "site only: the exact page address was not recorded" in notes  # MA-ORI-02's URL is approximate
    assert json.loads(json.dumps(bundle.summary()))["facts"][1]["url_approximate"] is True


def test_above_the_declaration_limit_only_an_eur1_is_offered(exporter, owner_user, buyer_fr, tmp_path):
    make_rug(owner_user, exporter, "RUG-DEAR", price="90000")
    bundle = _bundle(exporter, "FRA", buyer_fr, lines=[{"sku": "RUG-DEAR", "quantity": 1}], language="en")
    assert bundle.origin.total_eur > Decimal("6000")
    assert not bundle.origin.declaration_allowed
    assert "origin.declaration_wording" not in [c.field for c in bundle.checks]
    text = _pdf_text(tmp_path, render.bundle_pdf(bundle, "en"))
    assert "PLACEHOLDER" not in text
    assert "EUR.1 movement certificate" in text


def test_us_bundle_gives_importer_information_and_no_certificate(exporter, rug, buyer_us, tmp_path):
    bundle = _bundle(exporter, "USA", buyer_us, language="en")
    assert bundle.origin.group == "us_fta"
    assert {"MA-ORI-04", "AGR-US-04", "AGR-US-02"} <= {f.fact_id for f in bundle.facts_used}
    text = _pdf_text(tmp_path, render.bundle_pdf(bundle, "en"))
    assert "No certificate of origin is needed for the United States" in text
    assert "at least 35%" in text
    assert "PLACEHOLDER" not in text and "EUR.1" not in text


def test_market_without_preference_claims_none(exporter, rug, tmp_path):
    buyer = {"name": "Tokyo Interiors KK", "address": "1-1 Ginza, Tokyo", "country": "JPN"}
    bundle = _bundle(exporter, "JPN", buyer, language="en")
    assert bundle.origin.group == "none" and not bundle.origin.preference_supported
    assert not [c for c in bundle.checks if c.field.endswith(".origin")]
    text = _pdf_text(tmp_path, render.bundle_pdf(bundle, "en"))
    assert "No preferential origin statement" in text


def test_imported_materials_make_origin_doubtful_and_leave_the_line_out(exporter, owner_user, buyer_fr):
    make_rug(owner_user, exporter, "RUG-IMP", imported_materials="yes")
    make_rug(owner_user, exporter, "RUG-BO-1")
    bundle = _bundle(exporter, "FRA", buyer_fr, lines=[{"sku": "RUG-BO-1", "quantity": 1},
                                                        {"sku": "RUG-IMP", "quantity": 1}])
    checks = {c.field: c.message for c in bundle.checks}
    assert "lines[2].origin" in checks and "lines[1].origin" not in checks
    assert bundle.origin.preferential_lines == [1] and bundle.origin.excluded_lines == [2]


def test_text_not_in_buyer_language_and_value_disagreeing_with_pricing_are_checked(exporter, owner_user, buyer_us):
    make_rug(owner_user, exporter, "RUG-FR-ONLY", texts={"fr": {"title": "Tapis en laine"}})
    bundle = _bundle(exporter, "USA", buyer_us, lines=[{"sku": "RUG-FR-ONLY", "quantity": 1, "unit_value": "1.00"}])
    checks = {c.field: c.message for c in bundle.checks}
    # named in words, the languages by name and the values as money, never a code or a command
    assert "(anglais)" in checks["lines[1].description"] and "le texte en français" in checks["lines[1].description"]
    given = l10n.money(Decimal("1.00"), bundle.data.currency, lang="fr")
    assert given in checks["lines[1].unit_value"] and "tijara price" not in checks["lines[1].unit_value"]
    assert bundle.lines[0].description == "Tapis en laine" and not bundle.lines[0].description_in_buyer_language


def test_xlsx_writes_text_as_text_never_formulas(exporter, owner_user, buyer_fr):
    make_rug(owner_user, exporter, "RUG-EQ", texts={"fr": {"title": "=HYPERLINK(\"http://x\",\"clic\")"}})
    bundle = _bundle(exporter, "FRA", buyer_fr, lines=[{"sku": "RUG-EQ", "quantity": 1}], language="fr")
    wb = load_workbook(io.BytesIO(render.invoice_xlsx(bundle, "fr")))
    ws = wb.worksheets[0]
    cells = [c for row in ws.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("=")]
    assert cells and all(c.data_type == "s" for c in cells)
    assert wb.worksheets[1].max_row == 2  # one parcel


def test_unknown_sku_is_an_error_naming_it(exporter, buyer_fr):
    from tijara.core.errors import TijaraError

    with pytest.raises(TijaraError) as exc:
        _bundle(exporter, "FRA", buyer_fr, lines=[{"sku": "NOPE", "quantity": 1}])
    assert "NOPE" in exc.value.message


def test_edited_parcels_replace_the_catalog_ones(exporter, rug, buyer_fr):
    bundle = _bundle(exporter, "FRA", buyer_fr, parcels=[
        {"contents": [["RUG-BO-1", 2]], "gross_kg": "21.5", "dims_cm": "160x60x40"}])
    assert len(bundle.parcels) == 1
    assert bundle.parcels[0].gross_kg == Decimal("21.5") and bundle.parcels[0].net_kg == Decimal("19.0")
    assert bundle.parcels[0].marks.endswith("1/1")


def test_catalog_product_update_accepts_the_imported_materials_flag(rug, owner_user):
    catalog.product_update(actor=owner_user, product=rug, imported_materials="yes")
    rug.refresh_from_db()
    assert rug.imported_materials is True


def test_consignment_freight_is_spread_by_weight_and_priced_like_tijara_price(exporter, rug, owner_user, buyer_fr):
    make_rug(owner_user, exporter, "RUG-HEAVY", packed_weight_kg="33")
    # 2 × 11 kg + 1 × 33 kg = 55 kg: 1100 MAD → 220 MAD per light rug, 660 MAD for the heavy one
    bundle = _bundle(exporter, "FRA", buyer_fr, lines=[{"sku": "RUG-BO-1", "quantity": 2},
                                                        {"sku": "RUG-HEAVY", "quantity": 1}], freight="1100")
    light = _price_json(hs="570110", market="FRA", exw="4200", weight_kg="11", dims_cm="160x40x40", incoterm="DAP",
                        ship_date=SHIP, freight="220.00")
    heavy = _price_json(hs="570110", market="FRA", exw="4200", weight_kg="33", dims_cm="160x40x40", incoterm="DAP",
                        ship_date=SHIP, freight="660.00")
    assert bundle.lines[0].unit_value == Decimal(light["retail_price"]["amount"])
    assert bundle.lines[1].unit_value == Decimal(heavy["retail_price"]["amount"])
    without = _bundle(exporter, "FRA", buyer_fr, lines=[{"sku": "RUG-BO-1", "quantity": 2}])
    assert bundle.lines[0].unit_value > without.lines[0].unit_value


def test_xlsx_drops_control_characters_a_worksheet_cannot_hold(exporter, owner_user, buyer_fr):
    make_rug(owner_user, exporter, "RUG-BEL", texts={"fr": {"title": "Tapis\x07 en laine"}})
    bundle = _bundle(exporter, "FRA", buyer_fr, lines=[{"sku": "RUG-BEL", "quantity": 1}], language="fr")
    wb = load_workbook(io.BytesIO(render.invoice_xlsx(bundle, "fr")))
    values = [c.value for row in wb.worksheets[0].iter_rows() for c in row]
    assert "Tapis en laine" in values


@pytest.mark.parametrize("lang, dims", [("ar", "146,6 × 45 × 11,5"), ("fr", "146,6 × 45 × 11,5"),
                                        ("en", "146.6 × 45 × 11.5")])
def test_xlsx_totals_and_packing_list_are_formatted_figures(exporter, owner_user, buyer_fr, lang, dims):
    """The invoice's total row carries the gross weight too, every weight and value a formatted number; the packing
    list writes dimensions in the language's figures with a multiplication sign (never `146.6x45x11.5`)."""
    make_rug(owner_user, exporter, "RUG-DIM", packed_length_cm="146.6", packed_width_cm="45", packed_height_cm="11.5")
    bundle = _bundle(exporter, "FRA", buyer_fr, lines=[{"sku": "RUG-DIM", "quantity": 1}], language="fr")
    wb = load_workbook(io.BytesIO(render.invoice_xlsx(bundle, lang)))
    ws = wb.worksheets[0]
    total = ws.max_row
    assert ws.cell(total, 10).value == pytest.approx(float(bundle.total_gross_kg))
    assert [ws.cell(total, c).number_format for c in (8, 9, 10)] == ["#,##0.00", "#,##0.000", "#,##0.000"]
    pl = wb.worksheets[1]
    assert pl.cell(2, 6).value == dims
    assert pl.cell(2, 4).number_format == pl.cell(2, 5).number_format == "#,##0.000"


def test_a_note_shared_by_several_products_lists_them_with_the_languages_comma(exporter, owner_user, buyer_fr):
    """« RUG-A، RUG-B: … » on an Arabic page, « RUG-A, RUG-B : … » elsewhere (the active language's list comma)."""
    from django.utils import translation

    for sku in ("RUG-A", "RUG-B"):
        make_rug(owner_user, exporter, sku)
    lines = [{"sku": "RUG-A", "quantity": 1}, {"sku": "RUG-B", "quantity": 1}]
    with translation.override("ar"):
        shared = [u for u in _bundle(exporter, "FRA", buyer_fr, lines=lines).unknowns if "RUG-A" in u]
    # each code isolated: two Latin codes and an Arabic comma would otherwise read left to right in an Arabic line
    assert shared and all("\u2068RUG-A\u2069، \u2068RUG-B\u2069" in u for u in shared)
    with translation.override("en"):
        shared = [u for u in _bundle(exporter, "FRA", buyer_fr, lines=lines, language="en").unknowns if "RUG-A" in u]
    assert shared and all("\u2068RUG-A\u2069, \u2068RUG-B\u2069" in u for u in shared)

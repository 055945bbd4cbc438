"""Bulk import/export: the acceptance file, idempotence, atomicity, photos (ZIP, URL, guards), CLI contract."""

import io
import json
import threading
import zipfile
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from PIL import Image

from tijara.catalog import importer, sheet
from tijara.catalog.models import HSCodeChange, Photo, Product, Variant
from tijara.catalog.tests.fixtures import catalog_image_bytes


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


HEADER = "sku,craft_family,price_mad,stock,hs_code,title_fr,title_en,materials\n"
ACCEPTANCE = HEADER + (
    "IMP-1,rugs,4200,1,5701.10,Tapis Beni Ouarain,Beni Ourain rug,wool 100%\n"
    "IMP-2,pottery,12 dirhams?,4,,Tajine de Safi,,\n"               # bad price
    "IMP-3,spaceships,100,1,,Objet,,\n"                             # unknown craft family
    "IMP-1,rugs,4300,1,,Doublon,,\n"                                # duplicate SKU
    "IMP-4,leather,650,3,9999.99,Pouf en cuir,Leather pouf,\n"      # HS code that does not exist
    "IMP-5,lighting,900,2,,Lanterne en laiton,Brass lantern,brass\n"
    "IMP-6,textiles,300,10,,Plaid handira,Handira throw,wool 70%; cotton 30%\n"
)


def _run(organisation, text, *, dry_run, **kwargs):
    return importer.import_products(organisation=organisation, data=text.encode(), filename="p.csv",
                                    dry_run=dry_run, **kwargs)


def test_acceptance_dry_run_apply_and_reimport(organisation):
    dry = _run(organisation, ACCEPTANCE, dry_run=True)
    assert [(e["row"], e["column"]) for e in dry.errors] == [
        (3, "price_mad"), (4, "craft_family"), (5, "sku"), (6, "hs_code")]
    assert "12 dirhams?" in dry.errors[0]["message"]
    assert "spaceships" in dry.errors[1]["message"]
    assert "row 2" in dry.errors[2]["message"]
    assert "9999.99" in dry.errors[3]["message"] and "does not exist" in dry.errors[3]["message"]
    assert (dry.created, dry.updated, dry.unchanged) == (3, 0, 0)
    assert not Product.objects.filter(organisation=organisation).exists()  # a dry run writes nothing

    applied = _run(organisation, ACCEPTANCE, dry_run=False)
    assert applied.as_dict() == {**dry.as_dict()}
    assert sorted(Product.objects.filter(organisation=organisation).values_list("sku", flat=True)) == [
        "IMP-1", "IMP-5", "IMP-6"]
    rug = Product.objects.get(organisation=organisation, sku="IMP-1")
    assert (rug.hs_code, rug.hs_source) == ("570110", "person")
    assert rug.variants.get().price_mad == Decimal("4200.00")  # the duplicate row (4300) changed nothing
    assert HSCodeChange.objects.filter(product=rug, to_code="570110").count() == 1

    again = _run(organisation, ACCEPTANCE, dry_run=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert [e["row"] for e in again.errors] == [3, 4, 5, 6]


def test_rejected_row_leaves_existing_product_unchanged(organisation):
    _run(organisation, HEADER + "IMP-1,rugs,4200,1,,Tapis,,wool 100%\n", dry_run=False)
    report = _run(organisation, HEADER + "IMP-1,rugs,4500,2,,Tapis modifié,,wool 60%\n", dry_run=False)
    assert [(e["row"], e["column"]) for e in report.errors] == [(2, "materials")]
    product = Product.objects.get(sku="IMP-1")
    assert product.variants.get().price_mad == Decimal("4200.00") and product.texts.get().title == "Tapis"


def test_update_reports_updated_and_keeps_blank_cells(organisation):
    _run(organisation, HEADER + "IMP-1,rugs,4200,1,,Tapis,Rug,wool 100%\n", dry_run=False)
    report = _run(organisation, "sku,price_mad\nIMP-1,4400\n", dry_run=False)
    assert (report.created, report.updated, report.unchanged, report.errors) == (0, 1, 0, [])
    product = Product.objects.get(sku="IMP-1")
    assert product.variants.get().price_mad == Decimal("4400.00") and product.materials[0]["name"] == "wool"


def test_variants_in_several_rows_and_conflicts(organisation):
    text = ("sku,variant_sku,craft_family,size,price_mad,stock,title_fr\n"
            "TAJ-1,TAJ-1-S,pottery,small,250,5,Tajine\n"
            "TAJ-1,TAJ-1-L,,large,400,3,\n"
            "TAJ-1,TAJ-1-XL,ceramics,xl,600,1,\n")
    report = _run(organisation, text, dry_run=False)
    assert [(e["row"], e["column"]) for e in report.errors] == [(4, "craft_family")]
    assert report.created == 1
    assert list(Variant.objects.filter(product__sku="TAJ-1").values_list("sku", flat=True)) == ["TAJ-1-S", "TAJ-1-L"]


def test_headers_in_arabic_xlsx_round_trip(organisation, catalog_product):
    data = importer.export_products(organisation=organisation, fmt="xlsx", language="ar")
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Products", "Guide"]
    assert workbook["Products"]["A1"].value == "المرجع"
    report = importer.import_products(organisation=organisation, data=data, filename="x.xlsx", dry_run=False)
    assert report.as_dict() == {"created": 0, "updated": 0, "unchanged": 1, "errors": []}


def test_csv_round_trip_in_french_headers(organisation, catalog_product):
    data = importer.export_products(organisation=organisation, fmt="csv", language="fr")
    assert data.startswith("\ufeff".encode()) and "Référence (SKU)" in data.decode("utf-8-sig").splitlines()[0]
    report = importer.import_products(organisation=organisation, data=data, filename="x.csv", dry_run=True)
    assert report.as_dict() == {"created": 0, "updated": 0, "unchanged": 1, "errors": []}


def test_template_documents_every_column():
    workbook = load_workbook(io.BytesIO(importer.template(fmt="xlsx", language="fr")))
    guide = [row[0] for row in workbook["Guide"].iter_rows(min_row=2, values_only=True) if row[0]]
    assert "Prix (MAD)" in guide and len(sheet.COLUMNS) <= len(guide)
    assert importer.template(fmt="csv", language="en").decode("utf-8-sig").startswith("SKU,Variant SKU,Craft family")


def test_missing_sku_column_is_a_file_error(organisation):
    from tijara.core.errors import TijaraError

    with pytest.raises(TijaraError, match="No SKU column"):
        _run(organisation, "name,price\nx,1\n", dry_run=True)


# ------------------------------------------------------------------------------------------- photos


def _zip(files: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_photos_from_zip_are_stripped_and_not_duplicated(organisation):
    text = "sku,craft_family,price_mad,photos\nZ-1,wood,300,box-a.jpg; box-b.PNG\nZ-2,wood,300,missing.jpg\n"
    archive = _zip({"photos/box-a.jpg": catalog_image_bytes(gps=True), "box-b.png": catalog_image_bytes("PNG"),
                    "p.csv": text})
    report = importer.import_products(organisation=organisation, data=archive, filename="bundle.zip", dry_run=False)
    assert [(e["row"], e["column"]) for e in report.errors] == [(3, "photos")]
    photos = list(Photo.objects.filter(product__sku="Z-1").order_by("position"))
    assert len(photos) == 2
    with photos[0].original.open("rb") as f:
        raw = f.read()
    assert b"Exif" not in raw and b"PhoneMaker" not in raw
    again = importer.import_products(organisation=organisation, data=archive, filename="bundle.zip", dry_run=False)
    assert (again.unchanged, Photo.objects.filter(product__sku="Z-1").count()) == (1, 2)


def test_pdf_in_zip_rejects_only_its_row(organisation):
    text = "sku,craft_family,price_mad,photos\nZ-1,wood,300,a.jpg\nZ-2,wood,300,b.jpg\n"
    archive = _zip({"a.jpg": catalog_image_bytes(), "b.jpg": b"%PDF-1.4 not an image", "p.csv": text})
    report = importer.import_products(organisation=organisation, data=archive, filename="bundle.zip", dry_run=False)
    assert [(e["row"], e["column"]) for e in report.errors] == [(3, "photos")]
    assert "not a JPEG, PNG or WebP" in report.errors[0]["message"]
    assert list(Product.objects.filter(organisation=organisation).values_list("sku", flat=True)) == ["Z-1"]


@pytest.fixture
def catalog_image_server():
    image = catalog_image_bytes(gps=True)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            if self.path == "/rug.jpg":
                self.send_response(200)
                self.send_header("Content-Type", "image/jpeg")
                self.send_header("Content-Length", str(len(image)))
                self.end_headers()
                self.wfile.write(image)
            else:
                self.send_response(404)
                self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_photo_by_url(organisation, catalog_image_server, settings):
    settings.TIJARA_IMPORT_ALLOW_PRIVATE_URLS = True
    text = (f"sku,craft_family,price_mad,photos\nU-1,rugs,300,{catalog_image_server}/rug.jpg\n"
            f"U-2,rugs,300,{catalog_image_server}/gone.jpg\nU-3,rugs,300,ftp://example.org/a.jpg\n")
    report = _run(organisation, text, dry_run=False)
    assert [(e["row"], e["column"]) for e in report.errors] == [(3, "photos"), (4, "photos")]
    assert "HTTP 404" in report.errors[0]["message"] and "http or https" in report.errors[1]["message"]
    photo = Photo.objects.get(product__sku="U-1")
    assert photo.source_url.endswith("/rug.jpg")
    with photo.feed.open("rb") as f:
        assert not Image.open(f).getexif()
    assert _run(organisation, text, dry_run=False).unchanged == 1


def test_private_addresses_are_not_fetched_by_default(organisation, catalog_image_server):
    report = _run(organisation, f"sku,craft_family,price_mad,photos\nU-1,rugs,300,{catalog_image_server}/rug.jpg\n",
                  dry_run=False)
    assert "private or local address" in report.errors[0]["message"]
    assert not Product.objects.filter(organisation=organisation).exists()


# ------------------------------------------------------------------------------------------- CLI


def test_cli_json_contract(organisation, tmp_path, capsys):
    path = tmp_path / "products.csv"
    path.write_text(ACCEPTANCE, encoding="utf-8")
    call_command("import_products", organisation.slug, str(path), "--dry-run", "--json")
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"created", "updated", "unchanged", "errors"}
    assert all(set(e) == {"row", "column", "message"} for e in out["errors"])
    assert (out["created"], len(out["errors"])) == (3, 4)
    assert not Product.objects.exists()
    call_command("import_products", organisation.slug, str(path), "--json")
    capsys.readouterr()
    call_command("export_products", organisation.slug, "--format", "xlsx", "--out", str(tmp_path / "out.xlsx"))
    call_command("import_products", organisation.slug, str(tmp_path / "out.xlsx"), "--json")
    assert json.loads(capsys.readouterr().out.splitlines()[-1]) == {
        "created": 0, "updated": 0, "unchanged": 3, "errors": []}


def test_cli_as_outsider_is_refused(organisation, outsider_user, tmp_path, catalog_product):
    path = tmp_path / "products.csv"
    path.write_text("sku,price_mad\nCOOP-A-RUG-1,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="No such organisation"):
        call_command("import_products", organisation.slug, str(path), "--json", "--user", outsider_user.email)
    with pytest.raises(CommandError, match="No such organisation"):
        call_command("export_products", organisation.slug, "--out", str(tmp_path / "x.csv"), "--user",
                     outsider_user.email)
    assert catalog_product.variants.get().price_mad == Decimal("4200.00")
    assert not (tmp_path / "x.csv").exists()


def test_a_control_character_typed_through_a_form_or_the_api_does_not_break_the_xlsx_export(organisation,
                                                                                              catalog_product):
    # Django's forms and the API refuse NUL only; a bell (U+0007) can be saved, and a worksheet cannot hold it
    catalog_product.care_instructions = "Brush\x07 gently"
    catalog_product.save()
    data = importer.export_products(organisation=organisation, fmt="xlsx", language="en")
    rows = list(load_workbook(io.BytesIO(data))["Products"].values)
    assert "Brush gently" in rows[1]

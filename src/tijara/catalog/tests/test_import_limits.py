"""Import guards: zip bombs refused before unpacking, row limit while streaming, damaged files as clear errors."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tijara.accounts import services as accounts
from tijara.catalog import importer, sheet
from tijara.catalog.models import Product
from tijara.core.errors import TijaraError

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


def xlsx_bytes(rows: int, *, broken_after: int | None = None, shared_strings: bytes | None = None) -> bytes:
    """A minimal XLSX written by hand (no <dimension> element, as an attacker would): header + `rows` rows.

    With `broken_after`, the XML stops in the middle of the next row (a damaged file).
    """
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    out = io.StringIO()
    out.write(f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}"><sheetData>')
    out.write('<row r="1"><c r="A1" t="inlineStr"><is><t>sku</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>price_mad</t></is></c></row>')
    for i in range(2, rows + 2):
        if broken_after is not None and i > broken_after + 1:
            out.write(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>BROKEN')
            break
        out.write(f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>S{i}</t></is></c><c r="B{i}"><v>10</v></c></row>')
    else:
        out.write("</sheetData></worksheet>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
            'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>'))
        archive.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}">'
                         f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
                         '</Relationships>')
        archive.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" '
                         f'xmlns:r="{rel}"><sheets><sheet name="Products" sheetId="1" r:id="rId1"/></sheets>'
                         '</workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8"?><Relationships '
                         f'xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/worksheet" '
                         'Target="worksheets/sheet1.xml"/></Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml", out.getvalue())
        if shared_strings is not None:
            archive.writestr("xl/sharedStrings.xml", shared_strings)
    return buffer.getvalue()


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_sheet_bomb_in_zip_is_refused_before_unpacking(organisation):
    bomb = zip_of({"products.csv": b"sku,price_mad\n" + b"a" * (60 * MB)})  # about 60 KB packed
    assert len(bomb) < 200_000
    tracemalloc.start()
    try:
        with pytest.raises(TijaraError) as caught:
            importer.import_products(organisation=organisation, data=bomb, filename="bomb.zip", dry_run=True)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert caught.value.code == "too_large" and caught.value.status == 413
    assert "products.csv" in caught.value.message
    assert peak < 5 * MB  # nothing near the unpacked size was allocated


def test_photo_member_with_bomb_ratio_is_refused(organisation):
    photos = zip_of({"rug.jpg": b"\0" * (8 * MB)})  # 8 MB of zeros pack to a few KB: a ratio of about 1000
    with pytest.raises(TijaraError) as caught:
        importer.import_products(organisation=organisation, data=b"sku,craft_family,photos\nZ-1,rugs,rug.jpg\n",
                                 filename="p.csv", zip_data=photos, dry_run=True)
    assert caught.value.code == "too_large" and "rug.jpg" in caught.value.message
    assert "ZIP bomb" in caught.value.message


def test_too_many_unpacked_bytes_in_total_are_refused():
    from tijara.core.archives import ZipLimits, zip_open_checked

    data = zip_of({f"p{i}.jpg": bytes(range(256)) * 4096 for i in range(5)})  # 5 × 1 MB, low ratio
    limits = ZipLimits(max_member_bytes=2 * MB, max_total_bytes=4 * MB, max_ratio=1000)
    with pytest.raises(TijaraError) as caught:
        zip_open_checked(data, limits=limits, what="the photo archive")
    assert caught.value.code == "too_large" and "4 MB in total" in caught.value.message
    assert len(zip_open_checked(data, limits=ZipLimits(), what="x").infolist()) == 5


def test_xlsx_with_huge_shared_strings_is_refused():
    data = xlsx_bytes(2, shared_strings=b"<sst>" + b" " * (33 * MB) + b"</sst>")
    with pytest.raises(TijaraError) as caught:
        sheet.read_sheet(data, "p.xlsx")
    assert caught.value.code == "too_large"


def test_row_limit_stops_reading_at_the_limit(organisation, monkeypatch):
    # Rows past the limit are damaged XML: a reader that parses everything first fails on them instead.
    monkeypatch.setattr(importer, "MAX_ROWS", 2_000)
    data = xlsx_bytes(2_000 + 10, broken_after=2_001)
    with pytest.raises(TijaraError) as caught:
        importer.import_products(organisation=organisation, data=data, filename="big.xlsx", dry_run=True)
    assert caught.value.code == "too_many_rows"
    assert caught.value.message == "The file has more than 2000 rows; import at most 2000 at a time."


def test_row_limit_counts_rows_of_a_csv_too():
    data = ("sku,price_mad\n" + "".join(f"S{i},10\n" for i in range(11))).encode()
    with pytest.raises(TijaraError) as caught:
        sheet.read_sheet(data, "p.csv", max_rows=10)
    assert caught.value.code == "too_many_rows"
    assert len(sheet.read_sheet(data, "p.csv", max_rows=11).rows) == 11


def test_streamed_xlsx_without_dimension_reads_every_row():
    table = sheet.read_sheet(xlsx_bytes(3), "p.xlsx")
    assert [(n, r["sku"], r["price_mad"]) for n, r in table.rows] == [(2, "S2", 10), (3, "S3", 10), (4, "S4", 10)]


@pytest.mark.parametrize("data", [
    pytest.param(b"PK\x03\x04 this is not an archive", id="not_a_zip"),
    pytest.param(xlsx_bytes(5, broken_after=3), id="truncated_worksheet"),
    pytest.param(zip_of({"hello.txt": b"hi"}), id="zip_without_workbook"),
])
def test_damaged_xlsx_gives_a_clear_error(data):
    with pytest.raises(TijaraError) as caught:
        sheet.read_sheet(data, "p.xlsx")
    assert caught.value.code == "invalid_file" and "Excel file" in caught.value.message


def test_damaged_xlsx_through_the_api_is_a_400(client, organisation):
    _token, key = accounts.api_token_create(user=organisation.memberships.get().user, name="t", scopes=["catalog:write"])
    upload = SimpleUploadedFile("p.xlsx", xlsx_bytes(5, broken_after=3))
    response = client.post(f"/api/v1/catalog/organisations/{organisation.slug}/import", {"file": upload},
                           HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 400 and response.json()["code"] == "invalid_file"
    assert not Product.objects.filter(organisation=organisation).exists()

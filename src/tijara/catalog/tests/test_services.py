"""Services: validation, one-of-a-kind, texts, HS log, bulk edit and photo safety (EXIF/GPS, size, type)."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from tijara.catalog import selectors, services
from tijara.catalog.models import CraftFamily, HSCodeChange, Photo, Product, ProductText
from tijara.catalog.tests.fixtures import catalog_image_bytes
from tijara.core.errors import PermissionDenied, TijaraError


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


def test_create_rejects_duplicate_sku(catalog_product, owner_user, organisation):
    with pytest.raises(TijaraError) as err:
        services.product_create(actor=owner_user, organisation=organisation, sku="COOP-A-RUG-1", craft_family="rugs")
    assert err.value.field == "sku"
    assert Product.objects.filter(organisation=organisation).count() == 1


def test_same_sku_is_allowed_in_another_organisation(catalog_product, outsider_user, other_organisation):
    other = services.product_create(actor=outsider_user, organisation=other_organisation, sku="COOP-A-RUG-1",
                                    craft_family="rugs")
    assert other.pk != catalog_product.pk


def test_outsider_cannot_write_through_services(catalog_product, outsider_user):
    with pytest.raises(PermissionDenied):
        services.product_update(actor=outsider_user, product=catalog_product, technique="machine")
    catalog_product.refresh_from_db()
    assert catalog_product.technique == "hand-knotted"


@pytest.mark.parametrize("materials, message", [
    ("wool 70%; cotton 20%", "not 100"),
    ("wool 120%", "between 0 and 100"),
    ("wool 80%; silk; cotton 30%", "more than 100"),
])
def test_material_shares_are_checked(owner_user, organisation, materials, message):
    with pytest.raises(TijaraError) as err:
        services.product_create(actor=owner_user, organisation=organisation, sku="T-1", craft_family="textiles",
                                materials=materials)
    assert err.value.field == "materials" and message in err.value.message
    assert not Product.objects.filter(sku="T-1").exists()


def test_materials_in_french_with_decimal_comma(owner_user, organisation):
    product = services.product_create(actor=owner_user, organisation=organisation, sku="T-2", craft_family="textiles",
                                      materials="laine 62,5 %; coton 37,5 %")
    assert product.materials == [{"name": "laine", "percent": 62.5}, {"name": "coton", "percent": 37.5}]


def test_unknown_craft_family_lists_known_ones(owner_user, organisation):
    with pytest.raises(TijaraError) as err:
        services.product_create(actor=owner_user, organisation=organisation, sku="X-1", craft_family="spaceships")
    rugs = CraftFamily.objects.get(code="rugs")
    assert "spaceships" in err.value.message and rugs.name() in err.value.message


def test_craft_family_by_french_name(owner_user, organisation):
    product = services.product_create(actor=owner_user, organisation=organisation, sku="X-2", craft_family="Vannerie")
    assert product.craft_family_id == "basketry"


def test_staff_extend_taxonomy(admin_user, owner_user, organisation):
    services.craft_family_create(actor=admin_user, code="musical-instruments", name_en="Musical instruments",
                                 name_fr="Instruments de musique", name_ar="الآلات الموسيقية")
    product = services.product_create(actor=owner_user, organisation=organisation, sku="OUD-1",
                                      craft_family="musical-instruments")
    assert product.craft_family.name("ar") == "الآلات الموسيقية"
    with pytest.raises(PermissionDenied):
        services.craft_family_create(actor=owner_user, code="x", name_en="X", name_fr="", name_ar="")


@pytest.mark.parametrize("field, value", [("price_mad", "0"), ("price_mad", "abc"), ("gtin", "4006381333932"),
                                          ("stock", "-3")])
def test_variant_validation(catalog_product, owner_user, field, value):
    kwargs = {"price_mad": "100", field: value}
    with pytest.raises(TijaraError) as err:
        services.variant_create(actor=owner_user, product=catalog_product, sku="V-X", **kwargs)
    assert err.value.field == field
    assert catalog_product.variants.count() == 1


def test_valid_gtin_and_decimal_comma_price(catalog_product, owner_user):
    variant = services.variant_create(actor=owner_user, product=catalog_product, sku="V-2", price_mad="1 250,50",
                                      gtin="4006381333931")
    assert variant.price_mad == Decimal("1250.50") and variant.gtin == "4006381333931"


def test_one_of_a_kind_keeps_stock_at_most_one(catalog_product, owner_user):
    services.product_update(actor=owner_user, product=catalog_product, one_of_a_kind=True)
    with pytest.raises(TijaraError):
        services.variant_update(actor=owner_user, variant=catalog_product.variants.get(), stock=2)
    assert catalog_product.variants.get().stock == 1


def test_product_text_served_language(catalog_product):
    product = selectors.product_in(organisation=catalog_product.organisation, sku=catalog_product.sku)
    text, served = selectors.product_text(product, "en")
    assert served == "fr" and text.title.startswith("Tapis")
    text, served = selectors.product_text(product, "ar")
    assert served == "ar"
    assert selectors.product_text(product, "en", fallback=False) == (None, "")
    completeness = selectors.text_completeness(product)
    assert completeness["fr"]["score"] == 100 and completeness["ar"]["score"] == 80 and completeness["en"]["score"] == 0


def test_text_unique_per_language_and_origin(catalog_product, owner_user):
    services.product_text_set(actor=owner_user, product=catalog_product, language="en", title="Beni Ourain wool rug",
                              origin=ProductText.Origin.MACHINE_REVIEWED)
    services.product_text_set(actor=owner_user, product=catalog_product, language="en", title="Beni Ourain rug")
    texts = ProductText.objects.filter(product=catalog_product, language_code="en")
    assert texts.count() == 1 and texts.get().origin == "person"


def test_hs_set_records_the_change(catalog_product, owner_user):
    services.product_hs_set(actor=owner_user, product=catalog_product, code="5701.10", source="classifier",
                            confidence=0.81, check=False)
    services.product_hs_set(actor=owner_user, product=catalog_product, code="570190", source="person",
                            suggested_code="570110", check=False)
    log = list(HSCodeChange.objects.filter(product=catalog_product).order_by("id"))
    assert [(c.from_code, c.to_code, c.source) for c in log] == [("", "570110", "classifier"),
                                                                  ("570110", "570190", "person")]
    assert log[0].confidence == 0.81 and log[1].confidence is None and log[1].changed_by == owner_user
    assert "Beni Ouarain" in log[1].text_snapshot
    catalog_product.refresh_from_db()
    assert (catalog_product.hs_code, catalog_product.hs_source, catalog_product.hs_confidence) == ("570190", "person", None)


def test_bulk_edit_price_percent_stock_status(catalog_product, owner_user, organisation):
    services.variant_create(actor=owner_user, product=catalog_product, sku="V-2", price_mad="100", stock=3)
    services.products_bulk_edit(actor=owner_user, organisation=organisation, skus=[catalog_product.sku],
                                price_percent="10", stock=5, status="ready")
    prices = sorted(catalog_product.variants.values_list("price_mad", flat=True))
    assert prices == [Decimal("110.00"), Decimal("4620.00")]
    assert set(catalog_product.variants.values_list("stock", flat=True)) == {5}
    catalog_product.refresh_from_db()
    assert catalog_product.status == "ready"


def test_bulk_edit_refuses_other_organisation_skus(catalog_product, catalog_other_product, owner_user, organisation):
    with pytest.raises(TijaraError):
        services.products_bulk_edit(actor=owner_user, organisation=organisation,
                                    skus=[catalog_product.sku, catalog_other_product.sku], status="archived")
    catalog_other_product.refresh_from_db()
    assert catalog_other_product.status == "draft"


# ------------------------------------------------------------------------------------------- photos


def _read(field) -> bytes:
    with field.open("rb") as f:
        return f.read()


def test_photo_gps_exif_is_stripped_from_every_stored_file(catalog_product, owner_user):
    data = catalog_image_bytes(gps=True, size=(900, 700))
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    photo = services.photo_add(actor=owner_user, product=catalog_product,
                               upload=SimpleUploadedFile("IMG_2041.jpg", data, content_type="image/jpeg"),
                               alt_text={"fr": "Tapis vu de dessus", "ar": "زربية"})
    for field in (photo.original, photo.thumbnail, photo.web, photo.feed):
        raw = _read(field)
        assert b"Exif" not in raw and b"PhoneMaker" not in raw
        image = Image.open(io.BytesIO(raw))
        assert not image.getexif() and not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    # The orientation tag was applied before stripping: the image is upright (portrait).
    assert (photo.width, photo.height) == (700, 900)
    assert "IMG_2041" not in photo.original.name
    assert max(Image.open(io.BytesIO(_read(photo.thumbnail))).size) == services.THUMBNAIL_PX
    assert (photo.feed_width, photo.feed_height) == (700, 900)
    assert photo.alt("ar") == "زربية"


def test_large_photo_gets_feed_derivative_at_channel_size(catalog_product, owner_user):
    data = catalog_image_bytes("PNG", size=(3000, 2400))
    photo = services.photo_add(actor=owner_user, product=catalog_product,
                               upload=SimpleUploadedFile("a.png", data, content_type="image/png"))
    assert (photo.feed_width, photo.feed_height) == (2000, 1600)
    assert photo.format == "PNG" and photo.original.name.endswith(".png")
    assert Image.open(io.BytesIO(_read(photo.web))).size == (1200, 960)


def test_sixty_megabyte_file_is_refused(catalog_product, owner_user):
    upload = SimpleUploadedFile("big.jpg", b"\xff\xd8\xff" + b"\0" * (60 * 1024 * 1024), content_type="image/jpeg")
    with pytest.raises(TijaraError) as err:
        services.photo_add(actor=owner_user, product=catalog_product, upload=upload)
    assert "too large" in err.value.message and "60" in err.value.message
    assert not Photo.objects.exists()


def test_pdf_renamed_jpg_is_refused(catalog_product, owner_user):
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    with pytest.raises(TijaraError) as err:
        services.photo_add(actor=owner_user, product=catalog_product,
                           upload=SimpleUploadedFile("photo.jpg", pdf, content_type="image/jpeg"))
    assert "not a JPEG, PNG or WebP image" in err.value.message
    assert not Photo.objects.exists()


def test_photo_order_and_alt_update(catalog_product, owner_user):
    photos = [services.photo_add(actor=owner_user, product=catalog_product,
                                 upload=SimpleUploadedFile(f"{i}.jpg", catalog_image_bytes(colour=(i * 40, 0, 0))))
              for i in range(3)]
    services.photos_reorder(actor=owner_user, product=catalog_product, photo_ids=[photos[2].pk, photos[0].pk])
    assert list(catalog_product.photos.order_by("position").values_list("pk", flat=True)) == [
        photos[2].pk, photos[0].pk, photos[1].pk]
    services.photo_update(actor=owner_user, photo=photos[0], alt_text={"en": "Rug, top view"})
    services.photo_update(actor=owner_user, photo=photos[0], alt_text={"en": ""})
    photos[0].refresh_from_db()
    assert photos[0].alt_text == {}
    name = photos[1].original.name
    services.photo_delete(actor=owner_user, photo=photos[1])
    assert not photos[1].original.storage.exists(name)


def test_hs_corrections_export(catalog_product, owner_user, tmp_path):
    import csv
    import json

    from django.core.management import call_command

    services.product_hs_set(actor=owner_user, product=catalog_product, code="570110", source="classifier",
                            confidence=1.83, suggested_code="570110")
    services.product_hs_set(actor=owner_user, product=catalog_product, code="57029100", source="person",
                            suggested_code="570110")
    call_command("export_hs_corrections", "--format", "jsonl", "--out", str(tmp_path / "c.jsonl"))
    rows = [json.loads(line) for line in (tmp_path / "c.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["from_hs6"], r["to_hs6"], r["kind"]) for r in rows] == [("", "570110", "accepted"),
                                                                        ("570110", "570291", "corrected")]
    assert rows[1]["to_code"] == "57029100" and rows[1]["language"] == "fr" and "Beni Ouarain" in rows[1]["text"]
    assert rows[0]["corrected_by"] == f"user:{owner_user.pk}" and "@" not in json.dumps(rows)
    call_command("export_hs_corrections", "--format", "csv", "--out", str(tmp_path / "c.csv"),
                 "--org", catalog_product.organisation.slug)
    with (tmp_path / "c.csv").open(encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 2


@pytest.mark.parametrize("lang", ["ar", "fr", "en"])
def test_unknown_family_and_status_are_refused_with_the_names_the_user_can_write(
        catalog_product, owner_user, organisation, lang):
    from django.utils import translation

    family = CraftFamily.objects.filter(is_active=True).first()
    with translation.override(lang):
        with pytest.raises(TijaraError) as refused:
            services.craft_family_get("spaceships")
        assert family.name(lang) in str(refused.value) and family.code not in str(refused.value).split()
        with pytest.raises(TijaraError) as refused:
            services.products_bulk_edit(actor=owner_user, organisation=organisation, skus=[catalog_product.sku],
                                        status="shipped")
        assert str(Product.Status.READY.label) in str(refused.value)
        assert "shipped" in str(refused.value)
    catalog_product.refresh_from_db()
    assert catalog_product.status == "draft"

"""The demo catalog loader: products with texts and placeholder photos, some deliberately incomplete, idempotent."""

import io

from PIL import Image

from tijara.accounts import services as accounts
from tijara.catalog import demo
from tijara.catalog.demo_data import TYPES
from tijara.catalog.models import Photo, Product


def test_demo_types_cover_every_craft_family():
    from tijara.core.crafts import CRAFT_CODES

    assert {t["family"] for t in TYPES} == set(CRAFT_CODES)
    for kind in TYPES:
        for code in ("ar", "fr", "en"):
            assert kind["title"][code] and len(kind["desc"][code]) > 80, (kind["key"], code)


def test_demo_load_is_idempotent_and_marks_products(owner_user):
    org = accounts.organisation_create(owner=owner_user, kind="artisan", public_name="Demo — Dinandier",
                                       slug="demo-test-dinandier", crafts=["metalware"], region="marrakech-safi",
                                       is_demo=True)
    out = io.StringIO()
    demo.load(stdout=out)
    products = Product.objects.filter(organisation=org)
    assert products.count() == 6  # 2 finishes × 3 collections of engraved trays
    tray = products.order_by("sku").first()
    assert tray.texts.filter(language_code="ar").exists() and tray.variants.count() == 2
    photo = Photo.objects.filter(product__organisation=org).first()
    with photo.original.open("rb") as f:
        assert Image.open(f).size == (demo.IMAGE_PX, demo.IMAGE_PX)
    demo.load(stdout=out)
    assert products.count() == 6 and "0 demo products created" in out.getvalue()


def test_demo_one_of_a_kind_pieces_have_distinct_titles(owner_user):
    org = accounts.organisation_create(owner=owner_user, kind="artisan", public_name="Demo — Tisserandes",
                                       slug="demo-test-rugs", crafts=["rugs"], region="beni-mellal-khenifra",
                                       is_demo=True)
    demo.load(stdout=io.StringIO())
    for code in ("en", "fr", "ar"):
        titles = list(Product.objects.filter(organisation=org, texts__language_code=code)
                      .values_list("texts__title", flat=True))
        assert titles and len(titles) == len(set(titles)), code

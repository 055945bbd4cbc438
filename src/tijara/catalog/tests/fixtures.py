"""Fixtures for the catalog tests (registered globally in the root conftest.py); names start with catalog_."""

import io

import pytest
from PIL import ExifTags, Image

from tijara.catalog import services

GPS = {1: "N", 2: (33.0, 35.0, 12.5), 3: "W", 4: (7.0, 36.0, 1.0)}


def catalog_image_bytes(fmt: str = "JPEG", size=(900, 700), *, gps: bool = False, colour=(180, 90, 40)) -> bytes:
    """An image made here (no photo from anywhere); with `gps`, an EXIF block with a GPS position and a camera."""
    image = Image.new("RGB", size, colour)
    for x in range(0, size[0], 40):
        for y in range(0, size[1], 40):
            image.putpixel((x, y), (255, 255, 255))
    out = io.BytesIO()
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"
        exif[0x0110] = "Model X"
        exif[0x0112] = 6  # rotated 90°: the stored image must come out upright
        exif[ExifTags.IFD.GPSInfo] = GPS
        image.save(out, fmt, exif=exif)
    else:
        image.save(out, fmt)
    return out.getvalue()


@pytest.fixture
def catalog_product(organisation, owner_user):
    """A rug of Coopérative A with one variant and French and Arabic texts."""
    product = services.product_create(
        actor=owner_user, organisation=organisation, sku="COOP-A-RUG-1", craft_family="rugs",
        technique="hand-knotted", materials="wool 100%", region="fes-meknes", city="Fès", length_cm="240",
        width_cm="150", weight_kg="9.5",
        texts={"fr": {"title": "Tapis Beni Ouarain en laine", "description": "Noué main.", "tags": "tapis, laine"},
               "ar": {"title": "زربية بني وراين من الصوف", "description": "معقودة يدويا."}},
    )
    services.variant_create(actor=owner_user, product=product, price_mad="4200", stock=1)
    return product


@pytest.fixture
def catalog_other_product(other_organisation, outsider_user):
    """A product of Coopérative B (the outsider's organisation)."""
    product = services.product_create(
        actor=outsider_user, organisation=other_organisation, sku="COOP-B-ARGAN-1", craft_family="cosmetics",
        texts={"fr": {"title": "Huile d'argan cosmétique 100 ml"}},
    )
    services.variant_create(actor=outsider_user, product=product, price_mad="95", stock=40)
    return product

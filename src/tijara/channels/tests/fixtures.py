"""Fixtures for the channels tests (registered in the root conftest.py); names start with channels_."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tijara.catalog import services as catalog
from tijara.catalog.tests.fixtures import catalog_image_bytes
from tijara.channels import services


@pytest.fixture
def channels_catalog(organisation, owner_user):
    """Three products of Coopérative A: an English rug with a photo, an Arabic-only pouf, a sold unique plate."""
    rug = catalog.product_create(
        actor=owner_user, organisation=organisation, sku="RUG-1", craft_family="rugs", technique="hand-knotted",
        status="ready", is_public=True,
        materials="wool 100%", weight_kg="9.5", length_cm="240", width_cm="150", height_cm="2", hs_code="570110",
        texts={"en": {"title": "Handwoven Beni Ourain Wool Rug 150 x 240 cm", "description": "Hand-knotted wool rug.",
                      "tags": "rug, wool"},
               "fr": {"title": "Tapis Beni Ouarain en laine 150 x 240 cm", "description": "Tapis noué main."}})
    catalog.variant_create(actor=owner_user, product=rug, sku="RUG-1-A", price_mad="4200", stock=2)
    catalog.photo_add(actor=owner_user, product=rug, upload=SimpleUploadedFile("r.jpg", catalog_image_bytes(size=(1200, 900))))
    pouf = catalog.product_create(actor=owner_user, organisation=organisation, sku="POUF-1", craft_family="leather",
                                  status="ready", is_public=True,
                                  texts={"ar": {"title": "بوف جلدي مطرز", "description": "مصنوع يدويا."}})
    catalog.variant_create(actor=owner_user, product=pouf, sku="POUF-1-A", price_mad="900", stock=3)
    plate = catalog.product_create(actor=owner_user, organisation=organisation, sku="PLATE-1", craft_family="ceramics",
                                   status="ready", is_public=True,
                                   one_of_a_kind=True, texts={"en": {"title": "Hand-painted Safi ceramic plate",
                                                                     "description": "A unique plate."}})
    catalog.variant_create(actor=owner_user, product=plate, sku="PLATE-1-A", price_mad="600", stock=1)
    catalog.photo_add(actor=owner_user, product=plate, upload=SimpleUploadedFile("p.jpg", catalog_image_bytes()))
    return {"rug": rug, "pouf": pouf, "plate": plate}


@pytest.fixture
def channels_google(organisation, owner_user, channels_catalog):
    """A Google connection of Coopérative A for the US in English and dollars, with a shipping rate."""
    return services.connection_create(actor=owner_user, organisation=organisation, kind="google", country="USA",
                                      language="en", currency="USD", shipping={"price": "45", "service": "Standard"})


@pytest.fixture
def channels_light(organisation, owner_user):
    """A Google connection over a one-product catalog without photos (fast, for permission tests)."""
    product = catalog.product_create(actor=owner_user, organisation=organisation, sku="LIGHT-1", craft_family="basketry",
                                     status="ready", is_public=True,
                                     texts={"en": {"title": "Doum palm basket", "description": "Woven by hand."}})
    catalog.variant_create(actor=owner_user, product=product, sku="LIGHT-1-A", price_mad="300", stock=2)
    return services.connection_create(actor=owner_user, organisation=organisation, kind="google", country="USA",
                                      language="en", currency="USD", shipping={"price": "20"})

"""Fixtures for documents tests: a rug cooperative with a full profile, rugs in its catalog, a buyer file."""

import pytest

from tijara.accounts import services as accounts
from tijara.catalog import services as catalog

RUG_TEXTS = {
    "fr": {"title": "Tapis Beni Ouarain en laine, losanges noirs", "description": "Noué main."},
    "en": {"title": "Beni Ourain wool rug, black diamonds", "description": "Hand-knotted."},
    "ar": {"title": "زربية بني وراين من الصوف", "description": "معقودة يدويا."},
}


def make_rug(actor, organisation, sku: str, *, price="4200", texts=None, **fields):
    values = {"technique": "hand-knotted", "materials": "wool 100%", "weight_kg": "9.5", "packed_weight_kg": "11",
              "packed_length_cm": "160", "packed_width_cm": "40", "packed_height_cm": "40",
              "imported_materials": "no"}
    values.update(fields)
    product = catalog.product_create(actor=actor, organisation=organisation, sku=sku, craft_family="rugs",
                                     texts=RUG_TEXTS if texts is None else texts, hs_code="570110", **values)
    catalog.variant_create(actor=actor, product=product, price_mad=price, stock=5)
    return product


@pytest.fixture
def exporter(organisation, owner_user):
    """Coopérative A with ICE, RC and city, as the exporter."""
    return accounts.organisation_update(actor=owner_user, organisation=organisation, ice="001525839000090",
                                        rc_number="12345")


@pytest.fixture
def rug(exporter, owner_user):
    return make_rug(owner_user, exporter, "RUG-BO-1")


@pytest.fixture
def buyer_fr():
    return {"name": "Maison Atlas SARL", "address": "12 rue des Tanneurs, 69001 Lyon", "country": "FRA"}


@pytest.fixture
def buyer_us():
    return {"name": "Atlas Home Imports LLC", "address": "200 Main Street, Portland, OR 97204", "country": "USA"}


@pytest.fixture
def buyer_uk():
    return {"name": "Souk & Loom Ltd", "address": "4 Brick Lane, London E1 6PU", "country": "GBR"}

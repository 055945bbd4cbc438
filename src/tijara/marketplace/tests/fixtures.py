"""Fixtures for the marketplace tests (registered globally); names start with marketplace_."""

import pytest

from tijara.catalog import services as catalog
from tijara.marketplace import services


def marketplace_make_product(actor, organisation, sku, craft, texts, *, price="1000", materials="", public=True,
                             **fields):
    product = catalog.product_create(actor=actor, organisation=organisation, sku=sku, craft_family=craft,
                                     texts=texts, materials=materials, is_public=public,
                                     status="ready" if public else "draft", **fields)
    catalog.variant_create(actor=actor, product=product, price_mad=price, stock=5)
    services.search_index_product(product.pk)
    return product


@pytest.fixture
def marketplace_products(organisation, owner_user, other_organisation, outsider_user):
    """Three rugs (fr, en, ar), a tagine, a lantern (Coopérative A) and argan oil (B); one private draft."""
    a = organisation
    made = {
        "rug_fr": marketplace_make_product(
            owner_user, a, "RUG-FR", "rugs", {"fr": {"title": "Tapis berbère en laine nouée main",
                                                      "description": "Tapis Beni Ouarain tissé à Azilal."}},
            price="4200", materials="wool", technique="hand-knotted", moq="2", production_days="30",
            region="beni-mellal-khenifra", length_cm="240", width_cm="150"),
        "rug_en": marketplace_make_product(
            owner_user, a, "RUG-EN", "rugs", {"en": {"title": "Hand-knotted wool rug",
                                                      "description": "Thick pile Berber carpet."}},
            price="3800", materials="wool", technique="hand-knotted", moq="2", production_days="45"),
        "rug_ar": marketplace_make_product(
            owner_user, a, "RUG-AR", "rugs", {"ar": {"title": "زربية أمازيغية من الصوف",
                                                      "description": "زربية منسوجة يدويا."}},
            price="3500", materials="wool", moq="1", production_days="20"),
        "tagine": marketplace_make_product(
            owner_user, a, "TAGINE-1", "pottery", {"fr": {"title": "Tajine en terre cuite peint à la main"},
                                                   "en": {"title": "Hand-painted clay tagine"}},
            price="180", materials="clay", moq="50", production_days="15"),
        "lantern": marketplace_make_product(
            owner_user, a, "LANTERN-1", "lighting", {"en": {"title": "Brass lantern with pierced stars"}},
            price="650", materials="brass", moq="10", production_days="7"),
        "argan": marketplace_make_product(
            outsider_user, other_organisation, "ARGAN-1", "cosmetics",
            {"fr": {"title": "Huile d'argan cosmétique 100 ml"}}, price="95", moq="100"),
        "draft": marketplace_make_product(
            owner_user, a, "RUG-DRAFT", "rugs", {"fr": {"title": "Tapis secret en laine"}}, public=False),
    }
    return made

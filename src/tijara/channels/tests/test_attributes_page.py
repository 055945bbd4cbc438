"""The channel attributes on the channels page: the Google category a product's listings carry, in words with where
it comes from, and one gender and age group for every apparel product that lacks them (permission-checked, audited)."""

import pytest
from django.utils import translation

from tijara.catalog import services as catalog
from tijara.channels import display, services
from tijara.channels.models import ProductChannelAttributes


@pytest.fixture
def babouches(organisation, owner_user):
    """Three pairs of babouches (apparel: Shoes), one with a gender already set, and a basket (not apparel)."""
    products = []
    for n in range(3):
        product = catalog.product_create(
            actor=owner_user, organisation=organisation, sku=f"BAB-{n}", craft_family="footwear", status="ready",
            is_public=True, texts={"en": {"title": f"Leather babouche slippers, model {n}", "description": "Hand-stitched."}})
        catalog.variant_create(actor=owner_user, product=product, sku=f"BAB-{n}-A", price_mad="250", stock=4, size="40")
        products.append(product)
    services.product_channel_attributes_set(actor=owner_user, product=products[0], gender="female")
    basket = catalog.product_create(actor=owner_user, organisation=organisation, sku="BASKET-1", craft_family="basketry",
                                    texts={"en": {"title": "Doum palm basket", "description": "Woven."}})
    return products, basket


def attributes(organisation) -> dict:
    return {a.product.sku: (a.gender, a.age_group) for a in
            ProductChannelAttributes.objects.filter(product__organisation=organisation).select_related("product")}


def test_category_used_says_where_it_comes_from(organisation, owner_user, channels_catalog):
    from tijara.catalog.selectors import product_in

    pouf = product_in(organisation=organisation, sku="POUF-1")  # leather, its Arabic title names a pouf
    with translation.override("fr"):
        used = display.category_used(pouf)
    assert used.source == "type" and used.category == "458"
    assert used.words == "Mobilier › Poufs" and used.source_words.startswith("d'après le type de produit")
    assert not used.apparel
    rug = product_in(organisation=organisation, sku="RUG-1")
    services.product_channel_attributes_set(actor=owner_user, product=rug, google_category="696")
    with translation.override("en"):
        used = display.category_used(product_in(organisation=organisation, sku="RUG-1"))
    assert (used.source, used.words, used.source_words) == ("override", "Home & Garden › Decor", "set by you")
    plate = product_in(organisation=organisation, sku="PLATE-1")  # plates are left open: the family's category
    with translation.override("ar"):
        used = display.category_used(plate)
    assert used.source == "family" and "696" not in used.words and "Decor" not in used.words
    with translation.override("en"):
        assert display.category_words("123456789").endswith("(number 123456789)")


def test_attributes_form_shows_the_category_in_words(client, owner_user, organisation, channels_google):
    client.force_login(owner_user)
    with translation.override("en"):
        html = client.get(f"/channels/{organisation.slug}/?connection={channels_google.pk}&sku=POUF-1",
                          HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Furniture › Ottomans" in html and "from the product type" in html
    assert "Google product category ID" not in html and ">458<" not in html


def test_attributes_form_errors_name_fields_in_words(client, owner_user, organisation, channels_light):
    client.force_login(owner_user)
    response = client.post(f"/channels/{organisation.slug}/product-attributes/",
                            {"sku": "LIGHT-1", "gender": "robot"}, HTTP_ACCEPT_LANGUAGE="en", follow=True)
    text = response.content.decode()
    assert "Gender (apparel)" in text and "gender:" not in text


def test_bulk_sets_only_apparel_products_that_lack_them(client, owner_user, organisation, other_organisation,
                                                        babouches, channels_light):
    from tijara.accounts.models import AuditEvent

    client.force_login(owner_user)
    html = client.get(f"/channels/{organisation.slug}/?connection={channels_light.pk}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Gender and age group for 3 apparel products" in html
    response = client.post(f"/channels/{organisation.slug}/apparel-attributes/",
                           {"gender": "unisex", "age_group": "adult", "connection": channels_light.pk},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"].endswith(f"?connection={channels_light.pk}")
    followed = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "3 apparel products; their listings were checked again" in followed
    assert channels_light.listings.filter(product_sku="BAB-1").exists()  # the connection on screen was checked
    # the gender already chosen is kept; the basket (not apparel) is untouched
    assert attributes(organisation) == {"BAB-0": ("female", "adult"), "BAB-1": ("unisex", "adult"),
                                        "BAB-2": ("unisex", "adult")}
    event = AuditEvent.objects.get(action="channels.apparel_attributes_bulk_set")
    assert event.organisation == organisation and event.detail["skus"] == ["BAB-0", "BAB-1", "BAB-2"]
    assert display.apparel_lacking(organisation=organisation) == []
    html = client.get(f"/channels/{organisation.slug}/?connection={channels_light.pk}").content.decode()
    assert "apparel-title" not in html


def test_bulk_needs_both_choices(client, owner_user, organisation, babouches):
    client.force_login(owner_user)
    client.post(f"/channels/{organisation.slug}/apparel-attributes/", {"gender": "unisex"})
    assert attributes(organisation) == {"BAB-0": ("female", "")}
    with pytest.raises(Exception, match="gender and an age group"), translation.override("en"):
        services.apparel_attributes_bulk_set(actor=owner_user, organisation=organisation, gender="", age_group="adult")


@pytest.mark.parametrize(("actor", "status", "changes"), [
    ("anonymous", 302, False), ("outsider", 404, False), ("advisor", 403, False), ("admin", 403, False),
    ("member", 302, True), ("manager", 302, True), ("owner", 302, True)])
def test_bulk_permission_matrix(client, cast, organisation, babouches, actor, status, changes):
    from tijara.accounts.models import AuditEvent

    user = cast[actor]
    if user is not None:
        client.force_login(user)
    before = attributes(organisation)
    response = client.post(f"/channels/{organisation.slug}/apparel-attributes/",
                           {"gender": "male", "age_group": "adult"})
    assert response.status_code == status, actor
    if user is None:
        assert "/accounts/login/" in response["Location"]
    assert (attributes(organisation) != before) is changes, actor
    assert AuditEvent.objects.filter(action="channels.apparel_attributes_bulk_set").exists() is changes


def test_bulk_never_reaches_another_organisation(client, owner_user, organisation, other_organisation, outsider_user):
    """The owner of one organisation cannot set the apparel of another one (its slug is not theirs)."""
    product = catalog.product_create(actor=outsider_user, organisation=other_organisation, sku="OTHER-BAB",
                                     craft_family="footwear",
                                     texts={"en": {"title": "Leather babouche slippers", "description": "Stitched."}})
    client.force_login(owner_user)
    response = client.post(f"/channels/{other_organisation.slug}/apparel-attributes/",
                           {"gender": "male", "age_group": "adult"})
    assert response.status_code == 404
    assert not ProductChannelAttributes.objects.filter(product=product).exists()


@pytest.fixture
def etsy(organisation, owner_user, babouches):
    connection = services.connection_create(actor=owner_user, organisation=organisation, kind="etsy", country="USA",
                                            language="en", currency="USD", settings={"who_made": "i_did"})
    services.listings_refresh(connection=connection)
    return connection


def test_etsy_shop_settings_fix_the_etsy_blockers(client, owner_user, organisation, etsy):
    def fields():
        return {p["field"] for listing in etsy.listings.all() for p in listing.problems}

    assert {"taxonomy_id", "shipping_profile_id", "readiness_state_id"} <= fields()
    client.force_login(owner_user)
    html = client.get(f"/channels/{organisation.slug}/?connection={etsy.pk}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # the blockers link to the form, which names the organisation's crafts in words
    assert f"?connection={etsy.pk}#etsy-settings" in html and 'id="etsy-settings"' in html
    assert "Etsy category number for" in html and "connection settings" not in html
    response = client.post(f"/channels/{organisation.slug}/connections/{etsy.pk}/etsy-settings/", {
        "shipping_profile_id": "111", "readiness_state_id": "222", "taxonomy_footwear": "1234"})
    assert response.status_code == 302
    etsy.refresh_from_db()
    assert etsy.settings == {"who_made": "i_did", "shipping_profile_id": 111, "readiness_state_id": 222,
                             "taxonomy_ids": {"footwear": 1234}}
    assert not {"taxonomy_id", "shipping_profile_id", "readiness_state_id"} & fields()
    # an empty field unsets; another key is kept
    client.post(f"/channels/{organisation.slug}/connections/{etsy.pk}/etsy-settings/", {"shipping_profile_id": "111"})
    etsy.refresh_from_db()
    assert etsy.settings == {"who_made": "i_did", "shipping_profile_id": 111}


@pytest.mark.parametrize(("actor", "status", "changes"), [
    ("anonymous", 302, False), ("outsider", 404, False), ("advisor", 403, False), ("admin", 403, False),
    ("member", 403, False), ("manager", 302, True), ("owner", 302, True)])
def test_etsy_shop_settings_permission_matrix(client, cast, organisation, etsy, actor, status, changes):
    user = cast[actor]
    if user is not None:
        client.force_login(user)
    response = client.post(f"/channels/{organisation.slug}/connections/{etsy.pk}/etsy-settings/",
                           {"shipping_profile_id": "999"})
    assert response.status_code == status, actor
    etsy.refresh_from_db()
    assert (etsy.settings.get("shipping_profile_id") == 999) is changes, actor


def test_one_product_saved_from_a_connection_is_checked_again_there(client, owner_user, organisation, babouches,
                                                                    channels_light):
    services.listings_refresh(connection=channels_light)
    blockers = {p["field"] for listing in channels_light.listings.filter(product_sku="BAB-1") for p in listing.problems}
    assert {"gender", "age_group"} <= blockers
    client.force_login(owner_user)
    response = client.post(f"/channels/{organisation.slug}/product-attributes/", {
        "sku": "BAB-1", "gender": "female", "age_group": "adult", "connection": channels_light.pk})
    assert response["Location"].endswith(f"?connection={channels_light.pk}&sku=BAB-1#attributes-title")
    blockers = {p["field"] for listing in channels_light.listings.filter(product_sku="BAB-1") for p in listing.problems}
    assert not {"gender", "age_group"} & blockers

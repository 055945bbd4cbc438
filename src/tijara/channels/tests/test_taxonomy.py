"""The Google category comes from the product type the titles name (channel-specs.md §1.6), before the family's."""

import pytest

from tijara.channels import taxonomy
from tijara.channels.adapters import google
from tijara.channels.sources import listing_input_for
from tijara.channels.tests.samples import context


@pytest.mark.parametrize("language, title", [
    ("ar", "بوف جلدي مطرز"), ("fr", "Pouf en cuir brodé, camel"), ("en", "Embroidered leather pouf, tan")])
def test_a_leather_pouf_is_an_ottoman_in_every_language_not_a_handbag(language, title):
    by_type = taxonomy.category_from_titles("leather", ((language, title),))
    assert by_type == "458"
    assert taxonomy.google_category_for("leather", "", by_type) == "458"
    assert taxonomy.google_category_for("leather") == "3032"  # the family alone still says handbags


def test_the_type_of_each_product_of_one_family_decides():
    assert taxonomy.category_from_titles("leather", (("en", "Goat-leather shoulder bag, tan"),)) == "3032"
    assert taxonomy.category_from_titles("lighting", (("ar", "فانوس شمع بزجاج بلون أبيض"),)) == "2784"
    assert taxonomy.category_from_titles("textiles", (("fr", "Handira, couverture de mariage blanc de chaux"),)) == "1985"


def test_a_word_of_another_family_does_not_move_the_product():
    # "saffron" and "honey" are products of the vocabulary too (spices, food): a rug stays a rug
    assert taxonomy.category_from_titles("rugs", (("en", "Azilal rug with saffron Amazigh symbols"),)) == "598"
    assert taxonomy.category_from_titles("basketry", (("en", "Doum palm basket, honey leather handles"),)) == "573"


def test_titles_naming_types_of_different_categories_leave_the_family_default():
    titles = (("en", "Leather pouf"), ("fr", "Sac en cuir"))
    assert taxonomy.category_from_titles("leather", titles) == ""
    assert taxonomy.category_from_titles("leather", ()) == ""


def test_a_pouf_feed_line_carries_the_ottoman_category_and_no_apparel_demand(channels_catalog):
    # the fixture's pouf has an Arabic title only; the feed is English: the type is read from every language
    item = listing_input_for(channels_catalog["pouf"], language="en", currency="USD")
    mapped = google.map_listing(item, context("google"))
    assert mapped.fields["google_product_category"] == "458"
    assert not {p.rule for p in mapped.problems} & {"gender", "age_group"}


def _rug_with_colours(organisation, owner_user, colours):
    from tijara.catalog import services as catalog

    rug = catalog.product_create(actor=owner_user, organisation=organisation, sku="RUG-C", craft_family="rugs",
                                 status="ready", is_public=True, materials="wool 80%; Atlas goat hair 20%",
                                 texts={"fr": {"title": "Tapis en laine", "description": "Noué main."}})
    for n, colour in enumerate(colours):
        catalog.variant_create(actor=owner_user, product=rug, sku=f"RUG-C-{n}", price_mad="1000", stock=1,
                               colour=colour)
    return rug


def test_a_french_feed_names_known_materials_and_colours_in_french(organisation, owner_user):
    rug = _rug_with_colours(organisation, owner_user, ["black", "Fez blue"])
    items = [listing_input_for(rug, variant, language="fr", currency="EUR") for variant in rug.variants.all()]
    assert items[0].materials == ("laine", "Atlas goat hair")  # an unknown material stays as typed
    assert [i.colour for i in items] == ["noir", "Fez blue"]
    arabic = listing_input_for(rug, rug.variants.first(), language="ar", currency="EUR")
    assert arabic.materials[0] == "صوف" and arabic.colour == "أسود"


def test_two_typed_colours_with_one_name_stay_apart(organisation, owner_user):
    rug = _rug_with_colours(organisation, owner_user, ["grey", "gray"])
    items = [listing_input_for(rug, variant, language="fr", currency="EUR") for variant in rug.variants.all()]
    assert [i.colour for i in items] == ["grey", "gray"]  # "gris" twice would merge two options


def test_a_product_of_a_family_never_apparel_counts_when_its_own_category_is(channels_catalog, organisation):
    from tijara.channels import display, services

    assert "rugs" not in taxonomy.apparel_families()
    assert channels_catalog["rug"] not in display.apparel_lacking(organisation=organisation)
    services.product_channel_attributes_set(actor=None, product=channels_catalog["rug"], google_category="3032")
    assert channels_catalog["rug"] in display.apparel_lacking(organisation=organisation)

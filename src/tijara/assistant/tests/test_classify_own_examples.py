"""The classify page as its users read it: an organisation's own classified products named in words (not by the
examples' key), and the description's language chosen without changing the page's language."""

import pytest

from tijara.accounts import services as accounts
from tijara.accounts.tests.fixtures import PASSWORD
from tijara.catalog import services as catalog
from tijara.catalog.models import HSCodeChange

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_example_stores():
    """The per-organisation example stores are cached by organisation and last correction ids, which a rolled-back
    test database hands out again: start and leave with none."""
    from tijara.assistant import hs_services

    hs_services._ORG_STORES.clear()
    yield
    hs_services._ORG_STORES.clear()


@pytest.mark.parametrize("lang, words", [("ar", "منتجات مؤسستكم"), ("fr", "les produits de votre organisation"),
                                         ("en", "your organisation&#x27;s products")])
def test_an_example_from_the_organisations_own_products_is_named_in_the_page_language(client, lang, words):
    user = accounts.user_create(email="amina@coop.test", password=PASSWORD, full_name="Amina", verified=True)
    org = accounts.organisation_create(owner=user, kind="cooperative", public_name="Coopérative Tazarbit",
                                       region="beni-mellal-khenifra", city="Azilal", crafts=["rugs"])
    product = catalog.product_create(actor=user, organisation=org, sku="HN-1", craft_family="rugs")
    text = "حنبل منسوج مسطح من الصوف بخطوط حمراء"
    HSCodeChange.objects.create(product=product, to_code="570210", changed_by=user, text_snapshot=text,
                                text_language="ar")
    client.force_login(user)
    body = client.get("/assistant/classify/", {"text": text, "text_lang": "ar", "lang": lang}).content.decode()
    assert f'<html lang="{lang}"' in body
    assert words in body
    assert "<bdi>organisation</bdi>" not in body


def test_the_descriptions_language_does_not_change_the_pages_language(client):
    """An Arabic reader describing a product in French keeps an Arabic page (the form's field was `lang`, the
    site-wide page-language switch)."""
    client.cookies["tijara_language"] = "ar"
    body = client.get("/assistant/classify/", {"text": "tapis en laine noué main", "text_lang": "fr"}).content.decode()
    assert '<html lang="ar"' in body and 'class="hs-candidates"' in body
    assert '<option value="fr" lang="fr" selected>' in body or 'value="fr" selected' in body

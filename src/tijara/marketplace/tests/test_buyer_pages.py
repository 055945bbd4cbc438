"""The buyers' side: role-aware menu, buyer sign-up without seller fields, a visitor's quote request, the grid."""

import pytest
from django.core import mail
from django.urls import reverse
from lxml import html

from tijara.accounts.models import Organisation, User
from tijara.accounts.tests.fixtures import PASSWORD

SELLER_MENUS = ("catalog:index", "channels:index", "plans:index", "training:index")


def _nav_links(response) -> set[str]:
    tree = html.fromstring(response.content)
    return {a.get("href") for a in tree.xpath("//header//nav//a")}


@pytest.mark.django_db
def test_logged_in_buyer_sees_no_seller_menus(client, buyer_organisation, buyer_user):
    assert client.login(email=buyer_user.email, password=PASSWORD)
    links = _nav_links(client.get(reverse("marketplace:index")))
    assert reverse("marketplace:inquiries") in links
    assert not links & {reverse(name) for name in SELLER_MENUS}


@pytest.mark.django_db
def test_seller_still_sees_seller_menus(client, organisation, owner_user):
    assert client.login(email=owner_user.email, password=PASSWORD)
    links = _nav_links(client.get(reverse("marketplace:index")))
    assert {reverse(name) for name in SELLER_MENUS} <= links


@pytest.mark.django_db
def test_buyer_sign_up_has_no_seller_fields_and_creates_a_buyer(client):
    page = client.get(reverse("accounts:signup"), {"as": "buyer"})
    tree = html.fromstring(page.content)
    names = {e.get("name") for e in tree.xpath("//main//form//input | //main//form//select")}
    assert "organisation_name" not in names and "region" not in names and "kind" not in names
    assert "country" in names
    response = client.post(reverse("accounts:signup") + "?as=buyer", {
        "as": "buyer", "email": "new-buyer@shop.test", "full_name": "Jo Buyer", "password": "a long pass phrase 42",
        "preferred_language": "en", "company": "", "country": "DEU"})
    assert response.status_code == 302
    user = User.objects.get(email="new-buyer@shop.test")
    organisation = Organisation.objects.get(memberships__user=user)
    assert organisation.kind == "buyer" and organisation.country == "DEU" and organisation.region == ""
    assert organisation.public_name == "Jo Buyer"
    assert len(mail.outbox) == 1  # the confirmation link


@pytest.mark.django_db
def test_visitor_asking_for_a_quote_gets_the_guest_form_without_a_login_wall(client, marketplace_products):
    product = marketplace_products["lantern"]
    response = client.get(reverse("marketplace:inquiry_new"), {"product": product.pk, "lang": "en"})
    assert response.status_code == 200
    tree = html.fromstring(response.content)
    hrefs = [a.get("href") for a in tree.xpath("//main//a")]
    assert any(h.startswith(reverse("accounts:login") + "?next=") for h in hrefs)  # signing in stays possible
    form = tree.xpath("//main//form[@method='post']")[0]  # the guest form (held until the e-mail is confirmed)
    assert form.xpath(".//input[@name='email']") and form.xpath(".//select[@name='destination_country']")


@pytest.mark.django_db
def test_catalog_results_are_a_grid_with_facet_state_and_clear_all(client, marketplace_products):
    response = client.get(reverse("marketplace:index"), {"material": "wool", "lang": "en"})
    tree = html.fromstring(response.content)
    assert len(tree.xpath("//div[@class='results-grid']/article[@class='product-card']")) == 3
    chosen = tree.xpath("//div[@class='facets']//a[@aria-checked='true']")
    assert chosen, "the selected facet looks selected"
    assert tree.xpath("//a[@class='clear-all']")
    assert tree.xpath("//details[@class='facets-panel']")


@pytest.mark.django_db
def test_product_page_says_when_shipping_is_unknown_and_asks_for_a_country(client, marketplace_products):
    rug = marketplace_products["rug_fr"]
    url = reverse("marketplace:product", kwargs={"maker": rug.organisation.slug, "sku": rug.sku})
    body = client.get(url, {"lang": "en"}).content.decode()
    assert "Choose your country to see a shipping estimate." in body
    body = client.get(url, {"lang": "en", "country": "FRA"}).content.decode()
    assert "the maker has not given the parcel&#x27;s weight" in body
    tree = html.fromstring(body)
    assert tree.xpath("//select[@id='ship-country']/option[@selected]/@value") == ["FRA"]
    # The quote button comes before the details, right after the price.
    buy_box = tree.xpath("//section[contains(@class, 'buy-box')]")[0]
    assert buy_box.xpath(".//a[contains(@class, 'cta')]")


def test_material_filters_read_in_the_page_language():
    """A material the maker typed in English is offered as a filter in the page's words, as the product page does;
    a word the vocabulary does not know stays as written."""
    from django.utils import translation

    from tijara.marketplace.templatetags.marketplace_tags import facet_label

    with translation.override("ar"):
        assert facet_label("material", "wool") == "صوف"
        assert facet_label("material", "unobtainium") == "unobtainium"
    with translation.override("fr"):
        assert facet_label("material", "wool") == "laine"


@pytest.mark.django_db
def test_the_currency_picker_names_currencies_in_the_page_language(client):
    page = client.get(reverse("marketplace:index"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<option value="EUR"' in page and ">Euro</option>" in page and ">EUR</option>" not in page

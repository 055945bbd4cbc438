"""The export to-do per product: steps in order, choices saved on the Journey row, statuses derived, who may act."""

import pytest

from tijara.plans.journey import export_tasks_for, journey_for
from tijara.plans.models import ExportPlan, Journey


def _statuses(product):
    return {t.key: t.status for t in export_tasks_for(product=product)}


def test_member_walks_the_flow_from_code_to_saved_plan(client, owner_user, catalog_product):
    client.force_login(owner_user)
    pk = catalog_product.pk
    assert _statuses(catalog_product)["price"] == "blocked"
    page = client.get(f"/plans/products/{pk}/", HTTP_ACCEPT_LANGUAGE="ar")
    assert page.status_code == 200 and "زربية بني وراين" in page.content.decode()
    code = client.get(f"/plans/products/{pk}/code/", HTTP_ACCEPT_LANGUAGE="ar")
    assert code.status_code == 200 and b'name="hs" value="5701' in code.content
    assert client.post(f"/plans/products/{pk}/code/", {"hs": "570110"})["Location"].endswith("/markets/")
    markets = client.get(f"/plans/products/{pk}/markets/", HTTP_ACCEPT_LANGUAGE="fr")
    body = markets.content.decode()
    assert markets.status_code == 200 and "<svg" in body and "France" in body
    for key in ("demand", "foothold", "proximity", "share_pct", "weighted_requirements"):
        assert f">{key}<" not in body
    assert client.post(f"/plans/products/{pk}/markets/", {"market": ["FRA", "USA"]}).status_code == 302
    assert client.post(f"/plans/products/{pk}/markets/", {"choose": "FRA"})["Location"].endswith("/price/")
    journey = Journey.objects.get(product=catalog_product)
    assert journey.market == "FRA" and journey.markets == ["FRA", "USA"]
    assert _statuses(catalog_product)["plan"] == "blocked"
    client.post(f"/plans/products/{pk}/price/", {"channel": "etsy", "freight": "350"})
    price = client.get(f"/plans/products/{pk}/price/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "France" in price and ("United States" in price or "US" in price) and price.count("<svg") >= 2
    saved = client.post(f"/plans/products/{pk}/plan/")
    plan = ExportPlan.objects.get()
    assert saved["Location"] == f"/plans/{plan.pk}/" and plan.market == "FRA" and plan.product == catalog_product
    assert _statuses(catalog_product) == {"product": "done", "code": "done", "markets": "done", "price": "done",
                                          "plan": "done", "sell": "todo"}
    detail = client.get(f"/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert detail.index('id="plan-summary"') < detail.index('id="section-hs"') and "<svg" in detail
    pdf = client.get(f"/plans/{plan.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    sell = client.get(f"/plans/products/{pk}/sell/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "Etsy" in sell and "tag--" in sell and "translation_missing" not in sell
    client.post(f"/plans/products/{pk}/markets/", {"choose": "USA"})
    assert _statuses(catalog_product)["plan"] == "attention"
    dashboard = client.get("/accounts/dashboard/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f'href="/plans/products/{pk}/plan/"' in dashboard and "Tapis Beni Ouarain" in dashboard  # resume card


def test_bad_freight_is_said_and_nothing_saved(client, owner_user, catalog_product):
    client.force_login(owner_user)
    client.post(f"/plans/products/{catalog_product.pk}/code/", {"hs": "570110"})
    client.post(f"/plans/products/{catalog_product.pk}/markets/", {"choose": "FRA"})
    page = client.post(f"/plans/products/{catalog_product.pk}/price/", {"channel": "etsy", "freight": "-3"},
                       HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and b"Enter the freight quote" in page.content
    assert journey_for(product=catalog_product).freight_mad is None


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_outsiders_see_nothing_and_change_nothing(client, who, outsider_user, catalog_product):
    if who == "outsider":
        client.force_login(outsider_user)
    for path in ("", "code/", "markets/", "price/", "plan/"):
        response = client.get(f"/plans/products/{catalog_product.pk}/{path}")
        assert response.status_code in (302, 404)
    response = client.post(f"/plans/products/{catalog_product.pk}/code/", {"hs": "570110"})
    assert response.status_code in (302, 404) and not Journey.objects.exists()
    if who == "outsider":
        assert response.status_code == 404


def test_calculator_opens_with_the_product_prefilled_and_countries_by_name(client, owner_user, catalog_product):
    client.force_login(owner_user)
    page = client.get(f"/pricing/calculator/?product={catalog_product.pk}&market=FRA&freight=350",
                      HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'value="4200' in page and 'value="9.5' in page  # price and weight from the product, not retyped
    assert '<option value="FRA" selected>France</option>' in page and "ISO3" not in page


@pytest.mark.parametrize(("who", "reads", "writes"), [
    ("anonymous", False, False), ("outsider", False, False), ("member", True, True), ("manager", True, True),
    ("owner", True, True), ("advisor", True, False), ("admin", True, False)])
def test_who_may_read_and_change_the_export_steps(client, cast, catalog_product, who, reads, writes):
    if cast[who] is not None:
        client.force_login(cast[who])
    page = client.get(f"/plans/products/{catalog_product.pk}/")
    assert page.status_code == (200 if reads else 302 if who == "anonymous" else 404)
    response = client.post(f"/plans/products/{catalog_product.pk}/code/", {"hs": "570110"})
    assert Journey.objects.filter(product=catalog_product).exists() is writes
    if not writes:
        assert response.status_code == (302 if who == "anonymous" else 404)


def test_code_step_asks_the_separating_question_and_answers_rerank(client, owner_user, organisation):
    from tijara.catalog import services as catalog

    product = catalog.product_create(actor=owner_user, organisation=organisation, sku="RUG-Q", craft_family="rugs",
                                     texts={"fr": {"title": "Tapis berbère en laine", "description": ""}})
    client.force_login(owner_user)
    page = client.get(f"/plans/products/{product.pk}/code/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'id="hs-question"' in page and "answer=weave=knotted" in page
    answered = client.get(f"/plans/products/{product.pk}/code/?answer=weave=flat",
                          HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'name="hs" value="5702' in answered


def test_code_step_marks_a_label_shown_in_another_language(client, owner_user, organisation):
    """A product described only in French, seen on an Arabic page: each code's label is the Arabic project translation
    or the official English text, and either way it says so in words (never an unmarked English line)."""
    import re

    from tijara.catalog import services as catalog

    product = catalog.product_create(actor=owner_user, organisation=organisation, sku="RUG-L", craft_family="rugs",
                                     texts={"fr": {"title": "Tapis berbère noué en laine", "description": ""}})
    client.force_login(owner_user)
    page = client.get(f"/plans/products/{product.pk}/code/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    labels = re.findall(r'<label><input type="radio".*?</label>', page, flags=re.S)
    assert labels
    for label in labels:
        assert "النص الرسمي بالإنجليزية" in label or "ترجمة المشروع" in label, label


@pytest.mark.parametrize("lang, words", [("ar", "منتج واحد"), ("fr", "1 produit"), ("en", "1 product")])
def test_the_product_count_takes_the_languages_plural(client, owner_user, catalog_product, lang, words):
    """Arabic has six plural forms (« منتج واحد », « منتجان », « 11 منتجا » …), never « 1 منتجات »."""
    client.force_login(owner_user)
    page = client.get("/plans/products/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert f'<p class="muted">{words}</p>' in page

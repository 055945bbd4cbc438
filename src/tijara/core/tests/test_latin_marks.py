"""Latin text on an Arabic page carries its mark (UX-GUIDE §6): proper names isolated and kept from translation,
codes isolated, language names with their `lang`; `scripts/latin_scan.py` lists what is left."""

import importlib.util
import re
from pathlib import Path

import pytest
from django.utils import translation

from tijara.core.l10n import FSI, PDI

SCRIPT = Path(__file__).resolve().parents[4] / "scripts" / "latin_scan.py"


def scanner():
    spec = importlib.util.spec_from_file_location("latin_scan", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Scanner()


def test_the_scanner_lists_latin_words_outside_marked_elements_only():
    found = scanner()
    found.feed('<html lang="ar"><body><p class="x">معرض Ambiente <bdi>Paris</bdi> <span lang="en">Source</span>'
               f' <a dir="ltr">https://x.org</a> <code>FOB</code> {FSI}TAZ-01{PDI} 2×3 <script>var a</script></p>')
    assert found.found == [("p.x", "Ambiente")]


@pytest.mark.django_db
def test_fair_names_and_cities_are_isolated_proper_names_on_an_arabic_page(client):
    html = client.get("/events/?lang=ar", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    names = re.findall(r'<h3><a href="/events/([^/]+)/"><bdi translate="no">([^<]+)</bdi></a></h3>', html)
    assert names, html[:500]
    slug = names[0][0]
    detail = client.get(f"/events/{slug}/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert f'<h1><bdi translate="no">{names[0][1]}</bdi></h1>' in detail
    found = scanner()
    found.feed(html)
    assert not [word for place, word in found.found if place == "li.card"]


def test_a_language_picker_names_each_language_with_its_lang():
    from tijara.assistant.forms import AskForm

    with translation.override("ar"):
        html = str(AskForm()["lang"])
    assert 'value="fr" lang="fr"' in html and 'value="en" lang="en"' in html and 'value="" lang' not in html


@pytest.mark.django_db
def test_a_plan_form_isolates_the_product_reference(catalog_product):
    from tijara.plans.forms import PlanForm

    with translation.override("ar"):
        label = dict(PlanForm(products=[catalog_product]).fields["product"].choices)[catalog_product.sku]
    assert label.endswith(f"({FSI}{catalog_product.sku}{PDI})")


@pytest.mark.django_db
def test_a_product_s_reference_in_its_delete_button_is_isolated(client, catalog_product, owner_user):
    client.force_login(owner_user)
    html = client.get(f"/catalog/{catalog_product.organisation.slug}/p/{catalog_product.sku}/",
                      HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert f"<bdi>{catalog_product.sku}</bdi>" in html

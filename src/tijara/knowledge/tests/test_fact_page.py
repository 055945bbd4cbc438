"""A fact's page reads in the page's language: markets and craft families by name, the translation note translated."""

import re

import pytest

from tijara.knowledge import services


def _details(client, fact_id: str, lang: str) -> str:
    response = client.get(f"/knowledge/facts/{fact_id}/?lang={lang}")
    assert response.status_code == 200
    return re.search(r"<dl>(.*?)</dl>", response.content.decode(), re.S).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_fact_page_names_markets_families_and_its_translation_in_the_page_language(client, lang):
    generated = _details(client, "FAM-RUG-DUTY", lang)
    written = _details(client, "PRC-FEE-01", lang)
    for details in (generated, written):
        assert "human translation" not in details and "translated by the Tijara project" not in details
    # markets are names from CLDR (no ISO code), families their names, never the internal code
    assert not re.search(r"\b(EU|USA|GBR)\b", generated) and ">rugs<" not in generated
    assert ("الاتحاد الأوروبي" if lang == "ar" else "Union européenne") in generated
    assert ("جميع الأسواق" if lang == "ar" else "tous les marchés") in written


@pytest.mark.django_db
def test_an_edited_fact_says_so_in_the_page_language(client, knowledge_revision, admin_user):
    services.revision_publish(user=admin_user, revision_id=knowledge_revision.pk)
    fact_id = knowledge_revision.fact.fact_id
    assert "نُشرت بعد المراجعة" in _details(client, fact_id, "ar")
    assert "Edited on the platform" in _details(client, fact_id, "en")

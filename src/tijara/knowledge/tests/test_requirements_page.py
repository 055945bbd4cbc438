"""The requirements page names the market in words and lays its rules out as cards on a phone (UX guide §1.3, §4.5)."""

import pytest
from lxml import html

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("lang, heading", [("ar", "إلى فرنسا"), ("fr", "— France"), ("en", "for France")])
def test_requirements_heading_names_the_market_in_words_without_a_code_or_an_arrow(client, lang, heading):
    tree = html.fromstring(client.get("/knowledge/requirements/", {"family": "rugs", "market": "FRA",
                                                                   "lang": lang}).content)
    title = tree.xpath("string(//section[@class='card']/h2)")
    assert heading in title and "FRA" not in title and "→" not in title, title
    table = tree.xpath("//table[contains(@class, 'rtable')]")
    assert table and "rtable--prose" in table[0].get("class")
    rows = table[0].xpath("./tbody/tr")
    assert rows and all(row.xpath("./th[@scope='row']") for row in rows)
    assert all(cell.get("data-label") for row in rows for cell in row.xpath("./td"))

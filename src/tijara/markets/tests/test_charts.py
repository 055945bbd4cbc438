"""Server-side SVG charts."""

from django.utils import translation
from lxml import etree

from tijara.markets import charts


def test_bar_chart_has_a_tooltip_with_source_per_bar():
    with translation.override("en"):
        svg = charts.bar_chart([charts.Point("USA", 2012, 2155000000, "Made-in-China.com"),
                                charts.Point("Germany", 2012, 1303000000, "Made-in-China.com"),
                                charts.Point("USA", 2020, 2.9e9, "IndexBox")], title="Imports", unit="USD")
    tree = etree.fromstring(svg.encode())
    titles = [t.text for t in tree.iter("{http://www.w3.org/2000/svg}title")]
    assert titles == ["USA 2020: 2.9B USD — IndexBox", "USA 2012: 2.2B USD — Made-in-China.com",
                      "Germany 2012: 1.3B USD — Made-in-China.com"]
    widths = [float(r.get("width")) for r in tree.iter("{http://www.w3.org/2000/svg}rect")]
    assert widths[0] > widths[1] > widths[2]


def test_charts_escape_and_skip_empty():
    assert charts.bar_chart([], title="x", unit="USD") == ""
    assert charts.world_map([charts.Point("A", 2020, 1, "s")], title="x", unit="USD") == ""  # no coordinates
    svg = charts.world_map([charts.Point("<b>&", 2020, 5, "s<", lat=10, lon=20)], title="t", unit="USD",
                           home=(31.8, -7.1))
    etree.fromstring(svg.encode())  # well-formed despite markup in labels
    assert "<b>" not in svg


def test_human_writes_the_values_in_the_page_language():
    assert charts.human(2155000000, lang="en") == "2.2B" and charts.human(73700000, lang="en") == "73.7M"
    assert charts.human(2155000000, lang="fr") == "2,2\xa0Md" and charts.human(10.5, lang="fr") == "10,5"
    assert charts.human(2155000000, lang="ar") == "2,2\xa0مليار" and charts.human(950, lang="ar") == "950"

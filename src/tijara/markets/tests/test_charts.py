"""Server-side SVG charts."""

from lxml import etree

from tijara.markets import charts


def test_bar_chart_has_a_tooltip_with_source_per_bar():
    svg = charts.bar_chart([charts.Point("USA", 2012, 2155000000, "Made-in-China.com"),
                            charts.Point("Germany", 2012, 1303000000, "Made-in-China.com"),
                            charts.Point("USA", 2020, 2.9e9, "IndexBox")], title="Imports", unit="USD")
    tree = etree.fromstring(svg.encode())
    titles = [t.text for t in tree.iter("{http://www.w3.org/2000/svg}title")]
    assert titles == ["USA 2020: 2.9 bn USD — IndexBox", "USA 2012: 2.15 bn USD — Made-in-China.com",
                      "Germany 2012: 1.3 bn USD — Made-in-China.com"]
    widths = [float(r.get("width")) for r in tree.iter("{http://www.w3.org/2000/svg}rect")]
    assert widths[0] > widths[1] > widths[2]


def test_charts_escape_and_skip_empty():
    assert charts.bar_chart([], title="x", unit="USD") == ""
    assert charts.world_map([charts.Point("A", 2020, 1, "s")], title="x", unit="USD") == ""  # no coordinates
    svg = charts.world_map([charts.Point("<b>&", 2020, 5, "s<", lat=10, lon=20)], title="t", unit="USD",
                           home=(31.8, -7.1))
    etree.fromstring(svg.encode())  # well-formed despite markup in labels
    assert "<b>" not in svg


def test_human():
    assert charts.human(2155000000) == "2.15 bn" and charts.human(950) == "950" and charts.human(73700000) == "73.7 M"

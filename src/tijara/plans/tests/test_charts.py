"""The plan's SVG charts: bars grow from the reading side, texts isolated, empty data draws nothing."""

import re

from tijara.plans import charts


def _rects(svg):
    return [tuple(float(v) for v in m) for m in re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', svg)]


def test_score_bars_grow_from_the_right_in_arabic_and_print_the_score():
    bars = [charts.Bar("فرنسا", 72, "72"), charts.Bar("إسبانيا", 36, "36")]
    ltr, rtl = charts.score_bars(bars, title="t", desc="d"), charts.score_bars(bars, title="t", desc="d", rtl=True)
    (_, _), (x_ltr, w_ltr), _, (_, w2) = _rects(ltr)
    (_, _), (x_rtl, w_rtl), _, _ = _rects(rtl)
    assert x_ltr == 112 and abs(w_ltr - 2 * w2) < 0.2  # 72 is twice 36
    assert abs((x_rtl + w_rtl) - (360 - 112)) < 0.2  # ends at the label column on the right
    assert "\u2068فرنسا\u2069" in rtl and "\u206872\u2069" in rtl and 'role="img"' in rtl
    assert charts.score_bars([], title="t", desc="d") == ""


def test_cost_stack_keeps_order_and_drops_zero_lines():
    segments = [charts.Segment("a", 10), charts.Segment("zero", 0), charts.Segment("b", 30)]
    svg = charts.cost_stack(segments, total_text="40 €", title="t", desc="d")
    widths = [w for _, w in _rects(svg)]
    assert len(widths) == 2 and abs(widths[1] - 3 * widths[0]) < 0.2 and "zero" not in svg
    assert [item["label"] for item in charts.stack_legend(segments)] == ["a", "b"]


def test_progress_bar_says_how_many_are_done():
    svg = charts.progress_bar(7, 16, text="7 of 16 done")
    assert "<title" in svg and "7 of 16 done" in svg and abs(_rects(svg)[1][1] - 360 * 7 / 16) < 0.2
    assert charts.progress_bar(0, 0, text="") == ""

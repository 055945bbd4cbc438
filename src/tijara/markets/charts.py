"""Server-side SVG charts (ORM-free): bars per year and a world map of bubbles at capital cities.

Why server-side SVG and not a vendored JS library: the pages must work offline and without JavaScript, render the
same in Arabic (RTL) and French, be testable in Python (the page-walk test reads every number and its source), and
weigh a few kB instead of a 200 kB library. Each bar and bubble carries a `<title>` with its value, year and source,
and the table next to the chart lists the same figures with their sources.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape

COLOURS = ["#1b6b5a", "#c2571a", "#3d5a98", "#8a6d1d", "#7a3b69", "#2f7d32", "#9c2f2f", "#4a4a4a"]


@dataclass
class Point:
    label: str
    year: int | None
    value: float
    source: str
    note: str = ""
    lat: float | None = None
    lon: float | None = None


def human(value: float, lang: str | None = None) -> str:
    """A bar's value in the page's language (`2,2 Md` in French, `2.2B` in English): short form from 10 000 up,
    up to three decimals below (`10,5` for a share)."""
    from tijara.core.l10n import compact, num

    return compact(value, lang=lang) if abs(value) >= 10_000 else num(value, lang=lang)


def _attr(text: str) -> str:
    return escape(str(text), {'"': "&quot;"})


def bar_chart(points: list[Point], *, title: str, unit: str, width: int = 640, bar_height: int = 22) -> str:
    """Horizontal bars grouped by year (newest first); one colour per label. Empty list → empty string."""
    points = [p for p in points if p.value is not None]
    if not points:
        return ""
    points = sorted(points, key=lambda p: (-(p.year or 0), -p.value))
    top = max(p.value for p in points) or 1
    label_w, value_w = 190, 90
    plot_w = width - label_w - value_w
    colours: dict[str, str] = {}
    rows = []
    y = 28
    last_year = object()
    for p in points:
        if p.year != last_year:
            rows.append(f'<text x="0" y="{y + 14}" class="chart-year" font-weight="bold">{p.year or "—"}</text>')
            y += 20
            last_year = p.year
        colour = colours.setdefault(p.label, COLOURS[len(colours) % len(COLOURS)])
        w = max(1.0, plot_w * p.value / top)
        tip = f"{p.label} {p.year or ''}: {human(p.value)} {unit} — {p.source}"
        rows.append(
            f'<g><title>{_attr(tip)}</title>'
            f'<text x="{label_w - 6}" y="{y + bar_height * 0.7:.0f}" text-anchor="end" font-size="12">'
            f'{escape(p.label[:28])}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_height - 4}" fill="{colour}" rx="2"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + bar_height * 0.7:.0f}" font-size="12">{human(p.value)}</text></g>'
        )
        y += bar_height
    height = y + 8
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{_attr(title)}" class="chart" direction="ltr">'
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)} ({escape(unit)})</text>'
        + "".join(rows) + "</svg>"
    )


def world_map(points: list[Point], *, title: str, unit: str, width: int = 640,
              home: tuple[float, float] | None = None) -> str:
    """Equirectangular map: graticule and one bubble per country at its capital, area ∝ value. No borders drawn."""
    points = [p for p in points if p.value is not None and p.lat is not None and p.lon is not None]
    if not points:
        return ""
    height = width // 2
    top = max(p.value for p in points) or 1

    def xy(lat, lon):
        return (lon + 180) / 360 * width, (90 - lat) / 180 * height

    grid = []
    for lon in range(-150, 180, 30):
        x, _ = xy(0, lon)
        grid.append(f'<line x1="{x:.0f}" y1="0" x2="{x:.0f}" y2="{height}" stroke="#dde3e1"/>')
    for lat in range(-60, 90, 30):
        _, y = xy(lat, 0)
        grid.append(f'<line x1="0" y1="{y:.0f}" x2="{width}" y2="{y:.0f}" stroke="#dde3e1"/>')
    bubbles = []
    for p in sorted(points, key=lambda p: -p.value):
        x, y = xy(p.lat, p.lon)
        r = 3 + 27 * math.sqrt(p.value / top)
        tip = f"{p.label} {p.year or ''}: {human(p.value)} {unit} — {p.source}"
        bubbles.append(f'<g><title>{_attr(tip)}</title><circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
                       f'fill="#c2571a" fill-opacity="0.55" stroke="#7a3410"/>'
                       f'<text x="{x:.1f}" y="{y - r - 2:.1f}" font-size="10" text-anchor="middle">'
                       f'{escape(p.label[:14])}</text></g>')
    morocco = ""
    if home:
        x, y = xy(*home)
        morocco = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#1b6b5a"><title>Morocco</title></circle>'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{_attr(title)}" class="chart map" direction="ltr">'
        f'<rect width="{width}" height="{height}" fill="#f5f8f7"/>' + "".join(grid) + morocco + "".join(bubbles)
        + "</svg>"
    )

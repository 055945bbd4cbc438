"""Radar chart of readiness scores as inline SVG (pure). Labels are centred, so the chart reads the same in RTL."""

from __future__ import annotations

import math
from html import escape


def radar_svg(labels: list[str], series: list[tuple[list[int], str]], *, size: int = 360, title: str = "") -> str:
    """An SVG radar: `labels` around the axes, `series` = [(scores 0-100, css class)], the last drawn on top."""
    n = len(labels)
    cx = cy = size / 2
    radius = size / 2 - 56
    pad = 56

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * value / 100
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="radar" role="img" viewBox="{-pad} 0 {size + 2 * pad} '
             f'{size}" width="100%" style="max-width:{size + 2 * pad}px" aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>"]
    for ring in (25, 50, 75, 100):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(n)))
        parts.append(f'<polygon points="{pts}" fill="none" stroke="#ccc" stroke-width="1"/>')
    for i, label in enumerate(labels):
        x, y = point(i, 100)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#ccc" stroke-width="1"/>')
        lx, ly = point(i, 122)
        parts.append(f'<text x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="middle" font-size="14" '
                     f'class="radar-label">{escape(label)}</text>')
    colours = ["#9aa5b1", "#b5451b"]
    for k, (scores, css) in enumerate(series):
        colour = colours[min(k + len(colours) - len(series), len(colours) - 1)]
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, max(0, min(100, s))) for i, s in enumerate(scores)))
        dash = ' stroke-dasharray="4 3"' if k < len(series) - 1 else ""
        parts.append(f'<polygon class="{escape(css)}" points="{pts}" fill="{colour}" fill-opacity="0.25" '
                     f'stroke="{colour}" stroke-width="2"{dash}/>')
    parts.append("</svg>")
    return "".join(parts)


def trend_svg(*, points: list[tuple[str, int]], title: str, desc: str = "", rtl: bool = False,
              width: int = 360, height: int = 180) -> str:
    """Columns of overall readiness (0–100) per take, oldest first; time runs right to left in RTL pages.

    `points` = [(date already formatted for the page, score)]; the last 12 takes are drawn, each labelled.
    """
    points = points[-12:]
    n = len(points)
    top, bottom, side = 24, 40, 8
    plot_h = height - top - bottom
    slot = (width - 2 * side) / max(n, 1)
    bar = min(48.0, slot * 0.6)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="trend" role="img" viewBox="0 0 {width} {height}" '
             f'width="100%" style="max-width:{width}px" aria-labelledby="trend-t trend-d">',
             f'<title id="trend-t">{escape(title)}</title><desc id="trend-d">{escape(desc or title)}</desc>']
    for ring in (0, 50, 100):
        y = top + plot_h * (1 - ring / 100)
        parts.append(f'<line x1="{side}" y1="{y:.1f}" x2="{width - side}" y2="{y:.1f}" stroke="#c8c8c8" '
                     f'stroke-width="1"/>')
    for i, (label, value) in enumerate(points):
        value = max(0, min(100, int(value)))
        slot_index = n - 1 - i if rtl else i
        cx = side + slot * slot_index + slot / 2
        h = plot_h * value / 100
        y = top + plot_h - h
        parts.append(f'<rect x="{cx - bar / 2:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="#1f6f5c"/>')
        parts.append(f'<text x="{cx:.1f}" y="{y - 6:.1f}" text-anchor="middle" font-size="14" '
                     f'font-weight="700">{value}</text>')
        parts.append(f'<text x="{cx:.1f}" y="{height - bottom + 20:.1f}" text-anchor="middle" '
                     f'font-size="12">{escape(label)}</text>')
    parts.append("</svg>")
    return "".join(parts)

"""Server-side SVG for the export to-do and the plan (ORM-free): score bars, landed-cost stacks, checklist progress.

Labels and numbers arrive already translated and formatted (locale filters); `rtl=True` makes bars grow from the
right. The SVG itself is laid out left to right (x grows rightwards, anchors mean what they say) and the
mirroring is done in coordinates. Every text is bidi-isolated (U+2068…U+2069) so a Latin name or a figure keeps its order in Arabic.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

SCORE_COLOUR = "#1b6b5a"
TRACK = "#e3e8ed"
STACK_COLOURS = ["#1b6b5a", "#3d5a98", "#c2571a", "#7a3b69", "#8a6d1d", "#4a4a4a"]
DONE = "#2f7d32"


def _t(text) -> str:
    return escape("\u2068" + str(text) + "\u2069")


def _svg(width: int, height: int, title: str, desc: str, body: str, ident: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
            f'aria-labelledby="{ident}-t {ident}-d" class="chart" font-family="inherit" direction="ltr">'
            f'<title id="{ident}-t">{_t(title)}</title><desc id="{ident}-d">{_t(desc)}</desc>{body}</svg>')


@dataclass
class Bar:
    label: str
    value: float  # 0..100
    text: str  # the formatted value printed at the bar's end


def score_bars(bars: list[Bar], *, title: str, desc: str, rtl: bool = False, ident: str = "scores",
               width: int = 360, row: int = 28) -> str:
    """Horizontal bars, one per market, sorted as given, the score printed at the end of each bar."""
    if not bars:
        return ""
    label_w, value_w = 112, 40
    plot = width - label_w - value_w
    parts = []
    for i, bar in enumerate(bars):
        y = 8 + i * row
        w = max(2.0, plot * max(0.0, min(100.0, bar.value)) / 100)
        if rtl:
            label_x, anchor = width, "end"
            x0 = width - label_w - w
            text_x, text_anchor = x0 - 6, "end"
            track_x = width - label_w - plot
        else:
            label_x, anchor = 0, "start"
            x0 = label_w
            text_x, text_anchor = label_w + w + 6, "start"
            track_x = label_w
        parts.append(
            f'<text x="{label_x}" y="{y + 16}" text-anchor="{anchor}" font-size="13">{_t(bar.label[:18])}</text>'
            f'<rect x="{track_x}" y="{y + 3}" width="{plot}" height="16" fill="{TRACK}" rx="3"/>'
            f'<rect x="{x0:.1f}" y="{y + 3}" width="{w:.1f}" height="16" fill="{SCORE_COLOUR}" rx="3"/>'
            f'<text x="{text_x:.1f}" y="{y + 16}" text-anchor="{text_anchor}" font-size="13" '
            f'font-weight="bold">{_t(bar.text)}</text>')
    return _svg(width, 8 + len(bars) * row + 4, title, desc, "".join(parts), ident)


@dataclass
class Segment:
    label: str
    value: float


def cost_stack(segments: list[Segment], *, total_text: str, title: str, desc: str, rtl: bool = False,
               ident: str = "stack", width: int = 360) -> str:
    """One stacked bar (segments in order), the total at its end. The legend is HTML (`stack_legend`), readable
    at any width."""
    segments = [s for s in segments if s.value > 0]
    if not segments:
        return ""
    total = sum(s.value for s in segments) or 1
    plot = width - 110
    x = 0.0
    parts = []
    for i, seg in enumerate(segments):
        w = plot * seg.value / total
        rx = (width - x - w) if rtl else x
        parts.append(f'<rect x="{rx:.1f}" y="4" width="{w:.1f}" height="30" fill="{STACK_COLOURS[i % len(STACK_COLOURS)]}">'
                     f'<title>{_t(seg.label)}</title></rect>')
        x += w
    tx, anchor = (width - plot - 8, "end") if rtl else (plot + 8, "start")
    parts.append(f'<text x="{tx}" y="26" font-size="15" font-weight="bold" text-anchor="{anchor}">{_t(total_text)}</text>')
    return _svg(width, 38, title, desc, "".join(parts), ident)


def stack_legend(segments: list[Segment]) -> list[dict]:
    """The legend of `cost_stack`, in segment order: label and colour, for an HTML list beside the bar."""
    kept = [s for s in segments if s.value > 0]
    return [{"label": s.label, "colour": STACK_COLOURS[i % len(STACK_COLOURS)]} for i, s in enumerate(kept)]


def progress_bar(done: int, total: int, *, text: str, rtl: bool = False, ident: str = "progress",
                 width: int = 360) -> str:
    """One bar for "7 of 16 done"; the words go in the figure's caption (PDF renderers do not shape Arabic in SVG)."""
    if total <= 0:
        return ""
    w = width * done / total
    x = width - w if rtl else 0
    body = (f'<rect x="0" y="2" width="{width}" height="14" fill="{TRACK}" rx="7"/>'
            f'<rect x="{x:.1f}" y="2" width="{w:.1f}" height="14" fill="{DONE}" rx="7"/>')
    return _svg(width, 18, text, text, body, ident)

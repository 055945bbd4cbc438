"""Feed health over time as inline SVG (pure, no ORM): one column per finished run, items written; failed runs
show a short red mark at the baseline. Time runs right to left on RTL pages."""

from __future__ import annotations

from html import escape


def feed_health_svg(*, runs: list[tuple[str, int, bool]], title: str, desc: str, failed_label: str,
                    rtl: bool = False, width: int = 360, height: int = 160, number=str) -> str:
    """`runs` = [(date already formatted, items written, succeeded)], oldest first; the last 20 are drawn.

    `number` formats a count for the page's locale (the caller passes `tijara.core.l10n.num`).
    """
    runs = runs[-20:]
    n = len(runs)
    top, bottom, side = 24, 28, 8
    plot_h = height - top - bottom
    peak = max([items for _, items, ok in runs if ok] or [1]) or 1
    slot = (width - 2 * side) / max(n, 1)
    bar = min(32.0, slot * 0.7)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="feed-health" role="img" viewBox="0 0 {width} {height}" '
             f'width="100%" style="max-width:{width}px" aria-labelledby="fh-t fh-d">',
             f'<title id="fh-t">{escape(title)}</title><desc id="fh-d">{escape(desc)}</desc>',
             f'<line x1="{side}" y1="{top + plot_h}" x2="{width - side}" y2="{top + plot_h}" stroke="#767676"/>']
    for i, (label, items, ok) in enumerate(runs):
        cx = side + slot * ((n - 1 - i) if rtl else i) + slot / 2
        if ok:
            h = max(2.0, plot_h * items / peak)
            parts.append(f'<rect x="{cx - bar / 2:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="#1f6f5c"><title>{escape(label)}: {escape(number(items))}</title></rect>')
            if i == n - 1 or n <= 8:
                parts.append(f'<text x="{cx:.1f}" y="{top + plot_h - h - 6:.1f}" text-anchor="middle" '
                             f'font-size="12">{escape(number(items))}</text>')
        else:
            parts.append(f'<rect x="{cx - bar / 2:.1f}" y="{top + plot_h - 10:.1f}" width="{bar:.1f}" height="10" '
                         f'fill="#b42318"><title>{escape(label)}: {escape(failed_label)}</title></rect>')
    if n:
        first, last = runs[0][0], runs[-1][0]
        start_x, end_x = (width - side, side) if rtl else (side, width - side)
        # The labels are written in the page's direction (stated, not inherited), so "start" is the inner side of
        # the first date in both: on an RTL page its right edge sits at the right end and the text runs inwards;
        # anchoring it "end" there pushed the date out of the picture.
        parts.append(f'<text x="{start_x}" y="{height - 8}" text-anchor="start" direction="{"rtl" if rtl else "ltr"}" '
                     f'font-size="12">{escape(first)}</text>')
        if n > 1:
            parts.append(f'<text x="{end_x}" y="{height - 8}" text-anchor="end" direction="{"rtl" if rtl else "ltr"}" '
                         f'font-size="12">{escape(last)}</text>')
    parts.append("</svg>")
    return "".join(parts)

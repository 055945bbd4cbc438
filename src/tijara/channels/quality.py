"""Listing quality score (pure): completeness, title and tags per channel guidance, photos, translation.

The score is out of 100; `improvements` lists what to fix first (largest gain first). Errors come first
whatever their weight, since a blocked listing is not shown at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from tijara.channels.inputs import Mapped
from tijara.core.l10n import num
from tijara.core.sentences import gettext_kept as _

TITLE_LIMITS = {"google": 150, "meta": 200, "etsy": 140, "amazon_handmade": 200, "shopify": 255, "woocommerce": 255}


@dataclass(frozen=True, slots=True)
class Quality:
    score: int
    improvements: list[dict]


def quality(entry: Mapped, kind: str) -> Quality:
    """Score one mapped listing and say what to improve first."""
    item = entry.item
    gains: list[tuple[int, str]] = []
    score = 0

    errors = [p for p in entry.problems if p.severity == "error"]
    warnings = [p for p in entry.problems if p.severity == "warning"]
    if errors:
        gains.append((100, _("Fix the blocking problems first: %(n)d error(s), e.g. %(first)s") % {
            "n": len(errors), "first": errors[0].fix or errors[0].message}))
    else:
        score += 25
    lost = min(len(warnings) * 5, 10)
    score += 10 - lost
    if lost:
        gains.append((lost, _("Resolve the warnings (%(n)d): %(first)s") % {"n": len(warnings), "first": warnings[0].fix}))

    text = item.text if item else None
    if text is None:
        gains.append((35, _("Add a title and description in the connection's language.")))
    else:
        title = text.title.strip()
        limit = TITLE_LIMITS.get(kind, 150)
        if 30 <= len(title) <= limit:
            score += 15
        elif title:
            score += 7
            gains.append((8, _("Make the title say what it is, the material, size and colour (30 to %(limit)d characters).") % {"limit": limit}))
        description = text.description.strip()
        if len(description) >= 200:
            score += 15
        elif description:
            score += 7
            gains.append((8, _("Write a longer description (200 characters or more): making, materials, size, care.")))
        else:
            gains.append((15, _("Write a description.")))
        score += 5
        if kind == "etsy":
            tags = len(text.tags)
            got = min(tags, 13) * 5 // 13
            score += got
            if got < 5:
                gains.append((5 - got, _("Use all 13 Etsy tags (each up to 20 characters).")))
        else:
            if item.materials:
                score += 5
            else:
                gains.append((5, _("List the materials.")))

    photos = len(item.photos) if item else 0
    if photos >= 3:
        score += 15
    elif photos:
        score += 8
        gains.append((7, _("Add more photos (3 or more: the piece, a detail, the piece in use).")))
    else:
        gains.append((15, _("Add photos.")))
    if item and item.photos and max(item.photos[0].width, item.photos[0].height) >= 1000:
        score += 10
    elif item and item.photos:
        gains.append((10, _("Use a main photo of %(px)s px or more on its longest side.") % {"px": num(1000)}))
    gains.sort(key=lambda g: -g[0])
    return Quality(score=max(0, min(100, score)), improvements=[{"points": p, "message": m} for p, m in gains])

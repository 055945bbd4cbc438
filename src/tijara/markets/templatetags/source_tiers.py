"""`{{ source|source_tier:url }}` → "official publisher or statistics office" (the tier in words; its number stays in the JSON) in the page's language."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from tijara.markets.explain import tier_label
from tijara.markets.tiers import tier_of

register = template.Library()


@register.filter
def source_tier(source: str, url: str = "") -> str:
    """The source quality tier of a figure, judged from its publisher (see markets/tiers.py)."""
    if not source and not url:
        return ""
    return tier_label(tier_of(str(source or ""), str(url or "")), (get_language() or "en")[:2])


@register.simple_tag
def source_tier_of(source: str, url: str = "", publisher_site: str = "") -> str:
    """`{% source_tier_of e.source e.source_url e.website %}`: the tier, with the publisher's own site counting
    as tier 1 (a fair's dates read on its organiser's site)."""
    if not source and not url:
        return ""
    return tier_label(tier_of(str(source or ""), str(url or ""), str(publisher_site or "")),
                      (get_language() or "en")[:2])


@register.filter
def tier_name(tier) -> str:
    """`{{ component.tier|tier_name }}` → "international organisation or industry association"."""
    try:
        number = int(tier)
    except (TypeError, ValueError):
        return ""
    return tier_label(number, (get_language() or "en")[:2]) if 1 <= number <= 4 else ""

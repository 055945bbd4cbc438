"""Rendering of the assistant's answers: every cited fact ID in the text becomes a link to its knowledge page."""

import re

from django import template
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import mark_safe

register = template.Library()
_ID = re.compile(r"\b[A-Z]{2,4}(?:-[A-Z0-9]{1,6}){1,3}\b")


@register.filter
def cite_links(text: str, citations) -> str:
    """The answer as paragraphs, with the IDs of the cited facts linked to their pages (other text escaped)."""
    urls = {c.fact_id if hasattr(c, "fact_id") else c["fact_id"]: c.url if hasattr(c, "url") else c["url"]
            for c in citations or ()}

    def link(match: re.Match) -> str:
        fact_id = match.group(0)
        return format_html('<a href="{}" dir="ltr">{}</a>', urls[fact_id], fact_id) if fact_id in urls else fact_id

    html = linebreaks(escape(text or ""))
    return mark_safe(_ID.sub(link, html))  # noqa: S308 - only escaped text and format_html links

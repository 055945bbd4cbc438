"""Rendering of the assistant's answers: every cited fact ID in the text becomes a link to its knowledge page."""

import re

from django import template
from django.conf import settings
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import mark_safe

register = template.Library()
_ID_PATTERN = r"\b[A-Z]{2,4}(?:-[A-Z0-9]{1,6}){1,3}\b"
_ID = re.compile(_ID_PATTERN)
_CITED = re.compile(rf"\[(?P<group>{_ID_PATTERN}(?:,\s*{_ID_PATTERN})*)\]|{_ID_PATTERN}")


@register.filter
def site_path(url: str) -> str:
    """A page of this site by its path, so the link works on whatever address the page was reached by (the API and
    the CLI keep the absolute address built from TIJARA_SITE_URL)."""
    url = url or ""
    return url[len(settings.SITE_URL):] if url.startswith(settings.SITE_URL + "/") else url


@register.filter
def cite_links(text: str, citations) -> str:
    """The answer as paragraphs, with the IDs of the cited facts linked to their pages (other text escaped).

    A bracketed group of IDs ("[MA-CUS-01, MA-CUS-02]") is one left-to-right isolate and an ID never breaks at its
    hyphen: in an Arabic answer the brackets would otherwise be mirrored apart and "MA-TAX-01" split over two lines.
    """
    urls = {c.fact_id if hasattr(c, "fact_id") else c["fact_id"]: site_path(c.url if hasattr(c, "url") else c["url"])
            for c in citations or ()}

    def link(match: re.Match) -> str:
        fact_id = match.group(0)
        if fact_id not in urls:
            return format_html('<span class="cite-id">{}</span>', fact_id)
        return format_html('<a class="cite-id" href="{}" dir="ltr">{}</a>', urls[fact_id], fact_id)

    def cited(match: re.Match) -> str:
        if match.group("group") is None:
            return link(match) if match.group(0) in urls else match.group(0)
        return f'<span class="cites" dir="ltr">[{_ID.sub(link, match.group("group"))}]</span>'

    html = _CITED.sub(cited, linebreaks(escape(text or "")))
    return mark_safe(html)  # noqa: S308 - only escaped text and format_html links

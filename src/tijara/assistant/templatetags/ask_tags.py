"""Rendering of the assistant's answers on the web: the cited facts' IDs in the text become numbers ([1], [2]) linking
to the numbered sources under the answer, and its figures are written as the answer's locale writes them. The API and
the CLI keep the IDs and the figures as the facts state them."""

import re
from dataclasses import dataclass

from django import template
from django.conf import settings
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

from tijara.core import l10n
from tijara.core.templatetags.tijara_l10n import source_date
from tijara.knowledge.ids import FACT_ID, FACT_ID_PATTERN
from tijara.knowledge.templatetags.knowledge_tags import fact_names

register = template.Library()
# A bracketed group of IDs ("[MA-CUS-01, MA-CUS-02]"), or one ID with, in a cited paragraph ("[MA-ORI-03 · 2013
# (IGOC cited) · secondary source, check it]"), the date of its source.
_CITED = re.compile(rf"\[(?P<group>{FACT_ID_PATTERN}(?:,\s*{FACT_ID_PATTERN})*)\]"
                    rf"|(?P<open>\[?)(?P<one>{FACT_ID_PATTERN})(?P<when> · (?P<date>[^·\]\n]+?)(?= ·|\]))?")


# A run of Latin words in an Arabic answer (a portal, an agreement, a document's name: "Access2Markets", "EUR.1"),
# not an HTML entity's letters; isolated so it keeps its own direction inside the right-to-left sentence.
# An apostrophe is escaped by then (&#x27;, &#39;): it stays inside the run ("l'accord").
_LATIN_RUN = re.compile(r"(?<![&#\w])[A-Za-z](?:[\w.\-/’']|&#x27;|&#39;)*(?:[ ]+[A-Za-z0-9](?:[\w.\-/’']|&#x27;|&#39;)*)*"
                        r"(?<![.\-/])")
_TAG = re.compile(r"(<[^>]+>)")


def _isolate_latin(html: str) -> str:
    """Each run of Latin words of escaped HTML text in `<bdi>`, outside tags and outside what is already isolated
    (`<bdi>`, links' own words stay as they are)."""
    out, depth = [], 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            name = part[1:].split(None, 1)[0].rstrip(">").lower() if len(part) > 2 else ""
            if name in ("bdi", "a"):
                depth += 1
            elif name in ("/bdi", "/a"):
                depth = max(0, depth - 1)
            out.append(part)
        elif depth or not part.strip():
            out.append(part)
        else:
            out.append(_LATIN_RUN.sub(lambda m: f"<bdi>{m.group(0)}</bdi>", part))
    return "".join(out)


@register.filter
def site_path(url: str) -> str:
    """A page of this site by its path, so the link works on whatever address the page was reached by (the API and
    the CLI keep the absolute address built from TIJARA_SITE_URL)."""
    url = url or ""
    return url[len(settings.SITE_URL):] if url.startswith(settings.SITE_URL + "/") else url


@register.filter
def url_host(url: str) -> str:
    """The site a link leads to, as people name it ("trade.ec.europa.eu"), for a link's words: a full address with
    its path reads as code on a page."""
    from urllib.parse import urlsplit

    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.") or url


def _get(citation, key: str, default=""):
    return getattr(citation, key, default) if not isinstance(citation, dict) else citation.get(key, default)


@dataclass(frozen=True)
class Source:
    """One entry of the sources under an answer: its number in the page's digits, its anchor and the citation."""

    number: str
    anchor: str
    citation: object


@dataclass(frozen=True)
class Cited:
    html: SafeString
    sources: list[Source]


@register.simple_tag
def cited(text: str, citations, *anchor, lang: str | None = None) -> Cited:
    """The answer as paragraphs (its text escaped), each cited fact's ID replaced by its number linked to its entry
    in `sources` (anchors `<anchor parts>-source-<n>`), and the sources numbered in the order the text cites them.

    Its figures are written as the locale of `lang` (else the active language) writes them (`l10n.figures`; the API
    and the CLI keep the text as the facts state it). A fact cited twice has one number. An ID the citations do not
    list is left out of a bracketed group (it is an internal key) and elsewhere ("see AGR-EU-03" in a fact's text) names the fact by its title, a link to its page;
    a code that is no fact ID ("EUR-1") stays as written. A source's date in a cited paragraph reads as in the
    sources list, its own English wording marked English.
    """
    by_id = {_get(c, "fact_id"): c for c in citations or ()}
    order = [m for m in FACT_ID.findall(text or "") if m in by_id]
    order = list(dict.fromkeys([*order, *by_id]))
    prefix = "-".join(str(part) for part in anchor if part not in (None, "")) or "answer"
    sources = [Source(number=l10n.num(n), anchor=f"{prefix}-source-{n}", citation=by_id[fact_id])
               for n, fact_id in enumerate(order, 1)]
    numbered = dict(zip(order, sources, strict=True))

    def link(fact_id: str) -> str:
        source = numbered[fact_id]
        return format_html('<a class="cite-n" href="#{}" aria-label="{}" title="{}">{}</a>', source.anchor,
                           pgettext("citation", "Source %(n)s") % {"n": source.number},
                           l10n.figures(_get(source.citation, "title"), lang=lang), source.number)

    def replace(match: re.Match) -> str:
        if match.group("group") is not None:
            ids = [i for i in dict.fromkeys(FACT_ID.findall(match.group("group"))) if i in numbered]
            if not ids:
                return ""
            return f'<span class="cites">[{escape(pgettext("list of numbers", ", ")).join(link(i) for i in ids)}]</span>'
        fact_id = match.group("one")
        if fact_id not in numbered:  # a fact the text names but does not cite: by its title, a link to its page
            return f'{match.group("open")}{fact_names(fact_id)}{match.group("when") or ""}'
        when = match.group("when") or ""
        date = match.group("date")
        as_of = _get(numbered[fact_id].citation, "as_of")
        if date is not None and date == escape(l10n.date_l10n(as_of)):
            when = f" · {source_date(as_of)}"
        if match.group("open"):  # "[1" never breaks between the bracket and the number
            return f'<span class="cites">[{link(fact_id)}</span>{when}'
        return link(fact_id) + when

    html = _CITED.sub(replace, linebreaks(escape(l10n.figures(text or "", lang=lang))))
    if (lang or l10n.language()) == "ar":
        html = _isolate_latin(html)
    return Cited(html=mark_safe(html), sources=sources)  # noqa: S308 - only escaped text and format_html links

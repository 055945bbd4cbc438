"""Display of the calculator's rule texts: fact IDs become links to the fact page, ISO dates follow the locale."""

from __future__ import annotations

import datetime
import re

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from tijara.core.l10n import date_l10n
from tijara.knowledge.ids import FACT_ID_PATTERN
from tijara.pricing.destination import tier_words

register = template.Library()

# A fact ID (`PRC-FEE-04`, `US-DM-01`, `SEC-04`, `FAM-RUG`), or two facts of one series, `PRC-VAT-14/15`.
FACT_ID = re.compile(rf"{FACT_ID_PATTERN}(?:/\d{{2}}(?![\w-]))*")
# IDs cited in a rule text, in brackets, `(PRC-VAT-14/15)`, or as a run, `— US-DM-01 / PRC-LV-06`, with the dash
# that introduces it. Read in one pass: a link put in holds the ID again in its address, which is not a citation.
CITATION = re.compile(rf"\s?\(\s*(?P<bracketed>{FACT_ID.pattern})\s*\)"
                      rf"|(?P<dash>\s—\s)?(?P<run>{FACT_ID.pattern}(?:\s/\s{FACT_ID.pattern})*)")
ISO_DATE = re.compile(r"(?<![\d/-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
# A first-strong isolate (U+2068 … U+2069) from the plain-text helpers: in a page it becomes a <bdi> element, which
# keeps isolating when the links below split the fragment into several text nodes.
ISOLATE = re.compile("\u2068([^\u2068\u2069]*)\u2069")
# A source's confidence mark as the data writes it, `(V)`, `(S)`, `(verified)`: shown in words, never as a letter.
# an address in escaped text, without the punctuation that closes the sentence or a bracket around it
URL = re.compile(r"https?://[^\s<>\"']+?(?=[.,;:)\]]*(?:\s|$|&lt;|&gt;|&quot;|&#x27;))")
MARK = re.compile(r"\s?\((V|H|S|M|K|L|U|verified|secondary|unverified)\)")


def _titles(ids: set[str]) -> dict[str, str]:
    from tijara.knowledge.selectors import source_refs

    return {fact_id: ref.title for fact_id, ref in source_refs(fact_ids=ids).items()}


def _ids(match: re.Match) -> list[str]:
    first, *more = match.group(0).split("/")
    return [first] + [first[:-2] + number for number in more]


def _date(match: re.Match) -> str:
    try:
        return escape(date_l10n(datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))))
    except ValueError:
        return match.group(0)


def _mark(match: re.Match) -> str:
    return f' <small class="tier">({escape(str(tier_words(match.group(1))))})</small>'


def _address_link(escaped_url: str) -> str:
    """`<a href="…">help.etsy.com</a>` for an escaped address: the host as its words, the whole address kept in the
    link."""
    from html import unescape
    from urllib.parse import urlsplit

    host = (urlsplit(unescape(escaped_url)).hostname or "").removeprefix("www.")
    if not host:
        return escaped_url
    return format_html('<a href="{}" rel="noopener"><bdi dir="ltr">{}</bdi></a>', unescape(escaped_url), host)


@register.filter
def fact_links(value) -> str:
    """Escape a rule text; show each fact ID as a link titled with the fact, and each ISO date in the locale."""
    text = escape(str(value if value is not None else ""))
    ids = {fid for match in FACT_ID.finditer(text) for fid in _ids(match)}
    titles = _titles(ids) if ids else {}

    def links(match: re.Match) -> str:
        parts = [format_html('<a href="{}" class="fact-link">{}</a>', reverse("knowledge:fact", args=[fid]),
                             titles[fid]) for fid in _ids(match) if fid in titles]
        return ", ".join(parts)

    def citation(match: re.Match) -> str:
        if match.group("bracketed"):
            inner = links(FACT_ID.search(match.group("bracketed")))
            return f" ({inner})" if inner else ""
        inner = ", ".join(part for part in (links(m) for m in FACT_ID.finditer(match.group("run"))) if part)
        return (match.group("dash") or "") + inner if inner else ""

    # a bare web address reads as the site it leads to, a link (never a path, file name or %-encoded query);
    # set aside first, so no fact ID, date or mark inside the address is read
    addresses: list[str] = []

    def address(match: re.Match) -> str:
        addresses.append(_address_link(match.group(0)))
        return f"\x00{len(addresses) - 1}\x00"

    text = URL.sub(address, text)
    text = MARK.sub(_mark, text)
    while ISOLATE.search(text):  # innermost first, so nested isolates nest as elements
        text = ISOLATE.sub(r"<bdi>\1</bdi>", text)
    text = CITATION.sub(citation, text)
    text = ISO_DATE.sub(_date, text)
    text = re.sub("\x00(\\d+)\x00", lambda m: addresses[int(m.group(1))], text)
    return mark_safe(text)  # noqa: S308 — the text was escaped above; only our links were added


@register.filter
def source_words_lang(value) -> str:
    """The language a source text's own words are written in (`l10n.source_language`), its web addresses, fact IDs
    and confidence marks set aside: "en" for a tariff's or a publisher's English name; "" for a bare address, a
    text of fewer than two words or one whose language cannot be told (nothing is marked then)."""
    from tijara.core.l10n import source_language

    words = MARK.sub(" ", FACT_ID.sub(" ", re.sub(r"https?://\S+", " ", str(value or ""))))
    return source_language(re.sub(r"[\s—;,/]+", " ", words).strip())


@register.filter
def channel_label(code) -> str:
    """A channel's stored code (`amazon-handmade`) as its name (Amazon Handmade; « Vente directe »)."""
    from tijara.pricing.fees import CHANNEL_LABELS

    return str(CHANNEL_LABELS.get(str(code or ""), code or ""))

"""Template helpers: a fact's or a step's text in a language, its isolated fragments, its translation note, its
markets, and the confidence badge."""

import re

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_noop
from django.utils.translation import gettext as _

from tijara.core.l10n import figures
from tijara.knowledge.ids import FACT_ID
from tijara.knowledge.services import EDITED_NOTE

register = template.Library()
ISOLATED = re.compile("\u2068([^\u2069]*)\u2069")
# Marking phrases that stay English on the goods whatever the page's language (the texts isolate them).
ENGLISH_MARKINGS = frozenset({"Made in Morocco"})


def _fact_links(text: str, *, link: bool = True) -> str:
    """Escaped text where another published fact cited by its ID ("see AGR-EU-03") reads as that fact's title in the
    page's language, a link to its page (the ID is an internal key); `link=False` for the title alone (a PDF)."""
    html = str(conditional_escape(text))
    ids = set(FACT_ID.findall(html))
    if not ids:
        return html
    from tijara.knowledge.selectors import source_refs

    refs = source_refs(fact_ids=ids)
    quoted = {"fr": "«\u00a0{}\u00a0»", "ar": "«{}»"}.get((get_language() or "en")[:2], "“{}”")

    def name(match: re.Match) -> str:
        ref = refs.get(match.group(0))
        if ref is None:
            return match.group(0)
        if not link:
            return quoted.format(conditional_escape(figures(ref.title)))
        return quoted.format(format_html('<a href="{}">{}</a>', reverse("knowledge:fact", args=[ref.fact_id]),
                                         figures(ref.title)))

    return FACT_ID.sub(name, html)


@register.filter(is_safe=True)
def fact_names(value, link=True):
    """A text (escaped) or a template's HTML where each published fact cited by its ID reads as its title, quoted, in
    the page's language: a link to its page, or with `False` (a printed document) the title alone. The JSON and the
    API keep the IDs."""
    return mark_safe(_fact_links(value, link=bool(link)))  # noqa: S308 - escaped text and format_html links


@register.filter
def fragments(text):
    """A fact's plain text as HTML: its figures as the page's locale writes them (`l10n.figures`), each U+2068 …
    U+2069 fragment in `<bdi>` as written, English marking phrases lang="en", another fact cited by its ID named by
    its title, a link to its page."""
    parts = ISOLATED.split(str(text or ""))
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(mark_safe(_fact_links(figures(part))))  # noqa: S308 - escaped text and format_html links
        elif part in ENGLISH_MARKINGS:
            out.append(format_html('<bdi lang="en" dir="ltr">{}</bdi>', part))
        else:
            out.append(format_html("<bdi>{}</bdi>", part))
    return format_html_join("", "{}", ((x,) for x in out))


@register.filter
def ftitle(fact, language):
    return fact.title(language)


@register.filter
def ftext(fact, language):
    return fact.text(language)


# The translation notes the fact packs and the review workflow store (the record, in English), as the reader
# sees them; a note not listed (an operator's own pack) is shown as written, marked English.
TRANSLATION_NOTES = {
    "ar, fr: human translation by the Tijara project from the English fact":
        gettext_noop("Written in English; the Arabic and French texts are human translations by the Tijara project."),
    "ar, fr: templates translated by the Tijara project; rates as printed in the schedules":
        gettext_noop("Generated from the tariff tables; the sentences are translated by the Tijara project and the"
                     " rates are quoted as printed in the schedules."),
    EDITED_NOTE: gettext_noop("Edited on the platform and published after review."),
}


@register.filter
def translation_line(note):
    """A fact's stored translation note in the page's language."""
    note = str(note or "").strip()
    if note in TRANSLATION_NOTES:
        return _(TRANSLATION_NOTES[note])
    return format_html('<span lang="en" dir="ltr">{}</span>', note) if note else ""


@register.filter
def market_names(codes):
    """A fact's markets (ISO-3 codes, EU, * for every market) as names in the page's language, joined."""
    from tijara.core.l10n import country_name, joined

    return joined(_("all markets") if code == "*" else country_name(code) for code in codes or [])


@register.filter
def steptext(step, arg):
    field, _sep, language = arg.partition(":")
    return step.text(field, language)


LETTER_TIERS = {"V": "verified", "H": "verified", "S": "secondary", "M": "secondary", "K": "secondary",
                "L": "unverified", "U": "unverified"}


@register.simple_tag
def confidence_badge(confidence, mark="", stale=False):
    labels = {"verified": _("verified"), "secondary": _("secondary source — check it"),
              "unverified": _("unverified — to be confirmed")}
    # the data's mark letter (V, S, M, U…) stays in the data: the reader gets the tier in words
    confidence = LETTER_TIERS.get(confidence, confidence)
    badge = format_html('<span class="badge {}">{}</span>', confidence, labels.get(confidence, confidence))
    if stale:
        badge += format_html(' <span class="badge bad">{}</span>', _("may be out of date"))
    return badge

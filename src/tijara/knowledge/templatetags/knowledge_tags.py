"""Template helpers: a fact's or a step's text in a language, its isolated fragments, and the confidence badge."""

import re

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.translation import gettext as _

register = template.Library()
ISOLATED = re.compile("\u2068([^\u2069]*)\u2069")
# Marking phrases that stay English on the goods whatever the page's language (the texts isolate them).
ENGLISH_MARKINGS = frozenset({"Made in Morocco"})


@register.filter
def fragments(text):
    """A fact's plain text as HTML: each U+2068 … U+2069 fragment in `<bdi>`, English marking phrases lang="en"."""
    parts = ISOLATED.split(str(text or ""))
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(conditional_escape(part))
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

"""Template helpers: a fact's or a step's text in a language, and the confidence badge."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


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


@register.simple_tag
def confidence_badge(confidence, mark="", stale=False):
    labels = {"verified": _("verified"), "secondary": _("secondary source — check it"),
              "unverified": _("unverified — to be confirmed")}
    badge = format_html('<span class="badge {}">{}{}</span>', confidence, labels.get(confidence, confidence),
                        f" ({mark})" if mark else "")
    if stale:
        badge += format_html(' <span class="badge bad">{}</span>', _("may be out of date"))
    return badge

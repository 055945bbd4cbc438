"""Template helpers of the marketplace: facet labels, facet toggling links, language names."""

from __future__ import annotations

from urllib.parse import urlencode

from babel import Locale, UnknownLocaleError
from django import template
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from tijara.core.crafts import craft_name, region_name

register = template.Library()


def _lang() -> str:
    return (get_language() or "en")[:2]


@register.simple_tag
def facet_name(name: str) -> str:
    return {
        "craft": _("Craft"), "material": _("Material"), "region": pgettext("Moroccan region", "Region"), "price": _("Price"),
        "moq": _("Minimum order"), "lead_time": _("Lead time (days)"), "verified": _("Verified maker"),
        "maker": _("Maker"),
    }.get(name, name)


@register.simple_tag
def facet_label(name: str, value: str) -> str:
    if name == "craft":
        return craft_name(value, _lang())
    if name == "region":
        return region_name(value, _lang())
    if name == "material":  # the maker's word, in the page's language when the vocabulary names it (as on the product)
        return maker_term(value, "material")["text"]
    if name == "verified":
        return _("yes") if value == "yes" else _("no")
    if name in ("moq", "lead_time", "price"):
        return _range_label(value)
    if name == "maker":
        from tijara.accounts.models import Organisation

        found = Organisation.objects.filter(slug=value).values_list("public_name", flat=True).first()
        return found or value
    return value


def _range_label(value: str) -> str:
    """A bucket such as "2-10" or "201+" in words and local digits ("2–10", "201 or more")."""
    from tijara.core import l10n

    if value.endswith("+") and value[:-1].isdigit():
        return _("%(number)s or more") % {"number": l10n.num(int(value[:-1]))}
    low, sep, high = value.partition("-")
    if sep and low.isdigit() and high.isdigit():
        return f"{l10n.num(int(low))}–{l10n.num(int(high))}"
    if value.isdigit():
        return l10n.num(int(value))
    return value


@register.simple_tag
def facet_chips(request, filters: dict) -> list[dict]:
    """The chosen facet values as removable chips: label and the link that removes it."""
    chips = []
    for name, values in filters.items():
        for value in values:
            chips.append({"name": facet_name(name), "label": facet_label(name, value),
                          "remove": facet_toggle(request, name, value)})
    return chips


@register.simple_tag
def facets_cleared(request) -> str:
    """The current query string without any facet (search words, sort and currency kept)."""
    from tijara.marketplace.selectors import FACETS

    pairs = [(k, v) for k, vs in request.GET.lists() for v in vs if k not in FACETS and k != "page"]
    return "?" + urlencode(pairs)


@register.simple_tag
def facet_toggle(request, name: str, value: str) -> str:
    """The current query string with `name=value` added, or removed when already chosen (page reset)."""
    pairs = [(k, v) for k, vs in request.GET.lists() for v in vs if k not in ("page",)]
    if (name, value) in pairs:
        pairs.remove((name, value))
    else:
        pairs.append((name, value))
    return "?" + urlencode(pairs)


@register.simple_tag
def page_link(request, number: int) -> str:
    pairs = [(k, v) for k, vs in request.GET.lists() for v in vs if k != "page"]
    return "?" + urlencode([*pairs, ("page", number)])


@register.filter
def is_chosen(filters: dict, pair: str) -> bool:
    name, _sep, value = pair.partition("=")
    return value in filters.get(name, [])


@register.simple_tag
def language_name(code: str) -> str:
    """The language's name in the page's language (Babel covers languages beyond ar/fr/en)."""
    try:
        return Locale.parse(_lang()).languages.get(code) or code
    except (UnknownLocaleError, ValueError):
        return code


@register.simple_tag
def maker_term(text: str, kind: str) -> dict:
    """A material or technique the maker typed, in the page's language when the language core knows its usual name
    there ("wool" → "صوف", "laine"; :mod:`tijara.language.terms`, as the channel feeds do): {"text", "translated"};
    otherwise as written, and the page says so."""
    from tijara.language.terms import in_language

    shown, translated = in_language(text, _lang(), kind)
    return {"text": shown, "translated": translated}

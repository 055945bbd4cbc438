"""Locale filters for every template (built in through settings.TEMPLATES, no `{% load %}` needed).

    {{ x|num }} {{ x|num:2 }}              1 234 567,891 · 9,80
    {{ amount|money:"EUR" }}               378,45 €   ({{ amount|money:currency }} · {{ amount|money:"MAD:0" }} no decimals)
    {{ share|pct }} {{ ratio|pct:"ratio" }}  12,5 % (value in percent points; "ratio" for 0.125)
    {{ big|compact }} {{ big|compact:"USD" }}  2,2 Md · 2,2 Md $US
    {{ w|unit:"kg" }} {{ a|unit:"m2:1" }}  9,8 kg · 12,0 m²
    {{ v|measure:c.unit }}                 usd → 2,2 Md $US, share_pct → 12,5 %, pp → 3,5 pts, km → 1 850 km
    {{ d|date_l10n }} {{ d|date_l10n:"long" }} {{ dt|date_l10n:"datetime" }}   6 déc. 2026 (None → "undated")
    {{ fact.text_ar|figures }}             3٬600 → 3.600, 0.5 → 0,5 (ar); codes, years, references as written
    {{ fact.as_of|source_date }}           2013 <bdi lang="en">(IGOC cited)</bdi> (en anglais)
    {{ ref.source_language|lang_mark }}    " (en français)" after a text written in French, nothing on a French page
    {{ "fr"|language_label }} {{ "rugs"|craft_label }} {{ codes|craft_labels }} {{ "Free"|duty_rate }}
    {{ "NLD"|country_name }}  {{ "fes-meknes"|region_label }}  {{ "owner"|role_label }}  {{ "FOB"|incoterm_label }}
    {{ price|price_or_free:"EUR" }}        Free / Gratuit / مجاني for zero
    {{ code|ltr }}  {{ name|bdi }}  {{ text|isolate }}   direction isolation (HTML / plain text)
"""

from __future__ import annotations

import re

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_noop

from tijara.core import l10n

register = template.Library()


def _split(arg, default: str | None = None) -> tuple[str | None, int | None]:
    """`"EUR:0"` → ("EUR", 0); `"2"` → (None, 2); `None` → (default, None)."""
    if arg is None or arg == "":
        return default, None
    text = str(arg)
    head, _sep, tail = text.partition(":")
    if head.isdigit() and not tail:
        return default, int(head)
    return (head or default), (int(tail) if tail.isdigit() else None)


@register.filter
def num(value, digits=None):
    return l10n.num(value, None if digits in (None, "") else int(digits))


@register.filter
def input_num(value, digits=None):
    """A number in a form field's value: the locale's decimal sign, no grouping (`2720,00` in French)."""
    return l10n.input_number(value, None if digits in (None, "") else int(digits))


@register.filter
def money(value, currency="MAD"):
    code, digits = _split(currency, "MAD")
    return l10n.money(value, code or "MAD", digits=digits)


@register.filter
def pct(value, arg=None):
    text = str(arg or "")
    ratio = text.startswith("ratio")
    digits_text = text.partition(":")[2] if ratio else text
    digits = int(digits_text) if digits_text.isdigit() else 1
    number = l10n._number(value)
    if ratio and number is not None:
        number = number * 100
    return l10n.pct(number if number is not None else value, digits)


@register.filter
def compact(value, currency=None):
    return l10n.compact(value, currency or None)


@register.filter
def unit(value, arg):
    name, digits = _split(arg)
    return l10n.unit(value, name or "", digits)


@register.filter
def measure(value, kind=None):
    return l10n.measure(value, kind)


@register.filter
def figures(text):
    """The figures of a sentence (a fact, an answer, a title) as the page's locale writes them."""
    return l10n.figures(text)


@register.filter
def date_l10n(value, fmt="medium"):
    return l10n.date_l10n(value, fmt or "medium")


@register.filter
def period_l10n(value):
    """A reporting period "2025-01-01..2025-12-31" in words (l10n.period)."""
    return l10n.period(value)


@register.filter
def source_date(value):
    """A source's date in words; what the source adds in its own wording (English, as the knowledge files write it)
    isolated, marked English and, on a page in another language, said so: `2013 <bdi lang="en">(IGOC cited)</bdi>
    (in English)`, its dates in English words; a date of figures only ("2020; 2024; 2021-01-01") has each date in
    words of the page's language."""
    words, own = l10n.date_parts(value)
    if not own:
        return words
    if not re.search("[A-Za-z]", own):  # "2020; 2024; 2021-01-01": figures only, each date in words
        return format_html("{}<bdi>{}</bdi>", f"{words} " if words else "", l10n.figures(own))
    return format_html('{}<bdi lang="en">{}</bdi>{}', f"{words} " if words else "", l10n.figures(own, lang="en"),
                       lang_mark("en"))


# The words of l10n.WRITTEN_IN, for makemessages.
_WRITTEN_IN = (gettext_noop("in English"), gettext_noop("in French"), gettext_noop("in Arabic"))


@register.filter
def lang_mark(code, where=None):
    """` <small class="lang-mark">(in French)</small>` after a text written in `code` (ar/fr/en; blank reads as
    English, the knowledge files' language) on a page in another language; nothing on a page in its language.
    `code|lang_mark:"inside"` for a text the page already puts in brackets: `<small>, in French</small>`, so the
    bracket reads `(…, in French)` and not `(… (in French))` (`l10n.lang_note`)."""
    inside = where == "inside"
    note = l10n.lang_note(code, inside=inside)
    if not note:
        return ""
    return format_html('<small class="lang-mark">{}</small>', note) if inside else format_html(
        ' <small class="lang-mark">{}</small>', note.strip())


@register.filter
def lang_mark_text(code):
    """`lang_mark` for plain text (e-mails): ` (in French)` after a text written in `code` on a message in another
    language; nothing for a blank code (a language that cannot be told) or a message in its language."""
    return l10n.lang_note(code) if code else ""


@register.filter
def words_lang(text):
    """The language of a free-text value of the data by its common words (`l10n.words_language`); "" for a name."""
    return l10n.words_language(text)


@register.filter
def source_lang(ref):
    """The language of a source line (`l10n.source_language`): the one it carries, else the detected one."""
    return l10n.source_language(ref)


@register.filter
def rate_source(text):
    """An exchange rate's source: named in the page's language when the project knows it (Bank Al-Maghrib's
    table), else as stored in `<bdi>` with its language and, on a page in another language, `(in English)`."""
    shown = []
    for words, code in l10n.rate_source_parts(text):
        if code:
            shown.append(format_html('<bdi lang="{}">{}</bdi>{}', code, words, lang_mark(code)))
        else:  # named in the page's language (None) or of a language that cannot be told ("")
            shown.append(format_html("<bdi>{}</bdi>", words))
    return format_html_join(" + ", "{}", ((part,) for part in shown))


@register.filter
def rate_source_text(text):
    """`rate_source` for plain text (e-mails): the source's name in the page's language where known, isolated, a name
    left in another language said so."""
    return l10n.rate_source_written(text)


@register.filter
def country_name(code):
    return l10n.country_name(code)


@register.filter
def currency_name(code):
    return l10n.currency_name(code)


@register.filter
def language_label(code):
    """Named apart from Django's i18n `language_name` filter, which a `{% load i18n %}` would put first."""
    return l10n.language_name(code)


@register.filter
def craft_label(code):
    return l10n.craft_label(code)


@register.filter
def craft_labels(codes):
    return l10n.craft_labels(codes)


@register.filter
def duty_rate(text):
    return l10n.duty_rate(text)


@register.filter
def region_label(code):
    return l10n.region_label(code)


@register.filter
def role_label(code):
    return l10n.role_label(code)


@register.filter
def incoterm_label(code, place=None):
    return l10n.incoterm_label(code, place)


@register.filter
def rate_type_label(code):
    return l10n.rate_type_label(code)


@register.filter
def price_or_free(value, currency="MAD"):
    return l10n.price_or_free(value, currency or "MAD")


@register.filter
def ltr(value):
    """Known left-to-right value (HS code, SKU, URL, e-mail, amount with a Latin code) in `<span dir="ltr">`."""
    if value in (None, ""):
        return ""
    return format_html('<span dir="ltr">{}</span>', value)


@register.filter
def bdi(value):
    """Value of unknown direction (a name, a title, a message, an HS text) in `<bdi>`."""
    if value in (None, ""):
        return ""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def isolate(value):
    """Plain text isolated with U+2068 … U+2069 (for text outside HTML: e-mails, PDFs' text, SVG, titles)."""
    return l10n.isolate(value)


@register.simple_tag
def comma():
    return l10n.comma()


@register.simple_tag
def colon():
    return l10n.colon()


@register.simple_tag
def undated():
    return l10n.undated()


@register.filter
def inches(value):
    """Centimetres as inches to one decimal (`38` → 15), for English buyer pages that add imperial after metric."""
    number = l10n._number(value)
    return None if number is None else round(float(number) / 2.54, 1)


@register.filter
def pounds(value):
    """Kilograms as pounds to one decimal (`1.25` → 2.8), for English buyer pages that add imperial after metric."""
    number = l10n._number(value)
    return None if number is None else round(float(number) * 2.2046226, 1)

"""Plan words: a programme's or brand's own name inside a translated action, kept in its language and marked."""

from django import template
from django.utils.html import format_html, format_html_join

from tijara.core.templatetags.tijara_l10n import lang_mark

register = template.Library()


@register.filter
def plan_label(item):
    """An action plan item's label with its quoted name (`Easy Export`) isolated in its language and followed, on a
    page in another language, by the existing language mark (`lang_mark`: « (en anglais) »)."""
    get = item.get if isinstance(item, dict) else (lambda key, default="": getattr(item, key, default))
    label, name, name_lang = str(get("label", "")), get("name", ""), get("name_lang", "") or "en"
    if not name or name not in label:
        return label
    named = format_html('<bdi lang="{}">{}</bdi>{}', name_lang, name, lang_mark(name_lang))
    parts = label.split(name)
    pieces = [(parts[0],)]
    for part in parts[1:]:
        pieces += [(named,), (part,)]
    return format_html_join("", "{}", pieces)

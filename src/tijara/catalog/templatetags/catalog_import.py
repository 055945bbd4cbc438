"""Import report words: a column by its name in the page's language, a row's changes in words (never keys)."""

from django import template
from django.utils.html import format_html, format_html_join

from tijara.catalog import sheet
from tijara.core.l10n import comma

register = template.Library()


@register.filter
def import_column(header_or_key):
    """`Prix (MAD)`, or `Prix (MAD) (« price_mad »)` when the file wrote the column another way."""
    name, written = sheet.column_in_words(header_or_key)
    if not written:
        return format_html("<bdi>{}</bdi>", name)
    return format_html("<bdi>{}</bdi> (<bdi>{}</bdi>)", name, written)


@register.filter
def import_changes(changes):
    """What an accepted row changes, in words, joined by the page language's comma."""
    return format_html_join(comma(), "{}", ((sheet.change_in_words(c),) for c in changes or ()))

"""Import report words: a column by its name in the page's language, a row's changes in words (never keys)."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import ngettext

from tijara.catalog import sheet
from tijara.core import l10n
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


@register.simple_tag
def import_counts(report, applied=False):
    """`1 product will be created, 1,204 products will be updated, 0 products will stay unchanged.` — each count with
    its own plural (`ngettext`: Arabic has six forms) and the locale's grouping, said by `l10n.counts`."""
    get = report.get if isinstance(report, dict) else (lambda key: getattr(report, key))
    counts = tuple(int(get(key) or 0) for key in ("created", "updated", "unchanged"))
    if applied:
        parts = (
            ngettext("%(n)s product created", "%(n)s products created", counts[0]),
            ngettext("%(n)s product updated", "%(n)s products updated", counts[1]),
            ngettext("%(n)s product unchanged", "%(n)s products unchanged", counts[2]),
        )
    else:
        parts = (
            ngettext("%(n)s product will be created", "%(n)s products will be created", counts[0]),
            ngettext("%(n)s product will be updated", "%(n)s products will be updated", counts[1]),
            ngettext("%(n)s product will stay unchanged", "%(n)s products will stay unchanged", counts[2]),
        )
    return l10n.counts(zip(parts, counts, strict=True))

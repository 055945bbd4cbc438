from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

register = template.Library()

CONFIDENCE = {"verified": gettext_noop("read on the organiser's page"),
              "secondary": gettext_noop("secondary source: check with the organiser"),
              "unverified": gettext_noop("unverified: to be confirmed")}


@register.filter
def month_names(months) -> str:
    """The usual months in the page's language, named as its dates name them (CLDR: « دجنبر » in Moroccan Arabic,
    as in `date_l10n`), joined with the language's comma."""
    from babel.dates import get_month_names

    from tijara.core import l10n

    names = get_month_names("wide", "stand-alone", locale=l10n.locale_for())
    return l10n.joined(names[int(m)] for m in months or [] if 1 <= int(m) <= 12)


@register.filter
def confidence_label(value: str) -> str:
    return _(CONFIDENCE.get(value, value))


@register.simple_tag
def import_counts(result):
    """`1 event created, 1,204 events updated.` after an iCalendar import — each count with its own plural
    (`ngettext`: Arabic has six forms) and the locale's grouping, said by `l10n.counts` as the catalogue import
    says its counts."""
    from tijara.core import l10n

    created, updated = len(result.created), len(result.updated)
    return l10n.counts((
        (ngettext("%(n)s event created", "%(n)s events created", created), created),
        (ngettext("%(n)s event updated", "%(n)s events updated", updated), updated),
    ))

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

register = template.Library()

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
CONFIDENCE = {"verified": gettext_noop("read on the organiser's page"),
              "secondary": gettext_noop("secondary source: check with the organiser"),
              "unverified": gettext_noop("unverified: to be confirmed")}


@register.filter
def month_names(months) -> str:
    return ", ".join(_(MONTHS[m - 1]) for m in months or [] if 1 <= int(m) <= 12)


@register.filter
def confidence_label(value: str) -> str:
    return _(CONFIDENCE.get(value, value))

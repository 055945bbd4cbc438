"""Lazily translated messages: built cheaply in hot loops, translated only when shown.

`Msg("Customs duty %(rate)s%%") % {"rate": 5}` keeps the text and its parameters; `str()` translates it in the
active language. Modules import it as `_` so `makemessages` still extracts the strings.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils.translation import gettext

from tijara.core.l10n import tidy_marks


def _shown(value):
    """A parameter as the message shows it: a nested message translated, a date in words in the active language
    (`7 déc. 2026`, never `2026-12-07`), a decimal number with the active language's signs."""
    if isinstance(value, Msg):
        return str(value)
    if isinstance(value, Decimal):  # a rate or a quantity: the locale's decimal sign (6,5 in French and Arabic)
        from tijara.core.l10n import num

        return num(value)
    if isinstance(value, datetime.date):
        from tijara.core.l10n import date_l10n

        return date_l10n(value)
    return value


class Msg:
    """A message id with optional %-parameters, translated on str()."""

    __slots__ = ("text", "params")

    def __init__(self, text: str, params=None):
        self.text = text
        self.params = params

    def __mod__(self, params) -> Msg:
        return Msg(self.text, params)

    def __str__(self) -> str:
        translated = gettext(self.text)
        if self.params is None:
            return translated
        if isinstance(self.params, dict):
            params = {k: _shown(v) for k, v in self.params.items()}
        else:
            params = self.params
        return tidy_marks(translated % params)  # a source's language mark inside the message's own bracket

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __add__(self, other) -> str:
        return str(self) + str(other)

    def __radd__(self, other) -> str:
        return str(other) + str(self)

    def __contains__(self, item) -> bool:
        return item in str(self)

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return f"Msg({self.text!r})"

    def startswith(self, prefix) -> bool:
        return str(self).startswith(prefix)

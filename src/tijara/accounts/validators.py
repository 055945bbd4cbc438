"""Moroccan identifiers: ICE (15 digits with a check), RC number, artisan card number."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ma import ice


def validate_ice(value: str) -> str:
    """The ICE must be 15 digits with a valid check (python-stdnum's stdnum.ma.ice)."""
    digits = re.sub(r"\s", "", value or "")
    if not digits.isdigit() or len(digits) != 15:
        raise ValidationError(_("The ICE must be exactly 15 digits."), code="ice_format")
    try:
        return ice.validate(digits)
    except StdnumError as exc:
        raise ValidationError(_("This ICE is not valid: its check digits do not match."), code="ice_checksum") from exc


def validate_rc(value: str) -> str:
    if not re.fullmatch(r"[0-9A-Za-z/\- ]{1,32}", value or ""):
        raise ValidationError(_("The RC number may contain only digits, letters, spaces, '/' and '-'."), code="rc_format")
    return value.strip()


def validate_artisan_card(value: str) -> str:
    if not re.fullmatch(r"[0-9A-Za-z/\-]{4,32}", value or ""):
        raise ValidationError(
            _("The artisan card number must be 4 to 32 digits or letters (with '/' or '-')."), code="artisan_card_format"
        )
    return value.strip()

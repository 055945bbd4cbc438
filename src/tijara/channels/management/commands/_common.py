"""Shared parsing for the channels commands."""

from __future__ import annotations

from django.core.management.base import CommandError

from tijara.accounts.models import Organisation
from tijara.channels.services import connection_for_cli
from tijara.core.errors import TijaraError


def organisation(slug: str) -> Organisation:
    found = Organisation.objects.filter(slug=slug).first()
    if found is None:
        raise CommandError(f"No such organisation: {slug}")
    return found


def connection(*, org: str, channel: str, country: str = "", language: str = "", currency: str = ""):
    try:
        return connection_for_cli(organisation=organisation(org), kind=channel, country=country or "",
                                  language=language or "", currency=currency or "")
    except TijaraError as exc:
        raise CommandError(exc.message) from exc

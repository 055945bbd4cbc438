"""Helpers shared by the markets CLI commands."""

import json
from datetime import date

from django.core.management.base import CommandError


def dump(command, data) -> None:
    command.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def parse_day(value: str | None) -> date:
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--date must be YYYY-MM-DD, got {value!r}") from exc

"""Load the shipped craft-family taxonomy into CraftFamily (idempotent; staff-added families are kept)."""

from __future__ import annotations

from django.db import transaction

from tijara.catalog.models import CraftFamily
from tijara.core.crafts import CRAFT_FAMILIES


def load(*, stdout=None, verbosity: int = 1) -> dict[str, int]:
    """Create or refresh the shipped craft families; return the table's row count."""
    with transaction.atomic():
        for position, (code, en, fr, ar) in enumerate(CRAFT_FAMILIES, start=1):
            CraftFamily.objects.update_or_create(
                code=code,
                defaults={"name_en": en, "name_fr": fr, "name_ar": ar, "position": position, "is_builtin": True},
            )
    return {"craft_families": CraftFamily.objects.count()}

"""Demo readiness assessments for the demo seller organisations: two takes each, to show progress over time."""

from __future__ import annotations

import datetime as dt
import zlib

from django.utils import timezone

from tijara.accounts.models import Membership, Organisation
from tijara.training import content, services
from tijara.training.models import Assessment


def _answers(slug: str, bonus: int) -> dict[str, int]:
    seed = zlib.crc32(slug.encode())
    out = {}
    for i, q in enumerate(content.assessment().questions):
        base = (seed >> (i % 28)) % 3
        out[q.id] = min(2, base + (1 if bonus and (seed + i) % 3 == 0 else 0))
    return out


def load(*, stdout) -> None:
    """Two self-assessments per demo seller organisation (idempotent: skipped when one exists)."""
    orgs = Organisation.objects.filter(is_demo=True).exclude(kind=Organisation.Kind.BUYER).order_by("slug")
    created = 0
    for org in orgs:
        if Assessment.objects.filter(organisation=org).exists():
            continue
        owner = Membership.objects.filter(organisation=org, role=Membership.Role.OWNER).select_related("user").first()
        if owner is None:
            continue
        first = services.assessment_submit(actor=owner.user, organisation=org, answers=_answers(org.slug, 0))
        Assessment.objects.filter(pk=first.pk).update(created_at=timezone.now() - dt.timedelta(days=60))
        services.assessment_submit(actor=owner.user, organisation=org, answers=_answers(org.slug, 1))
        created += 2
    stdout.write(f"training: {created} demo readiness assessments created")

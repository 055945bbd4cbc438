"""Demo event follows: each demo seller's owner follows the fairs with confirmed dates that suit its crafts."""

from __future__ import annotations

from tijara.accounts.models import Membership, Organisation
from tijara.events import selectors
from tijara.events.models import Event, EventFollow


def load(*, stdout) -> None:
    """Follow matching confirmed events for the demo owners (idempotent)."""
    confirmed = [e for e in selectors.listed() if e.dates_confirmed]
    created = 0
    orgs = Organisation.objects.filter(is_demo=True).exclude(kind=Organisation.Kind.BUYER)
    for org in orgs:
        owner = Membership.objects.filter(organisation=org, role=Membership.Role.OWNER).select_related("user").first()
        if owner is None:
            continue
        for event in confirmed:
            if set(event.crafts or []) & set(org.crafts or []):
                _follow, made = EventFollow.objects.get_or_create(user=owner.user, event=event)
                created += made
    stdout.write(f"events: {created} demo event follows created ({Event.objects.count()} events)")

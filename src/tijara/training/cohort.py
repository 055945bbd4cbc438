"""The advisor's cohort: the organisations an advisor follows, who is stuck and why, and a read-only drill-down.

Reads only, through each app's selectors; every organisation comes from `organisations_advised_by`, so an advisor
never sees another region's organisations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.paginator import Page, Paginator
from django.utils import timezone

from tijara.accounts.models import Organisation, User
from tijara.accounts.selectors import organisations_advised_by
from tijara.core.errors import NotFound
from tijara.training.models import Assessment

PAGE_SIZE = 20
LOW_READINESS = 50  # below this overall score (0–100) an organisation is "stuck" on readiness
UNANSWERED_AFTER_DAYS = 3  # an open quote request older than this, with no answer, needs a nudge


@dataclass
class CohortRow:
    """One organisation of the cohort with the signals an advisor acts on."""

    organisation: Organisation
    readiness: int | None
    readiness_change: int | None
    readiness_at: object
    plans: int
    unanswered: int
    oldest_unanswered_at: object
    feeds: object  # channels.selectors.FeedHealth
    reasons: list[str] = field(default_factory=list)  # stable codes; the template says them in words

    @property
    def stuck(self) -> bool:
        return bool(self.reasons)


def _readiness(organisation: Organisation) -> tuple[int | None, int | None, object]:
    takes = list(Assessment.objects.filter(organisation=organisation).order_by("-created_at", "-pk")[:2])
    if not takes:
        return None, None, None
    change = takes[0].overall - takes[1].overall if len(takes) > 1 else None
    return takes[0].overall, change, takes[0].created_at


def _unanswered(organisation: Organisation):
    from tijara.marketplace.selectors import inquiries_received

    open_ = inquiries_received(organisation=organisation).filter(status="open", first_response_at__isnull=True)
    return open_.count(), open_.order_by("created_at").values_list("created_at", flat=True).first()


def cohort_row(organisation: Organisation) -> CohortRow:
    """The signals of one organisation (already authorised by the caller)."""
    from tijara.channels.selectors import feed_health_for
    from tijara.plans.selectors import plans_for

    readiness, change, at = _readiness(organisation)
    unanswered, oldest = _unanswered(organisation)
    feeds = feed_health_for(organisation=organisation)
    row = CohortRow(organisation=organisation, readiness=readiness, readiness_change=change, readiness_at=at,
                    plans=plans_for(organisation=organisation).count(), unanswered=unanswered,
                    oldest_unanswered_at=oldest, feeds=feeds)
    if readiness is None or readiness < LOW_READINESS:
        row.reasons.append("readiness")
    if row.plans == 0:
        row.reasons.append("no_plan")
    if feeds.failing:
        row.reasons.append("feeds_failing")
    elif feeds.stale:
        row.reasons.append("feeds_stale")
    if oldest is not None and oldest < timezone.now() - timedelta(days=UNANSWERED_AFTER_DAYS):
        row.reasons.append("unanswered")
    return row


def cohort_for(*, user: User, page: str | int | None = 1, stuck_only: bool = False) -> tuple[Page, list[CohortRow]]:
    """A page of the advisor's organisations with their signals (stuck ones can be filtered)."""
    organisations = organisations_advised_by(user=user).exclude(kind=Organisation.Kind.BUYER).order_by(
        "public_name", "pk")
    if stuck_only:
        # The signals are computed per row; filter in Python over the whole cohort (a region holds hundreds).
        rows = [r for r in (cohort_row(o) for o in organisations) if r.stuck]
        page_obj = Paginator(rows, PAGE_SIZE).get_page(page)
        return page_obj, list(page_obj.object_list)
    page_obj = Paginator(organisations, PAGE_SIZE).get_page(page)
    return page_obj, [cohort_row(o) for o in page_obj.object_list]


def cohort_organisation(*, user: User, slug: str) -> Organisation:
    """An organisation of the advisor's cohort; NotFound for any other (members use their own pages)."""
    organisation = organisations_advised_by(user=user).exclude(kind=Organisation.Kind.BUYER).filter(slug=slug).first()
    if organisation is None:
        from django.utils.translation import gettext as _

        raise NotFound("not_found", _("No such organisation."))
    return organisation


@dataclass
class Drilldown:
    """What an advisor reads about one organisation: signals, readiness trend, plans, quote requests, listings."""

    row: CohortRow
    history: list[Assessment]
    plans: list
    inquiries: list
    connections: list
    blocked_listings: list


def drilldown_for(*, user: User, slug: str) -> Drilldown:
    """The read-only drill-down of one organisation of the advisor's cohort."""
    from tijara.channels.selectors import blocked_listings_for, connections_for
    from tijara.marketplace.selectors import inquiries_received
    from tijara.plans.selectors import plans_for

    organisation = cohort_organisation(user=user, slug=slug)
    return Drilldown(
        row=cohort_row(organisation),
        history=list(Assessment.objects.filter(organisation=organisation).order_by("created_at", "pk")),
        plans=list(plans_for(organisation=organisation).order_by("-updated_at")[:50]),
        inquiries=list(inquiries_received(organisation=organisation).order_by("-created_at")[:50]),
        connections=list(connections_for(organisation=organisation)),
        blocked_listings=blocked_listings_for(organisation=organisation, limit=50),
    )

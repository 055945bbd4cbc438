"""Reads of channels, always scoped to an organisation the caller was authorised for."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from tijara.accounts.models import Organisation
from tijara.accounts.selectors import organisation_for
from tijara.channels.models import ChannelConnection, FeedRun, Listing
from tijara.core.errors import NotFound


def connections_for(*, organisation: Organisation) -> QuerySet[ChannelConnection]:
    """The organisation's connections with listing counts by state."""
    return ChannelConnection.objects.filter(organisation=organisation).annotate(
        ready_count=Count("listings", filter=Q(listings__state=Listing.State.READY)),
        blocked_count=Count("listings", filter=Q(listings__state=Listing.State.BLOCKED)),
        published_count=Count("listings", filter=Q(listings__state=Listing.State.PUBLISHED)),
        error_count=Count("listings", filter=Q(listings__state=Listing.State.ERROR)),
    ).order_by("kind", "country", "language")


def connection_for(*, user, slug: str, pk: int, write: bool = False, manage: bool = False) -> ChannelConnection:
    """A connection of organisation `slug` the user may read (or write); NotFound otherwise."""
    organisation = organisation_for(user=user, slug=slug, write=write, manage=manage)
    connection = ChannelConnection.objects.select_related("organisation").filter(
        organisation=organisation, pk=pk).first()
    if connection is None:
        raise NotFound("not_found", _("No such channel connection."))
    return connection


def listings_for(*, connection: ChannelConnection, state: str = "") -> QuerySet[Listing]:
    qs = connection.listings.all().order_by("product_sku", "sku")
    return qs.filter(state=state) if state else qs


def listing_for(*, connection: ChannelConnection, pk: int) -> Listing:
    listing = connection.listings.select_related("variant__product").filter(pk=pk).first()
    if listing is None:
        raise NotFound("not_found", _("No such listing."))
    return listing


def feed_runs_for(*, connection: ChannelConnection, limit: int = 10) -> QuerySet[FeedRun]:
    return connection.feed_runs.all()[:limit]


def current_feed(*, connection: ChannelConnection, fmt: str) -> FeedRun | None:
    """The last good feed of that format (the one served), or None."""
    return (connection.feed_runs.filter(format=fmt, status=FeedRun.Status.SUCCEEDED).exclude(file_name="")
            .order_by("-finished_at", "-id").first())


def connection_by_token(token: str) -> ChannelConnection | None:
    """The active connection whose feed token this is (feeds are public at their unguessable URL)."""
    if not token or len(token) < 20:
        return None
    return ChannelConnection.objects.filter(feed_token=token, is_active=True).select_related("organisation").first()


@dataclass
class ChannelsPage:
    organisation: Organisation
    connections: list
    can_manage: bool


@dataclass(frozen=True)
class FeedHealth:
    """An organisation's feeds at a glance: connections, blocked listings, failing and stale feeds."""

    connections: int
    listings: int
    blocked: int
    failing: int  # connections whose latest run failed
    stale: int  # active connections with no good feed in STALE_AFTER_DAYS
    last_good_at: object = None


STALE_AFTER_DAYS = 7  # feeds older than a week are stale (Google and Meta fetch daily; prices and stock move)


def feed_health_for(*, organisation: Organisation) -> FeedHealth:
    """Feed health of one organisation (already authorised by the caller)."""
    from datetime import timedelta

    from django.utils import timezone

    connections = list(connections_for(organisation=organisation))
    failing = stale = 0
    last_good = None
    limit = timezone.now() - timedelta(days=STALE_AFTER_DAYS)
    for c in connections:
        latest = c.feed_runs.exclude(status=FeedRun.Status.RUNNING).order_by("-started_at", "-id").first()
        if latest is not None and latest.status == FeedRun.Status.FAILED:
            failing += 1
        good = c.feed_runs.filter(status=FeedRun.Status.SUCCEEDED).order_by("-finished_at").values_list(
            "finished_at", flat=True).first()
        if c.is_active and (good is None or good < limit):
            stale += 1
        if good and (last_good is None or good > last_good):
            last_good = good
    return FeedHealth(
        connections=len(connections),
        listings=sum(c.ready_count + c.blocked_count + c.published_count + c.error_count for c in connections),
        blocked=sum(c.blocked_count + c.error_count for c in connections),
        failing=failing, stale=stale, last_good_at=last_good)


def blocked_listings_for(*, organisation: Organisation, limit: int = 50) -> list[Listing]:
    """Blocked or failed listings of an organisation (already authorised), with their connection and product."""
    return list(Listing.objects.filter(connection__organisation=organisation,
                                       state__in=[Listing.State.BLOCKED, Listing.State.ERROR])
                .select_related("connection", "variant__product").order_by("product_sku", "sku")[:limit])

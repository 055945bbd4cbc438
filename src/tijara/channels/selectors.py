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

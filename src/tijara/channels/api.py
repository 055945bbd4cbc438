"""API face of channels (mounted at /api/v1/channels/): connections, listings, validation, feed generation."""

from __future__ import annotations

from django.urls import reverse
from ninja import Query, Router

from tijara.accounts.selectors import organisation_for
from tijara.channels import selectors, services
from tijara.channels.adapters import adapter
from tijara.channels.schemas import (
    ConnectionIn,
    ConnectionOut,
    CountsOut,
    Error,
    ListingOut,
    QueuedOut,
    ValidateOut,
)

router = Router(tags=["channels"])


def _out(request, connection) -> dict:
    return {
        "id": connection.pk, "kind": connection.kind, "name": connection.name, "country": connection.country,
        "language": connection.language, "currency": connection.currency, "shipping": connection.shipping,
        "settings": connection.settings, "is_active": connection.is_active,
        "has_credentials": connection.has_credentials,
        "feed_urls": {fmt: request.build_absolute_uri(reverse("channels:feed", kwargs={
            "token": connection.feed_token, "fmt": fmt})) for fmt in adapter(connection.kind).FORMATS},
        "ready": getattr(connection, "ready_count", 0), "blocked": getattr(connection, "blocked_count", 0),
        "published": getattr(connection, "published_count", 0),
    }


@router.get("/{slug}/connections", response={200: list[ConnectionOut], 404: Error})
def connections(request, slug: str):
    """The organisation's channel connections (credentials are never returned)."""
    organisation = organisation_for(user=request.user, slug=slug)
    return [_out(request, c) for c in selectors.connections_for(organisation=organisation)]


@router.post("/{slug}/connections", response={201: ConnectionOut, 400: Error, 403: Error, 404: Error})
def connection_create(request, slug: str, payload: ConnectionIn):
    """Add a connection (owners and managers); its listings are checked at once."""
    organisation = organisation_for(user=request.user, slug=slug, write=True, manage=True)
    shipping = payload.shipping.dict(exclude_none=True) if payload.shipping else {}
    connection = services.connection_create(
        actor=request.user, organisation=organisation, kind=payload.kind, country=payload.country,
        language=payload.language, currency=payload.currency, name=payload.name, shipping=shipping,
        settings=payload.settings)
    services.listings_refresh(connection=connection)
    return 201, _out(request, connection)


@router.get("/{slug}/connections/{pk}/listings", response={200: list[ListingOut], 404: Error})
def listings(request, slug: str, pk: int, state: str = ""):
    """Listings of a connection, optionally filtered by state (ready, blocked, published, error)."""
    connection = selectors.connection_for(user=request.user, slug=slug, pk=pk)
    return list(selectors.listings_for(connection=connection, state=state)[:1000])


@router.post("/{slug}/connections/{pk}/refresh", response={200: CountsOut, 403: Error, 404: Error})
def refresh(request, slug: str, pk: int):
    """Check every listing again; returns counts by state."""
    connection = selectors.connection_for(user=request.user, slug=slug, pk=pk, write=True)
    return services.listings_refresh(connection=connection)


@router.post("/{slug}/connections/{pk}/feeds", response={202: QueuedOut, 403: Error, 404: Error})
def feeds(request, slug: str, pk: int):
    """Queue the generation of the connection's feeds (the last good feed stays online meanwhile)."""
    connection = selectors.connection_for(user=request.user, slug=slug, pk=pk, write=True)
    formats = list(adapter(connection.kind).FORMATS)
    for fmt in formats:
        services.feed_enqueue(actor=request.user, connection=connection, fmt=fmt)
    return 202, {"queued": formats}


class ValidateQuery(ConnectionIn.__base__):
    channel: str
    country: str = ""
    language: str = ""
    currency: str = ""


@router.get("/{slug}/validate", response={200: ValidateOut, 400: Error, 404: Error})
def validate(request, slug: str, query: Query[ValidateQuery]):
    """Same answer as `tijara listings validate`: counts and per-SKU problems with rule and source."""
    organisation = organisation_for(user=request.user, slug=slug)
    connection = services.connection_for_cli(organisation=organisation, kind=query.channel, country=query.country,
                                             language=query.language, currency=query.currency)
    return services.listings_report(connection=connection)

"""Background faces of channels (django-tasks): feed generation and Etsy publishing. Tasks take ids."""

from __future__ import annotations

from django_tasks import task

from tijara.channels.models import ChannelConnection, Listing


@task()
def feed_generate_task(connection_id: int, fmt: str, run_id: int | None = None) -> int | None:
    """Generate one feed (into the queued run `run_id` when given); returns the FeedRun id (None: connection gone)."""
    from tijara.channels.services import feed_generate

    connection = ChannelConnection.objects.select_related("organisation").filter(pk=connection_id).first()
    if connection is None:
        return None
    return feed_generate(connection=connection, fmt=fmt, run_id=run_id).pk


@task()
def listing_publish_task(listing_id: int) -> str | None:
    """Publish one listing on its API channel; returns its state."""
    from tijara.channels.services import listing_publish

    listing = Listing.objects.select_related("connection", "connection__organisation", "variant__product").filter(
        pk=listing_id).first()
    if listing is None:
        return None
    return listing_publish(listing=listing).state


@task()
def feeds_publish_all_task() -> int:
    """Regenerate every active connection's feeds; returns how many runs were made."""
    from tijara.channels.services import feeds_publish_all

    return len(feeds_publish_all())

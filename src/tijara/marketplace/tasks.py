"""Background faces of the marketplace: keep search documents current."""

from __future__ import annotations

from django_tasks import task

from tijara.marketplace import services


@task()
def search_index_product_task(product_id: int) -> bool:
    """Re-index one product (after the catalog changed it)."""
    return services.search_index_product(product_id)


@task()
def search_index_rebuild_task() -> int:
    """Rewrite every public product's search document."""
    return services.search_index_rebuild()


@task()
def product_views_flush_task() -> int:
    """Move the page views counted in the cache into the database (one batch)."""
    from tijara.marketplace import viewcounts

    return viewcounts.flush()


@task()
def guest_inquiries_expire_task() -> int:
    """Delete the guest inquiries whose confirmation link expired unconfirmed."""
    return services.guest_inquiries_expire()

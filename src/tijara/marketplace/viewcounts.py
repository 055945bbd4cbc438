"""Product page views, counted in the cache and written to the database in batches.

A page view costs no database write: with Redis (TIJARA_REDIS_URL) each view is one HINCRBY on a hash shared by
every app server, and the first view of each TIJARA_VIEW_FLUSH_SECONDS window enqueues a task that moves the counts
into ProductView rows. With the per-process cache (one machine, development) a process keeps its own counts and
writes them every TIJARA_VIEW_FLUSH_SECONDS (and when it exits). The dashboard therefore lags by about that long.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
import uuid
from collections import Counter

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)
PENDING = "tijara:views:pending"
WINDOW = "tijara:views:window"
_local: Counter = Counter()
_local_lock = threading.Lock()
_local_flushed = time.monotonic()


def _seconds() -> int:
    """Seconds between two writes of the counts (a settings override for tests; 60 by default)."""
    return int(getattr(settings, "TIJARA_VIEW_FLUSH_SECONDS", 60))


def _redis():
    """The raw Redis client behind Django's cache, or None for a per-process cache."""
    backend = caches["default"]
    if "redis" not in type(backend).__module__:
        return None
    client = getattr(backend, "_cache", None)
    if client is None or not hasattr(client, "get_client"):
        return None
    return client.get_client(write=True)


def count(*, product_id: int, organisation_id: int, country: str = "") -> None:
    """Count one view of a product page (today, the visitor's country): no database write here."""
    field = f"{product_id}|{organisation_id}|{timezone.localdate().isoformat()}|{(country or '')[:3].upper()}"
    client = _redis()
    if client is not None:
        pipe = client.pipeline()
        pipe.hincrby(PENDING, field, 1)
        pipe.set(WINDOW, 1, nx=True, ex=max(1, _seconds()))
        _, opened = pipe.execute()
        if opened:
            from tijara.marketplace.tasks import product_views_flush_task

            product_views_flush_task.enqueue()
        return
    global _local_flushed
    with _local_lock:
        _local[field] += 1
        due = time.monotonic() - _local_flushed >= _seconds() or len(_local) >= 1000
    if due:
        flush()


def _write(counts: dict[str, int]) -> int:
    """Add the counts to the ProductView rows; views of products deleted meanwhile are dropped."""
    from tijara.marketplace.models import ProductView

    written = 0
    for field, views in counts.items():
        product_id, organisation_id, day, country = field.split("|")
        rows = ProductView.objects.filter(product_id=int(product_id), day=day, country=country)
        try:
            with transaction.atomic():
                if not rows.update(views=F("views") + views):
                    ProductView.objects.create(product_id=int(product_id), organisation_id=int(organisation_id),
                                               day=day, country=country, views=views)
        except IntegrityError:  # another writer created the row first, or the product is gone
            if not rows.update(views=F("views") + views):
                continue
        written += views
    return written


def flush() -> int:
    """Write the pending counts to the database; the number of views written."""
    global _local_flushed
    with _local_lock:
        local = dict(_local)
        _local.clear()
        _local_flushed = time.monotonic()
    written = _write(local) if local else 0
    client = _redis()
    if client is not None:
        batch = f"{PENDING}:{uuid.uuid4().hex}"
        try:
            client.rename(PENDING, batch)  # atomic: views counted from now on go to a new hash
        except Exception as exc:  # noqa: BLE001 - redis.ResponseError: nothing pending
            if "no such key" not in str(exc).lower():
                raise
            return written
        counts = {k.decode(): int(v) for k, v in client.hgetall(batch).items()}
        try:
            written += _write(counts)
        except Exception:
            for field, views in counts.items():  # keep them for the next flush
                client.hincrby(PENDING, field, views)
            raise
        finally:
            client.delete(batch)
    return written


def _flush_at_exit() -> None:
    pending = sum(_local.values())
    if pending:  # nothing pending: leave the (possibly gone) database alone
        try:
            flush()
        except Exception:  # noqa: BLE001 - the process is ending; the database may be gone
            logger.warning("could not write %s pending page views at exit", pending)


atexit.register(_flush_at_exit)

"""Where the search index file lives and how it catches up with the SearchDocument rows of the main database.

The file is built at deploy time (`tijara migrate` and `tijara search_index`, and by the gunicorn master before it
forks); a request only ever applies a small catch-up. A larger gap (a new machine, a bulk import, many deletions)
is closed by one background thread per process while requests go on with the index as it is, and a database with
no search document at all is indexed by a background task, never inside a request.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import time
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from tijara.marketplace.models import SearchDocument
from tijara.marketplace.search.engine import IndexDoc, SearchIndex

_indexes: dict[str, SearchIndex] = {}
_lock = threading.Lock()
SYNC_CHUNK = 2000
# Documents a request may copy into the index file itself; more is caught up in the background.
INLINE_LIMIT = 2000
_background: dict[str, threading.Thread] = {}
logger = logging.getLogger(__name__)


def version_of(moment: datetime) -> str:
    """A SearchDocument's version string: its UTC update time, comparable as text."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def index_path() -> str:
    """The index file for the current database: one per database, so test and bench databases never mix."""
    configured = getattr(settings, "TIJARA_SEARCH_INDEX", "")
    if configured:
        return configured
    db = connection.settings_dict
    name = str(db.get("NAME") or "")
    identity = "|".join(str(db.get(k) or "") for k in ("ENGINE", "NAME", "HOST", "PORT"))
    tag = hashlib.sha256(identity.encode()).hexdigest()[:12]
    if connection.vendor == "sqlite" and (not name or name == ":memory:" or "mode=memory" in name):
        # An in-memory database gets an in-memory index, private to this process.
        return f"file:tijara-search-{tag}-{os.getpid()}?mode=memory&cache=shared"
    directory = settings.DATA_DIR / "search"
    directory.mkdir(parents=True, exist_ok=True)
    return str(directory / f"index-{tag}.sqlite3")


def _doc(row: SearchDocument) -> IndexDoc:
    payload = dict(row.payload)
    if "design" not in payload:  # written before designs were grouped: derive it from the display data
        from tijara.marketplace.documents import design_of

        display = payload.get("display") or {}
        payload["design"] = design_of(maker=display.get("maker_slug", ""), titles=display.get("titles") or {})
    embedding = bytes(row.embedding) if row.embedding is not None else None
    return IndexDoc(id=row.product_id, version=version_of(row.updated_at), embedding=embedding, **payload)


def _upsert_ids(index: SearchIndex, ids: list[int]) -> None:
    for start in range(0, len(ids), SYNC_CHUNK):
        rows = SearchDocument.objects.filter(product_id__in=ids[start:start + SYNC_CHUNK])
        index.upsert([_doc(r) for r in rows])


# Counting the documents scans a table (PostgreSQL has no cheap count): when the newest document is unchanged,
# deletions alone (a product deleted in the catalog) are looked for at most this often.
COUNT_CHECK_SECONDS = 2.0
_counted: dict[str, float] = {}


def synchronise(index: SearchIndex, *, limit: int | None = None) -> bool:
    """Bring the index up to date with SearchDocument: newer rows copied, vanished rows removed. With `limit`,
    do nothing and return False when more than `limit` documents would have to be read (True: up to date)."""
    newest = SearchDocument.objects.aggregate(last=Max("updated_at"))["last"]
    last = version_of(newest) if newest else ""
    have = index.state()
    now = time.monotonic()
    if last == have[1] and now - _counted.get(index.path, float("-inf")) < COUNT_CHECK_SECONDS:
        return True
    _counted[index.path] = now
    wanted = (SearchDocument.objects.count(), last)
    if have == wanted:
        return True
    if wanted[1] > have[1]:
        newer = SearchDocument.objects.order_by("updated_at")
        if have[1]:
            since = datetime.strptime(have[1], "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=UTC)
            newer = newer.filter(updated_at__gte=since)
        ids = list(newer.values_list("product_id", flat=True)[:limit + 1] if limit is not None else
                   newer.values_list("product_id", flat=True))
        if limit is not None and len(ids) > limit:
            _counted.pop(index.path, None)
            return False
        _upsert_ids(index, ids)
        have = index.state()
    if have != wanted:
        if limit is not None and wanted[0] > limit:
            _counted.pop(index.path, None)
            return False
        # Rows deleted, or the database went back in time (a restored backup, a rolled-back test): full compare.
        database = {pid: version_of(moment) for pid, moment in SearchDocument.objects.values_list("product_id", "updated_at")}
        local = index.versions()
        index.delete([pid for pid in local if pid not in database])
        _upsert_ids(index, [pid for pid, version in database.items() if local.get(pid) != version])
    return True


def _catch_up_in_background(index: SearchIndex) -> None:
    """One thread per index file and process closes a large gap; requests meanwhile search what is there."""
    with _lock:
        running = _background.get(index.path)
        if running is not None and running.is_alive():
            return

        def work():
            from django.db import connections

            started = time.monotonic()
            try:
                synchronise(index)
                logger.info("search index caught up in the background: %s documents in %.1f s", index.state()[0],
                            time.monotonic() - started)
            except Exception:  # noqa: BLE001 - the next request tries again
                logger.exception("background catch-up of the search index failed")
            finally:
                connections.close_all()  # this thread's own database connection

        thread = _background[index.path] = threading.Thread(target=work, name="search-index-catch-up", daemon=True)
        thread.start()


def catching_up() -> bool:
    """True while a background catch-up of this process's index file runs."""
    thread = _background.get(index_path())
    return thread is not None and thread.is_alive()


_reconciled: dict[str, tuple[float, datetime]] = {}


def _reconcile(path: str) -> bool:
    """Every TIJARA_SEARCH_RECONCILE_SECONDS, re-index products the catalog changed without telling us."""
    from tijara.marketplace.services import search_index_changed

    interval = settings.TIJARA_SEARCH_RECONCILE_SECONDS
    if interval <= 0:
        return False
    now = time.monotonic()
    last = _reconciled.get(path)
    if last is None:
        # Baseline: everything indexed so far is current; catch up from the newest search document on
        # (with no document at all, the first check indexes every public product).
        newest = SearchDocument.objects.aggregate(last=Max("updated_at"))["last"]
        _reconciled[path] = (now, newest or timezone.now())
        if newest is None:
            _enqueue_rebuild()
            return True
        return False
    if now - last[0] < interval:
        return False
    started = timezone.now()
    changed = search_index_changed(since=last[1])
    _reconciled[path] = (now, started)
    return changed > 0


def _enqueue_rebuild() -> None:
    """No search document at all (a new database, or one restored without them): index the public catalog in a
    background task, once for all processes sharing the cache."""
    from django.core.cache import cache

    from tijara.marketplace.tasks import search_index_rebuild_task

    key = "tijara:search:rebuild-enqueued"
    # run inline (tests): a later empty database may need it again
    if cache.add(key, 1, timeout=600) and search_index_rebuild_task.enqueue().is_finished:
        cache.delete(key)


def current_index(*, fresh: bool = True) -> SearchIndex:
    """This process's index for the current database, caught up unless `fresh=False` (a large gap is left to a
    background thread: this never reads more than INLINE_LIMIT documents)."""
    path = index_path()
    index = _indexes.get(path)
    if index is None:
        with _lock:
            index = _indexes.get(path)
            if index is None:
                index = _indexes[path] = SearchIndex(path)
    if fresh:
        _reconcile(path)
        running = _background.get(path)
        if (running is None or not running.is_alive()) and not synchronise(index, limit=INLINE_LIMIT):
            _catch_up_in_background(index)
    return index


def sync_now() -> SearchIndex:
    """Build or catch up this machine's index file completely, now (deploy time: migrate, search_index, the
    gunicorn master before it forks)."""
    index = current_index(fresh=False)
    synchronise(index)
    return index


def forget() -> None:
    """Close this process's index connections (the gunicorn master does so before forking workers)."""
    with _lock:
        for index in _indexes.values():
            index.db.close()
        _indexes.clear()
        _counted.clear()

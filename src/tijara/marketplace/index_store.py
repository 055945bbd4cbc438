"""Where the search index file lives and how it catches up with the SearchDocument rows of the main database."""

from __future__ import annotations

import hashlib
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


def synchronise(index: SearchIndex) -> None:
    """Bring the index up to date with SearchDocument: newer rows copied, vanished rows removed."""
    newest = SearchDocument.objects.aggregate(last=Max("updated_at"))["last"]
    last = version_of(newest) if newest else ""
    have = index.state()
    now = time.monotonic()
    if last == have[1] and now - _counted.get(index.path, float("-inf")) < COUNT_CHECK_SECONDS:
        return
    _counted[index.path] = now
    wanted = (SearchDocument.objects.count(), last)
    if have == wanted:
        return
    if wanted[1] > have[1]:
        newer = SearchDocument.objects.order_by("updated_at")
        if have[1]:
            since = datetime.strptime(have[1], "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=UTC)
            newer = newer.filter(updated_at__gte=since)
        _upsert_ids(index, list(newer.values_list("product_id", flat=True)))
        have = index.state()
    if have != wanted:
        # Rows deleted, or the database went back in time (a restored backup, a rolled-back test): full compare.
        database = {pid: version_of(moment) for pid, moment in SearchDocument.objects.values_list("product_id", "updated_at")}
        local = index.versions()
        index.delete([pid for pid in local if pid not in database])
        _upsert_ids(index, [pid for pid, version in database.items() if local.get(pid) != version])


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
            return search_index_changed(since=datetime(2000, 1, 1, tzinfo=UTC)) > 0
        return False
    if now - last[0] < interval:
        return False
    started = timezone.now()
    changed = search_index_changed(since=last[1])
    _reconciled[path] = (now, started)
    return changed > 0


def current_index(*, fresh: bool = True) -> SearchIndex:
    """This process's index for the current database, synchronised unless `fresh=False`."""
    path = index_path()
    index = _indexes.get(path)
    if index is None:
        with _lock:
            index = _indexes.get(path)
            if index is None:
                index = _indexes[path] = SearchIndex(path)
    if fresh:
        _reconcile(path)
        synchronise(index)
    return index

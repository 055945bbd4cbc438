import time

import pytest

from tijara.marketplace import viewcounts


@pytest.fixture(autouse=True)
def _no_page_views_pending_from_other_tests():
    """Page views are buffered per process (viewcounts): drop what earlier tests left, so that a batch written
    during a test never carries their views (SQLite reuses the ids of rolled-back rows)."""
    with viewcounts._local_lock:
        viewcounts._local.clear()
    viewcounts._local_flushed = time.monotonic()
    yield

"""Fixtures for the markets tests (registered globally in the root conftest.py)."""

from __future__ import annotations

import http.server
import shutil
import threading
from pathlib import Path

import pytest

FILES = Path(__file__).resolve().parent / "files"


@pytest.fixture
def markets_files() -> Path:
    """Small upstream files in their real formats (BACI, Comtrade, USITC HTS, UK tariff)."""
    return FILES


@pytest.fixture
def markets_data_copy(tmp_path) -> Path:
    """A writable copy of the shipped markets packs (to break or change one in a test)."""
    from tijara.markets.reference import DATA_DIR

    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


@pytest.fixture
def markets_http_server(tmp_path):
    """A local HTTP server serving files from a temporary folder: yields (folder, base_url)."""
    root = tmp_path / "www"
    root.mkdir()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield root, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.db import connection

from tests.system.servers import PG_BIN, AppServer, ThrowawayPostgres, base_env


@pytest.fixture
def shared_database_url(transactional_db, request):
    """The test database as a URL other processes can use (PostgreSQL only: the SQLite test DB lives in memory)."""
    if connection.vendor != "postgresql":
        pytest.skip("multi-process tests run on PostgreSQL (CI runs the suite there too)")
    request.getfixturevalue("reference_data_reloaded")
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def app_servers(shared_database_url, tmp_path):
    """Start app servers on demand: app_servers(n=2, **env) -> list[AppServer]; all stopped at the end."""
    started = []

    def start(n=1, fsize_limit=None, **extra):
        env = base_env(shared_database_url, tmp_path, **extra)
        servers = [AppServer(env, fsize_limit=fsize_limit) for _ in range(n)]
        started.extend(servers)
        return servers

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def throwaway_postgres():
    if PG_BIN is None or shutil.which("runuser") is None or os.geteuid() != 0:
        pytest.skip("needs the PostgreSQL server binaries and root (to run initdb as the postgres user)")
    # not under pytest's tmp dir: that is private to root and the server runs as the postgres user
    directory = Path(tempfile.mkdtemp(prefix="tijara-pg-"))
    cluster = ThrowawayPostgres(directory)
    yield cluster
    cluster.stop()
    shutil.rmtree(directory, ignore_errors=True)

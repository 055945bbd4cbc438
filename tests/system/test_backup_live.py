"""Backups of a live database, with real processes: writes go on during `tijara backup` and the restore still
verifies; a damaged archive is refused before the target database is touched. SQLite file and PostgreSQL."""

from __future__ import annotations

import io
import os
import sqlite3
import tarfile
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from tests.system.servers import base_env, run_cli

pytestmark = [pytest.mark.serial]


class Writer(threading.Thread):
    """Inserts a session row every few milliseconds through its own connection until stopped."""

    def __init__(self, connect, placeholder: str):
        super().__init__(daemon=True)
        self.connect, self.placeholder, self.written, self.stop = connect, placeholder, 0, threading.Event()

    def run(self):
        conn = self.connect()
        p = self.placeholder
        while not self.stop.is_set():
            conn.execute(f"INSERT INTO django_session (session_key, session_data, expire_date) VALUES ({p}, {p}, {p})",
                         (uuid.uuid4().hex, "x" * 200, "2030-01-01 00:00:00+00:00"))
            conn.commit()
            self.written += 1
            time.sleep(0.003)
        conn.close()


def damaged_copy(archive: Path, out: Path) -> Path:
    """The same archive with one byte of its database file changed (the manifest left as it was)."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(out, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if data is not None and member.name.startswith("db."):
                middle = len(data) // 2
                data = data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:]
            target.addfile(member, io.BytesIO(data) if data is not None else None)
    return out


def backup_while_writing(env: dict, writer: Writer, archive: Path) -> None:
    writer.start()
    try:
        while writer.written < 20:  # the writes are under way before the backup starts
            time.sleep(0.01)
        result = run_cli("backup", "--out", str(archive), "--no-media", env=env, timeout=300)
    finally:
        writer.stop.set()
        writer.join(timeout=10)
    assert result.returncode == 0, result.stderr[-2000:]
    assert writer.written > 50, "the writer should have kept writing during the backup"


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="runs once, in the SQLite pass")
def test_sqlite_backup_under_writes_restores_and_a_damaged_one_is_refused(tmp_path):
    source = tmp_path / "live.sqlite3"
    env = base_env(f"sqlite:///{source}", tmp_path / "live")
    assert run_cli("migrate", "--noinput", "-v", "0", env=env, timeout=600).returncode == 0

    def connect():
        conn = sqlite3.connect(source, timeout=20)
        conn.execute("PRAGMA busy_timeout=20000")
        return conn

    archive = tmp_path / "live.tar.gz"
    backup_while_writing(env, Writer(connect, "?"), archive)

    target_env = base_env(f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "restored")
    restored = run_cli("restore", str(archive), env=target_env, timeout=300)
    assert restored.returncode == 0, restored.stderr[-2000:]
    assert "restored and verified" in restored.stdout

    before = sqlite3.connect(source).execute("SELECT COUNT(*) FROM django_session").fetchone()[0]
    refused = run_cli("restore", str(damaged_copy(archive, tmp_path / "damaged.tar.gz")), "--force", env=env)
    assert refused.returncode != 0 and "damaged" in refused.stderr
    assert sqlite3.connect(source).execute("SELECT COUNT(*) FROM django_session").fetchone()[0] == before


@pytest.fixture
def scratch_postgres_database():
    """An empty database of this test's own on the test's PostgreSQL server, dropped at the end."""
    import psycopg

    db = connection.settings_dict
    name = f"tijara_restore_{uuid.uuid4().hex[:10]}"
    admin = psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
                            dbname="postgres", autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    yield f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}", name
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.mark.postgres
def test_postgres_backup_under_writes_restores_and_a_damaged_one_is_refused(shared_database_url, tmp_path,
                                                                             scratch_postgres_database):
    import psycopg

    env = base_env(shared_database_url, tmp_path / "live")
    archive = tmp_path / "live.tar.gz"
    backup_while_writing(env, Writer(lambda: psycopg.connect(shared_database_url.replace("postgres://", "postgresql://")),
                                     "%s"), archive)

    url, _name = scratch_postgres_database
    target_env = base_env(url, tmp_path / "restored")
    restored = run_cli("restore", str(archive), env=target_env, timeout=300)
    assert restored.returncode == 0, restored.stderr[-2000:]
    assert "restored and verified" in restored.stdout

    def sessions():
        with psycopg.connect(url.replace("postgres://", "postgresql://")) as conn:
            return conn.execute("SELECT COUNT(*) FROM django_session").fetchone()[0]

    before = sessions()
    assert before > 0
    refused = run_cli("restore", str(damaged_copy(archive, tmp_path / "damaged.tar.gz")), "--force", env=target_env)
    assert refused.returncode != 0 and "damaged" in refused.stderr
    assert sessions() == before

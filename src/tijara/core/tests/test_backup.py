"""Backup round trip: back up, restore into an empty database in another process, compare counts and checksums."""

import os
import sqlite3
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from tijara.accounts.models import Organisation
from tijara.core.testing import process_env, run_cli


def _cli(*args, env):
    return run_cli(*args, env=process_env(**env))


@pytest.fixture
def empty_target(tmp_path):
    """An empty database of the same engine as the test database, as a DATABASE_URL."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", lambda sql: sqlite3.connect(path).execute(sql).fetchone()[0]
        return
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restore_{os.getpid()}"
    admin = psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname="postgres", autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{name}"

    def query(sql):
        with psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], dbname=name) as conn:
            return conn.execute(sql).fetchone()[0]

    yield url, query
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.mark.serial
def test_backup_restores_into_empty_database_with_same_rows_and_media(transactional_db, organisation, other_organisation,
                                                                     tmp_path, empty_target):
    default_storage.save("logos/coop-a.png", ContentFile(b"\x89PNG fake logo bytes"))
    archive = tmp_path / "backup.tar.gz"
    out = StringIO()
    call_command("backup", out=str(archive), stdout=out)
    assert "rows" in out.getvalue()
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names and "media/logos/coop-a.png" in names

    url, query = empty_target
    media = tmp_path / "restored-media"
    env = {"DATABASE_URL": url, "TIJARA_MEDIA_ROOT": str(media), "TIJARA_DATA_DIR": str(tmp_path)}
    result = _cli("restore", str(archive), env=env)
    assert result.returncode == 0, result.stderr
    assert "restored and verified" in result.stdout
    assert query("SELECT COUNT(*) FROM accounts_organisation") == Organisation.objects.count() == 2
    assert (media / "logos" / "coop-a.png").read_bytes() == b"\x89PNG fake logo bytes"

    again = _cli("restore", str(archive), env=env)
    assert again.returncode != 0 and "not empty" in again.stderr


def test_restore_rejects_a_file_that_is_not_a_backup(tmp_path, db):
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not a tar file")
    with pytest.raises(Exception, match="Not a Tijara backup|not empty"):
        call_command("restore", str(bogus), "--force", stdout=StringIO())


def test_backup_archive_is_written_atomically(transactional_db, tmp_path):
    archive = tmp_path / "b.tar.gz"
    call_command("backup", out=str(archive), no_media=True, stdout=StringIO())
    assert archive.exists() and not Path(str(archive) + ".partial").exists()

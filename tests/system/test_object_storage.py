"""Media on S3-compatible object storage (django-storages), against a real S3 server process (moto) on loopback."""

import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings

from tests.system.servers import free_port


@pytest.fixture(scope="module")
def s3_endpoint():
    port = free_port()
    server = subprocess.Popen([str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=2)
            break
        except requests.ConnectionError:
            time.sleep(0.2)
    import boto3

    boto3.client("s3", endpoint_url=url, aws_access_key_id="test", aws_secret_access_key="test",
                 region_name="us-east-1").create_bucket(Bucket="tijara-media")
    yield url
    server.terminate()
    server.wait(timeout=10)


def s3_storages(endpoint: str) -> dict:
    return {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            "bucket_name": "tijara-media", "endpoint_url": endpoint, "region_name": "us-east-1",
            "access_key": "test", "secret_key": "test", "querystring_auth": True, "file_overwrite": False}},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def test_uploads_go_to_object_storage_and_are_served_by_signed_url(s3_endpoint, organisation):
    with override_settings(STORAGES=s3_storages(s3_endpoint)):
        organisation.logo.save("coop.png", ContentFile(b"\x89PNG logo bytes"))
        name = organisation.logo.name
        assert default_storage.exists(name)
        url = organisation.logo.url
        assert url.startswith(s3_endpoint) and "Signature" in url
        assert requests.get(url, timeout=10).content == b"\x89PNG logo bytes"
        default_storage.delete(name)
        assert not default_storage.exists(name)


def test_environment_switches_media_to_object_storage(s3_endpoint, tmp_path, db):
    """TIJARA_S3_* in the environment configure the same storage in a real process, which writes to the bucket."""
    from tests.system.servers import base_env, run_cli

    env = base_env(f"sqlite:///{tmp_path / 'db.sqlite3'}", tmp_path, TIJARA_S3_ENABLED="true",
                   TIJARA_S3_ENDPOINT_URL=s3_endpoint, TIJARA_S3_REGION="us-east-1", TIJARA_S3_ACCESS_KEY="test",
                   TIJARA_S3_SECRET_KEY="test", TIJARA_S3_BUCKET="tijara-media")
    script = ("from django.conf import settings; from django.core.files.base import ContentFile; "
              "from django.core.files.storage import default_storage as s; "
              "print(settings.STORAGES['default']['BACKEND'], s.save('probe/x.txt', ContentFile(b'ok')))")
    result = run_cli("shell", "--no-imports", "-c", script, env=env)
    assert result.returncode == 0, result.stderr[-1500:]
    assert "S3Storage" in result.stdout
    import boto3

    body = boto3.client("s3", endpoint_url=s3_endpoint, aws_access_key_id="test", aws_secret_access_key="test",
                        region_name="us-east-1").get_object(Bucket="tijara-media", Key="probe/x.txt")["Body"].read()
    assert body == b"ok"

"""Statelessness and faults, with real processes: two gunicorn servers on one PostgreSQL and one Redis,
task workers, a full disk and a database restart. These run in CI on PostgreSQL."""

import io
import random
import time

import pytest
import requests
from django.contrib.auth.hashers import make_password
from PIL import Image

from tests.system.servers import base_env, csrf_token, logged_in_session, run_cli
from tijara.accounts import services
from tijara.accounts.models import Organisation
from tijara.accounts.tests.fixtures import PASSWORD

pytestmark = [pytest.mark.serial, pytest.mark.postgres]


@pytest.fixture
def seller(shared_database_url):
    user = services.user_create(email="fatima@coop.test", password=PASSWORD, full_name="Fatima")
    # the app servers run the production settings, which do not accept the tests' fast hasher
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])
    org = services.organisation_create(owner=user, kind="cooperative", public_name="Coopérative Tazarbit",
                                       region="beni-mellal-khenifra", city="Azilal")
    return user, org


def png_bytes(size=(64, 64), noise=False) -> bytes:
    image = Image.new("RGB", size, "teal")
    if noise:
        rng = random.Random(7)
        image.putdata([(rng.randrange(256), rng.randrange(256), rng.randrange(256)) for _ in range(size[0] * size[1])])
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def upload_logo(session, server, org, content: bytes):
    url = f"{server.url}/accounts/organisations/{org.slug}/edit/"
    token = csrf_token(session, url)
    return session.post(url, timeout=30, allow_redirects=False, data={
        "csrfmiddlewaretoken": token, "public_name": org.public_name, "legal_name": org.legal_name,
        "region": org.region, "city": org.city,
    }, files={"logo": ("logo.png", content, "image/png")})


@pytest.mark.parametrize("backend", ["database", "redis"])
def test_two_servers_share_sessions_uploads_and_tasks(app_servers, seller, tmp_path, shared_database_url, backend):
    user, org = seller
    extra = {"TIJARA_REDIS_URL": "redis://127.0.0.1:6379/15"}
    if backend == "redis":
        extra["TIJARA_TASKS_BACKEND"] = "django_tasks_rq.RQBackend"
    first, second = app_servers(n=2, **extra)

    # a user logs in through one server and continues through the other
    session = logged_in_session(first, user.email, PASSWORD)
    dashboard = session.get(f"{second.url}/accounts/dashboard/", timeout=10, allow_redirects=False)
    assert dashboard.status_code == 200 and "Coopérative Tazarbit" in dashboard.text

    # an upload through one is served by the other
    content = png_bytes()
    assert upload_logo(session, first, org, content).status_code == 302
    org.refresh_from_db()
    served = requests.get(f"{second.url}/media/{org.logo.name}", timeout=10)
    assert served.status_code == 200
    with Image.open(io.BytesIO(served.content)) as logo:  # stored re-encoded (no uploaded bytes kept), same picture
        assert logo.size == (64, 64)

    # a task enqueued by one is run by a worker
    token = csrf_token(session, f"{second.url}/accounts/dashboard/")
    assert session.post(f"{second.url}/accounts/verify-again/", data={"csrfmiddlewaretoken": token}, timeout=10,
                        allow_redirects=False).status_code == 302
    env = base_env(shared_database_url, tmp_path, **extra)
    if backend == "redis":
        worker = run_cli("rqworker", "default", "--burst", "--job-class", "django_tasks_rq.backend.Job", env=env)
    else:
        worker = run_cli("db_worker", "--batch", "--no-startup-delay", env=env)
    assert worker.returncode == 0, worker.stderr[-2000:]
    assert "Confirm your email address" in worker.stdout or "Confirmez votre adresse" in worker.stdout
    assert user.email in worker.stdout


def test_full_disk_gives_a_clear_error_and_leaves_no_partial_file(app_servers, seller, tmp_path):
    user, org = seller
    (server,) = app_servers(n=1, fsize_limit=150_000)
    session = logged_in_session(server, user.email, PASSWORD)
    big = png_bytes(size=(600, 600), noise=True)  # its re-encoded JPEG (~280 KB) is what overflows the limit
    assert len(big) > 150_000
    response = upload_logo(session, server, org, big)
    assert response.status_code == 507
    assert "storage is full" in response.text or "stockage" in response.text
    media = tmp_path / "media"
    leftovers = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    assert leftovers == []
    org.refresh_from_db()
    assert not org.logo and org.public_name == "Coopérative Tazarbit"


def test_database_restart_fails_cleanly_and_recovers_without_app_restart(throwaway_postgres, tmp_path):
    env = base_env(throwaway_postgres.url, tmp_path, TIJARA_DB_CONN_MAX_AGE="60")
    migrate = run_cli("migrate", "--noinput", "-v", "0", env=env, timeout=600)
    assert migrate.returncode == 0, migrate.stderr[-2000:]
    from tests.system.servers import AppServer

    server = AppServer(env, workers=2)
    try:
        def health():
            return requests.get(f"{server.url}/api/v1/health", timeout=10)

        assert health().json()["database"] == "ok"
        throwaway_postgres.stop()
        during = [health() for _ in range(4)]
        assert all(r.status_code in (200, 503) for r in during)
        assert all(r.json()["database"] != "ok" for r in during)
        page = requests.get(f"{server.url}/accounts/login/", timeout=10)
        assert page.status_code in (200, 503)
        throwaway_postgres.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and health().json()["database"] != "ok":
            time.sleep(0.5)
        assert health().json()["database"] == "ok"
        assert requests.get(f"{server.url}/readyz", timeout=10).status_code == 200
        assert server.process.poll() is None
    finally:
        server.stop()


def test_organisation_fixture_is_visible_to_other_processes(shared_database_url, seller, tmp_path):
    env = base_env(shared_database_url, tmp_path)
    result = run_cli("shell", "-c", "from tijara.accounts.models import Organisation as O; print(O.objects.count())",
                     env=env)
    assert result.stdout.strip().splitlines()[-1] == str(Organisation.objects.count())

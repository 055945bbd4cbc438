"""Two app servers, each with its own data and media directory, behind a real nginx running the shipped
deploy/nginx-locations.conf, on one PostgreSQL and one Redis: a session started on one continues on the other,
rate limits count each visitor (not the proxy), an import checked on one is applied from the other, and tasks
enqueued through them are run by a worker."""

from __future__ import annotations

import re

import pytest
import requests

from tests.system.servers import (
    AppServer,
    Nginx,
    base_env,
    csrf_token,
    logged_in_session,
    run_cli,
    session_from,
)
from tests.system.test_scale import seller  # noqa: F401 - fixture
from tijara.accounts.tests.fixtures import PASSWORD

pytestmark = [pytest.mark.serial, pytest.mark.postgres]


@pytest.fixture
def redis_url():
    import redis

    client = redis.Redis.from_url("redis://127.0.0.1:6379/13")
    try:
        client.flushdb()
    except redis.ConnectionError:
        pytest.skip("needs Redis on 127.0.0.1:6379")
    yield "redis://127.0.0.1:6379/13"
    client.flushdb()


@pytest.fixture
def proxied(shared_database_url, redis_url, tmp_path):
    """Two servers (own TIJARA_DATA_DIR and TIJARA_MEDIA_ROOT each) and nginx in front of them."""
    envs = [base_env(shared_database_url, tmp_path / name, TIJARA_REDIS_URL=redis_url,
                     TIJARA_TRUSTED_PROXIES="127.0.0.1") for name in ("server-a", "server-b")]
    started: list = []
    try:
        for env in envs:
            started.append(AppServer(env))
        static = tmp_path / "static"
        (static / "tijara").mkdir(parents=True)
        (static / "tijara" / "probe.txt").write_text("collected static file")
        started.append(Nginx(tmp_path / "nginx", [f"127.0.0.1:{s.port}" for s in started[:2]], static_root=static))
        yield started[0], started[1], started[2], envs
    finally:
        for process in reversed(started):
            process.stop()


def requests_per_server(server: AppServer, view: str) -> float:
    metrics = requests.get(f"{server.url}/metrics", timeout=10).text
    return sum(float(m) for m in re.findall(
        rf'^tijara_http_requests_total{{[^}}]*view="{re.escape(view)}"[^}}]*}} ([0-9.e+]+)$', metrics, re.MULTILINE))


def signup_attempt(session: requests.Session, url: str, token: str, **headers) -> str:
    return session.post(f"{url}/accounts/signup/", data={"csrfmiddlewaretoken": token, "email": "not-an-email"},
                        headers={"Accept-Language": "en", **headers}, timeout=10).text


def test_two_servers_behind_nginx(proxied, seller, shared_database_url, redis_url, tmp_path):  # noqa: F811
    first, second, proxy, envs = proxied
    user, org = seller
    assert envs[0]["TIJARA_DATA_DIR"] != envs[1]["TIJARA_DATA_DIR"]
    assert envs[0]["TIJARA_MEDIA_ROOT"] != envs[1]["TIJARA_MEDIA_ROOT"]

    # a user logs in on one server and continues on the other; through the proxy both servers answer
    session = logged_in_session(first, user.email, PASSWORD)
    page = session.get(f"{second.url}/accounts/dashboard/", timeout=10, allow_redirects=False)
    assert page.status_code == 200 and "Coopérative Tazarbit" in page.text
    through = logged_in_session(proxy, user.email, PASSWORD)
    for _ in range(8):
        page = through.get(f"{proxy.url}/accounts/dashboard/", timeout=10, allow_redirects=False)
        assert page.status_code == 200 and "Coopérative Tazarbit" in page.text
    assert requests_per_server(first, "accounts:dashboard") >= 1
    assert requests_per_server(second, "accounts:dashboard") >= 1

    # the shipped locations: static files from disk, /metrics closed to the outside
    assert requests.get(f"{proxy.url}/static/tijara/probe.txt", timeout=10).text == "collected static file"
    assert requests.get(f"{proxy.url}/metrics", timeout=10).status_code == 403

    # rate limits count each visitor behind the proxy (sign-up: 10 per hour and address), on both servers together
    visitor, neighbour = session_from("127.0.0.2"), session_from("127.0.0.3")
    token = csrf_token(visitor, f"{proxy.url}/accounts/signup/")
    answers = [signup_attempt(visitor, proxy.url, token) for _ in range(10)]
    assert not any("Too many sign-ups" in a for a in answers)
    assert "Too many sign-ups" in signup_attempt(visitor, proxy.url, token)
    # a forged X-Forwarded-For does not make the same visitor someone else (nginx appends the real address)
    assert "Too many sign-ups" in signup_attempt(visitor, proxy.url, token, **{"X-Forwarded-For": "198.51.100.7"})
    other_token = csrf_token(neighbour, f"{proxy.url}/accounts/signup/")
    assert "Too many sign-ups" not in signup_attempt(neighbour, proxy.url, other_token)

    # a catalogue import checked on one server is applied from the other (nothing staged on a server's disk)
    imports = f"/catalog/{org.slug}/import/"
    checked = session.post(f"{first.url}{imports}", timeout=60, data={
        "csrfmiddlewaretoken": csrf_token(session, f"{first.url}{imports}"), "step": "check"},
        files={"file": ("products.csv", b"sku,craft_family,price_mad,title_fr\nPX-1,rugs,100,Tapis du proxy\n",
                        "text/csv")})
    assert checked.status_code == 200, checked.text[-1000:]
    staged = re.search(r'name="token" value="([^"]+)"', checked.text).group(1)
    applied = session.post(f"{second.url}{imports}", timeout=60, allow_redirects=False, data={
        "csrfmiddlewaretoken": csrf_token(session, f"{second.url}{imports}"), "step": "apply", "token": staged})
    assert applied.status_code == 302 and staged in applied.headers["Location"]

    # tasks enqueued through the servers (the import, and a verification e-mail through the proxy) are run by a
    # worker on a third machine with its own data dir
    token = csrf_token(through, f"{proxy.url}/accounts/dashboard/")
    assert through.post(f"{proxy.url}/accounts/verify-again/", data={"csrfmiddlewaretoken": token}, timeout=10,
                        allow_redirects=False).status_code == 302
    worker = run_cli("db_worker", "--batch", "--no-startup-delay",
                     env=base_env(shared_database_url, tmp_path / "worker", TIJARA_REDIS_URL=redis_url))
    assert worker.returncode == 0, worker.stderr[-2000:]
    assert user.email in worker.stdout
    from tijara.catalog.models import Product

    assert Product.objects.filter(organisation=org, sku="PX-1").exists()
    job_page = applied.headers["Location"]
    progress = session.get(job_page if job_page.startswith("http") else f"{first.url}{job_page}", timeout=10)
    assert progress.status_code == 200  # the job page is served by either server

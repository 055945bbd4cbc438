"""`tijara serve --workers N` (what `make run` starts) behaves like the product, with real processes: gunicorn with
the shipped settings and a task worker beside it in one command, so feeds generated from the web page are done
within a minute; DEBUG off with a friendly 404; static files served; SIGTERM stops everything."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
import requests
from django.contrib.auth.hashers import make_password

from tests.system.servers import base_env, csrf_token, free_port, logged_in_session
from tijara.accounts.tests.fixtures import PASSWORD
from tijara.channels.models import FeedRun

pytestmark = [pytest.mark.serial, pytest.mark.postgres]


def test_serve_runs_a_task_worker_so_feeds_from_the_web_page_get_done(shared_database_url, tmp_path, owner_user,
                                                                     organisation, channels_light):
    owner_user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")  # production settings: no test hasher
    owner_user.save(update_fields=["password"])
    port = free_port()
    # the models are not needed here: skip loading them so the test stays short (the load bench measures that)
    env = base_env(shared_database_url, tmp_path / "run", GUNICORN_ACCESSLOG="", GUNICORN_WARM_MODELS="false")
    env.pop("TIJARA_DEBUG", None)  # the default must be off
    serve = subprocess.Popen([sys.executable, "-m", "tijara", "serve", f"127.0.0.1:{port}", "--workers", "1"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            assert serve.poll() is None, serve.stdout.read()[-3000:]
            try:
                if requests.get(f"{url}/healthz", timeout=5).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):  # the master listens while it loads the models
                time.sleep(0.3)
        else:
            pytest.fail("tijara serve did not answer within 180 s")

        missing = requests.get(f"{url}/no-such-page/", headers={"Accept-Language": "ar"}, timeout=10)
        assert missing.status_code == 404 and "الصفحة غير موجودة" in missing.text
        assert "Traceback" not in missing.text and "URLconf" not in missing.text
        assert requests.get(f"{url}/static/tijara/tijara.css", timeout=10).status_code == 200

        class Server:
            pass

        server = Server()
        server.url = url
        session = logged_in_session(server, owner_user.email, PASSWORD)
        page = f"{url}/channels/{organisation.slug}/"
        generate = f"{url}/channels/{organisation.slug}/connections/{channels_light.pk}/generate/"
        started = time.monotonic()
        response = session.post(generate, data={"csrfmiddlewaretoken": csrf_token(session, page)}, timeout=30,
                                allow_redirects=False)
        assert response.status_code == 302
        while time.monotonic() - started < 60:  # one run per feed format: wait until every one has ended
            runs = list(FeedRun.objects.filter(connection=channels_light))
            if runs and all(r.status in (FeedRun.Status.SUCCEEDED, FeedRun.Status.FAILED) for r in runs):
                break
            time.sleep(0.5)
        runs = list(FeedRun.objects.filter(connection=channels_light))
        assert runs, "the page queued no feed run"
        assert [r.status for r in runs] == [FeedRun.Status.SUCCEEDED] * len(runs), "not every feed done within a minute"
        assert all(r.items_written + r.items_blocked == 1 for r in runs)
    finally:
        serve.send_signal(signal.SIGTERM)
        try:
            code = serve.wait(timeout=60)
        except subprocess.TimeoutExpired:
            serve.kill()
            raise
    assert code == 0

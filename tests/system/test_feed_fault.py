"""Kill a worker in the middle of a feed generation: the last good feed stays served, the task is requeued and
run again by the next worker. Real processes on PostgreSQL."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings

from tests.system.servers import base_env, run_cli
from tijara.catalog.models import CraftFamily, Product, ProductText, Variant
from tijara.channels import services as channels
from tijara.channels.models import FeedRun

pytestmark = [pytest.mark.serial, pytest.mark.postgres]

PRODUCTS = 6000


@pytest.fixture
def big_connection(shared_database_url, organisation, owner_user):
    family = CraftFamily.objects.get(code="rugs")
    # bulk rows for volume (the catalog services are exercised by the catalog tests)
    products = Product.objects.bulk_create([
        Product(organisation=organisation, sku=f"RUG-{n:05d}", craft_family=family, technique="hand-knotted",
                hs_code="570110", status=Product.Status.READY, weight_kg="9") for n in range(PRODUCTS)])
    Variant.objects.bulk_create([Variant(product=p, sku=p.sku, price_mad="2500", stock=1) for p in products])
    ProductText.objects.bulk_create([ProductText(product=p, language_code="fr", title=f"Tapis berbère noué main {p.sku}",
                                                 description="Laine, noué main dans le Moyen Atlas.") for p in products])
    return channels.connection_create(actor=owner_user, organisation=organisation, kind="google", country="FRA",
                                      language="fr", currency="EUR")


def test_killed_worker_keeps_last_good_feed_and_task_is_retried(client, big_connection, shared_database_url, tmp_path):
    first = channels.feed_generate(connection=big_connection, fmt="xml")
    assert first.status == FeedRun.Status.SUCCEEDED
    url = f"/channels/feeds/{big_connection.feed_token}.xml"
    assert client.get(url)["ETag"] == f'"{first.etag}"'

    env = base_env(shared_database_url, tmp_path, TIJARA_MEDIA_ROOT=str(settings.MEDIA_ROOT))
    enqueue = run_cli("shell", "--no-imports", "-c",
                      f"from tijara.channels.tasks import feed_generate_task as t; t.enqueue({big_connection.pk}, 'xml')",
                      env=env)
    assert enqueue.returncode == 0, enqueue.stderr
    worker = subprocess.Popen([sys.executable, "-m", "tijara", "db_worker", "--batch", "--no-startup-delay"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if FeedRun.objects.filter(connection=big_connection, status=FeedRun.Status.RUNNING).exists():
            break
        time.sleep(0.02)
    else:
        worker.kill()
        pytest.fail("the worker never started the feed generation")
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()
    assert not FeedRun.objects.filter(connection=big_connection, status=FeedRun.Status.SUCCEEDED).exclude(pk=first.pk).exists(), \
        "the generation finished before the kill: make the catalog larger"

    # the last good feed is still served, byte for byte
    served = client.get(url)
    assert served.status_code == 200 and served["ETag"] == f'"{first.etag}"'

    requeue = run_cli("requeue_stale_tasks", "--older-than", "0", "--for-real", env=env)
    assert "1 stale task(s)" in requeue.stdout, requeue.stdout + requeue.stderr
    rerun = run_cli("db_worker", "--batch", "--no-startup-delay", env=env, timeout=600)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    latest = FeedRun.objects.filter(connection=big_connection, status=FeedRun.Status.SUCCEEDED).latest("finished_at")
    assert latest.pk != first.pk and latest.items_written == first.items_written
    assert client.get(url)["ETag"] == f'"{latest.etag}"'

"""Import staging: the dry run is kept in the database, so another session (or app server) applies it, and the
apply runs as a background task whose progress the page shows."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tijara.catalog import importer
from tijara.catalog.models import ImportJob, Photo, Product
from tijara.catalog.tests.fixtures import catalog_image_bytes

CSV = "sku,craft_family,price_mad,title_fr\nST-1,rugs,100,Tapis\nST-2,wood,abc,Boîte\n"


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


def _client(user):
    from django.conf import settings

    client = Client()
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_dry_run_in_one_session_applies_from_another(organisation, owner_user, manager_user):
    url = f"/catalog/{organisation.slug}/import/"
    first, second = _client(owner_user), _client(manager_user)
    checked = first.post(url, {"step": "check", "file": SimpleUploadedFile("p.csv", CSV.encode())})
    token = checked.context["token"]
    assert "catalog_import" not in first.session  # nothing about the import lives in the session
    assert ImportJob.objects.get(token=token).status == "staged"
    assert not Product.objects.filter(organisation=organisation).exists()

    applied = second.post(url, {"step": "apply", "token": token}, follow=True)
    assert applied.status_code == 200 and "1 product created, 0 products updated, 0 products unchanged." in applied.content.decode()
    assert list(Product.objects.filter(organisation=organisation).values_list("sku", flat=True)) == ["ST-1"]
    job = ImportJob.objects.get(token=token)
    assert (job.status, bytes(job.sheet), job.photos_zip) == ("done", b"", None)  # the files are dropped
    assert job.report["errors"][0]["row"] == 3


def test_other_organisation_cannot_apply_the_token(organisation, owner_user, outsider_user, other_organisation):
    _report, job = importer.import_stage(organisation=organisation, actor=owner_user, data=CSV.encode(),
                                         filename="p.csv")
    outsider = _client(outsider_user)
    other_slug = other_organisation.slug
    response = outsider.post(f"/catalog/{other_slug}/import/", {"step": "apply", "token": job.token}, follow=True)
    assert "expired" in response.content.decode()
    assert outsider.get(f"/catalog/{organisation.slug}/import/run/{job.token}/").status_code == 404
    assert ImportJob.objects.get(pk=job.pk).status == "staged"
    assert not Product.objects.exists()


@pytest.mark.parametrize(("actor", "status"), [
    ("anonymous", 302), ("outsider", 404), ("member", 302), ("manager", 302), ("owner", 302), ("advisor", 403),
    ("admin", 403),
])
def test_apply_permission_matrix(client, cast, organisation, owner_user, actor, status):
    _report, job = importer.import_stage(organisation=organisation, actor=owner_user, data=CSV.encode(),
                                         filename="p.csv")
    if cast[actor] is not None:
        client.force_login(cast[actor])
    response = client.post(f"/catalog/{organisation.slug}/import/", {"step": "apply", "token": job.token})
    assert response.status_code == status
    applied = status == 302 and cast[actor] is not None
    assert Product.objects.filter(organisation=organisation).exists() == applied
    assert ImportJob.objects.get(pk=job.pk).status == ("done" if applied else "staged")


@pytest.fixture
def slow_image_server():
    image = catalog_image_bytes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.send_header("Content-Length", str(len(image)))
            self.end_headers()
            self.wfile.write(image)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_progress_is_recorded_while_photos_are_fetched(organisation, owner_user, slow_image_server, settings):
    settings.TIJARA_IMPORT_ALLOW_PRIVATE_URLS = True
    sheet = "sku,craft_family,price_mad,photos\n" + "".join(
        f"PH-{n},rugs,100,{slow_image_server}/p{n}.jpg\n" for n in range(3))
    _report, job = importer.import_stage(organisation=organisation, actor=owner_user, data=sheet.encode(),
                                         filename="p.csv")
    seen = []
    original = importer.import_products

    def watching(**kwargs):
        progress = kwargs["progress"]

        def record(step, done, total):
            progress(step, done, total)
            row = ImportJob.objects.get(pk=job.pk)
            seen.append((row.status, row.progress_step, row.progress_done, row.progress_total))

        return original(**{**kwargs, "progress": record})

    importer.import_products = watching
    try:
        ImportJob.objects.filter(pk=job.pk).update(status="queued")
        importer.import_apply(job_id=job.pk)
    finally:
        importer.import_products = original
    assert seen[:4] == [("running", "photos", 0, 3), ("running", "photos", 1, 3), ("running", "photos", 2, 3),
                        ("running", "photos", 3, 3)]
    assert seen[-1] == ("running", "saving", 3, 3)
    assert Photo.objects.filter(product__organisation=organisation).count() == 3
    page = _client(owner_user).get(f"/catalog/{organisation.slug}/import/run/{job.token}/")
    assert "3 photos added." in page.content.decode()


def test_running_page_polls_and_failed_job_says_why(organisation, owner_user):
    _report, job = importer.import_stage(organisation=organisation, actor=owner_user, data=CSV.encode(),
                                         filename="p.csv")
    ImportJob.objects.filter(pk=job.pk).update(status="running", progress_done=1, progress_total=4,
                                               progress_step="photos")
    client = _client(owner_user)
    page = client.get(f"/catalog/{organisation.slug}/import/run/{job.token}/").content.decode()
    assert 'hx-trigger="every 2s"' in page and "1 of 4 photos handled." in page
    partial = client.get(f"/catalog/{organisation.slug}/import/run/{job.token}/", HTTP_HX_REQUEST="true")
    assert partial.content.decode().startswith('<section class="card" id="import-job" data-status="running"')
    ImportJob.objects.filter(pk=job.pk).update(status="failed", error="The sheet is gone.")
    page = client.get(f"/catalog/{organisation.slug}/import/run/{job.token}/").content.decode()
    assert "The import failed" in page and "The sheet is gone." in page and "every 2s" not in page


def test_a_stale_running_job_is_taken_again(organisation, owner_user):
    from datetime import timedelta

    from django.utils import timezone

    _report, job = importer.import_stage(organisation=organisation, actor=owner_user, data=CSV.encode(),
                                         filename="p.csv")
    ImportJob.objects.filter(pk=job.pk).update(status="running")
    importer.import_apply(job_id=job.pk)  # a live run elsewhere: left alone
    assert not Product.objects.exists()
    ImportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=30))
    importer.import_apply(job_id=job.pk)
    assert ImportJob.objects.get(pk=job.pk).status == "done" and Product.objects.filter(sku="ST-1").exists()


def test_api_background_import_returns_a_token_to_poll(client, organisation, owner_user):
    from tijara.accounts import services as accounts

    _row, key = accounts.api_token_create(user=owner_user, name="bg", scopes=["read", "catalog:write"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    base = f"/api/v1/catalog/organisations/{organisation.slug}"
    response = client.post(f"{base}/import", {"file": SimpleUploadedFile("p.csv", CSV.encode()), "dry_run": "false",
                                              "background": "true"}, **auth)
    assert response.status_code == 202
    token = response.json()["token"]
    status = client.get(f"{base}/imports/{token}", **auth).json()
    assert (status["status"], status["created"], status["errors"][0]["row"]) == ("done", 1, 3)
    assert list(Product.objects.filter(organisation=organisation).values_list("sku", flat=True)) == ["ST-1"]
    assert client.get(f"{base}/imports/made-up", **auth).status_code == 404

"""Catalog import in Debian's Chromium: the progress page polls (htmx) while a worker applies the import."""

import pytest

pytestmark = pytest.mark.browser

CSV = b"sku,craft_family,price_mad,title_fr\nBR-1,rugs,100,Tapis\n"


def test_progress_page_updates_until_the_report(logged_in_page, live_server, seller):
    from tijara.catalog import importer
    from tijara.catalog.models import ImportJob

    user, org = seller
    _report, job = importer.import_stage(organisation=org, actor=user, data=CSV, filename="p.csv")
    ImportJob.objects.filter(pk=job.pk).update(status="running", progress_done=1, progress_total=3,
                                               progress_step="photos")
    page = logged_in_page
    page.goto(f"{live_server.url}/catalog/{org.slug}/import/run/{job.token}/?lang=en")
    assert page.get_attribute("#import-job", "data-status") == "running"
    assert page.locator("#import-job progress").get_attribute("value") == "1"
    # a worker (here: the test) finishes the job; the page swaps in the report without a reload
    ImportJob.objects.filter(pk=job.pk).update(status="queued")
    importer.import_apply(job_id=job.pk)
    page.wait_for_selector('#import-job[data-status="done"]', timeout=10_000)
    assert "BR-1" in page.inner_text("#import-job")

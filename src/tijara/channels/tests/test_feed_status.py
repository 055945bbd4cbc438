"""Feed generation seen from the page: queued → running → done (counts, download link) or failed with its reason;
the block polls while a run is pending; the health chart draws finished runs."""

from __future__ import annotations

import re

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from tijara.channels import display, services
from tijara.channels.charts import feed_health_svg
from tijara.channels.models import FeedRun

pytestmark = pytest.mark.django_db


def _status_url(organisation, connection):
    return f"/channels/{organisation.slug}/connections/{connection.pk}/feeds/?lang=en"


def test_enqueue_shows_queued_at_once_and_a_second_click_adds_nothing(owner_user, channels_light):
    run = services.feed_enqueue(actor=owner_user, connection=channels_light, fmt="xml")
    assert run.status == FeedRun.Status.QUEUED
    again = services.feed_enqueue(actor=owner_user, connection=channels_light, fmt="xml")
    assert again.pk == run.pk and FeedRun.objects.filter(connection=channels_light, format="xml").count() == 1


def test_queued_page_polls_then_done_shows_counts_and_download(client, owner_user, organisation, channels_light,
                                                               django_capture_on_commit_callbacks):
    client.force_login(owner_user)
    services.listings_refresh(connection=channels_light)
    for fmt in ("xml", "tsv"):
        services.feed_enqueue(actor=owner_user, connection=channels_light, fmt=fmt)
    html = client.get(_status_url(organisation, channels_light), HTTP_HX_REQUEST="true").content.decode()
    assert "Queued" in html and 'hx-trigger="every 2s"' in html and "Download the feed" not in html
    # The worker takes the queued run (the same row turns running, then succeeded).
    queued = FeedRun.objects.get(connection=channels_light, format="xml")
    run = services.feed_generate(connection=channels_light, fmt="xml", run_id=queued.pk)
    assert run.pk == queued.pk and run.status == FeedRun.Status.SUCCEEDED
    services.feed_generate(connection=channels_light, fmt="tsv",
                           run_id=FeedRun.objects.get(connection=channels_light, format="tsv").pk)
    html = client.get(_status_url(organisation, channels_light), HTTP_HX_REQUEST="true").content.decode()
    assert "every 2s" not in html and "Done" in html and "written" in html
    assert f"/channels/feeds/{channels_light.feed_token}.xml" in html and "Download the feed (XML file)" in html


def test_htmx_generate_swaps_the_block_and_runs_the_task(client, owner_user, organisation, channels_light,
                                                         django_capture_on_commit_callbacks):
    client.force_login(owner_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/channels/{organisation.slug}/connections/{channels_light.pk}/generate/?lang=en",
                               HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'id="feeds"' in response.content.decode()
    assert set(FeedRun.objects.filter(connection=channels_light).values_list("status", flat=True)) == {"succeeded"}


def test_failed_run_says_why_without_the_exception_class(client, owner_user, organisation, channels_light):
    FeedRun.objects.create(connection=channels_light, format="xml", status=FeedRun.Status.FAILED,
                           finished_at=timezone.now(), error="OSError: No space left on device")
    client.force_login(owner_user)
    html = client.get(_status_url(organisation, channels_light), HTTP_HX_REQUEST="true").content.decode()
    assert "Failed" in html and "No space left on device" in html and "OSError" not in html


def test_a_queued_run_no_worker_took_fails_with_the_reason_and_a_new_click_retries(owner_user, channels_light):
    stale = services.feed_enqueue(actor=owner_user, connection=channels_light, fmt="xml")
    FeedRun.objects.filter(pk=stale.pk).update(started_at=timezone.now() - services.QUEUE_TIMEOUT * 2)
    fresh = services.feed_enqueue(actor=owner_user, connection=channels_light, fmt="xml")
    stale.refresh_from_db()
    assert fresh.pk != stale.pk and stale.status == FeedRun.Status.FAILED and "10 minutes" in stale.error


def test_health_chart_draws_each_finished_run_and_mirrors_in_rtl(owner_user, channels_light):
    for _ in range(2):
        services.feed_generate(connection=channels_light, fmt="xml")
    history = display.feed_history(connection=channels_light)
    assert len(history) == 2
    points = [("1 Dec", 10, True), ("2 Dec", 0, False), ("3 Dec", 20, True)]
    ltr = feed_health_svg(runs=points, title="t", desc="d", failed_label="failed")
    rtl = feed_health_svg(runs=points, title="t", desc="d", failed_label="failed", rtl=True)
    assert ltr.count("<rect") == 3 and "<desc" in ltr and 'fill="#b42318"' in ltr
    assert ltr != rtl and 'x="352" y="152" text-anchor="start" direction="rtl" font-size="12">1 Dec' in rtl
    assert 'x="8" y="152" text-anchor="start" direction="ltr" font-size="12">1 Dec' in ltr
    for run in history:
        if run.file_name:
            assert default_storage.exists(run.file_name)


def test_problems_checked_in_another_language_are_read_in_the_viewers_language(
        client, owner_user, organisation, channels_google):
    """An Arabic user runs the check; a French and an English reader then read the problems in their language, and
    nothing says « checked in Arabic »: the listing stores each sentence as its message id and parameters."""
    from django.utils import translation

    from tijara.channels.models import Listing

    with translation.override("ar"):
        services.listings_refresh(connection=channels_google)
    stored = [p for listing in Listing.objects.filter(connection=channels_google) for p in listing.problems]
    assert stored and all(p["lang"] == "ar" and p["said"]["what"]["id"] for p in stored)
    client.force_login(owner_user)
    url = f"/channels/{organisation.slug}/?connection={channels_google.pk}&state=blocked"
    french = client.get(url + "&lang=fr").content.decode()
    assert "pas de texte en" in french and "Checked in" not in french
    english = client.get(url + "&lang=en").content.decode()
    assert "has no text in" in english and "Checked in" not in english
    with translation.override("en"):
        problems = Listing.objects.filter(connection=channels_google).exclude(problems=[]).first().problems_shown
    assert problems and all(not re.search("[\u0600-\u06ff]", p["what"] + p["fix"] + p["message"]) for p in problems)


def test_problems_stored_before_they_were_kept_as_data_stay_readable_and_say_their_language(
        client, owner_user, organisation, channels_google):
    from django.utils import translation

    from tijara.channels.models import Listing

    with translation.override("fr"):
        services.listings_refresh(connection=channels_google)
    for listing in Listing.objects.filter(connection=channels_google):  # as a check of an earlier release stored them
        listing.problems = [{k: v for k, v in p.items() if k != "said"} for p in listing.problems]
        listing.save(update_fields=["problems"])
    client.force_login(owner_user)
    url = f"/channels/{organisation.slug}/?connection={channels_google.pk}&state=blocked&lang=en"
    html = client.get(url).content.decode()
    assert "Checked in French" in html and 'lang="fr"' in html and "pas de texte en" in html
    with translation.override("en"):
        services.listings_refresh(connection=channels_google)
    html = client.get(url).content.decode()
    assert "Checked in" not in html and "has no text in" in html


def test_a_channel_attribute_problem_opens_the_attributes_form_with_the_product_chosen(
        client, owner_user, organisation, channels_google):
    from tijara.channels.models import ProductChannelAttributes

    services.product_channel_attributes_set(actor=owner_user, product=channels_google.organisation.products.get(
        sku="POUF-1"), google_category="1604")  # Apparel & Accessories > Clothing: gender and age group required
    services.listings_refresh(connection=channels_google)
    client.force_login(owner_user)
    html = client.get(f"/channels/{organisation.slug}/?connection={channels_google.pk}&lang=en").content.decode()
    link = f"?connection={channels_google.pk}&amp;sku=POUF-1#attributes-title"
    assert link in html and "Gender" in html and "gender</" not in html
    form = client.get(f"/channels/{organisation.slug}/?connection={channels_google.pk}&sku=POUF-1&lang=en")
    assert 'value="POUF-1"' in form.content.decode()
    assert ProductChannelAttributes.objects.get(product__sku="POUF-1").gender == ""


def test_a_listing_improvement_is_read_in_the_viewers_language_and_an_old_one_is_marked(
        client, owner_user, organisation, channels_google):
    from django.utils import translation

    from tijara.channels.models import Listing

    with translation.override("fr"):
        services.listings_refresh(connection=channels_google)
    client.force_login(owner_user)
    url = f"/channels/{organisation.slug}/?connection={channels_google.pk}&lang=ar"
    pattern = r'<br><small( lang="\w+" dir="auto")?>([^<]*)</small>( <small class="lang-mark">)?'
    improvements = re.findall(pattern, client.get(url).content.decode())
    assert improvements
    assert all(attr == ' lang="ar" dir="auto"' and not mark and re.search("[\u0600-\u06ff]", text)
               for attr, text, mark in improvements)
    for listing in Listing.objects.filter(connection=channels_google):  # as a check of an earlier release stored them
        listing.improvements = [{k: v for k, v in i.items() if k != "said"} for i in listing.improvements]
        listing.save(update_fields=["improvements"])
    improvements = re.findall(pattern, client.get(url).content.decode())
    assert improvements and all(attr == ' lang="fr" dir="auto"' and mark for attr, _text, mark in improvements)


def test_connections_name_their_currency_in_words(client, owner_user, organisation, channels_google):
    client.force_login(owner_user)
    html = client.get(f"/channels/{organisation.slug}/?lang=fr").content.decode()
    currency = channels_google.currency.upper()
    assert f">{currency}<" not in html and currency_name_fr(currency) in html


def currency_name_fr(code: str) -> str:
    from django.utils import translation

    from tijara.core.l10n import currency_name

    with translation.override("fr"):
        return currency_name(code)


def test_a_new_connection_picks_its_currency_by_name(client, owner_user, organisation):
    from tijara.channels.models import ChannelConnection

    client.force_login(owner_user)
    page = client.get(f"/channels/{organisation.slug}/?lang=fr").content.decode()
    assert '<option value="EUR">euro</option>' in page and "(e.g. EUR)" not in page and "(p. ex. EUR)" not in page
    client.post(f"/channels/{organisation.slug}/connections/new/", {"kind": "meta", "country": "DEU", "currency": "EUR"})
    assert ChannelConnection.objects.get(organisation=organisation, kind="meta", country="DEU").currency == "EUR"


def test_the_feed_block_opened_as_a_page_leads_to_the_connection_page(client, owner_user, organisation, channels_light):
    client.force_login(owner_user)
    response = client.get(_status_url(organisation, channels_light))
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith(f"/channels/{organisation.slug}/?connection={channels_light.pk}") and location.endswith(
        "#feeds")

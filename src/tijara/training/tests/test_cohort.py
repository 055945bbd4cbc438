"""The advisor's cohort page and drill-down: who sees what, why an organisation is stuck, nothing can change."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tijara.catalog.models import Product
from tijara.channels import services as channels
from tijara.channels.models import ChannelConnection
from tijara.training import services
from tijara.training.models import Assessment
from tijara.training.tests.fixtures import training_answers

pytestmark = pytest.mark.django_db
ACTORS = ["anonymous", "outsider", "member", "manager", "owner", "advisor", "admin"]


def _login(client, cast, who):
    if cast[who] is not None:
        client.force_login(cast[who])


@pytest.mark.parametrize(("who", "status"), [
    ("anonymous", 302), ("outsider", 404), ("member", 404), ("manager", 404), ("owner", 404),
    ("advisor", 200), ("admin", 200)])
def test_cohort_page_is_for_advisors_and_admins_only(client, cast, other_organisation, who, status):
    _login(client, cast, who)
    response = client.get(reverse("training:cohort"))
    assert response.status_code == status
    if status == 200:
        page = response.content.decode()
        assert "Coopérative A" in page
        # An advisor of Fès-Meknès never sees Souss-Massa's cooperative; an admin sees every one.
        assert ("Coopérative B" in page) is (who == "admin")


@pytest.mark.parametrize(("who", "status"), [
    ("anonymous", 302), ("outsider", 404), ("member", 404), ("manager", 404), ("owner", 404),
    ("advisor", 200), ("admin", 200)])
def test_drilldown_matrix(client, cast, organisation, who, status):
    _login(client, cast, who)
    response = client.get(reverse("training:cohort_organisation", args=[organisation.slug]))
    assert response.status_code == status


def test_advisor_cannot_open_another_regions_organisation(client, advisor_user, other_organisation):
    client.force_login(advisor_user)
    response = client.get(reverse("training:cohort_organisation", args=[other_organisation.slug]))
    assert response.status_code == 404


def test_says_why_an_organisation_is_stuck_in_words(client, advisor_user, organisation, owner_user):
    client.force_login(advisor_user)
    page = client.get(reverse("training:cohort") + "?lang=en").content.decode()
    assert "Readiness not assessed" in page and "No export plan" in page
    services.assessment_submit(actor=owner_user, organisation=organisation, answers=training_answers(0))
    services.assessment_submit(actor=owner_user, organisation=organisation, answers=training_answers(2))
    page = client.get(reverse("training:cohort") + "?lang=en").content.decode()
    assert "Readiness not assessed" not in page and "Low readiness" not in page
    assert "up 100 since the take before" in page
    stuck = client.get(reverse("training:cohort") + "?stuck=1&lang=en").content.decode()
    assert "Coopérative A" in stuck  # still no export plan


def test_drilldown_shows_trend_plans_inquiries_and_listings(client, advisor_user, organisation, owner_user,
                                                            channels_google):
    channels.listings_refresh(connection=channels_google)
    services.assessment_submit(actor=owner_user, organisation=organisation, answers=training_answers(0))
    services.assessment_submit(actor=owner_user, organisation=organisation, answers=training_answers(1))
    client.force_login(advisor_user)
    page = client.get(reverse("training:cohort_organisation", args=[organisation.slug]) + "?lang=fr").content.decode()
    assert 'class="trend"' in page and "<desc" in page
    assert "Google Merchant Center" in page and "États-Unis" in page
    assert "google:" not in page
    assert reverse("channels:organisation", args=[organisation.slug]) in page


def test_advisor_changes_nothing(client, advisor_user, organisation, channels_google):
    """Read-only: every write the drill-down links to is refused to an advisor and nothing changes."""
    client.force_login(advisor_user)
    slug = organisation.slug
    before = (Assessment.objects.count(), Product.objects.count(), ChannelConnection.objects.count())
    attempts = [
        (reverse("training:assess", args=[slug]), dict.fromkeys(training_answers(2), "2")),
        (reverse("catalog:new", args=[slug]), {"sku": "NEW-1"}),
        (reverse("channels:connection_new", args=[slug]), {"kind": "etsy", "country": "FRA"}),
        (reverse("channels:connection_generate", args=[slug, channels_google.pk]), {}),
        (reverse("channels:connection_delete", args=[slug, channels_google.pk]), {}),
    ]
    for url, data in attempts:
        response = client.post(url, data)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert "/login" not in response["Location"]
    assert (Assessment.objects.count(), Product.objects.count(), ChannelConnection.objects.count()) == before


def test_cohort_page_queries_stay_bounded_per_organisation(client, advisor_user, owner_user, organisation,
                                                           django_assert_max_num_queries):
    """A handful of reads per organisation (readiness, plans, quote requests, feeds), never one per listing."""
    from tijara.accounts import services as accounts

    for i in range(5):
        accounts.organisation_create(owner=owner_user, kind="cooperative", public_name=f"Coopérative {i}",
                                     region="fes-meknes", city="Fès", crafts=["rugs"])
    client.force_login(advisor_user)
    with django_assert_max_num_queries(40):  # 6 organisations: measured 34
        assert client.get(reverse("training:cohort")).status_code == 200

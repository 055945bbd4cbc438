"""The advisor overview shows one page of organisations at a time, never the whole table."""

from django.urls import reverse

from tijara.accounts import services, views
from tijara.accounts.tests.fixtures import make_user


def test_advisor_overview_is_paginated(client, advisor_user, organisation, monkeypatch):
    monkeypatch.setattr(views, "ADVISOR_PAGE_SIZE", 2)
    for n in range(3):
        owner = make_user(f"owner{n}@workshop.test")
        services.organisation_create(owner=owner, kind="artisan", public_name=f"Atelier {n}", region="fes-meknes",
                                     city="Fès")
    client.force_login(advisor_user)
    url = reverse("accounts:advisor")
    pages = [client.get(url, {"page": n}) for n in (1, 2)]
    assert all(p.status_code == 200 for p in pages)
    shown = [[o.public_name for o in p.context["organisations"]] for p in pages]
    assert [len(names) for names in shown] == [2, 2]
    assert sorted(shown[0] + shown[1]) == ["Atelier 0", "Atelier 1", "Atelier 2", "Coopérative A"]
    assert "page=2" in pages[0].content.decode()
    assert client.get(url, {"page": "999"}).context["page"].number == 2  # past the end: the last page

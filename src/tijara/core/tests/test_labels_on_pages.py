"""Internal keys never reach the page: the member's role and the organisation's region are said in words."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "role"), [("fr", "propriétaire"), ("ar", "مالك")])
def test_dashboard_says_the_role_in_words(client, owner_user, organisation, language, role):
    client.force_login(owner_user)
    page = client.get("/accounts/dashboard/", {"lang": language}).content.decode()
    assert f": {role}" in page
    assert ": owner" not in page


@pytest.mark.django_db
def test_advisor_list_names_the_region_not_its_slug(client, advisor_user, organisation):
    organisation.region = "fes-meknes"
    organisation.save(update_fields=["region"])
    client.force_login(advisor_user)
    page = client.get("/accounts/advisor/", {"lang": "ar"}).content.decode()
    assert "فاس مكناس" in page and "fes-meknes" not in page

import pytest

from tijara.accounts import services
from tijara.accounts.tests.fixtures import PASSWORD


@pytest.fixture
def seller(transactional_db, reference_data_reloaded):
    user = services.user_create(email="fatima@coop.test", password=PASSWORD, full_name="Fatima", verified=True)
    org = services.organisation_create(owner=user, kind="cooperative", public_name="Coopérative Tazarbit",
                                       region="beni-mellal-khenifra", city="Azilal", crafts=["rugs"])
    return user, org


@pytest.fixture
def logged_in_page(page, live_server, seller):
    user, _org = seller
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=email]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url("**/accounts/dashboard/")
    return page

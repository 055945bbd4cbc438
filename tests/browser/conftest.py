import pytest

from tests.browser.journey import log_in
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
    log_in(page, live_server.url, user.email)
    page.wait_for_url("**/accounts/dashboard/")
    return page

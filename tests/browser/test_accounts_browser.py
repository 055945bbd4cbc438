"""Sign up, log in, switch to Arabic, edit the organisation profile — in Debian's Chromium."""

import pytest

from tijara.accounts.models import Organisation, User

pytestmark = pytest.mark.browser


def test_sign_up_then_log_in_and_land_on_dashboard(page, live_server, transactional_db):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.fill("input[name=email]", "nadia@atelier.test")
    page.fill("input[name=full_name]", "Nadia")
    page.fill("input[name=password]", "a-very-good-pass-99")
    page.select_option("select[name=kind]", "artisan")
    page.fill("input[name=organisation_name]", "Atelier Nadia")
    page.select_option("select[name=region]", "fes-meknes")
    page.click("form button[type=submit]")
    # Sign-up never says whether the address had an account: it ends on "check your email", then one logs in.
    page.wait_for_url("**/accounts/signup/sent/")
    page.click("main a.button")
    page.wait_for_url("**/accounts/login/")
    page.fill("input[name=email]", "nadia@atelier.test")
    page.fill("input[name=password]", "a-very-good-pass-99")
    page.click("form button[type=submit]")
    page.wait_for_url("**/accounts/dashboard/")
    assert "Atelier Nadia" in page.inner_text("#organisation")
    assert Organisation.objects.get(memberships__user__email="nadia@atelier.test").region == "fes-meknes"


def test_wrong_password_shows_error(page, live_server, seller):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=email]", seller[0].email)
    page.fill("input[name=password]", "wrong-password")
    page.click("form button[type=submit]")
    assert page.locator(".errorlist").count() >= 1


def test_switch_to_arabic_sets_rtl(logged_in_page, live_server):
    page = logged_in_page
    page.select_option("#language-select", "ar")
    page.wait_for_load_state("load")
    page.wait_for_function("document.documentElement.dir === 'rtl'")
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert "تسجيل الخروج" in page.inner_text("header")
    # the layout reads right to left: the brand sits at the right edge of the header
    brand = page.locator(".brand").bounding_box()
    width = page.evaluate("document.documentElement.clientWidth")
    assert brand["x"] > width / 2


def test_edit_organisation_profile(logged_in_page, live_server, seller):
    page = logged_in_page
    _user, org = seller
    page.goto(f"{live_server.url}/accounts/organisations/{org.slug}/edit/")
    page.fill("input[name=city]", "Ouaouizeght")
    page.fill("input[name=ice]", "123")
    page.click("#organisation-form button[type=submit]")
    assert page.locator(".errorlist").count() >= 1
    org.refresh_from_db()
    assert org.city == "Azilal"
    page.fill("input[name=ice]", "002136093000040")
    page.click("#organisation-form button[type=submit]")
    page.wait_for_url(f"**/accounts/organisations/{org.slug}/edit/")
    org.refresh_from_db()
    assert (org.city, org.ice) == ("Ouaouizeght", "002136093000040")
    assert User.objects.count() == 1

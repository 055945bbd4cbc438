"""The Team page in Arabic on a phone (390 px): the owner invites a new address, the invitee opens the e-mailed link,
creates the account there and lands on the team, listed. The invitation shows as pending until then. Members show
as cards, nothing scrolls sideways."""

import re

import pytest
from django.core import mail

from tests.browser.journey import Watch, assert_axe_clean, log_in, shots, sideways
from tijara.accounts import services
from tijara.accounts.models import Membership, User

pytestmark = pytest.mark.browser


def test_owner_invites_in_arabic_on_a_phone_and_the_invitee_joins(page, live_server, seller):
    owner, org = seller
    services.preferred_language_set(user=owner, language="ar")
    page.set_viewport_size({"width": 390, "height": 844})
    page.set_extra_http_headers({"Accept-Language": "ar"})
    watch = Watch(page)
    base = live_server.url
    log_in(page, base, owner.email)
    page.wait_for_url("**/accounts/dashboard/")
    page.click("#team-link")
    page.wait_for_url(f"**/accounts/organisations/{org.slug}/team/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "الفريق" in page.inner_text("h1")

    # an error first: the message stands beside the field, in Arabic
    page.fill("#invite-form input[name=email]", "not-an-address")
    page.click("#invite-form button[type=submit]")
    assert page.locator("#invite-form .errorlist").count() >= 1

    mail.outbox.clear()
    page.fill("#invite-form input[name=email]", "khadija@example.test")
    page.select_option("#invite-form select[name=role]", "manager")
    page.click("#invite-form button[type=submit]")
    page.wait_for_url(f"**/accounts/organisations/{org.slug}/team/")
    assert "khadija@example.test" in page.inner_text("ul.messages")
    # the pending invitation is listed, its expiry a date in Arabic words (no ISO date), with its two actions
    pending = page.inner_text("#invitations")
    assert "khadija@example.test" in pending and not re.search(r"\d{4}-\d{2}-\d{2}", pending)
    assert page.locator("#invitations form button").count() == 2
    page.screenshot(path=str(shots("team") / "team-ar-390.png"), full_page=True)
    # the members table is a stack of cards: its header row is hidden, each row as wide as the screen allows
    assert page.locator("#members thead").bounding_box()["height"] <= 1
    assert sideways(page) <= 0
    assert_axe_clean(page, "team page (ar, 390 px)")

    link = re.search(r"https?://\S+/accounts/invitations/\S+/", mail.outbox[-1].body).group(0)
    invitee = page.context.browser.new_context(viewport={"width": 390, "height": 844},
                                               extra_http_headers={"Accept-Language": "ar"})
    other = invitee.new_page()
    other.goto(link)
    other.fill("input[name=full_name]", "خديجة")
    other.fill("input[name=password]", "a-very-good-pass-99")
    other.select_option("select[name=preferred_language]", "ar")
    other.click("#invitation-signup button[type=submit]")
    other.wait_for_url(f"**/accounts/organisations/{org.slug}/team/")
    assert "khadija@example.test" in other.inner_text("#members")
    assert sideways(other) <= 0
    invitee.close()
    page.reload()  # accepted: no longer pending
    assert "khadija@example.test" not in page.inner_text("#invitations")
    assert Membership.objects.get(user=User.objects.get(email="khadija@example.test"), organisation=org).role == "manager"
    assert not watch.errors, watch.errors

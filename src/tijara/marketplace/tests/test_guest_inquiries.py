"""Guests' quote requests: held until the e-mail is confirmed by a signed, expiring link, then delivered."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from lxml import html

from tijara.accounts.models import User
from tijara.accounts.tests.fixtures import make_user
from tijara.core.errors import TijaraError
from tijara.marketplace import selectors, services
from tijara.marketplace.models import GuestInquiry, Inquiry

pytestmark = pytest.mark.django_db


def _guest(products, **overrides):
    values = {"name": "Jo Guest", "email": "Jo@Guest.test", "destination_country": "GBR",
              "message": "Could you make 20 lanterns for our London shop?",
              "lines": [{"product_id": products["lantern"].pk, "quantity": 20}], "language": "en", "ip": "203.0.113.9"}
    values.update(overrides)
    return services.guest_inquiry_create(**values)


def _link(message) -> str:
    return re.search(r"https?://\S+/marketplace/inquiries/guest/confirm/[^/\s]+/\?lang=\w+", message.body).group(0)


# ---------------------------------------------------------------------------------------------- services


def test_guest_inquiry_is_held_and_only_the_guest_is_emailed(marketplace_products, owner_user,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        guest = _guest(marketplace_products)
    assert guest.email == "jo@guest.test" and guest.inquiry_id is None and guest.confirmed_at is None
    assert [m.to for m in mail.outbox] == [["jo@guest.test"]]
    assert "/marketplace/inquiries/guest/confirm/" in mail.outbox[0].body
    assert not Inquiry.objects.exists()
    assert not selectors.inquiries_received(organisation=guest.maker).exists()


def test_confirming_creates_a_buyer_account_and_delivers_once(marketplace_products, owner_user, member_user,
                                                             django_capture_on_commit_callbacks):
    guest = _guest(marketplace_products)
    token = services.guest_inquiry_token(guest)
    with django_capture_on_commit_callbacks(execute=True):
        services.guest_inquiry_confirm(token=token)
    guest.refresh_from_db()
    inquiry = guest.inquiry
    buyer = User.objects.get(email="jo@guest.test")
    assert inquiry.buyer == buyer and inquiry.maker == marketplace_products["lantern"].organisation
    assert inquiry.destination_country == "GBR" and inquiry.lines.get().quantity == 20
    assert not buyer.has_usable_password() and buyer.is_email_verified and buyer.full_name == "Jo Guest"
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([owner_user.email, member_user.email, buyer.email])
    follow = next(m for m in mail.outbox if m.to == [buyer.email])
    assert "/accounts/reset/" in follow.body  # choose a password through the password-reset flow
    services.guest_inquiry_confirm(token=token)  # a second click changes nothing
    assert Inquiry.objects.count() == 1


def test_confirming_attaches_to_an_existing_account(marketplace_products, django_capture_on_commit_callbacks):
    existing = make_user("jo@guest.test", preferred_language="en")
    guest = _guest(marketplace_products)
    with django_capture_on_commit_callbacks(execute=True):
        services.guest_inquiry_confirm(token=services.guest_inquiry_token(guest))
    assert Inquiry.objects.get().buyer == existing and User.objects.filter(email__iexact="jo@guest.test").count() == 1
    follow = mail.outbox[-1]
    assert follow.to == [existing.email] and "/accounts/login/" in follow.body and "/accounts/reset/" not in follow.body


def test_tampered_and_expired_links_are_refused(marketplace_products):
    guest = _guest(marketplace_products)
    token = services.guest_inquiry_token(guest)
    with pytest.raises(TijaraError) as bad:
        services.guest_inquiry_confirm(token=token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert bad.value.code == "token_invalid"
    forged = signing.dumps({"g": guest.pk, "e": "other@guest.test"}, salt=services.GUEST_SALT)
    with pytest.raises(TijaraError):
        services.guest_inquiry_confirm(token=forged)
    later = timezone.now() + timedelta(seconds=services.GUEST_MAX_AGE + 60)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()), \
            pytest.raises(TijaraError) as expired:
        services.guest_inquiry_confirm(token=token)
    assert expired.value.code == "token_expired"
    assert not Inquiry.objects.exists()


def test_unconfirmed_guest_inquiries_expire(marketplace_products):
    old = _guest(marketplace_products)
    GuestInquiry.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(seconds=services.GUEST_MAX_AGE + 1))
    fresh = _guest(marketplace_products, email="fresh@guest.test")
    assert set(GuestInquiry.objects.values_list("pk", flat=True)) == {fresh.pk}  # expired on the next request
    GuestInquiry.objects.filter(pk=fresh.pk).update(created_at=timezone.now() - timedelta(days=3))
    assert services.guest_inquiries_expire() == 1 and not GuestInquiry.objects.exists()


@override_settings(TIJARA_INQUIRIES_PER_HOUR=2, TIJARA_INQUIRIES_PER_IP_PER_HOUR=3)
def test_guest_rate_limits_per_email_and_per_network_and_honeypot(marketplace_products):
    _guest(marketplace_products)
    _guest(marketplace_products, email="JO@guest.test")
    with pytest.raises(TijaraError) as per_email:
        _guest(marketplace_products, ip="198.51.100.1")
    assert per_email.value.code == "rate_limited"
    _guest(marketplace_products, email="two@guest.test")
    with pytest.raises(TijaraError) as per_ip:
        _guest(marketplace_products, email="three@guest.test")
    assert per_ip.value.code == "rate_limited"
    with pytest.raises(TijaraError) as spam:
        _guest(marketplace_products, email="bot@guest.test", ip=None, honeypot="http://spam")
    assert spam.value.code == "spam"


def test_guest_inquiry_validates_like_a_buyers(marketplace_products):
    for overrides, field in [({"destination_country": "XXX"}, "destination_country"), ({"message": " "}, "message"),
                             ({"email": "not-an-address"}, "email"), ({"name": ""}, "name"),
                             ({"lines": [{"product_id": marketplace_products["draft"].pk, "quantity": 1}]}, "lines"),
                             ({"lines": [{"product_id": marketplace_products["lantern"].pk, "quantity": 0}]},
                              "quantity")]:
        with pytest.raises(TijaraError) as error:
            _guest(marketplace_products, **overrides)
        assert error.value.field == field, overrides
    assert not GuestInquiry.objects.exists()


# ---------------------------------------------------------------------------------------------- pages


def _submit(client, product, **data):
    values = {"product": product.pk, f"quantity_{product.pk}": "12", "name": "Jo Guest", "email": "jo@guest.test",
              "destination_country": "GBR", "message": "Twelve lanterns for London, please.", "website": ""}
    values.update(data)
    return client.post(reverse("marketplace:inquiry_new") + "?lang=en", values)


def test_guest_form_send_confirm_and_maker_sees_it(client, marketplace_products, owner_user, outsider_user,
                                                   django_capture_on_commit_callbacks):
    product = marketplace_products["lantern"]
    page = client.get(reverse("marketplace:inquiry_new"), {"product": product.pk, "lang": "en"})
    form = html.fromstring(page.content).xpath("//main//form[@method='post']")[0]
    names = set(form.xpath(".//input/@name | .//select/@name | .//textarea/@name"))
    assert {"name", "email", "destination_country", "message", f"quantity_{product.pk}", "website"} <= names
    assert not names & {"legal_name", "ice", "incoterm", "region", "crafts"}  # no seller fields
    assert form.xpath(".//select[@name='destination_country']/option[@value='GBR']/text()")[0] == "United Kingdom"
    with django_capture_on_commit_callbacks(execute=True):
        response = _submit(client, product)
    assert response.status_code == 302 and response["Location"].startswith(reverse("marketplace:guest_sent"))
    sent = client.get(response["Location"])
    assert b"jo@guest.test" in sent.content and b"What happens next" in sent.content
    link = _link(mail.outbox[0])
    # Before the link is followed the maker sees nothing, on the list or by guessing an id.
    client.force_login(owner_user)
    assert b"Twelve lanterns" not in client.get(reverse("marketplace:inquiries")).content
    client.logout()
    path = link[link.index("/marketplace"):]
    # Opening the link (as a mail scanner or a link preview does) shows the request and changes nothing.
    for _n in range(2):
        shown = client.get(path)
        assert shown.status_code == 200 and not Inquiry.objects.exists()
        assert GuestInquiry.objects.get().confirmed_at is None
    tree = html.fromstring(shown.content)
    summary = tree.xpath("//dl[@id='guest-request']")[0].text_content()
    assert "United Kingdom" in summary and "Twelve lanterns" in summary and "jo@guest.test" in summary
    assert tree.xpath("//form[@id='guest-confirm'][@method='post']//button[@type='submit']")
    assert b"has received your request" not in shown.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)
    assert response.status_code == 302 and response["Location"] == path
    confirmed = client.get(path)
    assert confirmed.status_code == 200 and b"has received your request" in confirmed.content
    assert not html.fromstring(confirmed.content).xpath("//form[@id='guest-confirm']")
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path).status_code == 302  # a second press delivers nothing more
    inquiry = Inquiry.objects.get()
    client.force_login(owner_user)
    assert b"Twelve lanterns" in client.get(reverse("marketplace:inquiry", kwargs={"pk": inquiry.pk})).content
    assert inquiry.reference.encode() in client.get(reverse("marketplace:inquiries")).content
    client.force_login(outsider_user)  # another organisation never sees it
    assert client.get(reverse("marketplace:inquiry", kwargs={"pk": inquiry.pk})).status_code == 404
    assert inquiry.reference.encode() not in client.get(reverse("marketplace:inquiries")).content
    client.logout()
    assert client.get(reverse("marketplace:inquiry", kwargs={"pk": inquiry.pk})).status_code == 302  # to login


def test_page_never_says_whether_the_address_has_an_account(client, marketplace_products):
    product = marketplace_products["lantern"]
    new = client.get(_submit(client, product, email="nobody@guest.test")["Location"])
    make_user("known@guest.test")
    known = client.get(_submit(client, product, email="known@guest.test")["Location"])
    def main(response):
        return html.tostring(html.fromstring(response.content).xpath("//main")[0])

    assert main(new).replace(b"nobody@guest.test", b"X") == main(known).replace(b"known@guest.test", b"X")
    assert new.status_code == known.status_code == 200


def test_tampered_or_expired_link_gives_a_clear_message(client, marketplace_products):
    guest = _guest(marketplace_products)
    url = reverse("marketplace:guest_confirm", kwargs={"token": services.guest_inquiry_token(guest) + "x"})
    response = client.get(url + "?lang=en")
    assert response.status_code == 400 and b"This confirmation link is not valid." in response.content
    url = reverse("marketplace:guest_confirm", kwargs={"token": services.guest_inquiry_token(guest)})
    later = timezone.now() + timedelta(seconds=services.GUEST_MAX_AGE + 60)
    with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
        response = client.get(url + "?lang=en")
    assert response.status_code == 400 and b"has expired" in response.content
    assert not Inquiry.objects.exists()


def test_confirm_page_marks_a_title_in_another_language_and_get_changes_nothing(client, marketplace_products):
    guest = _guest(marketplace_products, lines=[{"product_id": marketplace_products["rug_fr"].pk, "quantity": 3}])
    url = reverse("marketplace:guest_confirm", kwargs={"token": services.guest_inquiry_token(guest)})
    for language, marked in (("ar", True), ("en", True), ("fr", False)):
        tree = html.fromstring(client.get(url, {"lang": language}).content)
        title = tree.xpath("//dl[@id='guest-request']//bdi[contains(., 'Tapis berbère')]")[0]
        assert title.get("lang") == "fr"
        assert bool(title.getparent().xpath(".//*[contains(@class, 'lang-mark')]")) is marked, language
    client.head(url)
    guest.refresh_from_db()
    assert guest.confirmed_at is None and not Inquiry.objects.exists()


def test_guest_form_errors_stay_on_the_page(client, marketplace_products):
    product = marketplace_products["lantern"]
    response = _submit(client, product, email="nope", message="")
    assert response.status_code == 200 and not GuestInquiry.objects.exists()
    tree = html.fromstring(response.content)
    assert tree.xpath("//main//form[@method='post']") and tree.xpath("//ul[@class='errorlist']")
    spam = _submit(client, product, website="http://spam.example")
    assert spam.status_code == 200 and not GuestInquiry.objects.exists() and not mail.outbox


@pytest.mark.parametrize("language, words", [
    ("en", ["Tell the maker your name.", "Enter a valid e-mail address.", "Choose the country the goods go to.",
            "Write a message to the maker.", "A quantity is a whole number of at least 1."]),
    ("fr", ["Indiquez votre nom à l’artisan.", "Choisissez le pays où la marchandise doit arriver."]),
    ("ar", ["اذكر اسمك للحرفي.", "اختر البلد الذي ستصل إليه البضاعة."]),
])
def test_guest_form_lists_every_error_at_once_in_a_summary_that_says_what_to_do(client, marketplace_products,
                                                                                 language, words):
    """UX guide §4.7: an error summary linking to each field, the title starting "Error", the quantity checked
    in the same round as the other fields (it used to be checked only once they were all valid), and no MOQ jargon."""
    product = marketplace_products["lantern"]
    response = client.post(reverse("marketplace:inquiry_new") + f"?lang={language}", {
        "product": product.pk, f"quantity_{product.pk}": "0", "name": "", "email": "nope",
        "destination_country": "", "message": "", "website": ""})
    assert response.status_code == 200 and not GuestInquiry.objects.exists()
    tree = html.fromstring(response.content)
    summary = tree.xpath("//div[@class='error-summary']")
    assert summary, "no error summary"
    text = summary[0].text_content()
    for word in words:
        assert word in text, (word, text)
    links = summary[0].xpath(".//a/@href")
    assert f"#quantity_{product.pk}" in links and "#id_name" in links and "#id_destination_country" in links
    assert tree.xpath(f"//input[@id='quantity_{product.pk}'][@aria-invalid='true']/@aria-describedby") == [
        f"quantity_{product.pk}_error"]
    assert tree.xpath("//title")[0].text_content().split()[0] in {"Error:", "Erreur :", "Erreur", "خطأ:"}
    assert "MOQ" not in response.content.decode() and "This field is required" not in response.content.decode()


def test_sent_page_without_a_request_goes_back_to_the_catalog(client):
    assert client.get(reverse("marketplace:guest_sent"))["Location"].startswith(reverse("marketplace:index"))


def test_guest_sets_a_password_from_the_follow_email_and_reads_the_thread(client, marketplace_products,
                                                                         django_capture_on_commit_callbacks):
    guest = _guest(marketplace_products)
    with django_capture_on_commit_callbacks(execute=True):
        services.guest_inquiry_confirm(token=services.guest_inquiry_token(guest))
    follow = next(m for m in mail.outbox if m.to == ["jo@guest.test"])
    path = re.search(r"/accounts/reset/\S+/\S+/", follow.body).group(0)
    form_page = client.get(path, follow=True)  # Django swaps the token for a session marker
    assert form_page.status_code == 200
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": "Lantern-Shop-2026!",
                                                         "new_password2": "Lantern-Shop-2026!"})
    assert done.status_code == 302
    assert client.login(email="jo@guest.test", password="Lantern-Shop-2026!")
    inquiry = Inquiry.objects.get()
    assert b"London shop" in client.get(reverse("marketplace:inquiry", kwargs={"pk": inquiry.pk})).content

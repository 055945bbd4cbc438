"""Inquiries (RFQ): send, answer, quote, close, emails in each side's language, anti-spam, moderation."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from tijara.accounts.tests.fixtures import make_user
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.marketplace import selectors, services
from tijara.marketplace.models import AbuseReport, Inquiry, Quote


@pytest.fixture
def marketplace_buyer(db):
    return make_user("importer@shop.test", preferred_language="en")


def _send(buyer, products, **overrides):
    values = {
        "buyer": buyer, "destination_country": "USA", "incoterm": "FOB", "currency": "EUR",
        "message": "Hello, we would like 20 rugs for our Brooklyn shop.",
        "lines": [{"product_id": products["rug_fr"].pk, "quantity": 20, "target_unit_price": "350"},
                  {"product_id": products["rug_en"].pk, "quantity": 5}],
    }
    values.update(overrides)
    return services.inquiry_create(**values)


def test_inquiry_reaches_every_maker_member_in_their_language(marketplace_products, marketplace_buyer, owner_user,
                                                              member_user, django_capture_on_commit_callbacks):
    owner_user.preferred_language = "ar"
    owner_user.save(update_fields=["preferred_language"])
    member_user.preferred_language = "en"
    member_user.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        inquiry = _send(marketplace_buyer, marketplace_products)
    assert inquiry.lines.count() == 2 and inquiry.destination_country == "USA"
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {owner_user.email, member_user.email}
    assert "RFQ-" in by_recipient[member_user.email].subject
    assert "New inquiry" in by_recipient[member_user.email].subject
    assert "New inquiry" not in by_recipient[owner_user.email].subject  # Arabic subject for the Arabic speaker


def test_quote_reaches_the_buyer_who_sees_it(marketplace_products, marketplace_buyer, owner_user,
                                             django_capture_on_commit_callbacks):
    inquiry = _send(marketplace_buyer, marketplace_products, currency="MAD")
    line = inquiry.lines.first()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        quote = services.quote_create(
            actor=owner_user, inquiry=inquiry, currency="MAD", incoterm="FOB",
            valid_until=timezone.localdate() + timedelta(days=30),
            lines=[{"inquiry_line_id": line.pk, "quantity": 20, "unit_price_mad": "3900"}])
    assert quote.total == 78000 and quote.lines.get().line_total == 78000
    assert [m.to for m in mail.outbox] == [[marketplace_buyer.email]]
    assert "Quote from" in mail.outbox[0].subject  # the buyer reads English
    seen = selectors.inquiry_for(user=marketplace_buyer, pk=inquiry.pk)
    assert seen.status == Inquiry.Status.QUOTED and list(seen.quotes.all()) == [quote]
    assert seen.first_response_at is not None


def test_quote_in_a_currency_without_rate_is_refused(marketplace_products, marketplace_buyer, owner_user):
    inquiry = _send(marketplace_buyer, marketplace_products)
    with pytest.raises(TijaraError) as error:
        services.quote_create(actor=owner_user, inquiry=inquiry, currency="XAF", incoterm="FOB",
                              valid_until=timezone.localdate(),
                              lines=[{"inquiry_line_id": inquiry.lines.first().pk, "quantity": 1, "unit_price_mad": 10}])
    assert error.value.code in ("no_rate", "invalid")
    assert not Quote.objects.exists()


def test_thread_messages_and_close(marketplace_products, marketplace_buyer, owner_user,
                                   django_capture_on_commit_callbacks):
    inquiry = _send(marketplace_buyer, marketplace_products)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.inquiry_message_post(actor=owner_user, inquiry=inquiry, body="Yes, 6 weeks.")
    assert [m.to for m in mail.outbox] == [[marketplace_buyer.email]]
    inquiry.refresh_from_db()
    assert inquiry.status == Inquiry.Status.ANSWERED and inquiry.first_response_at
    with pytest.raises(PermissionDenied):
        services.inquiry_close(actor=marketplace_buyer, inquiry=inquiry, outcome="won")
    services.inquiry_close(actor=owner_user, inquiry=inquiry, outcome="won")
    assert Inquiry.objects.get(pk=inquiry.pk).status == "won"


@pytest.mark.parametrize(("change", "code"), [
    ({"destination_country": "XXX"}, "invalid"),
    ({"incoterm": "DAT"}, "invalid"),
    ({"currency": "EURO"}, "invalid"),
    ({"message": "  "}, "invalid"),
    ({"message": "x" * 5001}, "invalid"),
    ({"lines": []}, "invalid"),
    ({"honeypot": "http://spam.example"}, "spam"),
    ({"deadline": timezone.localdate() - timedelta(days=1)}, "invalid"),
])
def test_bad_inquiries_are_refused_and_nothing_saved(marketplace_products, marketplace_buyer, change, code):
    with pytest.raises(TijaraError) as error:
        _send(marketplace_buyer, marketplace_products, **change)
    assert error.value.code == code
    assert not Inquiry.objects.exists()


def test_inquiry_about_two_makers_or_a_private_product_is_refused(marketplace_products, marketplace_buyer):
    for lines in ([{"product_id": marketplace_products["rug_fr"].pk, "quantity": 1},
                   {"product_id": marketplace_products["argan"].pk, "quantity": 1}],
                  [{"product_id": marketplace_products["draft"].pk, "quantity": 1}]):
        with pytest.raises(TijaraError):
            _send(marketplace_buyer, marketplace_products, lines=lines)
    assert not Inquiry.objects.exists()


def test_unverified_email_cannot_send(marketplace_products):
    unverified = make_user("new@shop.test")
    unverified.email_verified_at = None
    unverified.save(update_fields=["email_verified_at"])
    with pytest.raises(PermissionDenied) as error:
        _send(unverified, marketplace_products)
    assert error.value.code == "email_unverified"


@override_settings(TIJARA_INQUIRIES_PER_HOUR=2, TIJARA_INQUIRIES_PER_IP_PER_HOUR=3)
def test_rate_limits_per_account_and_per_ip(marketplace_products, marketplace_buyer):
    _send(marketplace_buyer, marketplace_products, ip="203.0.113.9")
    _send(marketplace_buyer, marketplace_products, ip="203.0.113.9")
    with pytest.raises(TijaraError) as error:
        _send(marketplace_buyer, marketplace_products, ip="203.0.113.10")
    assert error.value.code == "rate_limited" and error.value.status == 429
    other = make_user("second@shop.test")
    _send(other, marketplace_products, ip="203.0.113.9")
    with pytest.raises(TijaraError):
        _send(make_user("third@shop.test"), marketplace_products, ip="203.0.113.9")
    assert Inquiry.objects.count() == 3


def test_report_and_moderation_hide_the_thread_from_the_maker(marketplace_products, marketplace_buyer, owner_user,
                                                              admin_user):
    inquiry = _send(marketplace_buyer, marketplace_products)
    report = services.abuse_report(actor=owner_user, inquiry=inquiry, reason="Spam link")
    with pytest.raises(PermissionDenied):
        services.abuse_resolve(actor=owner_user, report=report, hide=True)
    services.abuse_resolve(actor=admin_user, report=report, hide=True)
    assert AbuseReport.objects.get().outcome == "hidden"
    with pytest.raises(NotFound):
        selectors.inquiry_for(user=owner_user, pk=inquiry.pk)
    inquiry = selectors.inquiry_for(user=marketplace_buyer, pk=inquiry.pk)
    assert inquiry.hidden_at is not None
    with pytest.raises(TijaraError):
        services.inquiry_message_post(actor=marketplace_buyer, inquiry=inquiry, body="hello?")


def test_outsider_cannot_read_or_write_the_thread(marketplace_products, marketplace_buyer, outsider_user,
                                                  advisor_user):
    inquiry = _send(marketplace_buyer, marketplace_products)
    for user in (outsider_user, advisor_user):
        with pytest.raises(NotFound):
            selectors.inquiry_for(user=user, pk=inquiry.pk)
        with pytest.raises(NotFound):
            services.inquiry_message_post(actor=user, inquiry=inquiry, body="let me in")
    assert inquiry.messages.count() == 0


def test_inquiry_email_titles_each_product_in_the_readers_language_and_marks_the_others(
        marketplace_products, marketplace_buyer, owner_user, member_user, django_capture_on_commit_callbacks):
    owner_user.preferred_language = "ar"
    owner_user.save(update_fields=["preferred_language"])
    member_user.preferred_language = "fr"
    member_user.save(update_fields=["preferred_language"])
    with django_capture_on_commit_callbacks(execute=True):
        _send(marketplace_buyer, marketplace_products,
              lines=[{"product_id": marketplace_products["rug_fr"].pk, "quantity": 20},
                     {"product_id": marketplace_products["tagine"].pk, "quantity": 50}])
    body = {m.to[0]: m.body for m in mail.outbox}
    arabic, french = body[owner_user.email], body[member_user.email]
    # The rug has only a French text: the Arabic reader is told so, the French reader is not.
    assert "\u2068Tapis berbère en laine nouée main\u2069 (بالفرنسية)" in arabic
    assert "\u2068Tapis berbère en laine nouée main\u2069 (" not in french
    # The tagine has French and English texts, none Arabic: the French one goes to both, marked for the Arabic reader.
    assert "\u2068Tajine en terre cuite peint à la main\u2069 (بالفرنسية)" in arabic
    assert "\u2068Tajine en terre cuite peint à la main\u2069 (" not in french
    assert "Hand-painted clay tagine" not in arabic + french  # the buyer's English title is not forced on them


def test_quote_email_marks_a_line_written_in_another_language(marketplace_products, marketplace_buyer, owner_user,
                                                              django_capture_on_commit_callbacks):
    inquiry = _send(marketplace_buyer, marketplace_products, currency="MAD")
    rug_fr, rug_en = inquiry.lines.get(sku="RUG-FR"), inquiry.lines.get(sku="RUG-EN")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.quote_create(
            actor=owner_user, inquiry=inquiry, currency="MAD", incoterm="FOB",
            valid_until=timezone.localdate() + timedelta(days=30),
            lines=[{"inquiry_line_id": rug_fr.pk, "quantity": 20, "unit_price_mad": "3900"},
                   {"inquiry_line_id": rug_en.pk, "quantity": 5, "unit_price_mad": "3500"}])
    [sent] = mail.outbox
    assert sent.to == [marketplace_buyer.email]  # the buyer reads English
    assert "Tapis berbère en laine nouée main\u2069 (in French):" in sent.body
    assert "Hand-knotted wool rug\u2069:" in sent.body  # written in the buyer's language: no mark


@pytest.mark.parametrize(("lang", "rug", "tagine"), [
    ("ar", "Tapis berbère en laine nouée main</bdi> <small class=\"lang-mark\">(بالفرنسية)</small>",
     "Tajine en terre cuite peint à la main</bdi> <small class=\"lang-mark\">(بالفرنسية)</small>"),
    ("fr", "Tapis berbère en laine nouée main</bdi>", "Tajine en terre cuite peint à la main</bdi>"),
    ("en", "Tapis berbère en laine nouée main</bdi> <small class=\"lang-mark\">(in French)</small>",
     "Hand-painted clay tagine</bdi>"),
])
def test_the_makers_inquiry_list_names_the_buyer_and_the_products_in_the_readers_language(
        client, marketplace_products, owner_user, lang, rug, tagine):
    from django.utils import translation

    from tijara.accounts.models import Organisation

    buyer = make_user("buyer@shop.test", preferred_language="en")
    buyer.full_name = "Emma Brooks"
    buyer.save(update_fields=["full_name"])
    inquiry = _send(buyer, marketplace_products,
                    lines=[{"product_id": marketplace_products["rug_fr"].pk, "quantity": 20},
                           {"product_id": marketplace_products["tagine"].pk, "quantity": 50}])
    shop = Organisation.objects.create(slug="brooklyn-shop", public_name="Brooklyn Home Goods",
                                       kind=Organisation.Kind.BUYER)
    Inquiry.objects.filter(pk=inquiry.pk).update(buyer_organisation=shop)
    client.force_login(owner_user)
    with translation.override(lang):
        html = client.get(f"/marketplace/inquiries/?lang={lang}").content.decode()
    assert "<bdi>Emma Brooks</bdi>" in html and "<bdi>Brooklyn Home Goods</bdi>" in html
    assert rug in html and tagine in html
    if lang == "fr":
        assert "(in French)" not in html and "(en français)" not in html

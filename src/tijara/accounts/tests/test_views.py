import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tijara.accounts.models import Organisation, User
from tijara.accounts.tests.fixtures import PASSWORD


def test_home_page_says_what_the_platform_does(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert b"HS" in response.content and b'dir="ltr"' in response.content


@pytest.mark.parametrize(("language", "direction"), [("ar", "rtl"), ("fr", "ltr"), ("en", "ltr")])
def test_html_lang_and_dir_follow_accept_language(client, language, direction):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)
    assert f'<html lang="{language}" dir="{direction}">'.encode() in response.content


def test_arabic_home_page_is_translated(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar")
    assert "تسجيل الدخول".encode() in response.content


SIGNUP = {"full_name": "Nadia", "password": "a-very-good-pass-99", "preferred_language": "ar", "kind": "artisan",
          "organisation_name": "Atelier Nadia", "region": "fes-meknes", "city": "Fès", "country": ""}


def test_signup_creates_user_and_organisation_and_sends_verification(client, db):
    response = client.post(reverse("accounts:signup"), {**SIGNUP, "email": "Nadia@Example.test"})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:signup_done")
    user = User.objects.get(email="nadia@example.test")
    assert Organisation.objects.get(memberships__user=user).public_name == "Atelier Nadia"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["nadia@example.test"]
    assert "_auth_user_id" not in client.session  # signed in only with the password, after the email


def test_signup_with_used_email_looks_the_same_and_mails_the_owner(client, owner_user):
    before = Organisation.objects.count()
    taken = client.post(reverse("accounts:signup"), {**SIGNUP, "email": owner_user.email.upper(),
                                                     "organisation_name": "Doublon"}, HTTP_ACCEPT_LANGUAGE="fr")
    fresh = client.post(reverse("accounts:signup"), {**SIGNUP, "email": "new@example.test"}, HTTP_ACCEPT_LANGUAGE="fr")
    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    assert Organisation.objects.count() == before + 1  # only the new address made an organisation
    assert sorted(m.to[0] for m in mail.outbox) == sorted([owner_user.email, "new@example.test"])
    notice = next(m for m in mail.outbox if m.to == [owner_user.email])
    assert "/accounts/password-reset/" in notice.body
    page = client.get(taken["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert b"We sent a message to the address you gave" in page.content


def test_five_wrong_passwords_lock_the_login(client, owner_user):
    url = reverse("accounts:login")
    for _ in range(5):
        response = client.post(url, {"email": owner_user.email, "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en")
        assert b"Wrong email or password" in response.content
    response = client.post(url, {"email": owner_user.email, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")
    assert b"Too many failed attempts" in response.content
    assert "_auth_user_id" not in client.session


def test_login_with_right_password(client, owner_user):
    response = client.post(reverse("accounts:login"), {"email": owner_user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:dashboard")


def test_the_site_opens_in_the_language_a_user_chose_and_the_switcher_keeps_their_choice(client, owner_user):
    owner_user.preferred_language = "ar"
    owner_user.save()
    response = client.post(reverse("accounts:login"), {"email": owner_user.email, "password": PASSWORD},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.cookies["tijara_language"].value == "ar"
    page = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert b'lang="ar" dir="rtl"' in page.content
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    owner_user.refresh_from_db()
    assert owner_user.preferred_language == "fr"
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})  # not offered: nothing changes
    owner_user.refresh_from_db()
    assert owner_user.preferred_language == "fr"


def _png(size=(10, 10)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


def test_oversize_logo_is_refused_with_message_and_profile_unchanged(client, owner_user, organisation, settings):
    settings.TIJARA_MAX_UPLOAD_MB = 1
    client.force_login(owner_user)
    big = SimpleUploadedFile("logo.png", _png() + b"\0" * (1024 * 1024 + 10), content_type="image/png")
    response = client.post(reverse("accounts:organisation_edit", args=[organisation.slug]),
                           {"public_name": "Renamed", "legal_name": organisation.legal_name, "logo": big},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert b"The file is too large" in response.content
    organisation.refresh_from_db()
    assert organisation.public_name == "Coopérative A" and not organisation.logo


def test_pdf_renamed_as_logo_is_refused(client, owner_user, organisation):
    client.force_login(owner_user)
    fake = SimpleUploadedFile("logo.jpg", b"%PDF-1.4 fake", content_type="image/jpeg")
    response = client.post(reverse("accounts:organisation_edit", args=[organisation.slug]),
                           {"public_name": "Coopérative A", "legal_name": "Coopérative A", "logo": fake},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    organisation.refresh_from_db()
    assert not organisation.logo


def test_owner_edits_profile_with_valid_ice_and_logo(client, owner_user, organisation):
    client.force_login(owner_user)
    logo = SimpleUploadedFile("logo.png", _png(), content_type="image/png")
    response = client.post(reverse("accounts:organisation_edit", args=[organisation.slug]), {
        "public_name": "Coopérative A+", "legal_name": "Coopérative A SARL", "ice": "002136093000040",
        "crafts": ["zellige"], "region": "fes-meknes", "logo": logo,
    })
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.public_name, organisation.ice, organisation.crafts) == ("Coopérative A+", "002136093000040", ["zellige"])
    assert organisation.logo.name.startswith("logos/")


def test_invalid_ice_in_form_is_explained_in_arabic(client, owner_user, organisation):
    client.force_login(owner_user)
    response = client.post(reverse("accounts:organisation_edit", args=[organisation.slug]),
                           {"public_name": "Coopérative A", "legal_name": "Coopérative A", "ice": "123"},
                           HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 200
    assert "15 رقمًا".encode() in response.content
    organisation.refresh_from_db()
    assert organisation.ice == ""


def test_signup_is_rate_limited_per_ip(client, db):
    from django.core.cache import cache

    cache.clear()
    for n in range(11):
        response = client.post(reverse("accounts:signup"), {
            "email": f"bot{n}@spam.test", "full_name": "Bot", "password": "a-very-good-pass-99",
            "preferred_language": "en", "kind": "buyer", "organisation_name": f"Bot {n}", "country": "USA",
        }, HTTP_ACCEPT_LANGUAGE="en")
    assert b"Too many sign-ups" in response.content
    assert User.objects.filter(email__startswith="bot").count() == 10
    cache.clear()


def test_dashboard_greeting_isolates_the_person_s_name(client, owner_user):
    client.force_login(owner_user)
    body = client.get(reverse("accounts:dashboard"), {"lang": "ar"}).content.decode()
    h1 = body[body.index("<h1>"):body.index("</h1>")]
    assert "\u2068" in h1 and "\u2069" in h1  # a Latin name inside an Arabic sentence keeps its own direction


def test_the_dashboard_has_one_primary_action(client, owner_user, organisation):
    """One filled button per page (UX guide §1): editing the profile is a secondary action."""
    import re

    client.force_login(owner_user)
    page = client.get(reverse("accounts:dashboard"), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert len(re.findall(r'class="button"', main)) <= 1 and 'class="button secondary"' in main

import pytest
from django.core import mail

from tijara.accounts import selectors, services
from tijara.accounts.models import ApiToken, Membership, Organisation, User
from tijara.core.errors import PermissionDenied, TijaraError

VALID_ICE = "002136093000040"


def test_rejects_email_already_used(owner_user):
    with pytest.raises(TijaraError) as exc:
        services.user_create(email="OWNER@coop-a.test", password="another-pass-123")
    assert exc.value.code == "email_taken"
    assert User.objects.filter(email="owner@coop-a.test").count() == 1


def test_invalid_ice_is_rejected_and_nothing_is_saved(owner_user):
    with pytest.raises(TijaraError) as exc:
        services.organisation_create(owner=owner_user, kind="artisan", public_name="Atelier X", ice="002136093000041")
    assert "ICE" in exc.value.message
    assert not Organisation.objects.filter(public_name="Atelier X").exists()


def test_accepts_valid_ice(owner_user):
    org = services.organisation_create(owner=owner_user, kind="company", public_name="Atelier Y", ice=VALID_ICE)
    assert org.ice == VALID_ICE
    assert selectors.role_in(user=owner_user, organisation=org) == Membership.Role.OWNER


def test_update_with_invalid_ice_keeps_previous_values(organisation, owner_user):
    with pytest.raises(TijaraError):
        services.organisation_update(actor=owner_user, organisation=organisation, city="Meknès", ice="12345")
    organisation.refresh_from_db()
    assert (organisation.city, organisation.ice) == ("Fès", "")


def test_member_cannot_update_organisation(organisation, member_user):
    with pytest.raises(PermissionDenied):
        services.organisation_update(actor=member_user, organisation=organisation, city="Rabat")


def test_email_verification_round_trip(db):
    user = services.user_create(email="new@coop.test", password="x-long-password-1")
    services.email_verification_send(user=user, base_url="http://testserver/")
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/verify/" in line)
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert services.user_verify_email(token=token).is_email_verified


def test_tampered_verification_token_is_refused(db):
    with pytest.raises(TijaraError) as exc:
        services.user_verify_email(token="abc:def")
    assert exc.value.code == "token_invalid"


def test_login_locks_after_five_attempts_for_that_account_and_client(db):
    for _ in range(5):
        assert services.login_attempt_begin(email="a@b.test", client="192.0.2.1")
    assert not services.login_attempt_begin(email="A@b.test", client="192.0.2.1")
    assert services.login_is_locked(email="a@b.test", client="192.0.2.1")
    # given another client, when it tries the same account, then it is not locked out by the first one
    assert services.login_attempt_begin(email="a@b.test", client="198.51.100.7")


def test_right_password_and_password_reset_lift_the_lock(db):
    for _ in range(5):
        services.login_attempt_begin(email="a@b.test", client="192.0.2.1")
    services.login_attempt_succeeded(email="a@b.test", client="192.0.2.1")
    assert services.login_attempt_begin(email="a@b.test", client="192.0.2.1")
    for _ in range(5):
        services.login_attempt_begin(email="a@b.test", client="192.0.2.2")
    services.login_failures_clear(email="A@B.test")
    assert services.login_attempt_begin(email="a@b.test", client="192.0.2.2")


def test_successful_logins_do_not_fill_the_client_counter(db, settings):
    settings.LOGIN_MAX_FAILURES = 2
    for n in range(3 * 2 * services.CLIENT_FAILURE_FACTOR):
        assert services.login_attempt_begin(email=f"colleague{n}@office.test", client="192.0.2.50")
        services.login_attempt_succeeded(email=f"colleague{n}@office.test", client="192.0.2.50")


def test_one_client_spraying_many_accounts_is_stopped(db, settings):
    settings.LOGIN_MAX_FAILURES = 2
    allowed = [services.login_attempt_begin(email=f"u{n}@b.test", client="192.0.2.9") for n in range(25)]
    assert allowed.count(True) == 2 * services.CLIENT_FAILURE_FACTOR


def test_api_token_is_stored_hashed_and_revocable(owner_user):
    token, key = services.api_token_create(user=owner_user, name="script", scopes=["read"])
    assert key not in ApiToken.objects.values_list("key_hash", flat=True)[0]
    assert services.api_token_user(token=key) == owner_user
    services.api_token_revoke(user=owner_user, token_id=token.pk)
    assert services.api_token_user(token=key) is None


def test_advisor_of_other_region_cannot_verify(other_organisation, advisor_user):
    with pytest.raises(PermissionDenied):
        services.organisation_verify(actor=advisor_user, organisation=other_organisation)


def test_advisor_verifies_organisation_of_region_and_it_is_audited(organisation, advisor_user):
    services.organisation_verify(actor=advisor_user, organisation=organisation)
    organisation.refresh_from_db()
    assert organisation.verified_by == advisor_user
    assert organisation.is_verified


def test_advisor_reads_region_but_not_others(organisation, other_organisation, advisor_user):
    assert selectors.can_read(user=advisor_user, organisation=organisation)
    assert not selectors.can_read(user=advisor_user, organisation=other_organisation)
    assert not selectors.can_write(user=advisor_user, organisation=organisation)

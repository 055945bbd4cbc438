"""The team of an organisation: the permission matrix of the services (real database), and the pages end to end."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from tijara.accounts import team
from tijara.accounts.models import AuditEvent, Membership, TeamInvitation, User
from tijara.accounts.tests.fixtures import PASSWORD, make_user
from tijara.core.errors import NotFound, PermissionDenied, TijaraError

OWNER, MANAGER, MEMBER = "owner", "manager", "member"


@pytest.fixture
def team_cast(organisation, owner_user, manager_user, member_user, outsider_user, other_organisation):
    second_member = make_user("second@coop-a.test")
    Membership.objects.create(user=second_member, organisation=organisation, role=MEMBER)
    return {"owner": owner_user, "manager": manager_user, "member": member_user, "outsider": outsider_user,
            "target": second_member}


def _role(user, organisation):
    return Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True).first()


# ---- services: the permission matrix -------------------------------------------------------------------------------

INVITE = {  # actor -> role asked -> allowed?
    "owner": {OWNER: True, MANAGER: True, MEMBER: True},
    "manager": {OWNER: False, MANAGER: True, MEMBER: True},
    "member": {OWNER: False, MANAGER: False, MEMBER: False},
    "outsider": {OWNER: False, MANAGER: False, MEMBER: False},
}


@pytest.mark.parametrize("actor", list(INVITE))
@pytest.mark.parametrize("role", [OWNER, MANAGER, MEMBER])
def test_invite_matrix(team_cast, organisation, actor, role):
    mail.outbox.clear()
    call = lambda: team.team_invite(actor=team_cast[actor], organisation=organisation,  # noqa: E731
                                    email="new.person@example.test", role=role)
    if INVITE[actor][role]:
        call()
        assert [m.to for m in mail.outbox] == [["new.person@example.test"]]
        assert AuditEvent.objects.filter(action="team.invite", organisation=organisation,
                                         detail__email="new.person@example.test").exists()
    else:
        with pytest.raises(NotFound if actor == "outsider" else PermissionDenied):
            call()
        assert mail.outbox == []


CHANGE = {  # actor -> (target's role, new role) -> allowed?
    "owner": {(MEMBER, MANAGER): True, (MEMBER, OWNER): True, (MANAGER, MEMBER): True},
    "manager": {(MEMBER, MANAGER): True, (MEMBER, OWNER): False, (OWNER, MEMBER): False},
    "member": {(MEMBER, MANAGER): False},
    "outsider": {(MEMBER, MANAGER): False},
}


@pytest.mark.parametrize("actor,target_role,new_role,allowed",
                         [(a, t, n, ok) for a, cases in CHANGE.items() for (t, n), ok in cases.items()])
def test_role_change_matrix(team_cast, organisation, actor, target_role, new_role, allowed):
    target = {MEMBER: team_cast["target"], MANAGER: team_cast["manager"], OWNER: team_cast["owner"]}[target_role]
    mail.outbox.clear()
    call = lambda: team.team_role_change(actor=team_cast[actor], organisation=organisation,  # noqa: E731
                                         user_id=target.pk, role=new_role)
    if allowed:
        call()
        assert _role(target, organisation) == new_role
        assert AuditEvent.objects.filter(action="team.role", detail__email=target.email, detail__to=new_role).exists()
        assert mail.outbox[-1].to == [target.email]
    else:
        with pytest.raises(NotFound if actor == "outsider" else PermissionDenied):
            call()
        assert _role(target, organisation) == target_role
        assert mail.outbox == []


REMOVE = {"owner": {MEMBER: True, MANAGER: True}, "manager": {MEMBER: True, OWNER: False},
          "member": {MEMBER: False}, "outsider": {MEMBER: False}}


@pytest.mark.parametrize("actor,target_role,allowed",
                         [(a, t, ok) for a, cases in REMOVE.items() for t, ok in cases.items()])
def test_remove_matrix(team_cast, organisation, actor, target_role, allowed):
    target = {MEMBER: team_cast["target"], MANAGER: team_cast["manager"], OWNER: team_cast["owner"]}[target_role]
    mail.outbox.clear()
    call = lambda: team.team_remove(actor=team_cast[actor], organisation=organisation, user_id=target.pk)  # noqa: E731
    if allowed:
        call()
        assert _role(target, organisation) is None
        assert AuditEvent.objects.filter(action="team.remove", detail__email=target.email).exists()
        assert mail.outbox[-1].to == [target.email]
    else:
        with pytest.raises(NotFound if actor == "outsider" else PermissionDenied):
            call()
        assert _role(target, organisation) == target_role


@pytest.mark.parametrize("actor,allowed", [("manager", True), ("member", True), ("owner", False), ("outsider", False)])
def test_leave(team_cast, organisation, actor, allowed):
    mail.outbox.clear()
    call = lambda: team.team_leave(user=team_cast[actor], organisation=organisation)  # noqa: E731
    if allowed:
        call()
        assert _role(team_cast[actor], organisation) is None
        assert AuditEvent.objects.filter(action="team.leave", detail__email=team_cast[actor].email).exists()
        assert mail.outbox[-1].to == [team_cast[actor].email]
    else:
        with pytest.raises(TijaraError) as exc:  # the last owner, or someone who is not a member
            call()
        assert exc.value.code == ("last_owner" if actor == "owner" else "not_found")


def test_last_owner_cannot_be_demoted_or_removed_but_a_second_owner_frees_them(team_cast, organisation):
    owner = team_cast["owner"]
    with pytest.raises(TijaraError) as exc:
        team.team_role_change(actor=owner, organisation=organisation, user_id=owner.pk, role=MANAGER)
    assert exc.value.code == "last_owner"
    with pytest.raises(TijaraError) as exc:
        team.team_remove(actor=owner, organisation=organisation, user_id=owner.pk)
    assert exc.value.code == "last_owner"
    assert _role(owner, organisation) == OWNER
    team.team_role_change(actor=owner, organisation=organisation, user_id=team_cast["manager"].pk, role=OWNER)
    team.team_leave(user=owner, organisation=organisation)
    assert _role(owner, organisation) is None


def test_another_organisations_members_are_never_visible_or_changeable(team_cast, organisation, other_organisation):
    owner, outsider = team_cast["owner"], team_cast["outsider"]
    assert outsider.email not in {m.user.email for m in team.team_members(actor=owner, organisation=organisation)}
    with pytest.raises(NotFound):
        team.team_members(actor=owner, organisation=other_organisation)
    # the owner of A names B's owner in A's URLs: not a member of A, so nothing happens
    with pytest.raises(NotFound):
        team.team_role_change(actor=owner, organisation=organisation, user_id=outsider.pk, role=MEMBER)
    with pytest.raises(NotFound):
        team.team_remove(actor=owner, organisation=organisation, user_id=outsider.pk)
    with pytest.raises(NotFound):
        team.team_remove(actor=owner, organisation=other_organisation, user_id=outsider.pk)
    assert _role(outsider, other_organisation) == OWNER


def _stored(organisation, email, role=MEMBER, inviter=None):
    from django.utils import timezone

    now = timezone.now()
    return TeamInvitation.objects.create(organisation=organisation, email=email, role=role, invited_by=inviter,
                                         sent_at=now, expires_at=now + timedelta(days=7))


def test_invitation_is_bound_to_its_address_and_withdrawn_by_a_later_removal(team_cast, organisation):
    owner, target = team_cast["owner"], team_cast["target"]
    row = _stored(organisation, target.email, MANAGER, owner)
    token = team.invitation_token(organisation=organisation, email=target.email, role=MANAGER, inviter=owner,
                                  invitation=row)
    with pytest.raises(PermissionDenied):
        team.invitation_accept(user=team_cast["outsider"], token=token)
    team.team_remove(actor=owner, organisation=organisation, user_id=target.pk)
    with pytest.raises(TijaraError) as exc:
        team.invitation_accept(user=target, token=token)
    assert exc.value.code == "token_invalid"
    fresh = team.team_invite(actor=owner, organisation=organisation, email=target.email, role=MEMBER)
    assert fresh.pk == row.pk  # still pending: inviting again updates it
    link = team.invitation_token(organisation=organisation, email=target.email, role=MEMBER, inviter=owner,
                                 invitation=fresh)
    team.invitation_accept(user=target, token=link)
    assert _role(target, organisation) == MEMBER


def test_invite_says_the_same_for_an_existing_and_a_new_address(team_cast, organisation, client):
    client.force_login(team_cast["owner"])
    url = reverse("accounts:team_invite", args=[organisation.slug])
    pages = []
    for email in (team_cast["outsider"].email, "nobody-yet@example.test"):
        response = client.post(url, {"email": email, "role": MEMBER}, follow=True)
        html = response.content.decode().replace(email, "EMAIL")
        # the pending list names what the owner typed (and grows by one row): the rest of the page is compared
        html = re.sub(r'<section class="card" aria-labelledby="invitations-title".*?</section>', "", html, flags=re.S)
        pages.append(re.sub(r'(csrfmiddlewaretoken" value="|CSRFToken": ")[^"]+', "", html))
    assert pages[0] == pages[1]


# ---- pages -------------------------------------------------------------------------------------------------------

def _link(message) -> str:
    return re.search(r"https?://\S+/accounts/invitations/\S+/", message.body).group(0)


def test_invite_new_address_then_sign_up_from_the_link_and_be_listed(team_cast, organisation, client):
    client.force_login(team_cast["manager"])
    mail.outbox.clear()
    response = client.post(reverse("accounts:team_invite", args=[organisation.slug]),
                           {"email": "Amina@Example.test", "role": MEMBER})
    assert response.status_code == 302
    link = _link(mail.outbox[0])
    client.logout()
    page = client.get(link)
    assert page.status_code == 200 and "invitation-signup" in page.content.decode()
    response = client.post(link, {"full_name": "Amina", "password": "a-long-good-pass-77", "preferred_language": "ar"})
    assert response.status_code == 302
    amina = User.objects.get(email="amina@example.test")
    assert amina.is_email_verified and _role(amina, organisation) == MEMBER
    listed = client.get(reverse("accounts:team", args=[organisation.slug])).content.decode()
    assert "amina@example.test" in listed and "manager@coop-a.test" in listed
    assert AuditEvent.objects.filter(action="team.join", detail__email="amina@example.test").exists()


def test_existing_user_signs_in_then_accepts(team_cast, organisation, client):
    outsider = team_cast["outsider"]
    client.force_login(team_cast["owner"])
    mail.outbox.clear()
    client.post(reverse("accounts:team_invite", args=[organisation.slug]), {"email": outsider.email, "role": MANAGER})
    link = _link(mail.outbox[0])
    client.logout()
    assert reverse("accounts:login") in client.get(link).content.decode()
    assert client.post(reverse("accounts:login") + "?next=" + link.split("testserver", 1)[-1],
                       {"email": outsider.email, "password": PASSWORD}).status_code == 302
    assert client.post(link).status_code == 302
    assert _role(outsider, organisation) == MANAGER


def test_tampered_and_expired_links_give_a_clear_message(team_cast, organisation, client):
    token = team.invitation_token(organisation=organisation, email="x@example.test", role=MEMBER,
                                  inviter=team_cast["owner"])
    client.cookies["tijara_language"] = "en"
    response = client.get(reverse("accounts:invitation", args=[token[:-2] + "xx"]))
    assert response.status_code == 400 and "not valid" in response.content.decode()
    with mock.patch("django.core.signing.time.time", return_value=__import__("time").time()
                    + team.INVITE_MAX_AGE + timedelta(hours=1).total_seconds()):
        response = client.get(reverse("accounts:invitation", args=[token]))
    assert response.status_code == 400 and "expired" in response.content.decode()


def test_member_sees_the_team_without_controls_and_cannot_post(team_cast, organisation, client):
    client.force_login(team_cast["member"])
    page = client.get(reverse("accounts:team", args=[organisation.slug])).content.decode()
    assert "owner@coop-a.test" in page and "invite-form" not in page
    response = client.post(reverse("accounts:team_remove", args=[organisation.slug, team_cast["target"].pk]))
    assert response.status_code == 403
    assert _role(team_cast["target"], organisation) == MEMBER


def test_outsider_gets_404_on_the_team_page(team_cast, organisation, client):
    client.force_login(team_cast["outsider"])
    assert client.get(reverse("accounts:team", args=[organisation.slug])).status_code == 404
    assert client.post(reverse("accounts:team_remove", args=[organisation.slug, team_cast["target"].pk])).status_code == 404


def test_last_owner_removal_shows_the_reason(team_cast, organisation, client):
    owner = team_cast["owner"]
    client.force_login(owner)
    client.cookies["tijara_language"] = "en"
    response = client.post(reverse("accounts:team_leave", args=[organisation.slug]), follow=True)
    assert "last owner" in response.content.decode()
    assert _role(owner, organisation) == OWNER


# ---- API -----------------------------------------------------------------------------------------------------------

def _api(client, method, path, body=None):
    import json

    call = getattr(client, method)
    kwargs = {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
    return call(f"/api/v1/accounts/organisations{path}", **kwargs)


def test_api_team_follows_the_same_rules(team_cast, organisation, other_organisation):
    from django.test import Client

    from tijara.accounts import services

    def client_for(user):
        _token, key = services.api_token_create(user=user, name="t", scopes=["read", "admin"])
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    owner, manager, member = (client_for(team_cast[n]) for n in ("owner", "manager", "member"))
    slug, target = organisation.slug, team_cast["target"]
    listed = _api(member, "get", f"/{slug}/members")
    assert listed.status_code == 200 and listed.json()[0]["role"] == OWNER
    assert _api(owner, "get", f"/{other_organisation.slug}/members").status_code == 404
    assert _api(member, "delete", f"/{slug}/members/{target.pk}").status_code == 403
    assert _api(manager, "patch", f"/{slug}/members/{target.pk}", {"role": OWNER}).status_code == 403
    assert _api(manager, "post", f"/{slug}/invitations", {"email": "z@example.test", "role": OWNER}).status_code == 403
    assert _api(manager, "post", f"/{slug}/invitations", {"email": "z@example.test", "role": MEMBER}).status_code == 202
    assert _api(manager, "patch", f"/{slug}/members/{target.pk}", {"role": MANAGER}).json()["role"] == MANAGER
    response = _api(owner, "delete", f"/{slug}/members/{team_cast['owner'].pk}")
    assert response.status_code == 400 and response.json()["code"] == "last_owner"
    assert _api(owner, "delete", f"/{slug}/members/{target.pk}").status_code == 204
    assert _api(member, "post", f"/{slug}/leave").status_code == 204
    assert _role(team_cast["member"], organisation) is None


def test_invitations_per_organisation_are_limited(team_cast, organisation):
    from django.core.cache import cache

    cache.clear()
    with mock.patch.object(team, "INVITES_PER_DAY", 2):
        for n in range(2):
            team.team_invite(actor=team_cast["owner"], organisation=organisation, email=f"p{n}@example.test", role=MEMBER)
        with pytest.raises(TijaraError) as exc:
            team.team_invite(actor=team_cast["owner"], organisation=organisation, email="p9@example.test", role=MEMBER)
    assert exc.value.code == "too_many"
    cache.clear()


# ---- stored invitations: list, withdraw, resend ---------------------------------------------------------------------

INVITATION_ACTS = {  # actor -> allowed on a pending invitation as member (list, withdraw, resend)
    "owner": True, "manager": True, "member": False, "outsider": False,
}


def _act(name, actor, organisation, invitation_id):
    if name == "list":
        return list(team.team_invitations(actor=actor, organisation=organisation))
    if name == "withdraw":
        return team.team_invitation_withdraw(actor=actor, organisation=organisation, invitation_id=invitation_id)
    return team.team_invitation_resend(actor=actor, organisation=organisation, invitation_id=invitation_id)


@pytest.mark.parametrize("act", ["list", "withdraw", "resend"])
@pytest.mark.parametrize("actor", list(INVITATION_ACTS))
def test_invitation_matrix(team_cast, organisation, actor, act):
    from django.core.cache import cache

    cache.clear()
    invitation = team.team_invite(actor=team_cast["owner"], organisation=organisation, email="new@example.test",
                                  role=MEMBER)
    mail.outbox.clear()
    if INVITATION_ACTS[actor]:
        result = _act(act, team_cast[actor], organisation, invitation.pk)
        invitation.refresh_from_db()
        if act == "list":
            assert [i.email for i in result] == ["new@example.test"]
        elif act == "withdraw":
            assert invitation.status == TeamInvitation.Status.WITHDRAWN and mail.outbox == []
            assert AuditEvent.objects.filter(action="team.invite_withdraw", actor=team_cast[actor],
                                             detail__email="new@example.test").exists()
        else:
            assert invitation.status == TeamInvitation.Status.PENDING
            assert [m.to for m in mail.outbox] == [["new@example.test"]]
            assert AuditEvent.objects.filter(action="team.invite_resend", actor=team_cast[actor]).exists()
    else:
        with pytest.raises(NotFound if actor == "outsider" else PermissionDenied):
            _act(act, team_cast[actor], organisation, invitation.pk)
        invitation.refresh_from_db()
        assert invitation.status == TeamInvitation.Status.PENDING and mail.outbox == []


@pytest.mark.parametrize("act", ["withdraw", "resend"])
def test_a_manager_cannot_withdraw_or_resend_an_invitation_as_owner(team_cast, organisation, act):
    invitation = team.team_invite(actor=team_cast["owner"], organisation=organisation, email="boss@example.test",
                                  role=OWNER)
    with pytest.raises(PermissionDenied):
        _act(act, team_cast["manager"], organisation, invitation.pk)
    with pytest.raises(PermissionDenied):  # nor change it by inviting the address again
        team.team_invite(actor=team_cast["manager"], organisation=organisation, email="boss@example.test", role=MEMBER)
    invitation.refresh_from_db()
    assert invitation.status == TeamInvitation.Status.PENDING and invitation.role == OWNER


@pytest.mark.parametrize("act", ["withdraw", "resend"])
def test_another_organisations_invitation_is_out_of_reach(team_cast, organisation, other_organisation, act):
    theirs = team.team_invite(actor=team_cast["outsider"], organisation=other_organisation,
                              email="theirs@example.test", role=MEMBER)
    mail.outbox.clear()
    # the owner of A names B's invitation in A's URLs: not one of A's, nothing happens
    with pytest.raises(TijaraError) as exc:
        _act(act, team_cast["owner"], organisation, theirs.pk)
    assert exc.value.code == "not_pending" and exc.value.status == 404
    # and in B's URLs: not a member of B
    with pytest.raises(NotFound):
        _act(act, team_cast["owner"], other_organisation, theirs.pk)
    with pytest.raises(NotFound):
        team.team_invitations(actor=team_cast["owner"], organisation=other_organisation)
    theirs.refresh_from_db()
    assert theirs.status == TeamInvitation.Status.PENDING and mail.outbox == []
    assert "theirs@example.test" not in {i.email for i in team.team_invitations(actor=team_cast["owner"],
                                                                                organisation=organisation)}


def test_inviting_again_updates_the_pending_invitation_and_resend_extends_it(team_cast, organisation):
    from django.utils import timezone

    first = team.team_invite(actor=team_cast["manager"], organisation=organisation, email="Re@Example.test",
                             role=MEMBER)
    TeamInvitation.objects.filter(pk=first.pk).update(expires_at=timezone.now() - timedelta(days=1))
    again = team.team_invite(actor=team_cast["owner"], organisation=organisation, email="re@example.test",
                             role=MANAGER)
    assert again.pk == first.pk and again.role == MANAGER and again.invited_by == team_cast["owner"]
    assert TeamInvitation.objects.filter(organisation=organisation).count() == 1
    TeamInvitation.objects.filter(pk=first.pk).update(expires_at=timezone.now() - timedelta(days=1))
    resent = team.team_invitation_resend(actor=team_cast["owner"], organisation=organisation, invitation_id=first.pk)
    assert resent.expires_at > timezone.now() + timedelta(days=6)


def test_withdrawn_and_used_links_say_so_in_the_pages_language(team_cast, organisation, client):
    from django.utils import translation

    client.force_login(team_cast["owner"])
    mail.outbox.clear()
    client.post(reverse("accounts:team_invite", args=[organisation.slug]), {"email": "w@example.test", "role": MEMBER})
    client.post(reverse("accounts:team_invite", args=[organisation.slug]), {"email": "u@example.test", "role": MEMBER})
    withdrawn_link, used_link = _link(mail.outbox[0]), _link(mail.outbox[1])
    withdrawn = TeamInvitation.objects.get(email="w@example.test")
    response = client.post(reverse("accounts:team_invitation_withdraw", args=[organisation.slug, withdrawn.pk]))
    assert response.status_code == 302
    # a second click: said on the page, nothing else happens
    again = client.post(reverse("accounts:team_invitation_withdraw", args=[organisation.slug, withdrawn.pk]),
                        follow=True)
    assert again.status_code == 200
    client.logout()
    response = client.post(used_link, {"full_name": "U", "password": "a-long-good-pass-77", "preferred_language": "fr"})
    assert response.status_code == 302 and _role(User.objects.get(email="u@example.test"), organisation) == MEMBER
    client.logout()
    for language in ("ar", "fr", "en"):
        client.cookies["tijara_language"] = language
        with translation.override(language):
            said_withdrawn = translation.gettext("This invitation was withdrawn by the organisation. "
                                                 "Ask the person who invited you if you should still join.")
            said_used = translation.gettext("This invitation has already been used. "
                                            "Sign in to open the organisation's team.")
        page = client.get(withdrawn_link)
        assert page.status_code == 400 and said_withdrawn in page.content.decode().replace("&#x27;", "'")
        page = client.get(used_link)
        assert page.status_code == 400 and said_used in page.content.decode().replace("&#x27;", "'")


def test_team_page_lists_pending_invitations_with_dates_in_words(team_cast, organisation, client):
    team.team_invite(actor=team_cast["manager"], organisation=organisation, email="pending@example.test", role=MEMBER)
    for language in ("ar", "fr", "en"):
        client.force_login(team_cast["owner"])
        client.cookies["tijara_language"] = language
        page = client.get(reverse("accounts:team", args=[organisation.slug])).content.decode()
        section = page.split('id="invitations"', 1)[1].split("</section>", 1)[0]
        assert "pending@example.test" in section
        assert not re.search(r"\d{4}-\d{2}-\d{2}", section)  # no ISO date
        assert team_cast["manager"].get_full_name() in section
        assert reverse("accounts:team_invitation_withdraw", args=[organisation.slug,
                                                                 TeamInvitation.objects.get().pk]) in section
    client.force_login(team_cast["member"])  # a member sees the team, not who is invited
    page = client.get(reverse("accounts:team", args=[organisation.slug])).content.decode()
    assert "pending@example.test" not in page and 'id="invitations"' not in page
    pk = TeamInvitation.objects.get().pk
    for view in ("accounts:team_invitation_withdraw", "accounts:team_invitation_resend"):
        assert client.post(reverse(view, args=[organisation.slug, pk])).status_code == 403
    client.force_login(team_cast["outsider"])
    for view in ("accounts:team_invitation_withdraw", "accounts:team_invitation_resend"):
        assert client.post(reverse(view, args=[organisation.slug, pk])).status_code == 404
    assert TeamInvitation.objects.get().status == TeamInvitation.Status.PENDING


def test_api_invitations_follow_the_same_rules(team_cast, organisation, other_organisation):
    from django.core.cache import cache
    from django.test import Client

    from tijara.accounts import services

    cache.clear()

    def client_for(user):
        _token, key = services.api_token_create(user=user, name="t", scopes=["read", "admin"])
        return Client(HTTP_AUTHORIZATION=f"Bearer {key}")

    owner, manager, member, outsider = (client_for(team_cast[n]) for n in ("owner", "manager", "member", "outsider"))
    slug = organisation.slug
    assert _api(manager, "post", f"/{slug}/invitations", {"email": "a@example.test", "role": MEMBER}).status_code == 202
    assert _api(owner, "post", f"/{slug}/invitations", {"email": "b@example.test", "role": OWNER}).status_code == 202
    listed = _api(manager, "get", f"/{slug}/invitations")
    assert listed.status_code == 200 and {i["email"] for i in listed.json()} == {"a@example.test", "b@example.test"}
    by_email = {i["email"]: i for i in listed.json()}
    assert by_email["a@example.test"]["invited_by"] == team_cast["manager"].email
    assert by_email["a@example.test"]["expired"] is False
    a, b = by_email["a@example.test"]["id"], by_email["b@example.test"]["id"]
    assert _api(member, "get", f"/{slug}/invitations").status_code == 403
    assert _api(outsider, "get", f"/{slug}/invitations").status_code == 404
    assert _api(member, "delete", f"/{slug}/invitations/{a}").status_code == 403
    assert _api(outsider, "delete", f"/{slug}/invitations/{a}").status_code == 404
    assert _api(outsider, "post", f"/{slug}/invitations/{a}/resend").status_code == 404
    assert _api(manager, "delete", f"/{slug}/invitations/{b}").status_code == 403  # an invitation as owner
    assert _api(manager, "post", f"/{slug}/invitations/{b}/resend").status_code == 403
    resent = _api(manager, "post", f"/{slug}/invitations/{a}/resend")
    assert resent.status_code == 202 and resent.json()["email"] == "a@example.test"
    assert _api(owner, "delete", f"/{slug}/invitations/{b}").status_code == 204
    again = _api(owner, "delete", f"/{slug}/invitations/{b}")
    assert again.status_code == 404 and again.json()["code"] == "not_pending"
    theirs = _api(outsider, "post", f"/{other_organisation.slug}/invitations", {"email": "c@example.test"})
    assert theirs.status_code == 202
    c = _api(outsider, "get", f"/{other_organisation.slug}/invitations").json()[0]["id"]
    assert _api(owner, "delete", f"/{slug}/invitations/{c}").status_code == 404
    assert _api(owner, "delete", f"/{other_organisation.slug}/invitations/{c}").status_code == 404
    assert [i["email"] for i in _api(manager, "get", f"/{slug}/invitations").json()] == ["a@example.test"]


def test_links_sent_before_invitations_were_stored_keep_working(team_cast, organisation):
    """Migration 0004 turns the last 7 days' `team.invite` audit events into pending invitations; a link that names
    no row uses its address's latest one."""
    import importlib

    from django.apps import apps
    from django.utils import timezone

    backfill = importlib.import_module("tijara.accounts.migrations.0004_team_invitations").backfill
    owner = team_cast["owner"]
    for email, days_ago in (("recent@example.test", 2), ("old@example.test", 9), (team_cast["target"].email, 1)):
        event = AuditEvent.objects.create(actor=owner, organisation=organisation, action="team.invite",
                                          detail={"email": email, "role": MANAGER})
        AuditEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    backfill(apps, None)
    row = TeamInvitation.objects.get(organisation=organisation)  # not the old one, not the member's
    assert (row.email, row.role, row.invited_by, row.status) == ("recent@example.test", MANAGER, owner, "pending")
    legacy = team.invitation_token(organisation=organisation, email="recent@example.test", role=MANAGER, inviter=owner)
    newcomer = make_user("recent@example.test")
    team.invitation_accept(user=newcomer, token=legacy)
    assert _role(newcomer, organisation) == MANAGER
    row.refresh_from_db()
    assert row.status == TeamInvitation.Status.ACCEPTED
    with pytest.raises(TijaraError) as exc:
        team.invitation_accept(user=newcomer, token=legacy)
    assert exc.value.code == "invitation_used"

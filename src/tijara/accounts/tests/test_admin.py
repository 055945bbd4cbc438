"""Team invitations in the Django admin: listed with their organisation, role and state, searchable and filtered,
read-only (no add, change or delete; no token shown), closed to everyone but platform superusers."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tijara.accounts import team
from tijara.accounts.models import TeamInvitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(organisation, owner_user):
    return team.team_invite(actor=owner_user, organisation=organisation, email="new.weaver@example.test",
                            role="member")


@pytest.fixture
def staff_admin(admin_user):
    admin_user.is_staff = True
    admin_user.save(update_fields=["is_staff"])
    return admin_user


def test_the_invitation_list_shows_who_was_invited_where_and_its_state(client, staff_admin, invitation):
    client.force_login(staff_admin)
    url = reverse("admin:accounts_teaminvitation_changelist")
    page = client.get(url).content.decode()
    assert "new.weaver@example.test" in page and invitation.organisation.public_name in page
    assert client.get(url, {"q": "weaver"}).content.decode().count("new.weaver@example.test") >= 1
    assert "new.weaver@example.test" not in client.get(url, {"q": "nobody-by-that-name"}).content.decode()
    assert "new.weaver@example.test" in client.get(url, {"status__exact": "pending"}).content.decode()
    assert "new.weaver@example.test" not in client.get(url, {"status__exact": "withdrawn"}).content.decode()


def test_an_invitation_opens_read_only_and_shows_no_token(client, staff_admin, invitation):
    client.force_login(staff_admin)
    page = client.get(reverse("admin:accounts_teaminvitation_change", args=[invitation.pk])).content.decode()
    assert "new.weaver@example.test" in page
    assert 'name="email"' not in page and 'name="status"' not in page  # nothing to edit
    assert "/accounts/invitations/" not in page  # the signed link is never stored nor shown


def test_invitations_cannot_be_added_changed_or_deleted_from_the_admin(rf, staff_admin, invitation):
    model_admin = admin.site._registry[TeamInvitation]
    request = rf.get("/")
    request.user = staff_admin
    assert model_admin.has_view_permission(request, invitation)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, invitation)
    assert not model_admin.has_delete_permission(request, invitation)


@pytest.mark.parametrize("who", ["anonymous", "owner_user", "advisor_user"])
def test_the_invitation_list_is_closed_to_everyone_else(client, request, who, invitation):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("admin:accounts_teaminvitation_changelist"))
    assert response.status_code in (302, 403)
    assert b"new.weaver@example.test" not in response.content

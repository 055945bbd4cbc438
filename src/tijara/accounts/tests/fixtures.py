"""The standing cast: an organisation with owner, manager and member, an outsider organisation,
an advisor of the organisation's region, and an admin. Created through services, like real data."""

import pytest

from tijara.accounts import services
from tijara.accounts.models import Membership, Organisation, User

PASSWORD = "correct-horse-battery-42"


def make_user(email: str, **kwargs) -> User:
    return services.user_create(email=email, password=PASSWORD, full_name=email.split("@")[0], verified=True, **kwargs)


@pytest.fixture
def owner_user(db):
    return make_user("owner@coop-a.test")


@pytest.fixture
def organisation(owner_user) -> Organisation:
    return services.organisation_create(owner=owner_user, kind="cooperative", public_name="Coopérative A",
                                        region="fes-meknes", city="Fès", crafts=["zellige", "pottery"])


@pytest.fixture
def manager_user(organisation, owner_user):
    user = make_user("manager@coop-a.test")
    services.membership_add(actor=owner_user, organisation=organisation, user=user, role=Membership.Role.MANAGER)
    return user


@pytest.fixture
def member_user(organisation, owner_user):
    user = make_user("member@coop-a.test")
    services.membership_add(actor=owner_user, organisation=organisation, user=user, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def outsider_user(db):
    return make_user("owner@coop-b.test")


@pytest.fixture
def other_organisation(outsider_user) -> Organisation:
    return services.organisation_create(owner=outsider_user, kind="cooperative", public_name="Coopérative B",
                                        region="souss-massa", city="Agadir", crafts=["cosmetics"])


@pytest.fixture
def advisor_user(db):
    return make_user("advisor@ministry.test", staff_role=User.StaffRole.ADVISOR, advisor_region="fes-meknes")


@pytest.fixture
def admin_user(db):
    user = make_user("admin@tijara.test", staff_role=User.StaffRole.ADMIN)
    user.is_superuser = True
    user.save(update_fields=["is_superuser"])
    return user


@pytest.fixture
def buyer_user(db):
    return make_user("buyer@shop.test", preferred_language="en")


@pytest.fixture
def buyer_organisation(buyer_user) -> Organisation:
    return services.organisation_create(owner=buyer_user, kind="buyer", public_name="Atlas Home Imports",
                                        country="USA")


@pytest.fixture
def cast(organisation, owner_user, manager_user, member_user, outsider_user, other_organisation, advisor_user, admin_user):
    """Every actor of the permission matrix by name (None = anonymous)."""
    return {
        "anonymous": None, "outsider": outsider_user, "member": member_user, "manager": manager_user,
        "owner": owner_user, "advisor": advisor_user, "admin": admin_user,
    }

"""Reads of accounts, always scoped to the actor. Other apps guard their pages with these."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tijara.accounts.models import Membership, Organisation, User
from tijara.core.errors import NotFound, PermissionDenied


def role_in(*, user: User, organisation: Organisation) -> str | None:
    """The user's membership role in the organisation, or None."""
    if not user or not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True).first()


def organisations_for(*, user: User) -> QuerySet[Organisation]:
    """Organisations the user is a member of."""
    if not user or not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).distinct()


def organisations_advised_by(*, user: User) -> QuerySet[Organisation]:
    """Organisations an advisor follows (their region; all for an admin), read-only."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_platform_admin:
        return Organisation.objects.all()
    if user.is_advisor:
        qs = Organisation.objects.exclude(kind=Organisation.Kind.BUYER)
        return qs.filter(region=user.advisor_region) if user.advisor_region else qs
    return Organisation.objects.none()


def can_read(*, user: User, organisation: Organisation) -> bool:
    """Members read their organisation; advisors read those of their region; admins read all."""
    if role_in(user=user, organisation=organisation):
        return True
    return organisations_advised_by(user=user).filter(pk=organisation.pk).exists() if user.is_authenticated else False


def can_write(*, user: User, organisation: Organisation, manage: bool = False) -> bool:
    """Members write their organisation's data; `manage=True` requires owner or manager. Advisors never write."""
    role = role_in(user=user, organisation=organisation)
    if manage:
        return role in (Membership.Role.OWNER, Membership.Role.MANAGER)
    return role is not None


def organisation_for(*, user: User, slug: str, write: bool = False, manage: bool = False) -> Organisation:
    """The organisation `slug` if the user may read it (or write it); raises NotFound for outsiders.

    An outsider gets NotFound, not PermissionDenied, so the existence of private data does not leak.
    """
    org = Organisation.objects.filter(slug=slug).first()
    if org is None or not can_read(user=user, organisation=org):
        raise NotFound("not_found", _("No such organisation."))
    if (write or manage) and not can_write(user=user, organisation=org, manage=manage):
        raise PermissionDenied("forbidden", _("You can see this organisation but not change it."))
    return org


def current_organisation(request) -> Organisation | None:
    """The organisation the user is working in: the one chosen in the session, else the first membership."""
    user = request.user
    if not user.is_authenticated:
        return None
    orgs = organisations_for(user=user)
    slug = request.session.get("organisation")
    if slug:
        org = orgs.filter(slug=slug).first()
        if org:
            return org
    return orgs.order_by("memberships__created_at").first()

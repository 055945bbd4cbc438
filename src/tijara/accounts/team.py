"""An organisation's team: list members, invite by e-mail, change roles, remove, leave.

Rules: only an owner or a manager manages the team; a manager never makes, changes or removes an owner; the last
owner can be neither demoted, removed nor leave. Every change is audited and e-mailed to the person it affects.
An invitation is a stored row (`TeamInvitation`) and a signed, expiring link e-mailed to the address; owners and
managers list the pending ones, withdraw or resend them, and accepting checks the row is still pending. The link
carries no account information, so the team page says the same thing whether the address has an account or not.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tijara.accounts.models import AuditEvent, Membership, Organisation, TeamInvitation, User
from tijara.accounts.services import audit_record
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.core.links import signed_payload

INVITE_SALT = "tijara.accounts.team-invite"
INVITE_MAX_AGE = 7 * 24 * 3600
INVITES_PER_DAY = 50  # per organisation: the invitation e-mail must not become a way to send mail to anyone
OWNER, MANAGER, MEMBER = Membership.Role.OWNER, Membership.Role.MANAGER, Membership.Role.MEMBER


def _role(user: User, organisation: Organisation) -> str | None:
    if not user or not user.is_authenticated:
        return None
    return Membership.objects.filter(user=user, organisation=organisation).values_list("role", flat=True).first()


def _manager_role(actor: User, organisation: Organisation) -> str:
    """The actor's role if they may manage the team; raises otherwise (NotFound for outsiders)."""
    role = _role(actor, organisation)
    if role is None:
        raise NotFound("not_found", _("No such organisation."))
    if role not in (OWNER, MANAGER):
        raise PermissionDenied("forbidden", _("Only an owner or a manager can manage the team."))
    return role


def _valid_role(role: str) -> str:
    if role not in Membership.Role.values:
        raise TijaraError("invalid_role", _("Unknown role: {role}.").format(role=role), field="role")
    return role


def _membership(organisation: Organisation, user_id) -> Membership:
    membership = Membership.objects.select_related("user").filter(organisation=organisation, user_id=user_id).first()
    if membership is None:
        raise NotFound("not_found", _("This person is not a member of the organisation."))
    return membership


def _owners_left_after(organisation: Organisation, leaving: Membership) -> int:
    """Owners that remain once `leaving` stops being an owner (rows locked where the database can)."""
    owners = list(Membership.objects.select_for_update().filter(organisation=organisation, role=OWNER)
                  .values_list("pk", flat=True))
    return len([pk for pk in owners if pk != leaving.pk])


def _notify_change(user: User, organisation: Organisation, message_id: str, **kwargs) -> None:
    """E-mail the affected user what changed, in their language."""
    from tijara.core.l10n import isolate, role_label

    with translation.override(user.preferred_language):
        texts = {
            "role": lambda: _("Your role in {organisation} is now: {role}."),
            "removed": lambda: _("You are no longer a member of {organisation}."),
            "left": lambda: _("You left {organisation}."),
            "joined": lambda: _("You joined {organisation} as {role}."),
        }
        line = texts[message_id]().format(organisation=isolate(organisation.public_name),
                                          role=role_label(kwargs.get("role", "")))
        subject = _("Your membership of {organisation} on Tijara").format(organisation=isolate(organisation.public_name))
        body = render_to_string("accounts/email/team_change.txt", {"user": user, "line": line})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def team_members(*, actor: User, organisation: Organisation) -> QuerySet[Membership]:
    """The organisation's members (owners first), for any member of it; NotFound for anyone else."""
    if _role(actor, organisation) is None:
        raise NotFound("not_found", _("No such organisation."))
    order = Case(When(role=OWNER, then=Value(0)), When(role=MANAGER, then=Value(1)), default=Value(2),
                 output_field=IntegerField())
    return (Membership.objects.filter(organisation=organisation).select_related("user")
            .annotate(role_order=order).order_by("role_order", "user__full_name", "user__email"))


def roles_assignable(*, actor_role: str | None) -> list[str]:
    """Roles the actor may give: an owner any, a manager manager or member, a member none."""
    if actor_role == OWNER:
        return [OWNER, MANAGER, MEMBER]
    if actor_role == MANAGER:
        return [MANAGER, MEMBER]
    return []


def can_change(*, actor_role: str | None, target_role: str) -> bool:
    """Whether the actor may change or remove a member with `target_role` (a manager never touches owners)."""
    return actor_role == OWNER or (actor_role == MANAGER and target_role != OWNER)


# ---- invitations -------------------------------------------------------------------------------------------------

@dataclass
class Invitation:
    organisation: Organisation
    email: str
    role: str
    inviter: User | None
    issued_at: datetime
    stored: TeamInvitation | None = None


def invitation_token(*, organisation: Organisation, email: str, role: str, inviter: User,
                     invitation: TeamInvitation | None = None) -> str:
    data = {"o": organisation.pk, "e": email, "r": role, "by": inviter.pk, "t": round(time.time(), 3)}
    if invitation is not None:
        data["i"] = invitation.pk
    return signing.dumps(data, salt=INVITE_SALT)


def _invite_rate_limit(organisation: Organisation) -> None:
    from tijara.core.ratelimit import rate_limited

    if rate_limited(scope="team-invite", key=str(organisation.pk), limit=INVITES_PER_DAY, window_seconds=24 * 3600):
        raise TijaraError("too_many", _("Too many invitations from this organisation today. Try again tomorrow."))


def _invite_send(*, actor: User, invitation: TeamInvitation, base_url: str | None) -> None:
    """E-mail the invitation's link, in the invitee's language when the address has an account."""
    token = invitation_token(organisation=invitation.organisation, email=invitation.email, role=invitation.role,
                             inviter=actor, invitation=invitation)
    url = f"{(base_url or settings.SITE_URL).rstrip('/')}/accounts/invitations/{token}/"
    existing = User.objects.filter(email__iexact=invitation.email).first()
    language = existing.preferred_language if existing else translation.get_language() or "fr"
    from tijara.core.l10n import isolate, role_label

    organisation = invitation.organisation
    with translation.override(language):
        subject = _("{name} invites you to join {organisation} on Tijara").format(
            name=isolate(actor.get_full_name()), organisation=isolate(organisation.public_name))
        body = render_to_string("accounts/email/team_invite.txt", {
            "inviter": actor, "organisation": organisation, "role": role_label(invitation.role), "url": url})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def team_invite(*, actor: User, organisation: Organisation, email: str, role: str,
                base_url: str | None = None, ip: str | None = None) -> TeamInvitation:
    """Store a pending invitation and e-mail its signed link to `email`; the same whether or not the address has an
    account. Inviting an address that already has a pending invitation updates that one (role, inviter, expiry)."""
    actor_role = _manager_role(actor, organisation)
    _valid_role(role)
    if role not in roles_assignable(actor_role=actor_role):
        raise PermissionDenied("forbidden", _("Only an owner can make someone an owner."), field="role")
    email = (email or "").strip().lower()
    if not email or "@" not in email:
        raise TijaraError("invalid_email", _("Enter a valid e-mail address."), field="email")
    if Membership.objects.filter(organisation=organisation, user__email__iexact=email).exists():
        raise TijaraError("already_member", _("This person is already a member of the team."), field="email")
    _invite_rate_limit(organisation)
    now = timezone.now()
    with transaction.atomic():
        invitation = (TeamInvitation.objects.select_for_update()
                      .filter(organisation=organisation, email=email, status=TeamInvitation.Status.PENDING).first())
        if invitation is not None and not can_change(actor_role=actor_role, target_role=invitation.role):
            raise PermissionDenied("forbidden", _("Only an owner can withdraw or resend an invitation as owner."),
                                   field="email")
        if invitation is None:
            invitation = TeamInvitation(organisation=organisation, email=email)
        invitation.role, invitation.invited_by = role, actor
        invitation.sent_at, invitation.expires_at = now, now + timedelta(seconds=INVITE_MAX_AGE)
        invitation.save()
        audit_record(actor=actor, action="team.invite", organisation=organisation,
                     detail={"email": email, "role": role}, ip=ip)
    _invite_send(actor=actor, invitation=invitation, base_url=base_url)
    return invitation


def team_invitations(*, actor: User, organisation: Organisation) -> QuerySet[TeamInvitation]:
    """The pending invitations (newest first, expired ones included so they can be resent), for an owner or a
    manager; PermissionDenied for a member, NotFound for anyone else."""
    _manager_role(actor, organisation)
    return (TeamInvitation.objects.filter(organisation=organisation, status=TeamInvitation.Status.PENDING)
            .select_related("invited_by").order_by("-sent_at", "-id"))


def _pending_invitation(*, actor: User, organisation: Organisation, invitation_id) -> tuple[str, TeamInvitation]:
    """The actor's role and the organisation's pending invitation `invitation_id` (locked), within the actor's
    rights: a manager never withdraws or resends an invitation as owner."""
    actor_role = _manager_role(actor, organisation)
    invitation = (TeamInvitation.objects.select_for_update().select_related("organisation")
                  .filter(organisation=organisation, pk=invitation_id, status=TeamInvitation.Status.PENDING).first())
    if invitation is None:
        # not NotFound: on the page, a second click on "Withdraw" says this and shows the list again
        raise TijaraError("not_pending", _("This invitation is no longer pending."), status=404)
    if not can_change(actor_role=actor_role, target_role=invitation.role):
        raise PermissionDenied("forbidden", _("Only an owner can withdraw or resend an invitation as owner."))
    return actor_role, invitation


def team_invitation_withdraw(*, actor: User, organisation: Organisation, invitation_id: int,
                             ip: str | None = None) -> TeamInvitation:
    """Withdraw a pending invitation: its link stops working at once."""
    with transaction.atomic():
        _role_, invitation = _pending_invitation(actor=actor, organisation=organisation, invitation_id=invitation_id)
        invitation.status, invitation.settled_at = TeamInvitation.Status.WITHDRAWN, timezone.now()
        invitation.save(update_fields=["status", "settled_at", "updated_at"])
        audit_record(actor=actor, action="team.invite_withdraw", organisation=organisation,
                     detail={"email": invitation.email, "role": invitation.role}, ip=ip)
    return invitation


def team_invitation_resend(*, actor: User, organisation: Organisation, invitation_id: int,
                           base_url: str | None = None, ip: str | None = None) -> TeamInvitation:
    """E-mail a pending invitation again with a fresh 7-day link (the earlier link keeps working until it expires)."""
    _manager_role(actor, organisation)
    _invite_rate_limit(organisation)
    now = timezone.now()
    with transaction.atomic():
        _role_, invitation = _pending_invitation(actor=actor, organisation=organisation, invitation_id=invitation_id)
        invitation.sent_at, invitation.expires_at = now, now + timedelta(seconds=INVITE_MAX_AGE)
        invitation.save(update_fields=["sent_at", "expires_at", "updated_at"])
        audit_record(actor=actor, action="team.invite_resend", organisation=organisation,
                     detail={"email": invitation.email, "role": invitation.role}, ip=ip)
    _invite_send(actor=actor, invitation=invitation, base_url=base_url)
    return invitation


def _stored_invitation(data: dict, organisation: Organisation, email: str) -> TeamInvitation:
    """The row a link names (links sent before invitations were stored name none: the address's latest one)."""
    rows = TeamInvitation.objects.filter(organisation=organisation, email__iexact=email)
    stored = rows.filter(pk=data["i"]).first() if "i" in data else rows.order_by("-sent_at", "-id").first()
    if stored is None:
        raise TijaraError("token_invalid", _("This invitation is no longer valid."))
    if stored.status == TeamInvitation.Status.WITHDRAWN:
        raise TijaraError("invitation_withdrawn", _("This invitation was withdrawn by the organisation. "
                                                    "Ask the person who invited you if you should still join."))
    if stored.status == TeamInvitation.Status.ACCEPTED:
        raise TijaraError("invitation_used", _("This invitation has already been used. "
                                               "Sign in to open the organisation's team."))
    if stored.is_expired:
        raise TijaraError("token_expired",
                          _("This invitation has expired. Ask the person who invited you to send a new one."))
    return stored


def invitation_read(*, token: str) -> Invitation:
    """The invitation behind a link; raises TijaraError when tampered with, expired, withdrawn or already used."""
    data = signed_payload(
        token, salt=INVITE_SALT, max_age=INVITE_MAX_AGE,
        expired=_("This invitation has expired. Ask the person who invited you to send a new one."),
        invalid=_("This invitation link is not valid. Check that you copied the whole link."))
    organisation = Organisation.objects.filter(pk=data.get("o")).first()
    if organisation is None or data.get("r") not in Membership.Role.values:
        raise TijaraError("token_invalid", _("This invitation is no longer valid."))
    issued = datetime.fromtimestamp(float(data.get("t", 0)), tz=UTC)
    email = data.get("e", "")
    stored = _stored_invitation(data, organisation, email)
    # A removal or departure after the invitation was sent withdraws it: an old link does not bring someone back.
    if AuditEvent.objects.filter(organisation=organisation, action__in=("team.remove", "team.leave"),
                                 detail__email=email, created_at__gt=issued).exists():
        raise TijaraError("token_invalid", _("This invitation is no longer valid."))
    return Invitation(organisation=organisation, email=email, role=stored.role,
                      inviter=stored.invited_by or User.objects.filter(pk=data.get("by")).first(), issued_at=issued,
                      stored=stored)


def invitation_accept(*, user: User, token: str, ip: str | None = None) -> Membership:
    """Join the organisation of the invitation as the signed-in `user`, whose address must be the invited one."""
    invitation = invitation_read(token=token)
    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied("wrong_account", _("This invitation was sent to another e-mail address. "
                                                  "Sign out, then sign in with the invited address."))
    with transaction.atomic():
        # settled once: a withdrawal or another acceptance racing this one wins or loses here
        settled = TeamInvitation.objects.filter(pk=invitation.stored.pk, status=TeamInvitation.Status.PENDING).update(
            status=TeamInvitation.Status.ACCEPTED, settled_at=timezone.now(), updated_at=timezone.now())
        if not settled:
            raise TijaraError("invitation_used", _("This invitation has already been used. "
                                                   "Sign in to open the organisation's team."))
        membership, created = Membership.objects.get_or_create(
            user=user, organisation=invitation.organisation, defaults={"role": invitation.role})
        if user.email_verified_at is None:  # the link reached this inbox: the address is confirmed
            user.email_verified_at = timezone.now()
            user.save(update_fields=["email_verified_at"])
        if created:
            audit_record(actor=user, action="team.join", organisation=invitation.organisation,
                         detail={"email": user.email, "role": invitation.role,
                                 "invited_by": invitation.inviter.email if invitation.inviter else ""}, ip=ip)
    if created:
        _notify_change(user, invitation.organisation, "joined", role=invitation.role)
    return membership


# ---- changes -------------------------------------------------------------------------------------------------------

def team_role_change(*, actor: User, organisation: Organisation, user_id: int, role: str,
                     ip: str | None = None) -> Membership:
    """Give a member another role, within the actor's rights; the last owner keeps the owner role."""
    actor_role = _manager_role(actor, organisation)
    _valid_role(role)
    with transaction.atomic():
        membership = _membership(organisation, user_id)
        if not can_change(actor_role=actor_role, target_role=membership.role) \
                or role not in roles_assignable(actor_role=actor_role):
            raise PermissionDenied("forbidden", _("Only an owner can make, change or remove an owner."))
        previous = membership.role
        if previous == role:
            return membership
        if previous == OWNER and _owners_left_after(organisation, membership) == 0:
            raise TijaraError("last_owner", _("The organisation needs at least one owner. Make someone else owner first."))
        membership.role = role
        membership.save(update_fields=["role", "updated_at"])
        audit_record(actor=actor, action="team.role", organisation=organisation,
                     detail={"email": membership.user.email, "from": previous, "to": role}, ip=ip)
    _notify_change(membership.user, organisation, "role", role=role)
    return membership


def team_remove(*, actor: User, organisation: Organisation, user_id: int, ip: str | None = None) -> None:
    """Remove a member, within the actor's rights; the last owner cannot be removed."""
    actor_role = _manager_role(actor, organisation)
    with transaction.atomic():
        membership = _membership(organisation, user_id)
        if not can_change(actor_role=actor_role, target_role=membership.role):
            raise PermissionDenied("forbidden", _("Only an owner can make, change or remove an owner."))
        if membership.role == OWNER and _owners_left_after(organisation, membership) == 0:
            raise TijaraError("last_owner", _("The organisation needs at least one owner. Make someone else owner first."))
        user = membership.user
        membership.delete()
        audit_record(actor=actor, action="team.remove", organisation=organisation,
                     detail={"email": user.email, "role": membership.role}, ip=ip)
    _notify_change(user, organisation, "removed")


def team_leave(*, user: User, organisation: Organisation, ip: str | None = None) -> None:
    """The user leaves the organisation; the last owner cannot."""
    with transaction.atomic():
        membership = Membership.objects.filter(user=user, organisation=organisation).first()
        if membership is None:
            raise NotFound("not_found", _("No such organisation."))
        if membership.role == OWNER and _owners_left_after(organisation, membership) == 0:
            raise TijaraError("last_owner", _("You are the last owner: make someone else owner before you leave."))
        membership.delete()
        audit_record(actor=user, action="team.leave", organisation=organisation,
                     detail={"email": user.email, "role": membership.role}, ip=ip)
    _notify_change(user, organisation, "left")

"""API face of accounts: me, my organisations, profile edit, team, personal tokens."""

from django.utils.translation import gettext as _
from ninja import Router, Schema

from tijara.accounts import selectors, services
from tijara.accounts.schemas import (
    Error,
    InvitationIn,
    MemberOut,
    OrganisationOut,
    OrganisationPatch,
    PendingInvitationOut,
    RoleIn,
    TokenCreated,
    TokenIn,
    TokenOut,
    UserOut,
)

router = Router(tags=["accounts"])


def _org_out(org) -> dict:
    data = {f: getattr(org, f) for f in OrganisationOut.model_fields if hasattr(org, f)}
    data["verified"] = org.is_verified
    return data


@router.get("/me", response=UserOut)
def me(request):
    user = request.user
    return {"email": user.email, "full_name": user.full_name, "preferred_language": user.preferred_language,
            "email_verified": user.is_email_verified, "staff_role": user.staff_role}


@router.get("/organisations", response=list[OrganisationOut])
def organisations(request):
    """Organisations the caller is a member of."""
    return [_org_out(o) for o in selectors.organisations_for(user=request.user)]


@router.get("/organisations/{slug}", response={200: OrganisationOut, 404: Error})
def organisation(request, slug: str):
    return _org_out(selectors.organisation_for(user=request.user, slug=slug))


@router.patch("/organisations/{slug}", response={200: OrganisationOut, 400: Error, 403: Error, 404: Error})
def organisation_patch(request, slug: str, payload: OrganisationPatch):
    org = selectors.organisation_for(user=request.user, slug=slug, manage=True)
    fields = payload.model_dump(exclude_unset=True, exclude_none=True)
    return _org_out(services.organisation_update(actor=request.user, organisation=org, **fields))


@router.get("/tokens", response=list[TokenOut])
def tokens(request):
    """The caller's tokens (browser session only: a token cannot list, create or revoke tokens)."""
    return list(request.user.api_tokens.all())


@router.post("/tokens", response={201: TokenCreated, 400: Error})
def token_create(request, payload: TokenIn):
    token, key = services.api_token_create(user=request.user, name=payload.name, scopes=payload.scopes,
                                           expires_in_days=payload.expires_in_days)
    return 201, {**TokenOut.from_orm(token).model_dump(), "key": key}


@router.delete("/tokens/{token_id}", response={200: TokenOut, 404: Error})
def token_revoke(request, token_id: int):
    return services.api_token_revoke(user=request.user, token_id=token_id)


class DeleteIn(Schema):
    confirm_slug: str


@router.get("/organisations/{slug}/export", response={200: None, 403: Error, 404: Error})
def organisation_export(request, slug: str):
    """A ZIP of all the organisation's data (owner only)."""
    from django.http import HttpResponse

    org = selectors.organisation_for(user=request.user, slug=slug)
    response = HttpResponse(services.organisation_export(actor=request.user, organisation=org),
                            content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="tijara-{org.slug}-export.zip"'
    return response


@router.post("/organisations/{slug}/delete", response={200: dict, 400: Error, 403: Error, 404: Error})
def organisation_delete(request, slug: str, payload: DeleteIn):
    """Delete the organisation and all its data (owner only; confirm with its slug)."""
    org = selectors.organisation_for(user=request.user, slug=slug)
    return services.organisation_delete(actor=request.user, organisation=org, confirm_slug=payload.confirm_slug)


# ---- team (rules in accounts/team.py; a token needs the admin scope for the writes) --------------------------------

def _member_out(m) -> dict:
    return {"user_id": m.user_id, "email": m.user.email, "full_name": m.user.full_name, "role": m.role,
            "since": m.created_at}


def _member_org(request, slug: str):
    """The organisation if the caller is a member of it; NotFound for everyone else (a team is private)."""
    from tijara.core.errors import NotFound

    org = selectors.organisations_for(user=request.user).filter(slug=slug).first()
    if org is None:
        raise NotFound("not_found", _("No such organisation."))
    return org


@router.get("/organisations/{slug}/members", response={200: list[MemberOut], 404: Error})
def members(request, slug: str):
    """The organisation's members, owners first (any member may read it)."""
    from tijara.accounts import team

    return [_member_out(m) for m in team.team_members(actor=request.user, organisation=_member_org(request, slug))]


@router.post("/organisations/{slug}/invitations", response={202: dict, 400: Error, 403: Error, 404: Error})
def invite(request, slug: str, payload: InvitationIn):
    """E-mail a signed invitation link (7 days); the answer is the same whether the address has an account."""
    from tijara.accounts import team

    team.team_invite(actor=request.user, organisation=_member_org(request, slug), email=payload.email,
                     role=payload.role, base_url=request.build_absolute_uri("/"))
    return 202, {"sent": True}


def _invitation_out(invitation) -> dict:
    return {"id": invitation.pk, "email": invitation.email, "role": invitation.role,
            "invited_by": invitation.invited_by.email if invitation.invited_by else "",
            "sent_at": invitation.sent_at, "expires_at": invitation.expires_at, "expired": invitation.is_expired}


@router.get("/organisations/{slug}/invitations", response={200: list[PendingInvitationOut], 403: Error, 404: Error})
def invitations(request, slug: str):
    """The pending invitations, newest first (owners and managers; expired ones included, to resend)."""
    from tijara.accounts import team

    return [_invitation_out(i) for i in team.team_invitations(actor=request.user,
                                                               organisation=_member_org(request, slug))]


@router.delete("/organisations/{slug}/invitations/{invitation_id}",
               response={204: None, 403: Error, 404: Error})
def invitation_withdraw(request, slug: str, invitation_id: int):
    """Withdraw a pending invitation: its link stops working (a manager cannot withdraw an invitation as owner)."""
    from tijara.accounts import team

    team.team_invitation_withdraw(actor=request.user, organisation=_member_org(request, slug),
                                  invitation_id=invitation_id)
    return 204, None


@router.post("/organisations/{slug}/invitations/{invitation_id}/resend",
             response={202: PendingInvitationOut, 400: Error, 403: Error, 404: Error})
def invitation_resend(request, slug: str, invitation_id: int):
    """E-mail a pending invitation again with a fresh 7-day link."""
    from tijara.accounts import team

    invitation = team.team_invitation_resend(actor=request.user, organisation=_member_org(request, slug),
                                             invitation_id=invitation_id, base_url=request.build_absolute_uri("/"))
    return 202, _invitation_out(invitation)


@router.patch("/organisations/{slug}/members/{user_id}", response={200: MemberOut, 400: Error, 403: Error, 404: Error})
def member_role(request, slug: str, user_id: int, payload: RoleIn):
    from tijara.accounts import team

    membership = team.team_role_change(actor=request.user, organisation=_member_org(request, slug), user_id=user_id,
                                       role=payload.role)
    return _member_out(membership)


@router.delete("/organisations/{slug}/members/{user_id}", response={204: None, 400: Error, 403: Error, 404: Error})
def member_remove(request, slug: str, user_id: int):
    from tijara.accounts import team

    team.team_remove(actor=request.user, organisation=_member_org(request, slug), user_id=user_id)
    return 204, None


@router.post("/organisations/{slug}/leave", response={204: None, 400: Error, 404: Error})
def leave(request, slug: str):
    """The caller leaves the organisation (not the last owner)."""
    from tijara.accounts import team

    team.team_leave(user=request.user, organisation=_member_org(request, slug))
    return 204, None

from datetime import datetime

from ninja import Field, Schema


class UserOut(Schema):
    email: str
    full_name: str
    preferred_language: str
    email_verified: bool
    staff_role: str


class OrganisationOut(Schema):
    slug: str
    kind: str
    public_name: str
    legal_name: str
    country: str
    region: str
    city: str
    phone: str
    languages: list[str]
    crafts: list[str]
    story: str
    ice: str
    rc_number: str
    artisan_card_number: str
    website: str
    verified: bool
    verified_at: datetime | None


class OrganisationPatch(Schema):
    public_name: str | None = None
    legal_name: str | None = None
    region: str | None = None
    city: str | None = None
    phone: str | None = None
    languages: list[str] | None = None
    crafts: list[str] | None = None
    story: str | None = None
    ice: str | None = None
    rc_number: str | None = None
    artisan_card_number: str | None = None
    website: str | None = None


class TokenIn(Schema):
    name: str
    scopes: list[str] = Field(default_factory=lambda: ["read"], description="read, catalog:write, admin")
    expires_in_days: int | None = Field(90, description="30, 90 or 365; null for a token that never expires")


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    scopes: list[str]
    expires_at: datetime | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    key: str


class Error(Schema):
    code: str
    message: str


class MemberOut(Schema):
    user_id: int
    email: str
    full_name: str
    role: str
    since: datetime


class InvitationIn(Schema):
    email: str
    role: str = Field("member", description="owner, manager or member (a manager cannot invite an owner)")


class PendingInvitationOut(Schema):
    id: int
    email: str
    role: str
    invited_by: str = Field("", description="the inviter's e-mail address (blank if their account is gone)")
    sent_at: datetime
    expires_at: datetime
    expired: bool


class RoleIn(Schema):
    role: str = Field(..., description="owner, manager or member")

from datetime import datetime

from ninja import Schema


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


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(TokenOut):
    key: str


class Error(Schema):
    code: str
    message: str

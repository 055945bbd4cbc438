"""Writes and workflows of accounts: sign-up, verification, organisations, roles, tokens, audit."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from tijara.accounts.models import ApiToken, AuditEvent, LoginFailure, Membership, Organisation, User
from tijara.core.errors import PermissionDenied, TijaraError
from tijara.core.links import signed_payload

VERIFY_SALT = "tijara.accounts.verify-email"
VERIFY_MAX_AGE = 7 * 24 * 3600


def audit_record(*, actor: User | None, action: str, organisation: Organisation | None = None,
                 detail: dict | None = None, ip: str | None = None) -> AuditEvent:
    """Record a sensitive action in the audit log."""
    return AuditEvent.objects.create(
        actor=actor if actor and actor.pk else None, organisation=organisation, action=action, detail=detail or {}, ip=ip
    )


def user_create(*, email: str, password: str, full_name: str = "", preferred_language: str = "fr",
                staff_role: str = "", advisor_region: str = "", verified: bool = False) -> User:
    """Create a user; raises TijaraError('email_taken') when the email is already used."""
    from tijara.core.unicode import strip_bidi_controls

    email = (email or "").strip().lower()
    full_name = " ".join(strip_bidi_controls(full_name or "").split())
    if User.objects.filter(email__iexact=email).exists():
        raise TijaraError("email_taken", _("An account with this email address already exists."), field="email")
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email, password=password, full_name=full_name, preferred_language=preferred_language,
                staff_role=staff_role, advisor_region=advisor_region,
                is_staff=staff_role in (User.StaffRole.ADVISOR, User.StaffRole.ADMIN),
                email_verified_at=timezone.now() if verified else None,
            )
    except IntegrityError as exc:
        raise TijaraError("email_taken", _("An account with this email address already exists."), field="email") from exc
    return user


def preferred_language_set(*, user: User, language: str) -> None:
    """Remember the language a signed-in user chose; the site opens in it at their next sign-in."""
    from django.conf import settings

    if language not in dict(settings.LANGUAGES):
        raise TijaraError("bad_language", _("Unknown language."), field="language")
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def user_email_taken(*, email: str) -> bool:
    """True when an account uses this address (for the sign-up flow, which never shows the answer)."""
    return User.objects.filter(email__iexact=(email or "").strip()).exists()


def signup_existing_notice_send(*, email: str, base_url: str | None = None) -> None:
    """Email the owner of `email` that someone tried to sign up with it, with the login and reset links."""
    user = User.objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is None:
        return
    base = (base_url or settings.SITE_URL).rstrip("/")
    with translation.override(user.preferred_language):
        subject = _("Someone tried to create a Tijara account with your address")
        body = render_to_string("accounts/email/signup_existing.txt", {
            "user": user, "login_url": f"{base}/accounts/login/", "reset_url": f"{base}/accounts/password-reset/"})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def email_verification_token(*, user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)


def email_verification_send(*, user: User, base_url: str | None = None) -> None:
    """Email a signed verification link, in the user's language."""
    token = email_verification_token(user=user)
    url = f"{(base_url or settings.SITE_URL).rstrip('/')}/accounts/verify/{token}/"
    with translation.override(user.preferred_language):
        subject = _("Confirm your email address for Tijara")
        body = render_to_string("accounts/email/verify.txt", {"user": user, "url": url})
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def user_verify_email(*, token: str) -> User:
    """Mark the user's email verified from a signed token; raises TijaraError when invalid or expired."""
    data = signed_payload(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE,
                          expired=_("This verification link has expired. Ask for a new one."),
                          invalid=_("This verification link is not valid."))
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise TijaraError("token_invalid", _("This verification link is not valid."))
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    return user


CLIENT_FAILURE_FACTOR = 10  # one client may try this many times the per-account limit, across all accounts


def _throttle_take(*, email: str, client: str, limit: int) -> bool:
    """Take one attempt slot in the (email, client) window atomically; False when the window is full."""
    from django.db.models import F

    from tijara.accounts.models import LoginThrottle

    rows = LoginThrottle.objects.filter(email=email, client=client)
    for _try in range(2):  # twice: housekeeping may delete a long-expired row between the steps
        now = timezone.now()
        since = now - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
        if not rows.exists():
            try:
                with transaction.atomic():
                    LoginThrottle.objects.create(email=email, client=client, attempts=0, window_started_at=now)
            except IntegrityError:
                pass  # a parallel attempt created it
        # Each UPDATE is atomic and re-checks its WHERE on the current row, so no two attempts get the same slot.
        if rows.filter(window_started_at__lt=since).update(attempts=1, window_started_at=now):
            return True
        if rows.filter(attempts__lt=limit).update(attempts=F("attempts") + 1):
            return True
        if rows.exists():
            return False
    return False


def login_attempt_begin(*, email: str, client: str) -> bool:
    """Reserve a password check for `email` from `client`; False (locked) when either counter is full.

    Counted per account *and* client, so nobody can lock someone else out from another network, plus a wider
    per-client counter against password spraying. Call login_attempt_succeeded after a right password.
    """
    import random

    from tijara.accounts.models import LoginThrottle

    email = (email or "").strip().lower()[:254]
    client = (client or "unknown")[:64]
    limit = settings.LOGIN_MAX_FAILURES
    if random.random() < 0.01:  # noqa: S311 - housekeeping, not security: drop counters whose window is long over
        LoginThrottle.objects.filter(
            window_started_at__lt=timezone.now() - timedelta(minutes=2 * settings.LOGIN_LOCKOUT_MINUTES)).delete()
    if not _throttle_take(email="", client=client, limit=limit * CLIENT_FAILURE_FACTOR):
        return False
    return _throttle_take(email=email, client=client, limit=limit)


def login_attempt_succeeded(*, email: str, client: str) -> None:
    """A right password: the account's counter for this client starts again, and the attempt is given back to the
    client's own counter (so an office behind one address is not locked out by its colleagues' logins)."""
    from django.db.models import F

    from tijara.accounts.models import LoginThrottle

    client = (client or "unknown")[:64]
    LoginThrottle.objects.filter(email=(email or "").strip().lower()[:254], client=client).delete()
    LoginThrottle.objects.filter(email="", client=client, attempts__gt=0).update(attempts=F("attempts") - 1)


def login_failures_clear(*, email: str) -> None:
    """Lift every lock on the account (after a password reset), from every client."""
    from tijara.accounts.models import LoginThrottle

    email = (email or "").strip().lower()
    LoginThrottle.objects.filter(email=email).delete()
    LoginFailure.objects.filter(email=email).delete()


def login_failure_record(*, email: str, ip: str | None) -> None:
    """Keep a failed attempt for the record (admins see them); throttling uses LoginThrottle."""
    LoginFailure.objects.create(email=email.strip().lower()[:254], ip=ip or None)


def login_is_locked(*, email: str, client: str = "unknown") -> bool:
    """True when the account cannot be tried from `client` right now (read-only; does not take a slot)."""
    from tijara.accounts.models import LoginThrottle

    since = timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    return LoginThrottle.objects.filter(email=(email or "").strip().lower()[:254], client=(client or "unknown")[:64],
                                        window_started_at__gte=since,
                                        attempts__gte=settings.LOGIN_MAX_FAILURES).exists()


def _unique_slug(base: str) -> str:
    slug = slugify(base)[:70] or "org"
    candidate, n = slug, 2
    while Organisation.objects.filter(slug=candidate).exists():
        candidate = f"{slug}-{n}"
        n += 1
    return candidate


def organisation_create(*, owner: User, kind: str, public_name: str, legal_name: str = "", slug: str = "",
                        **fields) -> Organisation:
    """Create an organisation with `owner` as its owner; validates identifiers, saves nothing on error."""
    org = Organisation(kind=kind, public_name=public_name, legal_name=legal_name or public_name,
                       slug=slug or _unique_slug(public_name), **fields)
    try:
        org.full_clean()
    except ValidationError as exc:
        raise TijaraError("invalid", "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
    with transaction.atomic():
        org.save()
        Membership.objects.create(user=owner, organisation=org, role=Membership.Role.OWNER)
    return org


ORGANISATION_EDITABLE = {
    "public_name", "legal_name", "region", "city", "phone", "languages", "crafts", "story", "logo", "ice",
    "rc_number", "artisan_card_number", "website", "country",
}


def organisation_update(*, actor: User, organisation: Organisation, **fields) -> Organisation:
    """Update an organisation's profile (owner or manager only); all-or-nothing."""
    from tijara.accounts.selectors import role_in

    role = role_in(user=actor, organisation=organisation)
    if role not in (Membership.Role.OWNER, Membership.Role.MANAGER) and not actor.is_platform_admin:
        raise PermissionDenied("forbidden", _("Only an owner or a manager can edit this organisation."))
    unknown = set(fields) - ORGANISATION_EDITABLE
    if unknown:
        raise TijaraError("invalid", _("These fields cannot be changed: {fields}.").format(fields=", ".join(sorted(unknown))))
    logo = fields.get("logo")
    if logo and hasattr(logo, "read"):
        # Store only pixels drawn again by Pillow, never the uploaded bytes (metadata, appended payloads).
        from tijara.core.uploads import image_reencoded

        try:
            fields["logo"] = image_reencoded(logo, max_side=1024, name="logo")
        except ValidationError as exc:
            raise TijaraError("invalid", " ".join(exc.messages), field="logo") from exc
    original = {name: getattr(organisation, name) for name in fields}
    for name, value in fields.items():
        setattr(organisation, name, value)
    try:
        organisation.full_clean()
    except ValidationError as exc:
        for name, value in original.items():
            setattr(organisation, name, value)
        raise TijaraError("invalid", "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())) from exc
    organisation.save()
    return organisation


def membership_add(*, actor: User, organisation: Organisation, user: User, role: str) -> Membership:
    """Add or change a member's role (owner only); audited."""
    from tijara.accounts.selectors import role_in

    if role_in(user=actor, organisation=organisation) != Membership.Role.OWNER and not actor.is_platform_admin:
        raise PermissionDenied("forbidden", _("Only an owner can change roles."))
    if role not in Membership.Role.values:
        raise TijaraError("invalid_role", _("Unknown role: {role}.").format(role=role))
    membership, _created = Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"role": role})
    audit_record(actor=actor, action="membership.role", organisation=organisation, detail={"user": user.email, "role": role})
    return membership


def organisation_verify(*, actor: User, organisation: Organisation, verified: bool = True) -> Organisation:
    """An advisor (of the organisation's region) or an admin marks the organisation verified."""
    allowed = actor.is_platform_admin or (actor.is_advisor and (not actor.advisor_region or actor.advisor_region == organisation.region))
    if not allowed:
        raise PermissionDenied("forbidden", _("Only an advisor of this region or an admin can verify an organisation."))
    organisation.verified_at = timezone.now() if verified else None
    organisation.verified_by = actor if verified else None
    organisation.save(update_fields=["verified_at", "verified_by", "updated_at"])
    audit_record(actor=actor, action="organisation.verify" if verified else "organisation.unverify", organisation=organisation)
    return organisation


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


TOKEN_LIFETIMES_DAYS = (30, 90, 365)
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# Computations that are POSTed but change nothing of the caller's data: a read token may call them.
READ_LIKE_POSTS = ("/api/v1/ask", "/api/v1/classify", "/api/v1/pricing/price")


def api_scope_needed(*, method: str, path: str) -> str | None:
    """The scope a token needs for this API request; None when no token may make it (managing tokens)."""
    if path.startswith("/api/v1/accounts/tokens"):
        return None
    if method.upper() in SAFE_METHODS or path.rstrip("/") in READ_LIKE_POSTS:
        return ApiToken.Scope.READ
    if path.startswith("/api/v1/catalog/"):
        return ApiToken.Scope.CATALOG_WRITE
    return ApiToken.Scope.ADMIN


def api_token_create(*, user: User, name: str, scopes: list[str] | None = None,
                     expires_in_days: int | None = 90) -> tuple[ApiToken, str]:
    """Create a personal API token; returns the row and the clear key (shown once, never stored).

    `scopes` (default: read) come from ApiToken.Scope; `expires_in_days` is one of TOKEN_LIFETIMES_DAYS or None
    for a token that never expires.
    """
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise TijaraError("invalid", _("Give the token a name of 1 to 100 characters."), field="name")
    scopes = list(dict.fromkeys(scopes or [ApiToken.Scope.READ]))
    unknown = [s for s in scopes if s not in ApiToken.Scope.values]
    if unknown:
        raise TijaraError("invalid", _("Unknown token scope: {scopes}. Choose among {known}.").format(
            scopes=", ".join(str(s)[:40] for s in unknown), known=", ".join(ApiToken.Scope.values)), field="scopes")
    if expires_in_days is not None and expires_in_days not in TOKEN_LIFETIMES_DAYS:
        raise TijaraError("invalid", _("A token lasts {choices} days, or never expires.").format(
            choices=", ".join(str(d) for d in TOKEN_LIFETIMES_DAYS)), field="expires_in_days")
    expires_at = timezone.now() + timedelta(days=expires_in_days) if expires_in_days else None
    key = "tj_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=key[:10], key_hash=_hash(key), scopes=scopes,
                                    expires_at=expires_at)
    return token, key


def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's tokens (idempotent); the row keeps its last use for the record."""
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise TijaraError("not_found", _("No such token."), status=404)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
    return token


def api_token_user(*, token: str, method: str = "GET", path: str = "") -> User | None:
    """The active user owning this unexpired, unrevoked token, or None.

    Raises PermissionDenied when the token is valid but its scopes do not cover `method` on `path`.
    """
    if not token or len(token) > 200:
        return None
    now = timezone.now()
    row = (ApiToken.objects.select_related("user").filter(key_hash=_hash(token), revoked_at__isnull=True)
           .exclude(expires_at__lte=now).first())
    if row is None or not row.user.is_active:
        return None
    needed = api_scope_needed(method=method, path=path) if path else ApiToken.Scope.READ
    if needed is None:
        raise PermissionDenied("token_forbidden", _(
            "Tokens cannot be created, listed or revoked with a token: sign in on the website to manage them."))
    scopes = set(row.scopes or [])
    if needed not in scopes and ApiToken.Scope.ADMIN not in scopes:
        raise PermissionDenied("token_scope", _(
            "This token's scopes ({scopes}) do not allow this request: it needs the “{needed}” scope.").format(
            scopes=", ".join(sorted(scopes)) or "-", needed=needed))
    ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


def _organisation_objects(organisation: Organisation) -> list:
    """Every row that belongs to the organisation: what deleting it would cascade to, found by Django's collector."""
    from django.db import router
    from django.db.models.deletion import Collector

    collector = Collector(using=router.db_for_write(Organisation))
    collector.collect([organisation])
    objects = []
    for _model, instances in collector.data.items():
        objects.extend(instances)
    for qs in collector.fast_deletes:
        objects.extend(qs)
    return objects


def _stored_files(objects: list) -> list[str]:
    """Storage names of every file or image field set on these rows, without repeats."""
    names = {
        str(getattr(obj, field.attname))
        for obj in objects
        for field in obj._meta.concrete_fields
        if field.get_internal_type() in ("FileField", "ImageField") and getattr(obj, field.attname)
    }
    return sorted(names)


def organisation_export(*, actor: User, organisation: Organisation) -> bytes:
    """A ZIP of all the organisation's data (JSON, one file per table) and its media files; audited.

    Personal data law 09-08 (Morocco) gives people access to their data; owners download it here.
    """
    import io
    import zipfile

    from django.core import serializers
    from django.core.files.storage import default_storage

    from tijara.accounts.selectors import role_in

    if role_in(user=actor, organisation=organisation) != Membership.Role.OWNER and not actor.is_platform_admin:
        raise PermissionDenied("forbidden", _("Only an owner can export the organisation's data."))
    objects = _organisation_objects(organisation)
    by_table: dict[str, list] = {}
    for obj in objects:
        by_table.setdefault(obj._meta.label_lower, []).append(obj)
    files = _stored_files(objects)
    members = User.objects.filter(memberships__organisation=organisation).distinct()
    by_table["accounts.user"] = list(members)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for label, rows in sorted(by_table.items()):
            fields = None
            if label == "accounts.user":
                fields = ["email", "full_name", "preferred_language", "date_joined", "email_verified_at"]
            archive.writestr(f"{label}.json", serializers.serialize("json", rows, indent=1, fields=fields))
        for name in sorted(files):
            if default_storage.exists(name):
                with default_storage.open(name, "rb") as handle:
                    archive.writestr(f"media/{name}", handle.read())
    audit_record(actor=actor, action="organisation.export", organisation=organisation,
                 detail={"tables": {k: len(v) for k, v in by_table.items()}, "files": len(files)})
    return buffer.getvalue()


def organisation_delete(*, actor: User, organisation: Organisation, confirm_slug: str) -> dict:
    """Delete the organisation, everything that belongs to it and its media files; members who belong to no other
    organisation are deleted too. The owner must type the slug to confirm. Audited (the audit row survives)."""
    from django.core.files.storage import default_storage

    from tijara.accounts.selectors import role_in

    if role_in(user=actor, organisation=organisation) != Membership.Role.OWNER and not actor.is_platform_admin:
        raise PermissionDenied("forbidden", _("Only an owner can delete the organisation."))
    if confirm_slug != organisation.slug:
        raise TijaraError("confirm", _("Type the organisation's identifier exactly to confirm the deletion."),
                          field="confirm_slug")
    files = _stored_files(_organisation_objects(organisation))
    member_ids = list(Membership.objects.filter(organisation=organisation).values_list("user_id", flat=True))
    name, slug = organisation.public_name, organisation.slug
    with transaction.atomic():
        audit_record(actor=None if actor.pk in member_ids else actor, action="organisation.delete",
                     detail={"organisation": name, "slug": slug, "by": actor.email, "files": len(files)})
        organisation.delete()
        orphans = User.objects.filter(pk__in=member_ids, memberships__isnull=True, is_staff=False)
        deleted_users = orphans.count()
        orphans.delete()

        def remove_files():
            for name_ in files:
                try:
                    default_storage.delete(name_)
                except OSError:
                    pass

        transaction.on_commit(remove_files)
    return {"organisation": slug, "files": len(files), "users_deleted": deleted_users}

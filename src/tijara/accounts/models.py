"""Users, organisations, memberships, API tokens, login throttling and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tijara.core.crafts import CRAFT_CODES, REGION_CODES
from tijara.core.models import TimeStampedModel


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True, staff_role=User.StaffRole.ADMIN)
        extra.setdefault("email_verified_at", timezone.now())
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an email address; staff are advisors or admins."""

    class StaffRole(models.TextChoices):
        NONE = "", _("none")
        ADVISOR = "advisor", _("advisor")
        ADMIN = "admin", _("admin")

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=8, choices=settings.LANGUAGES, default="fr")
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("staff status"), default=False)
    staff_role = models.CharField(_("staff role"), max_length=16, choices=StaffRole.choices, blank=True, default="")
    advisor_region = models.CharField(_("advisor's region"), max_length=40, blank=True)
    email_verified_at = models.DateTimeField(_("email verified at"), null=True, blank=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_advisor(self) -> bool:
        return self.staff_role == self.StaffRole.ADVISOR

    @property
    def is_platform_admin(self) -> bool:
        return self.is_superuser or self.staff_role == self.StaffRole.ADMIN


class Organisation(TimeStampedModel):
    """An artisan (individual), cooperative, company or buyer: the owner of all private data."""

    class Kind(models.TextChoices):
        ARTISAN = "artisan", _("artisan")
        COOPERATIVE = "cooperative", _("cooperative")
        COMPANY = "company", _("company")
        BUYER = "buyer", _("buyer")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    legal_name = models.CharField(_("legal name"), max_length=200)
    public_name = models.CharField(_("public name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    country = models.CharField(_("country (ISO 3166 alpha-3)"), max_length=3, default="MAR")
    region = models.CharField(_("region"), max_length=40, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    crafts = models.JSONField(_("crafts practised"), default=list, blank=True)
    story = models.TextField(_("story"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    ice = models.CharField(_("ICE (Identifiant Commun de l'Entreprise)"), max_length=15, blank=True)
    rc_number = models.CharField(_("RC number"), max_length=32, blank=True)
    artisan_card_number = models.CharField(_("artisan card number (RNA)"), max_length=32, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("verified by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        ordering = ["public_name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.public_name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_seller(self) -> bool:
        return self.kind != self.Kind.BUYER

    def clean(self) -> None:
        from tijara.accounts.validators import validate_artisan_card, validate_ice, validate_rc
        from tijara.core.unicode import strip_bidi_controls

        for field in ("public_name", "legal_name", "city", "story"):
            setattr(self, field, strip_bidi_controls(getattr(self, field)))
        errors = {}
        if self.region and self.region not in REGION_CODES:
            errors["region"] = _("Unknown region.")
        unknown = [c for c in self.crafts if c not in CRAFT_CODES]
        if unknown:
            errors["crafts"] = _("Unknown craft: {crafts}.").format(crafts=", ".join(unknown))
        for field, check in (("ice", validate_ice), ("rc_number", validate_rc), ("artisan_card_number", validate_artisan_card)):
            value = getattr(self, field)
            if value:
                try:
                    check(value)
                except ValidationError as exc:
                    errors[field] = exc.messages
        if errors:
            raise ValidationError(errors)


class Membership(TimeStampedModel):
    """A user's role in one organisation."""

    class Role(models.TextChoices):
        OWNER = "owner", _("owner")
        MANAGER = "manager", _("manager")
        MEMBER = "member", _("member")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["organisation__public_name", "user__email"]
        constraints = [models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"

    @property
    def can_manage(self) -> bool:
        return self.role in (self.Role.OWNER, self.Role.MANAGER)


class TeamInvitation(TimeStampedModel):
    """An invitation to join an organisation's team, e-mailed as a signed 7-day link that names this row.

    Owners and managers see the pending ones, withdraw or resend them; accepting the link checks the row is still
    pending. At most one pending invitation per address and organisation: inviting the address again updates it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        ACCEPTED = "accepted", _("accepted")
        WITHDRAWN = "withdrawn", _("withdrawn")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=16, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    sent_at = models.DateTimeField(_("sent at"))
    expires_at = models.DateTimeField(_("expires at"))
    settled_at = models.DateTimeField(_("accepted or withdrawn at"), null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "email"], condition=models.Q(status="pending"),
                                               name="unique_pending_invitation")]

    def __str__(self) -> str:
        return f"{self.email} @ {self.organisation} ({self.role}, {self.status})"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()


class ApiToken(TimeStampedModel):
    """A personal API token with scopes and an expiry; only its SHA-256 hash is stored."""

    class Scope(models.TextChoices):
        READ = "read", _("read")
        CATALOG_WRITE = "catalog:write", _("catalog write")
        ADMIN = "admin", _("admin (every write)")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(_("scopes"), default=list, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired


class LoginFailure(models.Model):
    """One failed login attempt, for throttling (kept in the DB so every app server sees it)."""

    email = models.CharField(max_length=254, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} {self.created_at:%Y-%m-%d %H:%M}"


class LoginThrottle(models.Model):
    """Login attempts counted per (account, client) and per client in a window; one row each, updated atomically.

    A slot is taken *before* the password is checked, so parallel attempts cannot get more checks than the limit.
    `email` is blank for the per-client row.
    """

    email = models.CharField(max_length=254, blank=True)
    client = models.CharField(max_length=64)
    attempts = models.PositiveIntegerField(default=0)
    window_started_at = models.DateTimeField()

    class Meta:
        ordering = ["-window_started_at"]
        constraints = [models.UniqueConstraint(fields=["email", "client"], name="unique_login_throttle")]

    def __str__(self) -> str:
        return f"{self.email or '*'} from {self.client}: {self.attempts}"


class AuditEvent(models.Model):
    """A sensitive action (role change, verification, export, deletion), visible to admins."""

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=64, db_index=True)
    detail = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from tijara.accounts.models import ApiToken, AuditEvent, Membership, Organisation, TeamInvitation, User
from tijara.core.admin import ReadOnlyAdmin


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "staff_role", "advisor_region", "is_active", "email_verified_at"]
    list_filter = ["staff_role", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name", "preferred_language"]}),
        ("Staff", {"fields": ["staff_role", "advisor_region", "is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["email_verified_at", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["public_name", "kind", "region", "city", "verified_at", "is_demo"]
    list_filter = ["kind", "region", "is_demo"]
    search_fields = ["public_name", "legal_name", "slug", "ice"]
    inlines = [MembershipInline]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "organisation"]
    list_filter = ["action"]
    readonly_fields = ["created_at", "action", "actor", "organisation", "detail", "ip"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "key_hash"]


@admin.register(TeamInvitation)
class TeamInvitationAdmin(ReadOnlyAdmin):
    """Team invitations, to read: who invited whom to which organisation, in which role, and where each stands.

    Read-only: an invitation is made, resent and withdrawn from the Team page (each audited, its e-mail sent); its
    link is a signed token computed when it is e-mailed, never stored, so nothing here can show or change it.
    """

    list_display = ["email", "organisation", "role", "status", "expired", "invited_by", "sent_at", "expires_at",
                    "settled_at"]
    list_filter = ["status", "role", "sent_at"]
    search_fields = ["email", "organisation__public_name", "organisation__slug", "invited_by__email"]
    list_select_related = ["organisation", "invited_by"]
    date_hierarchy = "sent_at"
    readonly_fields = ["organisation", "email", "role", "status", "invited_by", "sent_at", "expires_at",
                       "settled_at", "created_at", "updated_at"]
    fields = readonly_fields

    @admin.display(boolean=True, description=_("expired"))
    def expired(self, obj: TeamInvitation) -> bool:
        return obj.status == TeamInvitation.Status.PENDING and obj.is_expired

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from tijara.accounts.models import ApiToken, AuditEvent, Membership, Organisation, User


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

"""Django admin for knowledge: facts and procedures are a read-only reference pack; revisions and ticks are viewable."""

from django.contrib import admin

from tijara.core.admin import ReadOnlyAdmin
from tijara.knowledge import models


@admin.register(models.Fact)
class FactAdmin(ReadOnlyAdmin):
    list_display = ["fact_id", "topic", "title_en", "mark", "confidence", "last_checked"]
    list_filter = ["topic", "mark", "confidence"]
    search_fields = ["fact_id", "title_en", "title_fr", "title_ar", "source", "legal_reference"]


class ProcedureStepInline(admin.TabularInline):
    model = models.ProcedureStep
    fields = ["position", "key", "fact_ids"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(models.Procedure)
class ProcedureAdmin(ReadOnlyAdmin):
    list_display = ["code", "market", "title_en", "position"]
    list_filter = ["market"]
    search_fields = ["code", "title_en", "title_fr", "title_ar"]
    inlines = [ProcedureStepInline]


@admin.register(models.RequirementLine)
class RequirementLineAdmin(ReadOnlyAdmin):
    list_display = ["family", "market", "aspect", "position", "fact"]
    list_filter = ["market", "aspect", "family"]
    search_fields = ["family", "market", "fact__fact_id"]


@admin.register(models.FactRevision)
class FactRevisionAdmin(admin.ModelAdmin):
    list_display = ["fact", "status", "proposed_by", "reviewed_by", "reviewed_at", "created_at"]
    list_filter = ["status"]
    search_fields = ["fact__fact_id", "note", "proposed_by__email"]
    raw_id_fields = ["fact", "proposed_by", "reviewed_by"]


@admin.register(models.ChecklistTick)
class ChecklistTickAdmin(admin.ModelAdmin):
    list_display = ["organisation", "subject", "market", "item_key", "ticked_by", "created_at"]
    list_filter = ["market"]
    search_fields = ["organisation__public_name", "subject", "item_key"]
    raw_id_fields = ["organisation", "ticked_by"]

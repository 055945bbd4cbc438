from django.contrib import admin

from tijara.plans.models import ExportPlan


@admin.register(ExportPlan)
class ExportPlanAdmin(admin.ModelAdmin):
    list_display = ["pk", "organisation", "market", "language", "computed_at"]
    list_filter = ["market", "language"]
    raw_id_fields = ["organisation", "product", "created_by"]

"""Django admin for the master catalog: products with their variants, texts and photos; import jobs."""

from django.contrib import admin

from tijara.catalog import models


class VariantInline(admin.TabularInline):
    model = models.Variant
    fields = ["sku", "size", "colour", "price_mad", "stock", "gtin", "position"]
    extra = 0


class ProductTextInline(admin.StackedInline):
    model = models.ProductText
    fields = ["language_code", "title", "description", "origin", "reviewed_by"]
    raw_id_fields = ["reviewed_by"]
    extra = 0


class PhotoInline(admin.TabularInline):
    model = models.Photo
    fields = ["position", "width", "height", "format", "size_bytes"]
    readonly_fields = ["width", "height", "format", "size_bytes"]
    extra = 0


@admin.register(models.CraftFamily)
class CraftFamilyAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_fr", "name_ar", "position", "is_builtin", "is_active"]
    list_filter = ["is_builtin", "is_active"]
    search_fields = ["code", "name_en", "name_fr", "name_ar"]


@admin.register(models.Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["sku", "organisation", "craft_family", "region", "hs_code", "updated_at"]
    list_filter = ["craft_family", "region"]
    search_fields = ["sku", "organisation__public_name", "texts__title", "hs_code"]
    raw_id_fields = ["organisation"]
    list_select_related = ["organisation", "craft_family"]
    inlines = [ProductTextInline, VariantInline, PhotoInline]


@admin.register(models.HSCodeChange)
class HSCodeChangeAdmin(admin.ModelAdmin):
    list_display = ["product", "from_code", "to_code", "source", "confidence", "changed_by", "changed_at"]
    list_filter = ["source"]
    search_fields = ["product__sku", "from_code", "to_code"]
    raw_id_fields = ["product", "changed_by"]


@admin.register(models.ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["filename", "organisation", "status", "progress_done", "progress_total", "created_at"]
    list_filter = ["status"]
    search_fields = ["filename", "organisation__public_name"]
    exclude = ["sheet", "photos_zip"]
    readonly_fields = ["token", "report", "error"]
    raw_id_fields = ["organisation", "created_by"]

"""Django admin for the markets reference packs: searchable and filterable, read-only (packs are reloaded by a command)."""

from django.contrib import admin

from tijara.core.admin import ReadOnlyAdmin
from tijara.markets import models


class ReferencePackAdmin(ReadOnlyAdmin):
    """Reference data comes from the shipped packs (`tijara load_reference_data`): view it, never edit it here."""

    list_per_page = 50
    show_full_result_count = False  # COUNT(*) over the trade-flow tables is slow


@admin.register(models.ReferencePack)
class PackAdmin(ReferencePackAdmin):
    list_display = ["name", "rows", "generation", "as_of", "loaded_at", "imported"]
    list_filter = ["imported"]
    search_fields = ["name", "source"]


@admin.register(models.HsSection)
class HsSectionAdmin(ReferencePackAdmin):
    list_display = ["numeral", "name_en", "as_of"]
    search_fields = ["numeral", "name_en"]


@admin.register(models.HsCode)
class HsCodeAdmin(ReferencePackAdmin):
    list_display = ["code", "level", "edition", "description_en", "description_fr"]
    list_filter = ["edition", "level", "section"]
    search_fields = ["code", "description_en", "description_fr", "keywords"]


@admin.register(models.CnLine)
class CnLineAdmin(ReferencePackAdmin):
    list_display = ["cn8", "hs6", "description_en", "supplementary_unit"]
    search_fields = ["cn8", "hs6", "description_en", "description_fr"]


@admin.register(models.Country)
class CountryAdmin(ReferencePackAdmin):
    list_display = ["iso3", "iso2", "name_en", "name_fr", "name_ar", "continent", "currency_code"]
    list_filter = ["continent", "region"]
    search_fields = ["iso3", "iso2", "name_en", "name_fr", "name_ar"]


@admin.register(models.Distance)
class DistanceAdmin(ReferencePackAdmin):
    list_display = ["origin", "destination", "dist_km", "contig", "comlang_off"]
    search_fields = ["origin", "destination"]


@admin.register(models.GravityObservation)
class GravityObservationAdmin(ReferencePackAdmin):
    list_display = ["exporter", "importer", "year", "trade", "dist_km"]
    list_filter = ["year"]
    search_fields = ["exporter", "importer"]


@admin.register(models.Agreement)
class AgreementAdmin(ReferencePackAdmin):
    list_display = ["code", "name", "status", "in_force_on", "confidence"]
    list_filter = ["status", "confidence"]
    search_fields = ["code", "name"]


@admin.register(models.AgreementPartner)
class AgreementPartnerAdmin(ReferencePackAdmin):
    list_display = ["agreement_code", "iso3"]
    list_filter = ["agreement_code"]
    search_fields = ["agreement_code", "iso3"]


@admin.register(models.TariffLine)
class TariffLineAdmin(ReferencePackAdmin):
    list_display = ["market", "schedule", "display_code", "mfn_rate", "pref_rate", "pref_regime", "valid_from"]
    list_filter = ["schedule", "market", "hs_edition"]
    search_fields = ["code", "hs6", "display_code", "description"]


@admin.register(models.Preference)
class PreferenceAdmin(ReferencePackAdmin):
    list_display = ["agreement_code", "market", "chapters", "rate_ad_valorem", "valid_from", "valid_to", "confidence"]
    list_filter = ["market", "confidence"]
    search_fields = ["agreement_code", "market", "chapters"]


@admin.register(models.AdditionalDuty)
class AdditionalDutyAdmin(ReferencePackAdmin):
    list_display = ["code", "market", "kind", "name", "rate_ad_valorem", "start", "end"]
    list_filter = ["market", "kind"]
    search_fields = ["code", "name", "legal_basis"]


@admin.register(models.WorldImport)
class WorldImportAdmin(ReferencePackAdmin):
    list_display = ["hs_code", "importer_name", "year", "value_usd"]
    list_filter = ["year"]
    search_fields = ["hs_code", "importer_iso3", "importer_name"]


@admin.register(models.MoroccoExport)
class MoroccoExportAdmin(ReferencePackAdmin):
    list_display = ["hs_code", "partner_name", "year", "value_usd"]
    list_filter = ["year"]
    search_fields = ["hs_code", "partner_iso3", "partner_name"]


@admin.register(models.HandicraftExport)
class HandicraftExportAdmin(ReferencePackAdmin):
    list_display = ["dimension", "key", "period_start", "period_end", "value_mad", "share_pct"]
    list_filter = ["dimension"]
    search_fields = ["key"]


@admin.register(models.MarketSizeEstimate)
class MarketSizeEstimateAdmin(ReferencePackAdmin):
    list_display = ["market", "geography", "base_year", "value", "currency", "cagr_pct"]
    search_fields = ["market", "geography"]


@admin.register(models.TradeFlow)
class TradeFlowAdmin(ReferencePackAdmin):
    list_display = ["dataset", "year", "exporter", "importer", "hs6", "value_kusd"]
    list_filter = ["dataset", "year"]
    search_fields = ["hs6", "exporter", "importer"]

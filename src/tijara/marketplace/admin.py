"""Django admin for the marketplace: inquiries with their lines, messages and quotes; abuse reports to moderate."""

from django.contrib import admin

from tijara.marketplace import models


class InquiryLineInline(admin.TabularInline):
    model = models.InquiryLine
    fields = ["sku", "title", "quantity", "target_unit_price"]
    raw_id_fields = ["product"]
    extra = 0


class MessageInline(admin.TabularInline):
    model = models.Message
    fields = ["author", "from_maker", "body", "created_at"]
    readonly_fields = ["created_at"]
    raw_id_fields = ["author"]
    extra = 0


@admin.register(models.Inquiry)
class InquiryAdmin(admin.ModelAdmin):
    list_display = ["pk", "maker", "buyer", "destination_country", "status", "created_at", "first_response_at"]
    list_filter = ["status", "destination_country", "incoterm"]
    search_fields = ["maker__public_name", "buyer__email", "message"]
    raw_id_fields = ["buyer", "buyer_organisation", "maker", "hidden_by"]
    list_select_related = ["maker", "buyer"]
    date_hierarchy = "created_at"
    inlines = [InquiryLineInline, MessageInline]


class QuoteLineInline(admin.TabularInline):
    model = models.QuoteLine
    fields = ["product", "description", "quantity", "unit_price_mad", "unit_price", "line_total"]
    raw_id_fields = ["product"]
    extra = 0


@admin.register(models.Quote)
class QuoteAdmin(admin.ModelAdmin):
    list_display = ["pk", "inquiry", "currency", "incoterm", "total", "valid_until", "created_at"]
    list_filter = ["currency", "incoterm"]
    search_fields = ["inquiry__maker__public_name", "note"]
    raw_id_fields = ["inquiry", "created_by"]
    inlines = [QuoteLineInline]


@admin.register(models.AbuseReport)
class AbuseReportAdmin(admin.ModelAdmin):
    list_display = ["pk", "inquiry", "reporter", "outcome", "created_at", "resolved_at"]
    list_filter = ["outcome"]
    search_fields = ["reason", "reporter__email"]
    raw_id_fields = ["inquiry", "reporter", "resolved_by"]


@admin.register(models.ProductView)
class ProductViewAdmin(admin.ModelAdmin):
    list_display = ["product", "organisation", "day", "country", "views"]
    list_filter = ["country"]
    date_hierarchy = "day"
    raw_id_fields = ["product", "organisation"]


@admin.register(models.GuestInquiry)
class GuestInquiryAdmin(admin.ModelAdmin):
    """Guests' quote requests, pending (never shown to makers) or confirmed (then linked to their inquiry)."""

    list_display = ["pk", "maker", "email", "destination_country", "created_at", "confirmed_at", "inquiry"]
    list_filter = ["destination_country"]
    search_fields = ["email", "name", "maker__public_name"]
    raw_id_fields = ["maker", "inquiry"]
    readonly_fields = ["ip", "confirmed_at", "lines"]

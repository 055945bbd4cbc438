"""Sales-channel fees as dated data, resolved for one sale (pure, no ORM)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tijara.core.errors import TijaraError
from tijara.pricing.destination import Fact

# The facts the notes below rest on, as ../shared/knowledge/pricing-facts.md states them (section 4); a note names
# the source, its date and the tier in words (Fact.chip). Facts with no source found (PRC-FEE-07, 11/12, 16) are
# not cited in the text.
FACTS = {
    "ETSY_PAYMENTS_MA": Fact("PRC-FEE-04", "help.etsy.com article 115015710408 (Russian-language copy)", "", "S"),
    "AMAZON_PRO_WAIVED": Fact("PRC-FEE-09/10", "sellercentral.amazon.es help 201814220; medium.com copy of "
                              "Amazon's fee schedule", "", "V/S"),
    "SHOPIFY_PLANS": Fact("PRC-FEE-13", "api-evangelist/shopify plans file (shopify.com/pricing)", "2026-08-27",
                          "S"),
    "GOOGLE_FREE": Fact("PRC-FEE-17", "Google free listings playbook (scribd copy)", "2021-05", "S"),
    "META_SHOPS": Fact("PRC-FEE-18", "jonloomer.com; aapkadost.in", "2023", "S"),
}

# Channel slugs → name used in marketplace_fees.csv.
CHANNEL_NAMES = {
    "etsy": "Etsy",
    "amazon-handmade": "Amazon Handmade",
    "ebay": "eBay",
    "shopify": "Shopify",
    "google": "Google Merchant Center",
    "meta": "Meta (Facebook/Instagram Shops)",
    "direct": "",
}
CHANNEL_LABELS = {
    "etsy": "Etsy",
    "amazon-handmade": "Amazon Handmade",
    "ebay": "eBay",
    "shopify": "Shopify",
    "google": gettext_lazy("Google (free listings)"),
    "meta": "Meta Shops",
    "direct": gettext_lazy("Direct sale"),
}
SHOPIFY_PLANS = ("basic", "grow", "advanced")


@dataclass(frozen=True)
class FeeRow:
    """A fee as published (one row of the channel fee schedule)."""

    channel: str
    fee_name: str
    amount: Decimal
    unit: str  # pct | fixed
    currency: str
    minimum: Decimal | None
    maximum: Decimal | None
    source_url: str
    as_of: str
    confidence: str
    note: str = ""


@dataclass(frozen=True)
class FeeRule:
    """A fee applied to a sale: a percentage of the order total (with min/max) and/or a fixed amount."""

    label: str
    pct: Decimal
    fixed: Decimal
    currency: str  # currency of fixed/min/max ("" when only a percentage)
    minimum: Decimal | None
    maximum: Decimal | None
    source: str
    as_of: str


@dataclass
class ChannelPlan:
    """The fees and tax role of a channel for one market."""

    code: str
    label: str
    marketplace: bool
    rules: list[FeeRule] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _rule(row: FeeRow, label: str | None = None) -> FeeRule:
    source = f"{row.source_url} ({row.confidence})"
    if row.unit == "pct":
        return FeeRule(label or row.fee_name, row.amount, Decimal(0), row.currency, row.minimum, row.maximum,
                       source, row.as_of)
    return FeeRule(label or row.fee_name, Decimal(0), row.amount, row.currency, None, None, source, row.as_of)


def channel_plan(code: str, *, market: str, retail_currency: str, rows: dict[tuple[str, str], FeeRow],
                 shopify_plan: str = "basic", offsite_ads: bool = False) -> ChannelPlan:
    """Which fees a Morocco-based seller pays on `code` for a sale to `market`, and what is not known."""
    code = (code or "").strip().lower().replace("_", "-")
    if code not in CHANNEL_NAMES:
        raise TijaraError("unknown_channel", _("Unknown channel “%(code)s”; known channels: %(codes)s.")
                          % {"code": code, "codes": ", ".join(CHANNEL_NAMES)}, field="channel")

    def row(name: str) -> FeeRow:
        try:
            return rows[(code, name)]
        except KeyError:
            raise TijaraError("fee_missing", _("The fee “%(fee)s” of %(channel)s is missing from the loaded data; "
                                               "run “tijara load_reference_data”.") % {"fee": name, "channel": code},
                              status=500) from None

    plan = ChannelPlan(code, CHANNEL_LABELS[code], marketplace=code in ("etsy", "amazon-handmade", "ebay"))
    if code == "etsy":
        plan.rules.append(_rule(row("transaction fee"), _("Etsy transaction fee 6.5% of the order total")))
        plan.rules.append(_rule(row("listing fee"), _("Etsy listing fee (one per listing sold)")))
        if retail_currency != "MAD":
            plan.rules.append(_rule(row("currency conversion fee"),
                                    _("Etsy currency conversion fee (listing currency differs from your MAD account)")))
        if offsite_ads:
            plan.rules.append(_rule(row("Offsite Ads fee (shops < USD 10,000 sales in last 12 months)"),
                                    _("Etsy Offsite Ads fee (when the order comes from an ad)")))
        plan.unknown.append(_("Etsy Payments processing fee for Morocco-based sellers: not found (%(cite)s).")
                            % {"cite": FACTS["ETSY_PAYMENTS_MA"].chip()})
        plan.notes.append(_("Whether Etsy's Regulatory Operating Fee applies to Moroccan sellers is unverified."))
    elif code == "amazon-handmade":
        if market == "USA":
            plan.rules.append(_rule(row("referral fee (amazon.com, all Handmade categories)"),
                                    _("Amazon Handmade referral fee 15% (min USD 1.00 per item)")))
        elif market == "ESP":
            plan.rules.append(_rule(row("referral fee (amazon.es, all Handmade categories)"),
                                    _("Amazon Handmade referral fee 12.36% (min EUR 0.30 per item)")))
        else:
            plan.unknown.append(_("Amazon Handmade referral fee for the %(market)s store: not in the data (only "
                                  "amazon.com and amazon.es were found).") % {"market": market})
        plan.notes.append(_("The Professional plan fee (USD 39.99/month) is waived while you are an approved "
                            "Handmade artisan (%(cite)s).") % {"cite": FACTS["AMAZON_PRO_WAIVED"].chip()})
    elif code == "ebay":
        plan.unknown.append(_("eBay fees for sellers registered in Morocco (“eBay global” pages) were not found; "
                              "the US-seller rates do not apply."))
    elif code == "shopify":
        tier = (shopify_plan or "basic").lower()
        if tier not in SHOPIFY_PLANS:
            raise TijaraError("invalid_plan", _("Unknown Shopify plan “%(plan)s”: basic, grow or advanced.")
                              % {"plan": shopify_plan}, field="shopify_plan")
        plan.rules.append(_rule(row(f"third-party transaction fee, {tier.capitalize()}"),
                                _("Shopify third-party transaction fee (%(plan)s plan; Shopify Payments is not "
                                  "offered in Morocco)") % {"plan": tier.capitalize()}))
        plan.unknown.append(_("Your payment gateway's own fee (e.g. PayPal for Morocco-resident accounts): not found."))
        plan.notes.append(_("The Shopify plan subscription is a monthly cost, not included per item (%(cite)s).")
                          % {"cite": FACTS["SHOPIFY_PLANS"].chip()})
    elif code == "google":
        plan.notes.append(_("Google free listings cost nothing (%(cite)s); the sale happens on your own shop, whose "
                            "payment fees are not in the data.") % {"cite": FACTS["GOOGLE_FREE"].chip()})
    elif code == "meta":
        raise TijaraError("channel_unavailable",
                          _("Meta Shops is not available to Morocco-based businesses since 2023-08-10 "
                            "(%(cite)s): choose another channel.") % {"cite": FACTS["META_SHOPS"].chip()}, field="channel")
    elif code == "direct":
        plan.notes.append(_("Direct sale: no channel fee; your bank's fees for receiving a foreign payment are not "
                            "in the data."))
    return plan

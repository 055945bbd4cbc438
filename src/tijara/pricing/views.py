"""Calculator page (htmx: the result updates as you type; printable)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from tijara.accounts.selectors import can_write, current_organisation, organisation_for
from tijara.core.errors import NotFound, TijaraError
from tijara.pricing import selectors, services
from tijara.pricing.forms import CalculatorForm, PricingRuleForm

FIELDS = ("hs", "market", "exw", "currency", "weight_kg", "dims_cm", "packaging", "freight", "rate_card", "zone",
          "service", "insurance", "incoterm", "channel", "ship_date", "origin_proof", "region", "tax_inclusive")


def _calculate(data: dict, organisation=None):
    """Run the service for the submitted form data (with the user's organisation's pricing rules)."""
    args = {name: (data.get(name) or None) for name in FIELDS}
    args["organisation"] = organisation
    args["origin_proof"] = data.get("origin_proof") or "yes"
    args["currency"] = args["currency"] or "MAD"
    args["incoterm"] = args["incoterm"] or "DAP"
    args["channel"] = args["channel"] or "direct"
    try:
        if data.get("mode") == "reverse":
            if not data.get("retail_price"):
                raise TijaraError("invalid_price", _("Enter the retail price abroad."), field="retail_price")
            result = services.price_reverse(retail_price=data.get("retail_price"), **args)
        else:
            result = services.price_calculate(markup_pct=data.get("markup_pct") or None,
                                              rounding=data.get("rounding") or None, **args)
    except TijaraError as exc:
        return None, exc
    return result, None


def _product_initial(request, organisation) -> dict:
    """`?product=<id>` (a product of the current organisation): its code, price, weight and size, never retyped."""
    pk = request.GET.get("product", "")
    if not pk.isdigit() or organisation is None:
        return {}
    from tijara.catalog.models import Product

    product = Product.objects.filter(pk=int(pk), organisation=organisation).first()
    if product is None:
        return {}
    variant = product.variants.order_by("position", "pk").first()
    data = {"hs": "".join(ch for ch in product.hs_code if ch.isdigit())[:6], "currency": "MAD", "mode": "forward",
            "market": "USA", "channel": "etsy", "origin_proof": "yes", "incoterm": "DAP"}
    if variant and variant.price_mad:
        data["exw"] = str(variant.price_mad)
    weight = product.packed_weight_kg or product.weight_kg
    if weight:
        data["weight_kg"] = str(weight)
    if product.packed_length_cm and product.packed_width_cm and product.packed_height_cm:
        data["dims_cm"] = f"{product.packed_length_cm}x{product.packed_width_cm}x{product.packed_height_cm}"
    return data


def calculator(request):
    """The landed-cost and retail-price calculator; an htmx request gets only the result partial."""
    organisation = current_organisation(request)
    submitted = any(name in request.GET for name in CalculatorForm.base_fields)
    initial = _product_initial(request, organisation)
    if initial:  # the product's figures, then whatever the page sent on top
        submitted = True
        initial |= {k: v for k, v in request.GET.dict().items() if k in CalculatorForm.base_fields and v}
    form = CalculatorForm((initial or request.GET) if submitted else None, rate_cards=selectors.rate_cards())
    result = error = None
    if submitted and form.is_valid():
        result, error = _calculate(form.cleaned_data, organisation)
    elif not submitted:
        result, error = _calculate({k: f.initial for k, f in form.fields.items() if f.initial is not None},
                                   organisation)
    context = {"form": form, "result": result, "data": result.as_dict() if result else None, "error": error,
               "organisation": organisation}
    if request.htmx:
        return render(request, "pricing/partials/result.html", context)
    return render(request, "pricing/calculator.html", context)


def rates(request):
    """Stored exchange rates with date, type and source; rates older than the stale limit are flagged."""
    from tijara.pricing.models import ExchangeRate

    today = timezone.localdate()
    limit = settings.TIJARA_RATE_STALE_DAYS
    latest, earlier, seen = [], [], set()
    for r in ExchangeRate.objects.all():  # by currency, newest first: the first of each kind is the one in use
        row = {"rate": r, "age": (today - r.on).days, "stale": (today - r.on).days > limit}
        (earlier if (r.currency, r.rate_type) in seen else latest).append(row)
        seen.add((r.currency, r.rate_type))
    return render(request, "pricing/rates.html", {"rows": latest, "earlier": earlier, "limit": limit,
                                                  "cards": selectors.rate_cards(), "fees": selectors.channel_fees()})


@login_required
def rules(request, slug: str):
    """An organisation's pricing rules per channel and market; members who may write can add or change them."""
    try:
        organisation = organisation_for(user=request.user, slug=slug)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    writable = can_write(user=request.user, organisation=organisation)
    form = PricingRuleForm(request.POST or None)
    if request.method == "POST":
        if not writable:
            return render(request, "accounts/forbidden.html", status=403)
        if form.is_valid():
            try:
                services.pricing_rule_set(organisation=organisation, **form.cleaned_data)
            except TijaraError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, _("Pricing rule saved."))
                return redirect("pricing:rules", slug=organisation.slug)
    return render(request, "pricing/rules.html", {"organisation": organisation, "form": form, "writable": writable,
                                                  "rules": selectors.pricing_rules_of(organisation=organisation)})

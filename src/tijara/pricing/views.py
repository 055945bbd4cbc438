"""Calculator page (htmx: the result updates as you type; printable)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError
from tijara.pricing import selectors, services
from tijara.pricing.forms import CalculatorForm

FIELDS = ("hs", "market", "exw", "currency", "weight_kg", "dims_cm", "packaging", "freight", "rate_card", "zone",
          "service", "insurance", "incoterm", "channel", "ship_date", "origin_proof", "region")


def _calculate(data: dict):
    """Run the service for the submitted form data; returns (result dict, error)."""
    args = {name: (data.get(name) or None) for name in FIELDS}
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


def calculator(request):
    """The landed-cost and retail-price calculator; an htmx request gets only the result partial."""
    submitted = any(name in request.GET for name in CalculatorForm.base_fields)
    form = CalculatorForm(request.GET if submitted else None, rate_cards=selectors.rate_cards())
    result = error = None
    if submitted and form.is_valid():
        result, error = _calculate(form.cleaned_data)
    elif not submitted:
        result, error = _calculate({k: f.initial for k, f in form.fields.items() if f.initial is not None})
    context = {"form": form, "result": result, "data": result.as_dict() if result else None, "error": error}
    if request.htmx:
        return render(request, "pricing/partials/result.html", context)
    return render(request, "pricing/calculator.html", context)

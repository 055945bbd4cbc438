"""The shipment form: products and quantities, buyer, market, Incoterm, ship date, parcels."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tijara.core.errors import TijaraError
from tijara.core.widgets import LanguageSelect

INCOTERMS = ["EXW", "FCA", "FAS", "FOB", "CFR", "CIF", "CPT", "CIP", "DAP", "DPU", "DDP"]
LANGUAGE_CHOICES = [("ar", "العربية"), ("fr", "Français"), ("en", "English")]


def _countries():
    """Every destination but Morocco, named in the page's language and sorted as a reader expects."""
    from tijara.core.l10n import country_choices

    return [("", "—"), *country_choices(alpha=3, destinations=True)]


class ShipmentForm(forms.Form):
    products = forms.CharField(
        label=_("Products and quantities"), widget=forms.Textarea(attrs={"rows": 4, "dir": "ltr"}),
        help_text=_("One product per line: its reference, a colon and the quantity, for example ABC-01:2. "
                    "For an agreed unit value, add it after another colon: ABC-01:2:450."))
    market = forms.ChoiceField(label=_("Destination country"), choices=_countries)
    buyer_name = forms.CharField(label=_("Buyer's name"), max_length=200, required=False,
                                 widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "organization"}))
    buyer_address = forms.CharField(label=_("Buyer's full address"), required=False,
                                    widget=forms.Textarea(attrs={"rows": 2, "dir": "auto"}))
    buyer_language = forms.ChoiceField(label=_("Buyer's language"), required=False,
                                       choices=[("", _("From the country")), *LANGUAGE_CHOICES],
                                       widget=LanguageSelect)
    buyer_email = forms.EmailField(label=_("Buyer's email"), required=False,
                                   widget=forms.EmailInput(attrs={"dir": "ltr"}))
    incoterm = forms.ChoiceField(label=_("Incoterm (Incoterms® 2020)"), choices=[(c, c) for c in INCOTERMS],
                                 initial="DAP")
    place = forms.CharField(label=_("Incoterm place"), max_length=200, required=False,
                            help_text=_("For DAP, the buyer's city."), widget=forms.TextInput(attrs={"dir": "auto"}))
    ship_date = forms.DateField(label=_("Ship date"), widget=forms.DateInput(attrs={"type": "date"}))
    language = forms.ChoiceField(label=_("Your language for the documents"), choices=LANGUAGE_CHOICES,
                                 widget=LanguageSelect)
    freight = forms.DecimalField(label=_("Freight for the whole consignment (MAD)"), required=False, min_value=0,
                                 decimal_places=2,
                                 help_text=_("The carrier's quote. It is spread over the units by packed weight and "
                                             "included in the unit values as the Incoterm requires."))
    currency = forms.CharField(label=_("Invoice currency"), max_length=3, required=False,
                               help_text=_("Leave empty for the destination's currency."),
                               widget=forms.TextInput(attrs={"dir": "ltr"}))
    exporter_address = forms.CharField(label=_("Your full address"), max_length=300, required=False,
                                       help_text=_("Leave empty to use the city of your organisation profile."),
                                       widget=forms.TextInput(attrs={"dir": "auto"}))
    invoice_number = forms.CharField(label=_("Invoice number"), max_length=40, required=False,
                                     widget=forms.TextInput(attrs={"dir": "ltr"}))
    parcels = forms.CharField(
        label=_("Parcels"), required=False, widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr"}),
        help_text=_("Leave empty for one parcel per unit as packed in the catalog. Else one per line: "
                    "GROSS_KG; LxWxH; SKU:QTY SKU:QTY"))

    def clean_products(self):
        from tijara.documents.services import parse_products

        try:
            return parse_products(self.cleaned_data["products"])
        except TijaraError as exc:
            raise forms.ValidationError(exc.message) from None

    def clean_parcels(self):
        out = []
        for raw in (self.cleaned_data.get("parcels") or "").splitlines():
            if not raw.strip():
                continue
            parts = [p.strip() for p in raw.split(";")]
            if len(parts) != 3:
                raise forms.ValidationError(_("Write each parcel as GROSS_KG; LxWxH; SKU:QTY SKU:QTY."))
            contents = []
            for item in parts[2].split():
                sku, _sep, qty = item.partition(":")
                contents.append([sku, qty or "1"])
            out.append({"gross_kg": parts[0] or None, "dims_cm": parts[1] or None, "contents": contents})
        return out

    def service_fields(self) -> dict:
        d = self.cleaned_data
        return {
            "lines": d["products"], "market": d["market"], "incoterm": d["incoterm"], "place": d["place"],
            "ship_date": d["ship_date"], "language": d["language"], "currency": d["currency"],
            "parcels": d["parcels"], "invoice_number": d["invoice_number"], "exporter_address": d["exporter_address"],
            "freight": d["freight"],
            "buyer": {"name": d["buyer_name"], "address": d["buyer_address"], "country": d["market"],
                      "language": d["buyer_language"], "email": d["buyer_email"]},
        }


def initial_from(data: dict) -> dict:
    """Form initial values from shipment fields (a saved shipment or a quote's prefill)."""
    buyer = data.get("buyer") or {}
    lines = "\n".join(f"{line['sku']}:{line['quantity']}" + (f":{line['unit_value']}" if line.get("unit_value") else "")
                      for line in data.get("lines") or [])
    parcels = "\n".join(
        f"{p.get('gross_kg') or ''}; {'x'.join(p.get('dims_cm') or [])}; "
        + " ".join(f"{sku}:{qty}" for sku, qty in p.get("contents") or []) for p in data.get("parcels") or [])
    return {
        "products": lines, "market": data.get("market", ""), "incoterm": data.get("incoterm") or "DAP",
        "place": data.get("place", ""), "ship_date": data.get("ship_date"), "language": data.get("language"),
        "currency": data.get("currency", ""), "exporter_address": data.get("exporter_address", ""),
        "invoice_number": data.get("invoice_number", ""), "parcels": parcels, "freight": data.get("freight_mad"),
        "buyer_name": buyer.get("name", ""), "buyer_address": buyer.get("address", ""),
        "buyer_language": buyer.get("language", ""), "buyer_email": buyer.get("email", ""),
    }

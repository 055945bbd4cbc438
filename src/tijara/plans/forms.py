from django import forms
from django.utils.translation import gettext_lazy as _


class PlanForm(forms.Form):
    product = forms.ChoiceField(label=_("Product from your catalog"), required=False)
    text = forms.CharField(label=_("Or describe the product"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    hs = forms.CharField(label=_("HS code (if you know it: it wins over the suggestion)"), required=False, max_length=12)
    market = forms.CharField(label=_("Target market"), max_length=3, widget=forms.Select)
    channel = forms.ChoiceField(label=_("Sales channel"), required=False, choices=[
        ("direct", _("Direct sale")), ("etsy", "Etsy"), ("amazon_handmade", "Amazon Handmade"), ("shopify", "Shopify"),
        ("ebay", "eBay")])
    ship_date = forms.DateField(label=_("Ship date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    exw_mad = forms.DecimalField(label=_("Ex-works price (MAD)"), required=False, min_value=0)
    weight_kg = forms.DecimalField(label=_("Parcel weight (kg)"), required=False, min_value=0)
    dims_cm = forms.CharField(label=_("Parcel size (cm, LxWxH)"), required=False, max_length=40)
    freight = forms.DecimalField(label=_("Freight quote (MAD)"), required=False, min_value=0)

    def __init__(self, *args, products=(), **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils.translation import get_language

        from tijara.core.l10n import country_choices, isolate
        from tijara.plans.journey import product_title

        language = (get_language() or "en")[:2]
        self.fields["product"].choices = [("", "—")] + [(p.sku, f"{product_title(p, language)} ({isolate(p.sku)})")
                                                        for p in products]
        self.fields["market"].widget.choices = [("", "—")] + list(country_choices(alpha=3, destinations=True))

    def clean(self):
        data = super().clean()
        if not data.get("product") and not (data.get("text") or "").strip() and not data.get("hs"):
            raise forms.ValidationError(_("Pick a product or describe it."))
        return data


class ShareForm(forms.Form):
    advisor_email = forms.EmailField(label=_("Advisor's email"))


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))

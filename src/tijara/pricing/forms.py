"""Calculator form: parsing only; the numbers are checked by the services (one set of rules for every face)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tijara.core.l10n import isolate
from tijara.pricing.fees import CHANNEL_LABELS
from tijara.pricing.incoterms import incoterms


def _incoterm_choices():
    from tijara.core.l10n import incoterm_label

    return [(code, incoterm_label(code)) for code in incoterms()]


def _currency_choices():
    """The currencies the rates know, by name in the page's language (dirham first), never a typed code."""
    from tijara.core.l10n import currency_name
    from tijara.pricing.selectors import rate_book

    others = sorted(((code, currency_name(code)) for code in rate_book().currencies() if code != "MAD"),
                    key=lambda pair: pair[1])
    return [("MAD", currency_name("MAD")), *others]


class CalculatorForm(forms.Form):
    """What the calculator page asks; every field is text so the services can name any problem precisely."""

    mode = forms.ChoiceField(label=_("Calculation"), choices=[("forward", _("From my ex-works price")),
                                                              ("reverse", _("From a retail price abroad"))],
                             initial="forward", required=False)
    hs = forms.CharField(label=_("HS code"), required=False, initial="570110",
                         help_text=_("6, 8 or 10 digits, e.g. 570110 for a hand-knotted wool rug."))
    market = forms.CharField(label=_("Destination country"), initial="USA", max_length=3, widget=forms.Select)
    exw = forms.CharField(label=_("Ex-works price"), required=False, initial="2500")
    currency = forms.CharField(label=_("Currency of your amounts"), initial="MAD", max_length=3, widget=forms.Select)
    retail_price = forms.CharField(label=_("Retail price abroad (reverse)"), required=False)
    weight_kg = forms.CharField(label=_("Packed weight (kg)"), initial="9")
    dims_cm = forms.CharField(label=_("Packed dimensions L×W×H (cm)"), required=False, initial="200x150x5")
    packaging = forms.CharField(label=_("Packaging cost"), required=False)
    freight = forms.CharField(label=_("Carrier quote for the freight"), required=False, initial="1200")
    rate_card = forms.ChoiceField(label=_("…or a stored rate card"), required=False)
    zone = forms.CharField(label=_("Rate-card zone"), required=False)
    service = forms.ChoiceField(label=_("Service"), required=False, initial="express",
                                choices=[("express", _("express courier")), ("postal", _("postal parcel")),
                                         ("air_cargo", _("air cargo"))])
    insurance = forms.CharField(label=_("Insurance premium"), required=False)
    incoterm = forms.ChoiceField(label=_("Incoterm"), initial="DAP", required=False)
    channel = forms.ChoiceField(label=_("Sales channel"), initial="etsy", required=False,
                                choices=[(code, label) for code, label in CHANNEL_LABELS.items()])
    ship_date = forms.CharField(label=_("Ship date"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    origin_proof = forms.ChoiceField(label=_("Proof of Moroccan origin"), initial="yes", required=False,
                                     choices=[("yes", _("yes")), ("no", _("no"))])
    markup_pct = forms.CharField(label=_("Markup on the ex-works price (%)"), required=False)
    rounding = forms.ChoiceField(label=_("Price ending"), required=False, initial="none",
                                 choices=[("none", _("exact")), (".00", ".00"), (".90", ".90"), (".99", ".99")])
    region = forms.CharField(label=_("Province or state (Canada, US)"), required=False)
    tax_inclusive = forms.ChoiceField(label=_("Price includes the tax collected at sale"), required=False,
                                      initial="", choices=[("", _("as in my pricing rule")), ("no", _("no")),
                                                           ("yes", _("yes"))])

    def __init__(self, *args, rate_cards=(), **kwargs):
        super().__init__(*args, **kwargs)
        from tijara.core.l10n import country_choices

        self.fields["incoterm"].choices = _incoterm_choices()
        self.fields["market"].widget.choices = country_choices(alpha=3, destinations=True)
        self.fields["currency"].widget.choices = _currency_choices()
        self.fields["rate_card"].choices = [("", "—")] + [(c.code, isolate(c.name)) for c in rate_cards]
        for name, field in self.fields.items():
            field.widget.attrs.setdefault("id", f"id_{name}")


class PricingRuleForm(forms.Form):
    """A pricing rule for one channel and market (or every market)."""

    channel = forms.ChoiceField(label=_("Sales channel"), choices=[(code, name) for code, name in CHANNEL_LABELS.items()
                                                                   if code != "meta"])
    market = forms.CharField(label=_("Market"), required=False, max_length=3, widget=forms.Select)
    markup_pct = forms.DecimalField(label=_("Markup on the ex-works price (%)"), min_value=0, max_value=1000,
                                    decimal_places=2, initial=0)
    rounding = forms.ChoiceField(label=_("Price ending"), initial="none",
                                 choices=[("none", _("exact")), (".00", ".00"), (".90", ".90"), (".99", ".99")])
    tax_inclusive = forms.BooleanField(label=_("Prices include the tax collected at sale"), required=False)

    def __init__(self, *args, **kwargs):
        from tijara.core.l10n import country_choices

        super().__init__(*args, **kwargs)
        # countries by name in the page's language, never a typed ISO code; empty: the rule holds for every market
        self.fields["market"].widget.choices = [("", _("every market")), *country_choices(alpha=3, destinations=True)]

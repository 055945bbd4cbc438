"""Forms of the channels pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tijara.channels.models import Kind, ProductChannelAttributes
from tijara.core.l10n import country_choices, currency_name, language_name

LISTING_LANGUAGES = ("ar", "fr", "en", "es", "de", "it", "nl", "pt", "sv", "da", "pl", "ja")


class ConnectionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Channel"), choices=Kind.choices)
    country = forms.ChoiceField(label=_("Target country"))
    language = forms.ChoiceField(label=_("Language of the listings"), required=False)
    currency = forms.ChoiceField(label=_("Currency"), required=False)
    name = forms.CharField(label=_("Name"), max_length=120, required=False)
    shipping_service = forms.CharField(label=_("Shipping service"), max_length=60, required=False, initial="Standard")
    shipping_price = forms.DecimalField(label=_("Shipping price (in the connection currency)"), required=False,
                                        min_value=0, decimal_places=3)
    min_handling_days = forms.IntegerField(label=_("Minimum handling time (days)"), required=False, min_value=0)
    max_handling_days = forms.IntegerField(label=_("Maximum handling time (days)"), required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # pickers with names in the page's language, never a typed code (ISO-3 countries, ISO 639-1 languages)
        self.fields["country"].choices = [("", "—"), *country_choices(alpha=3)]
        self.fields["language"].choices = [("", _("the channel's default")), *sorted(
            ((code, language_name(code)) for code in LISTING_LANGUAGES), key=lambda pair: pair[1])]
        # the currencies the rates know, by name; empty: the target country's currency
        from tijara.pricing.selectors import rate_book

        self.fields["currency"].choices = [("", _("the target country's currency")), *sorted(
            ((code, currency_name(code)) for code in {"MAD", *rate_book().currencies()}), key=lambda pair: pair[1])]

    def shipping(self) -> dict:
        data = self.cleaned_data
        shipping = {"service": data.get("shipping_service") or "Standard"}
        if data.get("shipping_price") is not None:
            shipping["price"] = str(data["shipping_price"])
        for key in ("min_handling_days", "max_handling_days"):
            if data.get(key) is not None:
                shipping[key] = data[key]
        return shipping


class CredentialsForm(forms.Form):
    api_key = forms.CharField(
        label=_("Etsy app key"), max_length=200,
        help_text=_("Paste the key Etsy shows for your app on its developer site, not the shared secret."))
    shared_secret = forms.CharField(label=_("Shared secret"), max_length=200, required=False,
                                    widget=forms.PasswordInput(render_value=False))
    access_token = forms.CharField(label=_("Access token"), max_length=500, required=False,
                                   widget=forms.PasswordInput(render_value=False))
    refresh_token = forms.CharField(label=_("Refresh token"), max_length=500, required=False,
                                    widget=forms.PasswordInput(render_value=False))


class ProductAttributesForm(forms.Form):
    sku = forms.CharField(label=_("Product SKU"), max_length=64)
    gender = forms.ChoiceField(label=_("Gender (apparel)"), choices=ProductChannelAttributes.Gender.choices,
                               required=False)
    age_group = forms.ChoiceField(label=_("Age group (apparel)"), choices=ProductChannelAttributes.AgeGroup.choices,
                                  required=False)
    google_category = forms.ChoiceField(
        label=_("Google category"), required=False,
        help_text=_("Leave it on “automatic”: the product type its title names decides, else its craft family."))
    etsy_taxonomy_id = forms.IntegerField(label=_("Etsy category number (only when Etsy asks for one)"),
                                          required=False, min_value=1)

    def __init__(self, *args, current_category: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        from tijara.channels.display import category_choices, category_words

        choices = [("", _("automatic (from the product type or the craft family)")), *category_choices()]
        # an override outside the shipped list stays choosable, said in words with its number
        value = current_category or (self.data.get("google_category") if self.is_bound else "") or ""
        if value and value.isdigit() and value not in dict(choices):
            choices.append((value, category_words(value)))
        self.fields["google_category"].choices = choices


class ApparelAttributesForm(forms.Form):
    """One gender and one age group for every apparel product that lacks them."""

    # no gender is preselected: the seller chooses it, for products that may be for women, men or both
    gender = forms.ChoiceField(label=_("Gender"), choices=[("", "—"), *ProductChannelAttributes.Gender.choices[1:]])
    age_group = forms.ChoiceField(label=_("Age group"), choices=ProductChannelAttributes.AgeGroup.choices[1:],
                                  initial=ProductChannelAttributes.AgeGroup.ADULT)


class EtsySettingsForm(forms.Form):
    """The Etsy shop's own numbers an Etsy listing needs (connection settings), and an Etsy category per craft family
    of the organisation's products; an empty field leaves the setting unset."""

    NUMBERS = ("shop_id", "shipping_profile_id", "readiness_state_id", "return_policy_id")
    shop_id = forms.IntegerField(label=_("Etsy shop number"), required=False, min_value=1)
    shipping_profile_id = forms.IntegerField(label=_("Shipping profile number (from the Etsy shop)"), required=False,
                                             min_value=1)
    readiness_state_id = forms.IntegerField(label=_("Processing profile number (from the Etsy shop)"), required=False,
                                            min_value=1)
    return_policy_id = forms.IntegerField(label=_("Return policy number (from the Etsy shop)"), required=False,
                                          min_value=1)

    def __init__(self, *args, crafts: list[tuple[str, str]] = (), settings: dict | None = None, **kwargs):
        settings = settings or {}
        initial = {key: settings.get(key) for key in self.NUMBERS} | {
            f"taxonomy_{code}": (settings.get("taxonomy_ids") or {}).get(code) for code, _label in crafts}
        super().__init__(*args, initial=initial, **kwargs)
        self.crafts = list(crafts)
        for code, label in self.crafts:
            self.fields[f"taxonomy_{code}"] = forms.IntegerField(
                label=_("Etsy category number for %(craft)s") % {"craft": label}, required=False, min_value=1)

    def settings(self, current: dict) -> dict:
        """The connection's settings with this form's numbers (other keys kept)."""
        data = self.cleaned_data
        out = dict(current or {})
        for key in self.NUMBERS:
            if data.get(key):
                out[key] = data[key]
            else:
                out.pop(key, None)
        taxonomy = dict(out.get("taxonomy_ids") or {})
        for code, _label in self.crafts:
            value = data.get(f"taxonomy_{code}")
            if value:
                taxonomy[code] = value
            else:
                taxonomy.pop(code, None)
        if taxonomy:
            out["taxonomy_ids"] = taxonomy
        else:
            out.pop("taxonomy_ids", None)
        return out

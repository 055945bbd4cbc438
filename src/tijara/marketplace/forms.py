"""Input parsing for the marketplace's web pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tijara.marketplace.models import INCOTERMS


def country_choices() -> list[tuple[str, str]]:
    """Every country by its name in the page's language (ISO alpha-3 values)."""
    from tijara.core.l10n import country_choices as named

    return [("", "—"), *named(alpha=3)]


# Errors that say what to do (UX guide §4.7), in the service's words where it has them.
COUNTRY_REQUIRED = {"required": _("Choose the country the goods go to.")}
MESSAGE_REQUIRED = {"required": _("Write a message to the maker.")}


class InquiryForm(forms.Form):
    """The buyer's request for quotation; product lines come as quantity_<id> / target_<id> fields."""

    destination_country = forms.ChoiceField(label=_("Destination country"), choices=country_choices,
                                            error_messages=COUNTRY_REQUIRED)
    incoterm = forms.ChoiceField(label=_("Incoterm (optional)"), required=False,
                                 choices=[("", "—")] + [(c, c) for c in INCOTERMS])
    deadline = forms.DateField(label=_("Needed by (optional)"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    currency = forms.CharField(label=_("Currency of your target prices"), max_length=3, initial="EUR")
    message = forms.CharField(label=_("Message to the maker"), max_length=5000, error_messages=MESSAGE_REQUIRED,
                              widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}))
    # Honeypot: hidden from people by CSS, filled in by naive bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Your message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}))


class QuoteForm(forms.Form):
    """Quote header; the lines come as qty_<line id> / price_<line id> (unit price in MAD)."""

    currency = forms.CharField(label=_("Quote currency"), max_length=3, widget=forms.Select)
    incoterm = forms.ChoiceField(label=_("Incoterm"), choices=(), initial="FOB")
    valid_until = forms.DateField(label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices by name in the page's language, never a typed ISO code or a bare Incoterm abbreviation.
        self.fields["currency"].widget.choices = currency_choices()
        self.fields["incoterm"].choices = incoterm_choices()

    def problems(self) -> str:
        """The form's errors, each after its field's label (never the field's internal name)."""
        from tijara.core.l10n import colon

        parts = []
        for name, errors in self.errors.items():
            text = " ".join(errors)
            parts.append(f"{self.fields[name].label}{colon()}{text}" if name in self.fields else text)
        return "; ".join(parts)


def currency_choices() -> list[tuple[str, str]]:
    """The currencies a quote can be converted to (the dirham first, then by name in the page's language)."""
    from tijara.core.l10n import currency_name, sort_key
    from tijara.marketplace import adapters

    codes = adapters.currencies()
    others = sorted(((code, currency_name(code)) for code in codes if code != "MAD"),
                    key=lambda pair: sort_key(pair[1]))
    return [("MAD", currency_name("MAD")), *others]


def incoterm_choices() -> list[tuple[str, str]]:
    """Incoterm rules by their code and name in the page's language ("FOB — Free on board")."""
    from tijara.core.l10n import incoterm_label

    return [(code, incoterm_label(code)) for code in INCOTERMS]


class ReportForm(forms.Form):
    reason = forms.CharField(label=_("What is wrong?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class GuestInquiryForm(forms.Form):
    """A visitor's request for quotation: no account, no seller fields; quantities come as quantity_<id>."""

    name = forms.CharField(label=_("Your name"), max_length=150, error_messages={"required": _("Tell the maker your name.")},
                           widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}))
    email = forms.EmailField(label=_("Your e-mail"), max_length=254,
                             error_messages={"required": _("Enter your e-mail address: the maker's reply goes there."),
                                             "invalid": _("Enter a valid e-mail address.")},
                             widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}))
    destination_country = forms.ChoiceField(label=_("Destination country"), choices=country_choices,
                                            error_messages=COUNTRY_REQUIRED)
    message = forms.CharField(label=_("Message to the maker"), max_length=5000, error_messages=MESSAGE_REQUIRED,
                              widget=forms.Textarea(attrs={"rows": 5, "dir": "auto"}))
    # Honeypot: hidden from people by CSS, filled in by naive bots.
    website = forms.CharField(label=_("Leave this field empty"), required=False,
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

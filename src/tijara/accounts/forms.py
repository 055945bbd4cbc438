from django import forms
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tijara.accounts.models import ApiToken, Organisation
from tijara.core.crafts import craft_choices, region_choices
from tijara.core.widgets import DirectionsMixin


def _email_field():
    return forms.EmailField(label=_("Email address"), widget=forms.EmailInput(attrs={"autocomplete": "email",
                                                                                   "dir": "ltr"}))


def _name_field():
    return forms.CharField(label=_("Your name"), max_length=150,
                           widget=forms.TextInput(attrs={"autocomplete": "name", "dir": "auto"}))


def _new_password_field():
    return forms.CharField(label=_("Password"), min_length=10,
                           widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


class NewAccountMixin:
    """What every form that creates an account checks: the password against the validators."""

    def clean_password(self):
        password = self.cleaned_data["password"]
        validate_password(password)
        return password

    def _countries_by_name(self):
        """The country field picked by its name in the page's language, never typed as a code (UX guide §4.10)."""
        from tijara.core.l10n import country_choices

        self.fields["country"].choices = [("", "—"), *country_choices(alpha=3)]
        self.fields["country"].widget.attrs["autocomplete"] = "country"


class SignupForm(NewAccountMixin, DirectionsMixin, forms.Form):
    email = _email_field()
    full_name = _name_field()
    password = _new_password_field()
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    kind = forms.ChoiceField(label=_("You are"), choices=Organisation.Kind.choices)
    organisation_name = forms.CharField(label=_("Name of your workshop, cooperative or company"), max_length=200)
    region = forms.ChoiceField(label=pgettext_lazy("Moroccan region", "Region"), choices=region_choices, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False,
                           widget=forms.TextInput(attrs={"autocomplete": "address-level2", "dir": "auto"}))
    country = forms.ChoiceField(label=_("Country (buyers only)"), choices=(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._countries_by_name()

    def clean_country(self):
        return (self.cleaned_data.get("country") or "").upper()


class BuyerSignupForm(NewAccountMixin, forms.Form):
    """Sign-up for a buyer: no workshop name, no Moroccan region; the country is picked by name."""

    email = _email_field()
    full_name = _name_field()
    password = _new_password_field()
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    company = forms.CharField(label=_("Company or shop (optional)"), max_length=200, required=False,
                              widget=forms.TextInput(attrs={"autocomplete": "organization", "dir": "auto"}))
    country = forms.ChoiceField(label=_("Country you buy for"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._countries_by_name()


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)


class OrganisationForm(DirectionsMixin, forms.ModelForm):
    LTR_FIELDS = ("phone", "ice", "rc_number", "artisan_card_number", "website")
    crafts = forms.MultipleChoiceField(label=_("Crafts practised"), choices=craft_choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    region = forms.ChoiceField(label=pgettext_lazy("Moroccan region", "Region"), choices=region_choices, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[("ar", _("Arabic")), ("zgh", _("Amazigh")), ("fr", _("French")), ("en", _("English")), ("es", _("Spanish")), ("de", _("German"))],
    )

    class Meta:
        model = Organisation
        fields = ["public_name", "legal_name", "region", "city", "phone", "languages", "crafts", "story", "logo",
                  "ice", "rc_number", "artisan_card_number", "website"]

    def clean_logo(self):
        from tijara.core.uploads import validate_image_upload

        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):
            validate_image_upload(logo)
        return logo


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)
    scopes = forms.MultipleChoiceField(
        label=_("What the token may do"), choices=ApiToken.Scope.choices, initial=[ApiToken.Scope.READ],
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Read only is enough to fetch data. Catalog write adds, edits and imports products. "
                    "Admin allows every write the account can do. No token can create other tokens."))
    expires_in_days = forms.TypedChoiceField(
        label=_("Expires after"), coerce=int, empty_value=None, initial="90",
        choices=[("30", _("30 days")), ("90", _("90 days")), ("365", _("one year")), ("", _("never"))],
        required=False)


class TeamInviteForm(DirectionsMixin, forms.Form):
    """Invite someone by e-mail with a role (the roles offered are those the inviter may give)."""

    email = forms.EmailField(label=_("E-mail address of the person to invite"),
                             widget=forms.EmailInput(attrs={"autocomplete": "off", "dir": "ltr"}))
    role = forms.ChoiceField(label=_("Role"), choices=())

    def __init__(self, *args, roles=(), **kwargs):
        from tijara.core.l10n import role_label

        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(r, role_label(r)) for r in roles]
        self.fields["role"].initial = "member"


class InvitationSignupForm(NewAccountMixin, DirectionsMixin, forms.Form):
    """Create an account from an invitation: the address is the invited one, already proven by the link."""

    full_name = _name_field()
    password = _new_password_field()
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

"""Input of the knowledge pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tijara.core.crafts import craft_choices


class ScopeForm(forms.Form):
    family = forms.ChoiceField(label=_("Craft family"), required=False)
    hs = forms.CharField(label=_("HS code"), required=False, max_length=12)
    market = forms.ChoiceField(label=_("Market"), initial="FRA")

    def __init__(self, *args, **kwargs):
        from tijara.core.l10n import country_choices

        super().__init__(*args, **kwargs)
        self.fields["family"].choices = [("", _("—"))] + craft_choices()
        self.fields["market"].choices = country_choices()  # names in the page's language, never a code to type


def scope_form(request) -> ScopeForm:
    """The scope form, bound only once the user has chosen a market (a bare ?lang= is not a submission)."""
    return ScopeForm(request.GET if "market" in request.GET else None)


class RevisionForm(forms.Form):
    title_ar = forms.CharField(label=_("Title (Arabic)"), max_length=300, widget=forms.TextInput(attrs={"dir": "rtl"}))
    text_ar = forms.CharField(label=_("Text (Arabic)"), widget=forms.Textarea(attrs={"rows": 4, "dir": "rtl"}))
    title_fr = forms.CharField(label=_("Title (French)"), max_length=300)
    text_fr = forms.CharField(label=_("Text (French)"), widget=forms.Textarea(attrs={"rows": 4}))
    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    text_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 4}))
    note = forms.CharField(label=_("Why this change (source, date)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

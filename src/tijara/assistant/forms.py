"""Input of the assistant's chat page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from tijara.assistant.services import MAX_QUESTION
from tijara.core.widgets import LanguageSelect


class AskForm(forms.Form):
    question = forms.CharField(label=_("Your question"), max_length=MAX_QUESTION,
                               widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
                               error_messages={"required": _("Write your question, in your own words.")})
    lang = forms.ChoiceField(label=_("Answer language"), required=False,
                             choices=[("", _("Same as the question")), ("ar", "العربية"), ("fr", "Français"),
                                      ("en", "English")], widget=LanguageSelect)
    conversation = forms.IntegerField(required=False, widget=forms.HiddenInput)

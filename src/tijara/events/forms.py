"""Forms of the events app: staff add/edit, iCalendar import, and the public filter."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from tijara.core.crafts import craft_choices
from tijara.core.models import Confidence
from tijara.events.models import Event

MONTH_CHOICES = [(i, _(name)) for i, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
     "December"], start=1)]


class EventForm(forms.ModelForm):
    usual_months = forms.TypedMultipleChoiceField(label=_("usual months"), choices=MONTH_CHOICES, coerce=int,
                                                  required=False, widget=forms.CheckboxSelectMultiple)
    crafts = forms.MultipleChoiceField(label=_("craft families"), choices=craft_choices, required=False,
                                       widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Event
        fields = ["name", "organiser", "city", "country", "venue", "frequency", "usual_months", "start", "end",
                  "registration_deadline", "crafts", "visitors", "website", "contacts", "note", "confidence",
                  "source", "source_url", "as_of"]
        widgets = {"start": forms.DateInput(attrs={"type": "date"}), "end": forms.DateInput(attrs={"type": "date"}),
                   "registration_deadline": forms.DateInput(attrs={"type": "date"}),
                   "note": forms.Textarea(attrs={"rows": 3}), "contacts": forms.Textarea(attrs={"rows": 2})}


class ImportForm(forms.Form):
    file = forms.FileField(label=_("iCalendar file (.ics)"))
    source = forms.CharField(label=_("source"), max_length=300,
                             help_text=_("Who publishes this calendar (e.g. the organiser's site)."))
    source_url = forms.CharField(label=_("source URL"), max_length=500, required=False)
    as_of = forms.CharField(label=_("date of the source"), max_length=32, required=False)
    confidence = forms.ChoiceField(label=_("confidence"), choices=Confidence.choices, initial=Confidence.SECONDARY)


class FilterForm(forms.Form):
    market = forms.ChoiceField(label=_("market"), required=False)
    craft = forms.ChoiceField(label=_("craft family"), required=False)

    def __init__(self, *args, **kwargs):
        from tijara.core.l10n import country_choices, country_name

        super().__init__(*args, **kwargs)
        # the countries that hold a fair, named in the page's language (never a typed ISO code)
        codes = sorted(set(Event.objects.exclude(country="").values_list("country", flat=True)))
        self.fields["market"].choices = ([("", _("all markets")), ("EU", country_name("EU"))]
                                         + country_choices(codes=codes))
        self.fields["craft"].choices = [("", _("all crafts"))] + craft_choices()

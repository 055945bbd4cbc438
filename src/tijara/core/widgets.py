"""Form widgets shared by the apps."""

from django import forms


class LanguageSelect(forms.Select):
    """A picker of languages, each named in its own language ("Français", "English"): each option carries that
    language's `lang`, so a page in another language says which language the name is written in (UX-GUIDE §6)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"]["lang"] = str(value)
        return option


def text_directions(form, *, ltr: tuple[str, ...] = ()) -> None:
    """Give a form's inputs their writing direction (UX-GUIDE §6): free text `dir="auto"` (a French care note or an
    English story reads left to right in an Arabic form, with its full stop at its end), e-mails, URLs and the fields
    named in `ltr` (codes, references, phone numbers) `dir="ltr"`. A direction set by the form is kept."""
    for name, field in form.fields.items():
        widget = field.widget
        if "dir" in widget.attrs or isinstance(widget, forms.PasswordInput | forms.NumberInput | forms.HiddenInput):
            continue
        if name in ltr or isinstance(widget, forms.EmailInput | forms.URLInput):
            widget.attrs["dir"] = "ltr"
        elif isinstance(widget, forms.Textarea) or type(widget) is forms.TextInput:
            widget.attrs["dir"] = "auto"


class DirectionsMixin:
    """A form whose inputs carry their writing direction (see `text_directions`); `LTR_FIELDS` names the code-like
    ones."""

    LTR_FIELDS: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        text_directions(self, ltr=self.LTR_FIELDS)

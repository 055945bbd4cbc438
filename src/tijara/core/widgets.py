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

"""Forms of the catalog pages. They only shape input; services validate and save."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tijara.catalog.models import Product, ProductText
from tijara.catalog.parsing import materials_to_text, parse_decimal
from tijara.core.crafts import region_choices
from tijara.core.l10n import input_number
from tijara.core.widgets import DirectionsMixin


class DecimalInput(forms.TextInput):
    """A decimal number typed as text (`inputmode="decimal"`, left to right), shown with the page's decimal sign and
    no grouping (`236,5` in French and Arabic, `236.5` in English), as the variant price is."""

    def __init__(self, places: int = 3, attrs=None):
        super().__init__({"inputmode": "decimal", "dir": "ltr", **(attrs or {})})
        self.places = places

    def format_value(self, value):
        if value is None or value == "" or isinstance(value, str):  # a value as typed is shown back as typed
            return None if value in (None, "") else value
        return input_number(value, places=self.places)


class LocalDecimalField(forms.DecimalField):
    """A decimal field that reads both decimal signs and the spreadsheet conventions of `parsing.parse_decimal`
    ("236,5" and "236.5" in any language; Arabic-Indic digits), rounding to its decimal places."""

    def __init__(self, *, decimal_places: int, **kwargs):
        kwargs.setdefault("widget", DecimalInput(places=decimal_places))
        super().__init__(decimal_places=decimal_places, **kwargs)

    def widget_attrs(self, widget):  # no `step`/`min` of a number input on a text input
        return {}

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return parse_decimal(value, places=self.decimal_places)
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from None


YES_NO_UNKNOWN = [("", _("unknown")), ("yes", _("yes")), ("no", _("no"))]


def craft_family_choices():
    from tijara.catalog.selectors import craft_families

    return [(f.code, f.name()) for f in craft_families()]


class ProductForm(DirectionsMixin, forms.Form):
    LTR_FIELDS = ("sku",)
    sku = forms.CharField(label=_("SKU"), max_length=64,
                          help_text=_("Your own stable reference: letters, digits, dots, dashes or underscores."))
    craft_family = forms.ChoiceField(label=_("Craft family"), choices=())
    technique = forms.CharField(label=_("Technique"), max_length=120, required=False,
                                help_text=_("e.g. hand-knotted, hand-woven, hand-painted, hammered"))
    materials = forms.CharField(label=_("Materials (with %)"), required=False,
                                help_text=_("Separated by ';', with the share when known: wool 80%; cotton 20%"))
    region = forms.ChoiceField(label=_("Region of making"), required=False, choices=())
    city = forms.CharField(label=_("City of making"), max_length=100, required=False)
    makers = forms.CharField(label=_("Maker(s)"), max_length=300, required=False)
    period_made = forms.CharField(label=_("Year or period made"), max_length=60, required=False)
    length_cm = LocalDecimalField(label=_("Length (cm)"), required=False, min_value=0, decimal_places=1)
    width_cm = LocalDecimalField(label=_("Width (cm)"), required=False, min_value=0, decimal_places=1)
    height_cm = LocalDecimalField(label=_("Height (cm)"), required=False, min_value=0, decimal_places=1)
    weight_kg = LocalDecimalField(label=_("Weight (kg)"), required=False, min_value=0, decimal_places=3)
    packed_length_cm = LocalDecimalField(label=_("Packed length (cm)"), required=False, min_value=0, decimal_places=1)
    packed_width_cm = LocalDecimalField(label=_("Packed width (cm)"), required=False, min_value=0, decimal_places=1)
    packed_height_cm = LocalDecimalField(label=_("Packed height (cm)"), required=False, min_value=0, decimal_places=1)
    packed_weight_kg = LocalDecimalField(label=_("Packed weight (kg)"), required=False, min_value=0, decimal_places=3)
    production_days = forms.IntegerField(label=_("Production time (days)"), required=False, min_value=0)
    moq = forms.IntegerField(label=_("Minimum order quantity"), min_value=1, initial=1)
    monthly_capacity = forms.IntegerField(label=_("Monthly capacity (units)"), required=False, min_value=0)
    one_of_a_kind = forms.BooleanField(label=_("One of a kind (stock of 1)"), required=False)
    care_instructions = forms.CharField(label=_("Care instructions"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 3}))
    certifications = forms.CharField(label=_("Certifications and labels"), required=False,
                                     help_text=_("Separated by ';'"))
    food_contact_suitable = forms.ChoiceField(label=_("Suitable for food contact (ceramics)"), required=False,
                                              choices=YES_NO_UNKNOWN)
    electrical_parts = forms.ChoiceField(label=_("Has electrical parts (lamps)"), required=False,
                                         choices=YES_NO_UNKNOWN)
    imported_materials = forms.ChoiceField(
        label=_("Made with imported materials"), required=False, choices=YES_NO_UNKNOWN,
        help_text=_("Materials made outside Morocco can cost the product its preferential Moroccan origin."))
    status = forms.ChoiceField(label=_("Status"), choices=Product.Status.choices)
    is_public = forms.BooleanField(label=_("Show in the buyers' catalog"), required=False)

    GROUPS = [
        (_("Identity"), ["sku", "craft_family", "technique", "materials", "status", "is_public"]),
        (_("Origin"), ["region", "city", "makers", "period_made", "imported_materials"]),
        (_("Size and weight"), ["length_cm", "width_cm", "height_cm", "weight_kg", "packed_length_cm",
                                "packed_width_cm", "packed_height_cm", "packed_weight_kg"]),
        (_("Production"), ["production_days", "moq", "monthly_capacity", "one_of_a_kind"]),
        (_("Care, labels and safety"), ["care_instructions", "certifications", "food_contact_suitable",
                                        "electrical_parts"]),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["craft_family"].choices = craft_family_choices()
        self.fields["region"].choices = region_choices()
        for name in ("production_days", "moq", "monthly_capacity"):  # the sizes and weights: DecimalInput
            self.fields[name].widget.attrs["inputmode"] = "decimal"

    def groups(self):
        return [(title, [self[name] for name in names]) for title, names in self.GROUPS]

    @staticmethod
    def initial_for(product: Product) -> dict:
        def tri(value):
            return "" if value is None else ("yes" if value else "no")

        data = {name: getattr(product, name) for name in (
            "sku", "technique", "region", "city", "makers", "period_made", "length_cm", "width_cm", "height_cm",
            "weight_kg", "packed_length_cm", "packed_width_cm", "packed_height_cm", "packed_weight_kg",
            "production_days", "moq", "monthly_capacity", "one_of_a_kind", "care_instructions", "status",
            "is_public")}
        data["craft_family"] = product.craft_family_id
        data["materials"] = materials_to_text(product.materials)
        data["certifications"] = "; ".join(product.certifications or [])
        data["food_contact_suitable"] = tri(product.food_contact_suitable)
        data["electrical_parts"] = tri(product.electrical_parts)
        data["imported_materials"] = tri(product.imported_materials)
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        for name in ("food_contact_suitable", "electrical_parts", "imported_materials"):
            data[name] = {"yes": True, "no": False}.get(data[name])
        if data.get("moq") is None:
            data["moq"] = 1
        return data


class VariantForm(DirectionsMixin, forms.Form):
    LTR_FIELDS = ("sku", "price_mad", "gtin")
    sku = forms.CharField(label=_("Variant SKU"), max_length=64, required=False,
                          help_text=_("Empty: the product SKU for the first variant."))
    size = forms.CharField(label=_("Size"), max_length=60, required=False)
    colour = forms.CharField(label=_("Colour"), max_length=60, required=False)
    pattern = forms.CharField(label=_("Pattern"), max_length=60, required=False)
    price_mad = forms.CharField(label=_("Price (MAD)"), widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    stock = forms.IntegerField(label=_("Stock"), min_value=0, initial=1)
    gtin = forms.CharField(label=_("GTIN (barcode)"), max_length=20, required=False,
                           help_text=_("Only if you bought GS1 barcodes; handmade pieces usually have none."))


class TextForm(DirectionsMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 8}))
    tags = forms.CharField(label=_("Tags / keywords"), required=False, help_text=_("Separated by ';' or ','"))
    origin = forms.ChoiceField(label=_("Who wrote it"), choices=ProductText.Origin.choices,
                               initial=ProductText.Origin.PERSON)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp",
                                                             "capture": "environment"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class PhotoUploadForm(forms.Form):
    photos = MultipleImageField(label=_("Photos"), help_text=_("JPEG, PNG or WebP; several at once."))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Sheet (CSV or XLSX), or a ZIP holding the sheet and its photos"))
    photos = forms.FileField(label=_("Photos ZIP (optional)"), required=False,
                             help_text=_("The file names written in the Photos column."))


class BulkEditForm(forms.Form):
    ACTIONS = [("price", _("Change the price by %")), ("stock", _("Set the stock")), ("status", _("Set the status"))]
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS)
    price_percent = forms.DecimalField(label=_("Price change (%)"), required=False, min_value=-90, max_value=1000)
    stock = forms.IntegerField(label=_("Stock"), required=False, min_value=0)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "—"), *Product.Status.choices])

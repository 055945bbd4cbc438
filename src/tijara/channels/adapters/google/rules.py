"""Google Merchant Center rules (channel-specs.md §1 and the §8 checklist), applied to mapped fields."""

from __future__ import annotations

import re

from tijara.channels import taxonomy
from tijara.channels.problems import ADVICE, GMC, WARNING, Problem, Rule, problem
from tijara.channels.text import (
    IMAGE_EXTENSIONS,
    gtin_valid,
    html_tags,
    is_all_caps,
    is_ascii,
    is_http_url,
    url_extension,
)
from tijara.core.sentences import gettext_kept as _
from tijara.pricing.money import minor_units

ID = Rule("id", "V", GMC.format(6324405))
TITLE = Rule("title_length", "V", GMC.format(6324415))
TITLE_CAPS = Rule("title_all_caps", "V", GMC.format(6324415), severity_override=WARNING)
DESCRIPTION = Rule("description_length", "V", GMC.format(6324468))
DESCRIPTION_HTML = Rule("description_html", "V", GMC.format(6324468))
LINK = Rule("link", "V", GMC.format(6324416))
IMAGE = Rule("image_link", "V", GMC.format(6324350))
IMAGE_SIZE = Rule("image_size", "S", GMC.format(6324350))
ADDITIONAL_IMAGES = Rule("additional_image_link_count", "V", GMC.format(6324370), severity_override=WARNING)
AVAILABILITY = Rule("availability", "V", GMC.format(6324448))
PRICE = Rule("price_positive", "V", GMC.format(6324371))
PRICE_FORMAT = Rule("price_format", "V", GMC.format(6324371))
BRAND = Rule("brand", "V", GMC.format(6324351))
BRAND_GENERIC = Rule("brand_generic", "S", GMC.format(6324351))
GTIN = Rule("gtin", "V", GMC.format(6324461))
IDENTIFIER_EXISTS = Rule("identifier_exists", "V", GMC.format(6324478))
ITEM_GROUP = Rule("item_group_id", "V", GMC.format(12472646))
COLOR = Rule("color", "V", GMC.format(6324487))
GENDER = Rule("gender", "V", GMC.format(6324479))
AGE_GROUP = Rule("age_group", "V", GMC.format(6324463))
SIZE = Rule("size", "V", GMC.format(6324492))
MATERIAL = Rule("material", "V", GMC.format(6324410))
PRODUCT_TYPE = Rule("product_type", "V", GMC.format(6324406))
CATEGORY = Rule("google_product_category", "V", GMC.format(6324436), severity_override=ADVICE)
SHIPPING = Rule("shipping", "V", GMC.format(6324484))

ID_CHARS = re.compile(r"^[A-Za-z0-9_-]+$")
PRICE_SHAPE = re.compile(r"^(\d+)(?:\.(\d+))? ([A-Z]{3})$")
ALLOWED_TAGS = {"strong", "em", "ul", "ol", "li", "br", "sub", "sup", "div", "span", "dl", "dt", "dd"}
AVAILABILITY_VALUES = {"in_stock", "out_of_stock", "preorder", "backorder"}
GENERIC_BRANDS = {"generic", "n/a", "na", "none", "handmade"}
GENDERS = {"male", "female", "unisex"}
AGE_GROUPS = {"newborn", "infant", "toddler", "kids", "adult"}


def _length(rule: Rule, field: str, value: str, low: int, high: int, fix) -> list[Problem]:
    """A length problem; `fix` is a callable returning the translated fix (only called when needed)."""
    n = len(value or "")
    if low <= n <= high:
        return []
    fix = fix()
    if n == 0:
        what = _("the value is empty; it must have %(low)d to %(high)d characters.") % {"low": low, "high": high}
    else:
        what = _("%(n)d characters; the limit is %(high)d.") % {"n": n, "high": high}
    return [problem(rule, field, what, fix)]


def check_price(field: str, value: str, rule_positive: Rule = PRICE, rule_format: Rule = PRICE_FORMAT) -> list[Problem]:
    """`890.00 USD`: shape, real ISO 4217 code, no more decimals than the currency's minor unit, value > 0."""
    match = PRICE_SHAPE.match(value or "")
    if not match:
        return [problem(rule_format, field,
                        _("“%(value)s” is not a number, a space and an ISO 4217 code (e.g. 15.00 USD).") % {"value": value},
                        _("give the price with a dot decimal and the currency code.") )]
    whole, frac, code = match.groups()
    found: list[Problem] = []
    try:
        places = minor_units(code)
    except Exception:  # noqa: BLE001 - TijaraError for an unknown code
        return [problem(rule_format, field, _("“%(code)s” is not an ISO 4217 currency code.") % {"code": code},
                        _("use the connection's currency code (e.g. EUR, USD)."))]
    if frac and len(frac) > places:
        found.append(problem(rule_format, field,
                             _("%(value)s has more decimals than %(code)s allows (%(places)d).") % {
                                 "value": value, "code": code, "places": places},
                             _("round the price to the currency's minor unit.")))
    if int(whole) == 0 and not (frac or "").strip("0"):
        found.append(problem(rule_positive, field, _("the price is 0; physical goods need a price above zero."),
                             _("set the variant price (in MAD) so that the channel price is above zero.")))
    return found


def validate(fields: dict, *, apparel_market: bool = True) -> list[Problem]:
    """Every Google rule that applies to one mapped item."""
    found: list[Problem] = []
    item_id = fields.get("id", "")
    found += _length(ID, "id", item_id, 1, 50, lambda: _("use a SKU of at most 50 characters."))
    if item_id and not ID_CHARS.match(item_id):
        found.append(problem(ID, "id", _("“%(id)s” has characters other than letters, digits, “_” and “-”.") % {"id": item_id},
                             _("change the variant SKU to letters, digits, “_” and “-” only.")))
    title = fields.get("title", "")
    found += _length(TITLE, "title", title, 1, 150, lambda: _("shorten the title to 150 characters or fewer."))
    if is_all_caps(title):
        found.append(problem(TITLE_CAPS, "title", _("the title is written in capital letters only."),
                             _("write the title in normal case.")))
    description = fields.get("description", "")
    found += _length(DESCRIPTION, "description", description, 1, 5000,
                     lambda: _("write a description of 1 to 5,000 characters about the product only."))
    bad_tags = sorted({tag for tag, has_attrs in html_tags(description) if tag not in ALLOWED_TAGS or has_attrs})
    if bad_tags:
        found.append(problem(DESCRIPTION_HTML, "description",
                             _("HTML not accepted in the description: %(tags)s.") % {"tags": ", ".join(bad_tags)},
                             _("keep only plain text or the tags strong, em, ul, ol, li, br, sub, sup, div, span, dl, dt, dd, without attributes.")))
    for field in ("link", "image_link"):
        value = fields.get(field, "")
        rule = LINK if field == "link" else IMAGE
        if not value:
            fix = _("add at least one product photo.") if field == "image_link" else _("set the public product page URL of the connection.")
            found.append(problem(rule, field, _("missing; it is required for every product."), fix))
            continue
        if not is_http_url(value) or not is_ascii(value) or len(value) > 2000:
            found.append(problem(rule, field, _("“%(url)s” is not an http(s), ASCII URL of at most 2,000 characters.") % {"url": value[:80]},
                                 _("use a public http or https URL, percent-encoded.")))
    if fields.get("image_link"):
        ext = url_extension(fields["image_link"])
        if ext and ext not in IMAGE_EXTENSIONS:
            found.append(problem(IMAGE, "image_link", _("the image file type “.%(ext)s” is not accepted.") % {"ext": ext},
                                 _("upload the photo as JPEG, PNG, WebP, GIF, BMP or TIFF.")))
    if len(fields.get("additional_image_link", [])) > 10:
        found.append(problem(ADDITIONAL_IMAGES, "additional_image_link", _("more than 10 additional images."),
                             _("keep at most 10 additional images.")))
    if fields.get("availability") not in AVAILABILITY_VALUES:
        found.append(problem(AVAILABILITY, "availability", _("“%(value)s” is not an accepted availability.") % {"value": fields.get("availability")},
                             _("use in_stock, out_of_stock, preorder or backorder.")))
    if fields.get("availability") in {"preorder", "backorder"} and not fields.get("availability_date"):
        found.append(problem(AVAILABILITY, "availability_date", _("preorder and backorder need an availability date."),
                             _("give the date the item will ship.")))
    if "price" in fields:
        found += check_price("price", fields["price"])
    brand = fields.get("brand", "")
    if not brand:
        found.append(problem(Rule(BRAND.code, "V", BRAND.source, severity_override=WARNING), "brand",
                             _("no brand; handmade products use the maker's business name."),
                             _("set the organisation's public name.")))
    else:
        found += _length(BRAND, "brand", brand, 1, 70, lambda: _("shorten the brand to 70 characters."))
        if brand.strip().lower() in GENERIC_BRANDS:
            found.append(problem(BRAND_GENERIC, "brand", _("“%(brand)s” is a placeholder, not a brand.") % {"brand": brand},
                                 _("use the cooperative's or artisan's business name.")))
    gtin = fields.get("gtin", "")
    if gtin and not gtin_valid(gtin):
        found.append(problem(GTIN, "gtin", _("“%(gtin)s” is not a valid GTIN (8, 12, 13 or 14 digits with a valid check digit).") % {"gtin": gtin},
                             _("correct the barcode, or remove it if the product has none.")))
    if gtin and fields.get("identifier_exists") == "no":
        found.append(problem(IDENTIFIER_EXISTS, "identifier_exists", _("identifier_exists is “no” but a GTIN is sent."),
                             _("remove the GTIN or send identifier_exists “yes”.")))
    group = fields.get("item_group_id", "")
    if group:
        found += _length(ITEM_GROUP, "item_group_id", group, 1, 50, lambda: _("shorten the product SKU to 50 characters."))
        if not ID_CHARS.match(group):
            found.append(problem(ITEM_GROUP, "item_group_id", _("“%(id)s” has characters other than letters, digits, “_” and “-”.") % {"id": group},
                                 _("change the product SKU to letters, digits, “_” and “-” only.")))
    category = fields.get("google_product_category", "")
    if category and category.isdigit() and not taxonomy.category_path(category):
        found.append(problem(CATEGORY, "google_product_category",
                             _("category %(id)s is not in the taxonomy subset Tijara ships, so its requirements are not checked.") % {"id": category},
                             _("check the ID against Google's taxonomy file.")))
    if category and taxonomy.is_apparel(category):
        found += _apparel(fields, category)
    material = fields.get("material", "")
    if material:
        found += _length(MATERIAL, "material", material, 1, 200, lambda: _("shorten the materials to 200 characters."))
        if len(material.split("/")) > 3:
            found.append(problem(MATERIAL, "material", _("more than 3 materials."), _("keep the 3 main materials.")))
    product_types = fields.get("product_type", [])
    if len(product_types) > 5 or any(len(p) > 750 for p in product_types):
        found.append(problem(PRODUCT_TYPE, "product_type", _("at most 5 values of 750 characters each."),
                             _("shorten the product type.")))
    for group_fields in fields.get("shipping", []):
        if not re.match(r"^[A-Z]{2}$", group_fields.get("country", "")):
            found.append(problem(SHIPPING, "shipping", _("the shipping country must be an ISO 3166-1 alpha-2 code."),
                                 _("fix the connection's shipping destination.")))
        found += check_price("shipping", group_fields.get("price", ""), rule_positive=Rule("shipping_price", "V", SHIPPING.source, severity_override=ADVICE),
                             rule_format=SHIPPING)
    return found


def _apparel(fields: dict, category: str) -> list[Problem]:
    """Apparel & Accessories (166): color, gender, age_group, and size for clothing and shoes."""
    found: list[Problem] = []
    strict = taxonomy.is_clothing_or_shoes(category)
    color = fields.get("color", "")
    if not color:
        found.append(problem(COLOR, "color", _("apparel and accessories need a colour."),
                             _("set the variant colour (as shown on the product page).")))
    else:
        parts = color.split("/")
        if len(color) > 100 or len(parts) > 3 or any(len(p) > 40 for p in parts) or "," in color:
            found.append(problem(COLOR, "color", _("at most 3 colours joined by “/”, each up to 40 characters, 100 in all, no commas."),
                                 _("shorten the colour value.")))
        if color.strip().lower() in {"n/a", "multicolor", "multicolour", "various"}:
            found.append(problem(COLOR, "color", _("“%(value)s” is a placeholder, not a colour.") % {"value": color},
                                 _("name the main colours.")))
    for field, rule, values in (("gender", GENDER, GENDERS), ("age_group", AGE_GROUP, AGE_GROUPS)):
        value = fields.get(field, "")
        if not value:
            # Accessories: some subcategories are exempt and the exempt list was not copied → warning.
            soft = Rule(rule.code, rule.status, rule.source, severity_override="" if strict else WARNING)
            # Whole sentences per field (an article agrees with its noun in French and Arabic), never the feed key.
            if field == "gender":
                what, fix = _("apparel needs a gender."), _("set the gender: for one product in its channel "
                                                            "attributes, or for all apparel products at once.")
            else:
                what, fix = _("apparel needs an age group."), _("set the age group: for one product in its channel "
                                                                "attributes, or for all apparel products at once.")
            found.append(problem(soft, field, what, fix))
        elif value not in values:
            found.append(problem(rule, field, _("“%(value)s” is not one of %(values)s.") % {"value": value, "values": ", ".join(sorted(values))},
                                 _("choose one of the accepted values.")))
    if taxonomy.needs_size(category):
        size = fields.get("size", "")
        if not size:
            found.append(problem(SIZE, "size", _("clothing and shoes need a size (one size per variant)."),
                                 _("set the variant size.")))
        elif len(size) > 100:
            found.append(problem(SIZE, "size", _("the size is longer than 100 characters."), _("shorten the size.")))
    return found


def image_size_problems(photos, *, apparel: bool) -> list[Problem]:
    """Main image at least 100 × 100 px (250 × 250 apparel): a warning (S rule)."""
    if not photos:
        return []
    main = photos[0]
    low = 250 if apparel else 100
    if main.width and main.height and (main.width < low or main.height < low):
        return [problem(IMAGE_SIZE, "image_link", _("the main image is %(w)d × %(h)d px; the minimum is %(low)d × %(low)d px.") % {
            "w": main.width, "h": main.height, "low": low}, _("upload a larger photo (1500 px or more is recommended)."))]
    return []

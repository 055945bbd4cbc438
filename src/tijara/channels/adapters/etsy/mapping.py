"""Master product variant → Etsy createDraftListing payload (one draft listing per variant)."""

from __future__ import annotations

from tijara.channels.inputs import ChannelContext, ListingInput, Mapped
from tijara.channels.problems import common_problems, field_words, problem
from tijara.channels.text import amount, one_line, plain_text
from tijara.core.sentences import Words
from tijara.core.sentences import gettext_kept as _

from . import rules


def map_listing(item: ListingInput, ctx: ChannelContext) -> Mapped:
    """The draft payload (form fields), the images to upload after it, and the problems found."""
    text = item.text
    settings = ctx.settings
    title = one_line(text.title) if text else ""
    tags_raw = [rules.tag_clean(t) for t in (text.tags if text else ())]
    tags_raw = [t for t in tags_raw if t]
    valid_tags = [t for t in tags_raw if len(t) <= 20 and t[0] not in "'-"][:13]
    taxonomy_id = item.etsy_taxonomy_id or (settings.get("taxonomy_ids") or {}).get(item.craft)
    quantity = item.stock if item.stock > 0 else (1 if item.made_to_order else 0)
    when = "made_to_order" if item.made_to_order else settings.get("when_made") or rules.when_made()["current"]
    payload: dict = {
        "quantity": quantity,
        "title": title,
        "description": plain_text(text.description) if text else "",
        "price": amount(item.price, item.currency) if item.price is not None else "",
        "who_made": settings.get("who_made", "i_did"),
        "when_made": when,
        "taxonomy_id": taxonomy_id or "",
        "type": "physical",
        "is_supply": "false",
        "should_auto_renew": "false",
    }
    for key in ("shipping_profile_id", "readiness_state_id", "return_policy_id", "shop_section_id"):
        if settings.get(key):
            payload[key] = settings[key]
    materials = [m for m in (rules.material_clean(m) for m in item.materials) if m]
    if materials:
        payload["materials"] = materials[:13]
    if valid_tags:
        payload["tags"] = valid_tags
    if item.weight_kg:
        payload["item_weight"], payload["item_weight_unit"] = format(item.weight_kg.normalize(), "f"), "kg"
    if item.length_cm and item.width_cm and item.height_cm:
        payload["item_length"] = format(item.length_cm.normalize(), "f")
        payload["item_width"] = format(item.width_cm.normalize(), "f")
        payload["item_height"] = format(item.height_cm.normalize(), "f")
        payload["item_dimensions_unit"] = "cm"
    fields = {"payload": payload, "images": [p.url for p in item.photos[:20]], "sku": item.sku,
              "shop_currency": item.currency}

    found = common_problems(item)
    if ctx.language not in rules.SUPPORTED_LANGUAGES:
        found.append(problem(rules.LANGUAGE, "language", _("Etsy listings cannot be written in “%(language)s” (supported: %(supported)s).") % {
            "language": ctx.language, "supported": ", ".join(rules.SUPPORTED_LANGUAGES)},
            _("choose the shop's language (e.g. en or fr) for this connection and add translated texts.")))
    if text is not None:
        bad = rules.title_bad_characters(title)
        if bad:
            found.append(problem(rules.TITLE_CHARS, "title", _("characters not allowed in titles: %(chars)s.") % {"chars": " ".join(sorted(set(bad)))},
                                 _("use letters, digits, punctuation and spaces only.")))
        repeated = [c for c in rules.TITLE_SPECIAL if title.count(c) > 1]
        if repeated:
            found.append(problem(rules.TITLE_SPECIALS, "title", _("%(chars)s may appear only once each in a title.") % {"chars": " ".join(repeated)},
                                 _("remove the repeated characters.")))
        if not 1 <= len(title) <= 140:
            found.append(problem(rules.TITLE_LENGTH, "title", _("%(n)d characters; Etsy allows 140.") % {"n": len(title)},
                                 _("shorten the title to 140 characters or fewer.")))
        if not payload["description"]:
            found.append(problem(rules.DESCRIPTION, "description", _("the description is required."), _("write a description.")))
        if len(tags_raw) > 13:
            found.append(problem(rules.TAGS_COUNT, "tags", _("%(n)d tags; Etsy takes at most 13.") % {"n": len(tags_raw)},
                                 _("keep the 13 best tags.")))
        long_tags = [t for t in tags_raw if len(t) > 20]
        if long_tags:
            found.append(problem(rules.TAG_LENGTH, "tags", _("tags longer than 20 characters: %(tags)s.") % {"tags": ", ".join(long_tags)},
                                 _("shorten each tag to 20 characters.")))
        if any(t[0] in "'-" for t in tags_raw):
            found.append(problem(rules.TAG_START, "tags", _("a tag may not start with ' or -."), _("remove the leading character.")))
    if payload["who_made"] not in rules.WHO_MADE_VALUES:
        found.append(problem(rules.WHO_MADE, "who_made", _("“%(value)s” is not i_did, someone_else or collective.") % {"value": payload["who_made"]},
                             _("fix the connection's who_made setting.")))
    if when not in rules.when_made()["values"]:
        found.append(problem(rules.WHEN_MADE, "when_made", _("“%(value)s” is not an Etsy when_made value.") % {"value": when},
                             _("choose a value from the list Etsy publishes.")))
    if not taxonomy_id:
        found.append(problem(rules.TAXONOMY, "taxonomy_id", _("no Etsy seller-taxonomy category for the craft “%(craft)s”.") % {"craft": Words("craft", item.craft)},
                             _("give this craft its Etsy category number in the Etsy shop settings.")))
    if quantity < 1 and not (item.one_of_a_kind and item.stock <= 0):
        found.append(problem(rules.QUANTITY, "quantity", _("the quantity is 0; Etsy needs at least 1."),
                             _("set the stock, or a production time to sell it made to order.")))
    if item.price is not None and item.price <= 0:
        found.append(problem(rules.PRICE, "price", _("the price must be above zero."), _("set the variant price.")))
    for key, rule in (("shipping_profile_id", rules.SHIPPING_PROFILE), ("readiness_state_id", rules.READINESS)):
        if not settings.get(key):
            found.append(problem(rule, key, _("physical listings need a %(field)s before they can be activated.") % {"field": field_words(key).lower()},
                                 _("create the profile in the Etsy shop and enter its number in the Etsy shop settings.")))
    if not item.photos:
        found.append(problem(rules.IMAGES, "images", _("a listing needs at least one image to become active."), _("add a product photo.")))
    if len(item.photos) > 20:
        found.append(problem(rules.IMAGE_COUNT, "images", _("%(n)d photos: only the first 20 are uploaded.") % {"n": len(item.photos)},
                             _("put the best photos first.")))
    return Mapped(sku=item.sku, group=item.product_sku, fields=fields, problems=found, item=item)

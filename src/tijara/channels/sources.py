"""From the catalog and pricing to the adapters' plain inputs (the only place the channels app reads the catalog).

`listing_inputs(connection)` streams one `ListingInput` per variant, a chunk of products at a time, so feed
generation holds one chunk in memory whatever the catalog size.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from types import SimpleNamespace
from urllib.parse import quote

import pycountry
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from tijara.catalog.selectors import product_text, products_for
from tijara.channels import taxonomy
from tijara.channels.inputs import ChannelContext, ListingInput, PhotoInput, ShippingInput, TextInput
from tijara.core.crafts import craft_name
from tijara.core.errors import TijaraError
from tijara.language.terms import in_language

# channels kind → pricing channel code (marketplace_fees.csv); WooCommerce sells directly from the shop. The Meta
# catalog links to the seller's own site (Meta Shops checkout is closed to Morocco-based businesses, per the
# pricing app's fee data PRC-FEE-18), so its prices are direct-sale prices.
PRICING_CHANNEL = {"google": "google", "meta": "direct", "shopify": "shopify", "woocommerce": "direct",
                   "etsy": "etsy", "amazon_handmade": "amazon-handmade"}
CHUNK = 500


def alpha2(country: str) -> str:
    """ISO 3166-1 alpha-2 for an alpha-3 or alpha-2 code ("" when unknown)."""
    code = (country or "").strip().upper()
    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else pycountry.countries.get(alpha_2=code)
    return found.alpha_2 if found else ""


def _absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL + (url if url.startswith("/") else "/" + url)


def _photo(photo, language: str) -> PhotoInput | None:
    return _photo_url({"original": photo.original.name, "web": photo.web.name, "feed": photo.feed.name,
                       "width": photo.width, "height": photo.height, "feed_width": photo.feed_width,
                       "feed_height": photo.feed_height, "format": photo.format, "alt_text": photo.alt_text},
                      language)


def product_link(sku: str, organisation_slug: str, connection_settings: dict) -> str:
    """The landing page: the connection's URL template, else the platform's public product page."""
    template = (connection_settings or {}).get("product_url_template", "")
    if template:
        return template.format(sku=quote(sku, safe=""), organisation=organisation_slug)
    prefix = _product_path(organisation_slug)
    if not prefix:
        return ""
    return settings.SITE_URL + prefix.replace(_SKU_SLOT, quote(sku, safe="!$&'()*+,;=/~:@"))


_SKU_SLOT = "SKU0SLOT0"


@lru_cache(maxsize=256)
def _product_path(organisation_slug: str) -> str:
    """The marketplace product path with a placeholder for the SKU (reverse() once per organisation)."""
    try:
        return reverse("marketplace:product", kwargs={"maker": organisation_slug, "sku": _SKU_SLOT})
    except NoReverseMatch:
        return ""


@dataclass
class Pricer:
    """Channel prices for one connection, cached by the inputs that determine them (many variants share them).

    Made for one pass over the catalog; its pricing lookups (rules, fees, rates, duties) are read once per pass.
    """

    kind: str
    market: str
    currency: str
    organisation: object = None
    convert_only: bool = False
    cache: dict = field(default_factory=dict)
    known: dict = field(default_factory=dict)
    lookups: object = None

    def stored(self, product, variant) -> Decimal | None:
        """The price stored at the last check, if product and variant are unchanged since."""
        hit = self.known.get(variant.pk)
        if hit is None:
            return None
        price, checked = hit
        return price if checked >= variant.updated_at and checked >= product.updated_at else None

    def price(self, *, price_mad: Decimal, hs: str, weight_kg, dims: str) -> tuple[Decimal | None, dict, str]:
        """(amount, breakdown, error message)."""
        from tijara.pricing.services import Lookups, channel_price, convert

        key = (price_mad, hs, weight_kg, dims)
        hit = self.cache.get(key)
        if hit is not None:
            return hit
        try:
            if self.convert_only:
                conversion = convert(amount=price_mad, from_currency="MAD", to_currency=self.currency)
                value = (conversion.amount, json.loads(json.dumps({"conversion": conversion.as_dict()}, default=str)), "")
                self.cache[key] = value
                return value
            if self.lookups is None:
                self.lookups = Lookups()
            result = channel_price(exw_mad=price_mad, channel=PRICING_CHANNEL.get(self.kind, "direct"),
                                   market=self.market, currency=self.currency, organisation=self.organisation,
                                   hs=hs or None, weight_kg=weight_kg, dims_cm=dims or None, lookups=self.lookups)
            breakdown = result.result.as_dict()
            breakdown["warnings"] = list(dict.fromkeys([*breakdown.get("warnings", []), *result.warnings]))
            # Lazy translations and decimals → plain JSON values (stored on the listing).
            breakdown = json.loads(json.dumps(breakdown, default=str))
            value = (result.amount, breakdown, "")
        except TijaraError as exc:
            value = (None, {}, exc.message)
        if len(self.cache) > 10000:
            self.cache.clear()
        self.cache[key] = value
        return value


def _dims(length, width, height) -> str:
    return "x".join(format(v.normalize(), "f") for v in (length, width, height)) if length and width and height else ""


def context_for(connection) -> ChannelContext:
    """The connection as the adapters see it."""
    ship = connection.shipping or {}
    country = alpha2(connection.country)
    shipping: tuple = ()
    if ship.get("price") not in (None, ""):
        shipping = (ShippingInput(
            country=country, price=Decimal(str(ship["price"])), service=ship.get("service") or "Standard",
            min_handling_days=ship.get("min_handling_days"), max_handling_days=ship.get("max_handling_days"),
            min_transit_days=ship.get("min_transit_days"), max_transit_days=ship.get("max_transit_days")),)
    org = connection.organisation
    conn_settings = dict(connection.settings or {})
    conn_settings.setdefault("who_made", "collective" if org.kind == "cooperative" else "i_did")
    for key in ("min_handling_days", "max_handling_days"):
        if ship.get(key) is not None:
            conn_settings.setdefault(key, ship[key])
    return ChannelContext(
        kind=connection.kind, country=country, language=connection.language, currency=connection.currency,
        store_name=org.public_name, store_url=conn_settings.get("store_url") or settings.SITE_URL,
        feed_title=_("%(name)s — products") % {"name": org.public_name}, shipping=shipping, settings=conn_settings,
    )


def _text_input(text_row, language: str) -> TextInput | None:
    if text_row is None or not (text_row.get("title") or "").strip():
        return None
    return TextInput(language=language, title=text_row["title"], description=text_row.get("description") or "",
                     tags=tuple(text_row.get("tags") or ()), origin=text_row.get("origin") or "person")


def _in_language(value: str, language: str, kind: str) -> str:
    """A material or colour in the feed's language when the language core knows its name there, else as typed."""
    return in_language(value, language, kind)[0]


def _colours_in(variants: list, language: str) -> dict[str, str]:
    """{typed colour: colour in the feed's language} for a product's variants; none are changed when two different
    colours would get one name (variants must stay apart: "grey" and "gray" are typed as two options)."""
    typed = {v.colour for v in variants if v.colour}
    named = {c: _in_language(c, language, "colour") for c in typed}
    return named if len(set(named.values())) == len(typed) else {}


def inputs_for_product(product, *, variants: list, text: TextInput | None, languages: tuple, photos: tuple,
                       brand: str, organisation_slug: str, language: str, currency: str, pricer: Pricer | None,
                       conn_settings: dict, attributes=None, titles: tuple = ()) -> Iterator[ListingInput]:
    """One ListingInput per variant; `product` and `variants` are objects with the catalog's field names; `titles`
    are the product's ``(language, title)`` in all its languages (they name its type, whatever the feed's language)."""
    axes = [name for name, attr in (("Size", "size"), ("Color", "colour"), ("Pattern", "pattern"))
            if any(getattr(v, attr) for v in variants)]
    materials = tuple(_in_language(str(m.get("name", "")).strip(), language, "material")
                      for m in (product.materials or []) if m.get("name"))
    colours = _colours_in(variants, language)
    weight = product.packed_weight_kg or product.weight_kg
    dims = (product.packed_length_cm, product.packed_width_cm, product.packed_height_cm)
    if not all(dims):
        dims = (product.length_cm, product.width_cm, product.height_cm)
    link = product_link(product.sku, organisation_slug, conn_settings)
    # Without a URL template the landing page is the buyers' catalog, which shows public, ready products only.
    link_public = bool((conn_settings or {}).get("product_url_template")) or (
        bool(getattr(product, "is_public", True)) and product.status == "ready")
    label = craft_name(product.craft_family_id, language if language in ("fr", "ar") else "en")
    type_category = taxonomy.category_from_titles(product.craft_family_id, titles)
    for position, variant in enumerate(variants):
        price, breakdown, error = (None, {}, "")
        stored = pricer.stored(product, variant) if pricer is not None else None
        if variant.price_mad <= 0:
            # A zero master price is never a listing price, whatever fees and shipping would add to it.
            price = Decimal(0)
        elif stored is not None:
            price = stored
        elif pricer is not None:
            price, breakdown, error = pricer.price(price_mad=variant.price_mad, hs=product.hs_code, weight_kg=weight,
                                                   dims=_dims(*dims))
        elif currency == "MAD":
            price = variant.price_mad
        yield ListingInput(
            sku=variant.sku, product_sku=product.sku, target_language=language, text=text, currency=currency,
            price=price, price_error=error, price_breakdown=breakdown, brand=brand, link=link,
            craft=product.craft_family_id, craft_name=label,
            technique=product.technique, materials=materials, photos=photos, available_languages=languages,
            variant_count=len(variants), variant_position=position, size=variant.size, colour=colours.get(variant.colour, variant.colour),
            pattern=variant.pattern, stock=variant.stock, one_of_a_kind=product.one_of_a_kind,
            production_days=product.production_days, gtin=variant.gtin, weight_kg=weight,
            length_cm=dims[0], width_cm=dims[1], height_cm=dims[2],
            gender=getattr(attributes, "gender", "") or "", age_group=getattr(attributes, "age_group", "") or "",
            google_category=getattr(attributes, "google_category", "") or "", type_category=type_category,
            etsy_taxonomy_id=getattr(attributes, "etsy_taxonomy_id", None), product_options=tuple(axes),
            status=product.status, link_public=link_public,
        )


def inputs_for_model(product, *, language: str, currency: str, pricer: Pricer | None, conn_settings: dict,
                     attributes=None) -> Iterator[ListingInput]:
    """ListingInputs of a catalog Product instance (prefetched), text only in `language` itself."""
    text_row, served = product_text(product, language, fallback=False)
    text = None
    if text_row is not None and served == language:
        text = _text_input({"title": text_row.title, "description": text_row.description, "tags": text_row.tags,
                            "origin": text_row.origin}, language)
    photos = tuple(p for p in (_photo(ph, language) for ph in product.photos.all()) if p is not None)
    yield from inputs_for_product(
        product, variants=list(product.variants.all()), text=text,
        languages=tuple(t.language_code for t in product.texts.all()), photos=photos,
        titles=tuple((t.language_code, t.title) for t in product.texts.all()),
        brand=product.organisation.public_name, organisation_slug=product.organisation.slug, language=language,
        currency=currency, pricer=pricer, conn_settings=conn_settings, attributes=attributes)


PRODUCT_FIELDS = ("pk", "sku", "craft_family_id", "technique", "materials", "weight_kg", "packed_weight_kg",
                  "length_cm", "width_cm", "height_cm", "packed_length_cm", "packed_width_cm", "packed_height_cm",
                  "production_days", "one_of_a_kind", "hs_code", "status", "is_public", "updated_at")
VARIANT_FIELDS = ("id", "sku", "size", "colour", "pattern", "price_mad", "stock", "gtin", "updated_at")
PHOTO_FIELDS = ("original", "web", "feed", "width", "height", "feed_width", "feed_height", "format", "alt_text")


def _photo_url(row: dict, language: str) -> PhotoInput | None:
    for name, width, height in ((row["feed"], row["feed_width"], row["feed_height"]), (row["web"], 0, 0),
                                (row["original"], row["width"], row["height"])):
        if name:
            if not width:
                width, height = row["width"], row["height"]
            fmt = (name.rsplit(".", 1)[-1] if "." in name else row["format"] or "").lower()
            return PhotoInput(url=_absolute(default_storage.url(name)), width=width or 0, height=height or 0,
                              format=fmt, alt=(row["alt_text"] or {}).get(language, ""))
    return None


def listing_inputs(connection, *, include_archived: bool = False,
                   stored_prices: bool = False) -> Iterator[tuple[object, ListingInput]]:
    """(variant id, ListingInput) for every variant of the organisation's products, streamed by chunks.

    With `stored_prices`, a price computed at the last listings check is reused when neither the product nor
    the variant changed since (the landed-cost calculation is the costly part of a feed); stock is always read
    live, so a sold unique piece drops out at once.
    """
    from tijara.channels.models import Listing, ProductChannelAttributes

    pricer = Pricer(kind=connection.kind, market=connection.country, currency=connection.currency,
                    organisation=connection.organisation)
    qs = products_for(organisation=connection.organisation)
    if not include_archived:
        qs = qs.exclude(status="archived")
    conn_settings = connection.settings or {}
    language = connection.language
    brand, org_slug = connection.organisation.public_name, connection.organisation.slug
    last = 0
    # Plain values (no model instances): a chunk of products, then their variants, texts and photos.
    while True:
        rows = list(qs.order_by("pk").filter(pk__gt=last).values(*PRODUCT_FIELDS)[:CHUNK])
        if not rows:
            return
        last = rows[-1]["pk"]
        ids = [r["pk"] for r in rows]
        chunk = qs.filter(pk__in=ids)
        variants: dict[int, list] = {}
        for row in chunk.order_by("pk", "variants__position", "variants__id").values(
                "pk", *[f"variants__{f}" for f in VARIANT_FIELDS]):
            if row["variants__id"] is not None:
                variants.setdefault(row["pk"], []).append(
                    SimpleNamespace(pk=row["variants__id"], **{f: row[f"variants__{f}"] for f in VARIANT_FIELDS}))
        languages: dict[int, list] = {}
        titles: dict[int, list] = {}
        texts: dict[int, dict] = {}
        for row in chunk.values("pk", "texts__language_code", "texts__title", "texts__description", "texts__tags",
                                "texts__origin"):
            code = row["texts__language_code"]
            if code:
                languages.setdefault(row["pk"], []).append(code)
                titles.setdefault(row["pk"], []).append((code, row["texts__title"]))
                if code == language:
                    texts[row["pk"]] = {"title": row["texts__title"], "description": row["texts__description"],
                                        "tags": row["texts__tags"], "origin": row["texts__origin"]}
        photos: dict[int, list] = {}
        for row in chunk.order_by("pk", "photos__position", "photos__id").values(
                "pk", "photos__id", *[f"photos__{f}" for f in PHOTO_FIELDS]):
            if row["photos__id"] is not None:
                photo = _photo_url({f: row[f"photos__{f}"] for f in PHOTO_FIELDS}, language)
                if photo is not None:
                    photos.setdefault(row["pk"], []).append(photo)
        attrs = {a.product_id: a for a in ProductChannelAttributes.objects.filter(product_id__in=ids)}
        if stored_prices and connection.pk:
            # By variant id: the (connection, variant) unique index answers it without scanning the connection.
            variant_ids = [v.pk for vs in variants.values() for v in vs]
            pricer.known = {
                variant_id: (price, checked) for variant_id, price, checked in Listing.objects.filter(
                    connection=connection, variant_id__in=variant_ids, price__isnull=False,
                    last_checked_at__isnull=False).values_list("variant_id", "price", "last_checked_at")}
        for row in rows:
            product = SimpleNamespace(**row)
            product_variants = variants.get(row["pk"], [])
            for variant, item in zip(product_variants, inputs_for_product(
                    product, variants=product_variants, text=_text_input(texts.get(row["pk"]), language),
                    languages=tuple(sorted(languages.get(row["pk"], ()))), photos=tuple(photos.get(row["pk"], ())),
                    brand=brand, organisation_slug=org_slug, language=language, currency=connection.currency,
                    pricer=pricer, conn_settings=conn_settings, attributes=attrs.get(row["pk"]),
                    titles=tuple(sorted(titles.get(row["pk"], ())))), strict=True):
                yield variant.pk, item


def listing_input_for(product, variant=None, *, language: str, currency: str = "MAD", link: str = "",
                      kind: str = "direct") -> ListingInput:
    """The ListingInput of one catalog product variant (its first when none is given).

    The price is the variant's MAD price converted to `currency` at the latest exchange rate (what the
    platform's own pages show), not a channel's landed price.
    """
    from tijara.channels.models import ProductChannelAttributes

    pricer = None if currency == "MAD" else Pricer(kind=kind, market="", currency=currency, convert_only=True)
    attributes = ProductChannelAttributes.objects.filter(product=product).first()
    settings_for_link = {"product_url_template": link} if link else {}
    items = list(inputs_for_model(product, language=language, currency=currency, pricer=pricer,
                                  conn_settings=settings_for_link, attributes=attributes))
    if not items:
        raise TijaraError("no_variant", _("The product has no variant to describe."))
    if variant is not None:
        for item in items:
            if item.sku == variant.sku:
                return item
    return items[0]


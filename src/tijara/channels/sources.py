"""From the catalog and pricing to the adapters' plain inputs (the only place the channels app reads the catalog).

`listing_inputs(connection)` streams one `ListingInput` per variant, a chunk of products at a time, so feed
generation holds one chunk in memory whatever the catalog size.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import pycountry
from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from tijara.catalog.selectors import product_text, products_for
from tijara.channels.inputs import ChannelContext, ListingInput, PhotoInput, ShippingInput, TextInput
from tijara.core.crafts import craft_name
from tijara.core.errors import TijaraError

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
    for file_field, width, height in ((photo.feed, photo.feed_width, photo.feed_height),
                                      (photo.web, 0, 0), (photo.original, photo.width, photo.height)):
        if file_field and file_field.name:
            if not width:
                width, height = photo.width, photo.height
            name = file_field.name
            fmt = (name.rsplit(".", 1)[-1] if "." in name else photo.format or "").lower()
            return PhotoInput(url=_absolute(default_storage.url(name)), width=width or 0, height=height or 0,
                              format=fmt, alt=photo.alt(language))
    return None


def product_link(product, connection_settings: dict) -> str:
    """The landing page: the connection's URL template, else the platform's public product page."""
    template = (connection_settings or {}).get("product_url_template", "")
    if template:
        return template.format(sku=product.sku, organisation=product.organisation.slug)
    try:
        path = reverse("marketplace:product", kwargs={"maker": product.organisation.slug, "sku": product.sku})
    except NoReverseMatch:
        return ""
    return settings.SITE_URL + path


@dataclass
class Pricer:
    """Channel prices for one connection, cached by the inputs that determine them (many variants share them)."""

    kind: str
    market: str
    currency: str
    organisation: object = None
    convert_only: bool = False
    cache: dict = field(default_factory=dict)

    def price(self, *, price_mad: Decimal, hs: str, weight_kg, dims: str) -> tuple[Decimal | None, dict, str]:
        """(amount, breakdown, error message)."""
        from tijara.pricing.services import channel_price, convert

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
            result = channel_price(exw_mad=price_mad, channel=PRICING_CHANNEL.get(self.kind, "direct"),
                                   market=self.market, currency=self.currency, organisation=self.organisation,
                                   hs=hs or None, weight_kg=weight_kg, dims_cm=dims or None)
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


def inputs_for_product(product, *, language: str, currency: str, pricer: Pricer | None, conn_settings: dict,
                       attributes=None) -> Iterator[ListingInput]:
    """One ListingInput per variant of a (prefetched) product."""
    text_row, served = product_text(product, language, fallback=False)
    text = None
    if text_row is not None and served == language and text_row.title.strip():
        text = TextInput(language=served, title=text_row.title, description=text_row.description or "",
                         tags=tuple(text_row.tags or ()), origin=text_row.origin)
    languages = tuple(t.language_code for t in product.texts.all())
    photos = tuple(p for p in (_photo(ph, language) for ph in product.photos.all()) if p is not None)
    variants = list(product.variants.all())
    axes = [name for name, attr in (("Size", "size"), ("Color", "colour"), ("Pattern", "pattern"))
            if any(getattr(v, attr) for v in variants)]
    materials = tuple(str(m.get("name", "")).strip() for m in (product.materials or []) if m.get("name"))
    weight = product.packed_weight_kg or product.weight_kg
    dims = (product.packed_length_cm, product.packed_width_cm, product.packed_height_cm)
    if not all(dims):
        dims = (product.length_cm, product.width_cm, product.height_cm)
    link = product_link(product, conn_settings)
    brand = product.organisation.public_name
    for position, variant in enumerate(variants):
        price, breakdown, error = (None, {}, "")
        if variant.price_mad <= 0:
            # A zero master price is never a listing price, whatever fees and shipping would add to it.
            price = Decimal(0)
        elif pricer is not None:
            price, breakdown, error = pricer.price(price_mad=variant.price_mad, hs=product.hs_code, weight_kg=weight,
                                                   dims=_dims(*dims))
        elif currency == "MAD":
            price = variant.price_mad
        yield ListingInput(
            sku=variant.sku, product_sku=product.sku, target_language=language, text=text, currency=currency,
            price=price, price_error=error, price_breakdown=breakdown, brand=brand, link=link,
            craft=product.craft_family_id, craft_name=craft_name(product.craft_family_id, "en"),
            technique=product.technique, materials=materials, photos=photos, available_languages=languages,
            variant_count=len(variants), variant_position=position, size=variant.size, colour=variant.colour,
            pattern=variant.pattern, stock=variant.stock, one_of_a_kind=product.one_of_a_kind,
            production_days=product.production_days, gtin=variant.gtin, weight_kg=weight,
            length_cm=dims[0], width_cm=dims[1], height_cm=dims[2],
            gender=getattr(attributes, "gender", "") or "", age_group=getattr(attributes, "age_group", "") or "",
            google_category=getattr(attributes, "google_category", "") or "",
            etsy_taxonomy_id=getattr(attributes, "etsy_taxonomy_id", None), product_options=tuple(axes),
            status=product.status,
        )


def listing_inputs(connection, *, include_archived: bool = False) -> Iterator[tuple[object, ListingInput]]:
    """(variant id, ListingInput) for every variant of the organisation's products, streamed by chunks."""
    from tijara.channels.models import ProductChannelAttributes

    pricer = Pricer(kind=connection.kind, market=connection.country, currency=connection.currency,
                    organisation=connection.organisation)
    qs = products_for(organisation=connection.organisation)
    if not include_archived:
        qs = qs.exclude(status="archived")
    conn_settings = connection.settings or {}
    for chunk in _chunks(qs):
        attrs = {a.product_id: a for a in ProductChannelAttributes.objects.filter(product_id__in=[p.pk for p in chunk])}
        for product in chunk:
            variants = {v.sku: v.pk for v in product.variants.all()}
            for item in inputs_for_product(product, language=connection.language, currency=connection.currency,
                                           pricer=pricer, conn_settings=conn_settings,
                                           attributes=attrs.get(product.pk)):
                yield variants[item.sku], item


def _chunks(qs) -> Iterator[list]:
    """Products in primary-key chunks (each chunk prefetches its own variants, texts and photos)."""
    last = 0
    base = qs.order_by("pk")
    while True:
        chunk = list(base.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            return
        yield chunk
        last = chunk[-1].pk


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
    items = list(inputs_for_product(product, language=language, currency=currency, pricer=pricer,
                                    conn_settings=settings_for_link, attributes=attributes))
    if not items:
        raise TijaraError("no_variant", _("The product has no variant to describe."))
    if variant is not None:
        for item in items:
            if item.sku == variant.sku:
                return item
    return items[0]


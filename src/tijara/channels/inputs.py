"""Plain inputs of the adapters (no ORM): one `ListingInput` per variant, plus the connection's `ChannelContext`.

The Django side (`tijara.channels.sources`) builds these from the catalog and pricing; tests and the
benchmark build them directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext_noop


@dataclass(frozen=True, slots=True)
class TextInput:
    """Buyer-facing text in one language, with where it came from (person / machine-suggested and reviewed)."""

    language: str
    title: str
    description: str = ""
    tags: tuple[str, ...] = ()
    origin: str = "person"


@dataclass(frozen=True, slots=True)
class PhotoInput:
    """A public photo URL with its pixel size and format (jpeg, png, webp …)."""

    url: str
    width: int = 0
    height: int = 0
    format: str = ""
    alt: str = ""


@dataclass(frozen=True, slots=True)
class ShippingInput:
    """One shipping rate to a destination country (ISO 3166-1 alpha-2) in the listing currency."""

    country: str
    price: Decimal
    service: str = "Standard"
    min_handling_days: int | None = None
    max_handling_days: int | None = None
    min_transit_days: int | None = None
    max_transit_days: int | None = None


@dataclass(frozen=True, slots=True)
class ListingInput:
    """One sellable variant of a master product, with its text already chosen in the target language.

    `text` is None when the product has no text in the target language: adapters then block the listing
    ("translation missing") instead of publishing another language.
    """

    sku: str
    product_sku: str
    target_language: str
    text: TextInput | None
    currency: str
    price: Decimal | None
    brand: str = ""
    link: str = ""
    craft: str = ""
    craft_name: str = ""
    technique: str = ""
    materials: tuple[str, ...] = ()
    photos: tuple[PhotoInput, ...] = ()
    available_languages: tuple[str, ...] = ()
    variant_count: int = 1
    variant_position: int = 0
    size: str = ""
    colour: str = ""
    pattern: str = ""
    stock: int = 0
    one_of_a_kind: bool = False
    production_days: int | None = None
    gtin: str = ""
    weight_kg: Decimal | None = None
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None
    gender: str = ""
    age_group: str = ""
    google_category: str = ""
    type_category: str = ""  # the Google category of the product type its titles name (taxonomy.category_from_titles)
    etsy_taxonomy_id: int | None = None
    sale_price: Decimal | None = None
    price_error: str = ""
    origin_country: str = "MA"
    product_options: tuple[str, ...] = ()
    # False when `link` is the platform's buyers' catalog page and the product is not shown there.
    link_public: bool = True
    status: str = "ready"
    price_breakdown: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def made_to_order(self) -> bool:
        """Out of stock but made again on order (a production time is known and the piece is not unique)."""
        return self.stock <= 0 and not self.one_of_a_kind and bool(self.production_days)

    @property
    def option_names(self) -> tuple[str, ...]:
        """The product's variant axes (shared by all its variants), else this variant's own."""
        return self.product_options or tuple(name for name, _value in self.options)

    @property
    def options(self) -> tuple[tuple[str, str], ...]:
        """The variant axes that carry a value, in a stable order."""
        return tuple((name, value) for name, value in (("Size", self.size), ("Color", self.colour),
                                                        ("Pattern", self.pattern)) if value)


# The catalogue's words for the variant axes (ListingInput.options names them in English).
_OPTION_WORDS = {"Size": gettext_noop("Size"), "Color": gettext_noop("Colour"), "Pattern": gettext_noop("Pattern")}


def option_label(name: str, language: str) -> str:
    """A variant axis as the store's shoppers read it: "Couleur" in a French WooCommerce or Shopify store, "اللون" in
    an Arabic one (English feeds keep the platforms' own "Size", "Color", "Pattern")."""
    if language == "en" or name not in _OPTION_WORDS:
        return name
    with translation.override(language):
        return translation.gettext(_OPTION_WORDS[name])


@dataclass(frozen=True, slots=True)
class ChannelContext:
    """What a connection fixes for every listing: target country (alpha-2), language, currency, shipping, store."""

    kind: str
    country: str
    language: str
    currency: str
    store_name: str = ""
    store_url: str = ""
    feed_title: str = ""
    shipping: tuple[ShippingInput, ...] = ()
    settings: dict = field(default_factory=dict, hash=False, compare=False)


@dataclass(slots=True)
class Mapped:
    """An adapter's result for one listing: the channel fields and the problems found."""

    sku: str
    group: str
    fields: dict
    problems: list
    item: ListingInput | None = None

    @property
    def blocked(self) -> bool:
        return any(p.severity == "error" for p in self.problems)

    @property
    def state(self) -> str:
        return "blocked" if self.blocked else "ready"

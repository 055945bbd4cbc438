"""Channel adapters: one package per channel, registered in a plain dict (kind → dotted module path).

Each adapter module exposes `KIND`, `LABEL`, `FORMATS` (first = default), `map_listing(item, ctx) -> Mapped`
and `write_feed(mapped, out, *, ctx, fmt) -> int` (items written). Adding a channel: see docs/channels.md.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

REGISTRY: dict[str, str] = {
    "google": "tijara.channels.adapters.google",
    "meta": "tijara.channels.adapters.meta",
    "shopify": "tijara.channels.adapters.shopify",
    "woocommerce": "tijara.channels.adapters.woocommerce",
    "etsy": "tijara.channels.adapters.etsy",
    "amazon_handmade": "tijara.channels.adapters.amazon_handmade",
}

# The CLI spells Amazon Handmade with a hyphen.
ALIASES = {"amazon-handmade": "amazon_handmade"}


def kind_of(name: str) -> str | None:
    """The registry kind for a user-typed channel name, or None."""
    key = (name or "").strip().lower()
    key = ALIASES.get(key, key)
    return key if key in REGISTRY else None


def adapter(kind: str) -> ModuleType:
    """The adapter module of a channel kind (KeyError for an unknown kind)."""
    return import_module(REGISTRY[kind])

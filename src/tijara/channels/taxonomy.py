"""Craft family → Google product category, and the shipped subset of Google's product taxonomy (pure)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
TAXONOMY_VERSION = "2021-09-21"
APPAREL_ROOT = "Apparel & Accessories"

# Suggested categories from channel-specs.md §1.6. Families whose products span unrelated categories
# (pottery: cooking tagines vs plates; textiles: kaftans vs blankets) get none: Google then assigns one
# itself, and the user can set one per product.
CRAFT_TO_GOOGLE: dict[str, str] = {
    "rugs": "598",
    "zellige": "7136",
    "ceramics": "696",
    "leather": "3032",
    "footwear": "187",
    "lighting": "4636",
    "wood": "696",
    "basketry": "573",
    "jewelry": "188",
    "metalware": "696",
    "cosmetics": "2915",
}


@cache
def google_taxonomy() -> dict[str, str]:
    """{id: path} from the shipped taxonomy file."""
    nodes: dict[str, str] = {}
    with open(DATA_DIR / "google_product_taxonomy_subset.txt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or " - " not in line:
                continue
            node_id, path = line.rstrip("\n").split(" - ", 1)
            nodes[node_id.strip()] = path.strip()
    return nodes


def google_category_for(craft: str, override: str = "") -> str:
    """The Google category ID for a product (its own override first, then its craft family)."""
    return (override or CRAFT_TO_GOOGLE.get(craft, "")).strip()


def category_path(category: str) -> str:
    """Path of a category given as ID or path ("" when the ID is not in the shipped file)."""
    if category.isdigit():
        return google_taxonomy().get(category, "")
    return category


def is_apparel(category: str) -> bool:
    return category_path(category).startswith(APPAREL_ROOT)


def needs_size(category: str) -> bool:
    """Clothing (1604) and Shoes (187) need `size` (GMC/6324492)."""
    path = category_path(category)
    return path.startswith("Apparel & Accessories > Clothing") and not path.startswith(
        "Apparel & Accessories > Clothing Accessories") or path.startswith("Apparel & Accessories > Shoes")


def is_clothing_or_shoes(category: str) -> bool:
    return needs_size(category)

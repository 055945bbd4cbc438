"""Product type or craft family → Google product category, and the shipped subset of Google's product taxonomy
(pure)."""

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


# The product types of the craft vocabulary (tijara.language, concept ids) that channel-specs.md §1.6 gives a
# category of their own. A family spans several of them (leather: bags, wallets, belts and poufs; lighting: lamps,
# ceiling fixtures and candle lanterns), so the type a product's titles name decides before its family does. Types
# the table leaves open (plates and bowls: decorative or dinnerware; boxes: no node) are not listed.
TYPE_TO_GOOGLE: dict[str, str] = {
    **dict.fromkeys(["rug", "berber_rug", "beni_ourain", "azilal_rug", "boujad_rug", "taznakht_rug", "rabat_rug",
                     "kilim", "boucherouite"], "598"),
    "tapestry": "500045",
    **dict.fromkeys(["zellige", "tile"], "7136"),
    "mirror": "595",
    "tagine": "5340",
    "vase": "602",
    "jar": "7113",
    "teapot": "652",
    **dict.fromkeys(["tea_set", "tea_glass"], "6740"),
    **dict.fromkeys(["lamp", "wall_lamp"], "4636"),
    "chandelier": "2524",
    "candle_holder": "2784",
    "pouf": "458",
    **dict.fromkeys(["cushion", "cushion_cover"], "4454"),
    **dict.fromkeys(["blanket", "handira"], "1985"),
    "tablecloth": "4143",
    **dict.fromkeys(["basket", "bread_basket", "wall_basket", "storage_basket", "lidded_basket"], "573"),
    **dict.fromkeys(["leather_bag", "straw_bag"], "3032"),
    "wallet": "2668",
    **dict.fromkeys(["babouche", "slipper", "sandal", "shoe", "boot"], "187"),
    "belt": "169",
    **dict.fromkeys(["shawl", "sabra_scarf", "headscarf"], "177"),
    **dict.fromkeys(["jewellery", "fibula", "anklet", "khamsa"], "188"),
    "bracelet": "191",
    "earrings": "194",
    "necklace": "196",
    "ring": "200",
    **dict.fromkeys(["caftan", "djellaba", "gandoura", "burnous"], "5388"),
    "argan_oil": "6104",
    "black_soap": "474",
    "figurine": "5609",
    **dict.fromkeys(["sculpture", "wood_carving"], "11"),
    **dict.fromkeys(["brass_tray", "wooden_tray"], "6456"),
}


def category_from_titles(craft: str, titles: tuple[tuple[str, str], ...]) -> str:
    """The category of the product type that a product's titles name, ``(language, title)`` in any of its languages;
    '' when none is listed or when they name types of different categories (the family's category then applies).
    Only types of the product's own craft family count: a colour word that is also a product ("saffron", a "Fez"
    hat) does not move a rug."""
    return type_from_titles(craft, titles)[0]


def type_from_titles(craft: str, titles: tuple[tuple[str, str], ...]):
    """(category, concept) of :func:`category_from_titles`; the concept is the first product type found with that
    category (its words name the type on the channels page); ('', None) when no single category is named."""
    from tijara.language.vocabulary import vocabulary

    vocab = vocabulary()
    found: dict[str, object] = {}
    for language, title in titles:
        for match in vocab.find(title or "", language if language in ("fr", "en") else None):
            concept = match.concept
            if concept.kind == "product" and (not concept.families or craft in concept.families):
                category = TYPE_TO_GOOGLE.get(concept.id)
                if category:
                    found.setdefault(category, concept)
    return next(iter(found.items())) if len(found) == 1 else ("", None)


@cache
def apparel_families() -> frozenset[str] | None:
    """The craft families whose products can fall under Apparel & Accessories without a category set on the product
    itself: a family whose own category is apparel, or one holding a product type whose category is (derived from
    :data:`CRAFT_TO_GOOGLE` and :data:`TYPE_TO_GOOGLE`); None when a type of no family is apparel (then any can be)."""
    from tijara.language.vocabulary import vocabulary

    out = {family for family, category in CRAFT_TO_GOOGLE.items() if is_apparel(category)}
    for concept in vocabulary().concepts:
        if is_apparel(TYPE_TO_GOOGLE.get(concept.id, "")):
            if not concept.families:
                return None
            out.update(concept.families)
    return frozenset(out)


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


def google_category_for(craft: str, override: str = "", by_type: str = "") -> str:
    """The Google category ID for a product: its own override first, then the category of the product type its titles
    name (:func:`category_from_titles`), then its craft family's."""
    return (override or by_type or CRAFT_TO_GOOGLE.get(craft, "")).strip()


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

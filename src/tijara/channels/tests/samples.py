"""Plain sample listings for the adapter tests (no database): each exercises rules from channel-specs.md."""

from __future__ import annotations

import io
import json
import os
from decimal import Decimal
from pathlib import Path

from tijara.channels.inputs import ChannelContext, ListingInput, PhotoInput, ShippingInput, TextInput

D = Decimal
CDN = "https://cdn.example.ma/"


def photos(stem: str, n: int, size: int = 1600) -> tuple[PhotoInput, ...]:
    return tuple(PhotoInput(url=f"{CDN}{stem}-{i}.jpg", width=size, height=size, format="jpg", alt=f"{stem} {i}")
                 for i in range(1, n + 1))


def context(kind: str, *, country="US", language="en", currency="USD", **settings) -> ChannelContext:
    return ChannelContext(kind=kind, country=country, language=language, currency=currency,
                          store_name="Cooperative Tifawin", store_url="https://shop.example.ma",
                          feed_title="Cooperative Tifawin — products",
                          shipping=(ShippingInput(country=country, price=D("45.00"), service="Standard"),),
                          settings=settings)


RUG_TEXT = TextInput(
    language="en", title="Handwoven Beni Ourain Wool Rug 150 x 240 cm, Cream",
    description="Hand-knotted by the women of Cooperative Tifawin in the Middle Atlas, from undyed sheep wool.\n\n"
                "Each rug takes about six weeks; knots: about 60,000 per m².",
    tags=("beni ourain", "berber rug", "wool rug", "moroccan rug", "handwoven"))


def rug(**changes) -> ListingInput:
    base = {"sku": "TIF-RUG-0042", "product_sku": "TIF-RUG-0042", "target_language": "en", "text": RUG_TEXT, "currency": "USD",
                "price": D("890.00"), "brand": "Cooperative Tifawin", "link": "https://shop.example.ma/p/tif-rug-0042",
                "craft": "rugs", "craft_name": "Rugs and carpets", "technique": "hand-knotted", "materials": ("wool",),
                "photos": photos("tif-rug-0042", 3), "available_languages": ("ar", "en", "fr"), "stock": 1,
                "one_of_a_kind": True, "weight_kg": D("9.5"), "length_cm": D("240"), "width_cm": D("150"), "height_cm": D("2")}
    base.update(changes)
    return ListingInput(**base)


BABOUCHE_TEXT = TextInput(language="en", title="Leather Babouche Slippers, Saffron Yellow",
                          description="Hand-stitched goat leather babouches from Marrakech.",
                          tags=("babouche", "leather slippers"))


def babouches() -> list[ListingInput]:
    common = {"product_sku": "MRK-BAB-01", "target_language": "en", "text": BABOUCHE_TEXT, "currency": "USD",
                  "price": D("49.90"), "brand": "Atelier Cuir Marrakech", "link": "https://shop.example.ma/p/mrk-bab-01",
                  "craft": "footwear", "craft_name": "Footwear", "materials": ("goat leather",),
                  "photos": photos("mrk-bab-01", 2, 1200), "available_languages": ("en", "fr"), "variant_count": 2,
                  "colour": "Saffron", "gender": "unisex", "age_group": "adult", "stock": 5, "product_options": ("Size", "Color")}
    return [ListingInput(sku="MRK-BAB-01-38", size="38", variant_position=0, **common),
            ListingInput(sku="MRK-BAB-01-40", size="40", variant_position=1, **common)]


def acceptance(title_length: int) -> ListingInput:
    """The issue's acceptance case: a long title, no photo, a price of 0."""
    title = ("Handwoven Berber Wool Rug " * 10)[:title_length]
    return rug(sku="ACC-1", product_sku="ACC-1", text=TextInput("en", title, "A rug."), photos=(), price=D("0"),
               one_of_a_kind=False, stock=3)


def arabic_only() -> ListingInput:
    return rug(sku="AR-ONLY-1", product_sku="AR-ONLY-1", text=None, available_languages=("ar",))


def sold_unique() -> ListingInput:
    return rug(sku="TIF-RUG-0043", product_sku="TIF-RUG-0043", stock=0)


def lantern_made_to_order() -> ListingInput:
    text = TextInput("en", "Pierced Brass Lantern, 40 cm", "Hand-pierced brass lantern from Fes; made to order.",
                     ("brass lantern", "moroccan lamp"))
    return rug(sku="FES-LAN-07", product_sku="FES-LAN-07", text=text, price=D("120.00"), craft="lighting",
               craft_name="Lanterns and lamps", technique="pierced", materials=("brass",),
               photos=photos("fes-lan-07", 1, 1000), one_of_a_kind=False, stock=0, production_days=14,
               weight_kg=D("2.4"), length_cm=None, width_cm=None, height_cm=None)


def catalog() -> list[ListingInput]:
    """All samples in product order (variants of a product together)."""
    return [rug(), *babouches(), acceptance(160), arabic_only(), sold_unique(), lantern_made_to_order()]


GOLDEN_UPDATE = os.environ.get("TIJARA_UPDATE_GOLDEN") == "1"


def render(module, items, ctx, fmt) -> bytes:
    out = io.BytesIO()
    module.write_feed([module.map_listing(i, ctx) for i in items], out, ctx=ctx, fmt=fmt)
    return out.getvalue()


def problems_summary(module, items, ctx) -> str:
    """sku → [severity rule field] for every sample, as stable JSON."""
    data = {}
    for item in items:
        mapped = module.map_listing(item, ctx)
        data[item.sku] = [f"{p.severity} {p.rule} {p.field}" for p in mapped.problems]
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"


def check_golden(path: Path, data: bytes | str) -> None:
    """Compare with the stored golden file (TIJARA_UPDATE_GOLDEN=1 rewrites it; review the diff)."""
    raw = data.encode() if isinstance(data, str) else data
    if GOLDEN_UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
    assert path.exists(), f"missing golden file {path.name}; create it with TIJARA_UPDATE_GOLDEN=1 and review it"
    assert raw == path.read_bytes(), f"output differs from {path.name}; rerun with TIJARA_UPDATE_GOLDEN=1 and review"

"""Demo catalog: a few hundred products across every craft family for the demo organisations.

Texts are written in Arabic, French and English (see demo_data.py); images are generated placeholders drawn
with Pillow (no photograph of anyone's work). Some products are deliberately incomplete — Arabic-only, no
English, no photo, no HS code, draft — so that completeness and channel blockers have something to show.
Idempotent: products whose SKU exists are left alone.
"""

from __future__ import annotations

import io
import random
import zlib
from decimal import Decimal

from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from tijara.accounts.models import Organisation
from tijara.catalog import services
from tijara.catalog.demo_data import CITY_OF, COLOURS, PIECE_SUFFIX, TYPES
from tijara.catalog.models import Product, ProductText, Variant
from tijara.catalog.reference import load as load_craft_families

COLLECTIONS = [("Atlas", "Atlas", "الأطلس"), ("Medina", "Médina", "المدينة"), ("Oasis", "Oasis", "الواحة"),
               ("Kasbah", "Kasbah", "القصبة")]
RGB = {"cream": (236, 226, 204), "indigo": (46, 60, 120), "saffron": (230, 160, 30), "terracotta": (190, 100, 60),
       "green": (30, 110, 70), "blue": (30, 80, 160), "black": (35, 35, 35), "red": (160, 40, 40),
       "natural": (200, 170, 120), "tan": (170, 115, 70), "white": (245, 245, 240), "ochre": (200, 140, 50),
       "brass": (190, 150, 60), "silver": (180, 180, 185), "olive": (110, 110, 50), "rose": (215, 140, 150)}
IMAGE_PX = 640
PREFIX = {"demo-tazarbit-azilal": "TAZ", "demo-zellige-fes": "FES", "demo-safi-poterie": "SAF",
          "demo-marrakech-cuir": "MRK", "demo-essaouira-thuya": "ESS", "demo-argan-souss": "ARG"}


def placeholder_image(*, family: str, colour: str, label: str, seed: int) -> bytes:
    """A drawn placeholder (pattern by craft family, in the product's colour), clearly marked DEMO."""
    rng = random.Random(seed)
    base = RGB.get(colour, (180, 180, 180))
    light = tuple(min(255, c + 60) for c in base)
    dark = tuple(max(0, c - 60) for c in base)
    image = Image.new("RGB", (IMAGE_PX, IMAGE_PX), (250, 248, 244))
    draw = ImageDraw.Draw(image)
    m = 70
    if family in ("rugs", "textiles"):
        draw.rectangle([m, m, IMAGE_PX - m, IMAGE_PX - m], fill=light)
        step = rng.choice([40, 50, 60])
        for y in range(m + 20, IMAGE_PX - m - 20, step):
            for x in range(m + 20, IMAGE_PX - m - 20, step):
                draw.polygon([(x, y - 15), (x + 15, y), (x, y + 15), (x - 15, y)], outline=dark, width=3)
    elif family == "zellige":
        size = 55
        for y in range(m, IMAGE_PX - m, size):
            for x in range(m, IMAGE_PX - m, size):
                shade = rng.randint(-25, 25)
                draw.rectangle([x + 2, y + 2, x + size - 2, y + size - 2],
                               fill=tuple(max(0, min(255, c + shade)) for c in base))
    elif family in ("pottery", "ceramics", "metalware"):
        c = IMAGE_PX // 2
        for r, fill in ((230, dark), (205, base), (150, light), (70, base)):
            draw.ellipse([c - r, c - r, c + r, c + r], fill=fill)
    elif family == "lighting":
        c = IMAGE_PX // 2
        draw.polygon([(c, 80), (c + 150, 260), (c + 110, 540), (c - 110, 540), (c - 150, 260)], fill=base)
        for _i in range(40):
            x, y = rng.randint(c - 90, c + 90), rng.randint(250, 500)
            draw.ellipse([x - 5, y - 5, x + 5, y + 5], fill=(255, 236, 170))
    else:
        draw.rounded_rectangle([m + 40, m + 80, IMAGE_PX - m - 40, IMAGE_PX - m - 40], radius=30, fill=base,
                               outline=dark, width=6)
    font = ImageFont.load_default()
    draw.rectangle([0, IMAGE_PX - 44, IMAGE_PX, IMAGE_PX], fill=(20, 20, 20))
    draw.text((12, IMAGE_PX - 34), f"DEMO · {label}", fill=(255, 255, 255), font=font)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _texts(kind: dict, colour: str, collection: tuple[str, str, str] | None, languages: list[str],
           piece: int | None = None) -> dict:
    words = dict(zip(("en", "fr", "ar"), COLOURS[colour], strict=True))
    texts = {}
    for code in languages:
        title = kind["title"][code].format(c=words[code])
        if collection:
            title += {"en": f" — {collection[0]} collection", "fr": f" — collection {collection[1]}",
                      "ar": f" — مجموعة {collection[2]}"}[code]
        elif piece:  # one-of-a-kind pieces of one kind and colour: each its own title in search results
            title += PIECE_SUFFIX[code].format(n=piece)
        texts[code] = {"title": title[:200], "description": kind["desc"][code].format(c=words[code]),
                       "tags": kind["tags"][code]}
    return texts


def _plan(organisation: Organisation) -> list[dict]:
    """The products one demo organisation shows, by the crafts it practises."""
    items = []
    prefix = PREFIX.get(organisation.slug, organisation.slug[5:8].upper())
    for kind in TYPES:
        if kind["family"] not in organisation.crafts:
            continue
        for colour in kind["colours"]:
            if kind.get("unique"):
                runs = [(None, n) for n in range(1, 7)]
            else:
                runs = [(collection, 1) for collection in COLLECTIONS[:3]]
            for collection, piece in runs:
                tag = collection[0][:3].upper() if collection else f"{piece:02d}"
                sku = f"{prefix}-{kind['key']}-{colour[:3].upper()}-{tag}"
                items.append({"sku": sku, "kind": kind, "colour": colour, "collection": collection,
                              "piece": piece if kind.get("unique") else None})
    return items


def _make(organisation: Organisation, item: dict, index: int) -> None:
    kind, colour, sku = item["kind"], item["colour"], item["sku"]
    rng = random.Random(zlib.crc32(sku.encode()))
    roll = rng.random()
    if roll < 0.07:
        languages = ["ar"]  # Arabic-only: channels that need French or English will block it
    elif roll < 0.17:
        languages = ["ar", "fr"]
    else:
        languages = ["ar", "fr", "en"]
    length, width, height = kind["dims"]
    scale = Decimal(str(round(rng.uniform(0.85, 1.25), 2)))
    unique = bool(kind.get("unique"))
    fields = {
        "technique": kind["technique"], "materials": kind["materials"], "region": organisation.region,
        "city": CITY_OF.get(organisation.slug, organisation.city), "makers": organisation.public_name.replace(
            "Demo — ", ""), "period_made": "2026" if unique else "",
        "length_cm": (Decimal(length) * scale).quantize(Decimal("1")),
        "width_cm": (Decimal(width) * scale).quantize(Decimal("1")),
        "height_cm": Decimal(str(height)), "weight_kg": Decimal(str(round(rng.uniform(*kind["weight"]), 2))),
        "production_days": rng.randint(*kind["days"]), "moq": 1 if unique else rng.choice([1, 5, 10]),
        "monthly_capacity": rng.randint(2, 6) if unique else rng.randint(20, 200), "one_of_a_kind": unique,
        "care_instructions": kind["care"], "status": "draft" if roll > 0.93 else "ready",
        "is_public": roll <= 0.93,
    }
    fields["packed_length_cm"] = fields["length_cm"] + 5 if not unique or kind["family"] != "rugs" else Decimal(
        width) * scale + 5
    fields["packed_width_cm"] = min(fields["width_cm"], Decimal(40)) + 5
    fields["packed_height_cm"] = min(fields["height_cm"] + 10, Decimal(60))
    fields["packed_weight_kg"] = fields["weight_kg"] + Decimal("0.4")
    if kind.get("food") is not None:
        fields["food_contact_suitable"] = kind["food"]
    if kind.get("electrical") is not None:
        fields["electrical_parts"] = kind["electrical"]
    with transaction.atomic():
        product = services.product_create(
            actor=None, organisation=organisation, sku=sku, craft_family=kind["family"],
            texts=_texts(kind, colour, item["collection"], languages, item.get("piece")), **fields)
        low, high = kind["price"]
        base_price = Decimal(rng.randrange(low, high + 1, 10))
        sizes = kind.get("sizes") or [(None, None, None, 1.0)]
        for position, (size_en, _fr, _ar, factor) in enumerate(sizes):
            Variant.objects.create(
                product=product, sku=sku if len(sizes) == 1 else f"{sku}-{position + 1}",
                size=size_en or "", colour=COLOURS[colour][0],
                price_mad=(base_price * Decimal(str(factor))).quantize(Decimal("1.00")),
                stock=1 if unique else rng.randint(0, 60), position=position)
        if kind["hs"] and rng.random() < 0.7:
            services.product_hs_set(actor=None, product=product, code=kind["hs"], source=Product.HSSource.PERSON,
                                    check=False)
        if rng.random() >= 0.08:  # about one product in twelve has no photo: channels flag it
            for n in range(1 if rng.random() < 0.7 else 2):
                data = placeholder_image(family=kind["family"], colour=colour, label=f"{sku} #{n + 1}",
                                         seed=index * 10 + n)
                processed = services.photo_prepare(data)
                alt = {code: text["title"] for code, text in _texts(kind, colour, None, languages).items()}
                services._photo_store(product=product, alt_text=alt, processed=processed,  # noqa: SLF001
                                      position=n)


def load(*, stdout) -> None:
    """Create the demo catalog for every demo seller organisation (idempotent)."""
    load_craft_families()
    organisations = Organisation.objects.filter(
        is_demo=True, kind__in=[Organisation.Kind.ARTISAN, Organisation.Kind.COOPERATIVE, Organisation.Kind.COMPANY])
    created = 0
    index = 0
    for organisation in organisations.order_by("slug"):
        existing = set(Product.objects.filter(organisation=organisation).values_list("sku", flat=True))
        for item in _plan(organisation):
            index += 1
            if item["sku"] in existing:
                continue
            _make(organisation, item, index)
            created += 1
    total = Product.objects.filter(organisation__in=organisations).count()
    texts = ProductText.objects.filter(product__organisation__in=organisations).count()
    stdout.write(f"catalog: {created} demo products created ({total} in the demo catalog, {texts} texts)")

"""From a catalog product to its search document (analysed text per column, facet values, display data)."""

from __future__ import annotations

import re

import numpy as np
from django.conf import settings
from django.urls import reverse

from tijara.catalog.models import Product
from tijara.core.crafts import REGIONS
from tijara.marketplace.search import embed, engine, text


def _region_names(code: str) -> list[tuple[str, str]]:
    for c, latin, arabic in REGIONS:
        if c == code:
            return [(latin, "fr"), (arabic, "ar")]
    return []


def _terms(pairs: list[tuple[str, str]]) -> str:
    return " ".join(term for value, language in pairs if value for term in text.index_terms(value, language))


def product_path(product: Product) -> str:
    return reverse("marketplace:product", kwargs={"maker": product.organisation.slug, "sku": product.sku})


def material_names(product: Product) -> list[str]:
    names = []
    for material in product.materials or []:
        name = material.get("name") if isinstance(material, dict) else str(material)
        normal = text.normalize(str(name or "")).strip()
        if normal and normal not in names:
            names.append(normal)
    return names


DESIGN_LANGUAGES = ("ar", "fr", "en")
_NUMBERS = re.compile(r"\d+(?:[.,x×]\d+)*")


def design_key(product: Product, texts: list) -> str:
    """One product design: a maker's products whose titles differ at most in numbers (piece no. 1…6, 120×180 and
    160×230 cm) are versions of one design, listed as separate products."""
    return design_of(maker=product.organisation.slug, titles={t.language_code: t.title for t in texts})


def design_of(*, maker: str, titles: dict[str, str]) -> str:
    """The design key of a maker's product from its titles per language ("" without a title)."""
    titles = {code: title for code, title in titles.items() if (title or "").strip()}
    if not maker or not titles:
        return ""
    # One language decides, the same for every product: Arabic first (demo and most makers write it), then French.
    code = next(c for c in (*DESIGN_LANGUAGES, *sorted(titles)) if c in titles)
    return f"{maker}|{code}:{_NUMBERS.sub('#', text.normalize(titles[code])).strip()}"


def sentences_for(product: Product) -> list[str]:
    """The sentences embedded for a product: its title in each language, with technique and materials."""
    extra = ", ".join(x for x in (product.technique, product.materials_text) if x)
    return [f"{t.title}. {extra}" if extra else t.title for t in product.texts.all()]


def embeddings_for(products: list[Product]) -> dict[int, bytes | None]:
    """Each product's embedding: the mean of its sentences' (a meaning shared by every language), batched."""
    if not settings.TIJARA_EMBEDDINGS_ENABLED or not products:
        return {p.pk: None for p in products}
    sentences = {p.pk: sentences_for(p) for p in products}
    vectors = embed.encode_many([s for rows in sentences.values() for s in rows])
    if vectors is None:
        return {p.pk: None for p in products}
    out, position = {}, 0
    for product in products:
        count = len(sentences[product.pk])
        rows = vectors[position:position + count]
        position += count
        out[product.pk] = engine.embedding_bytes(np.mean(np.vstack(rows), axis=0)) if rows else None
    return out


def document_payload(product: Product, *, with_embedding: bool = True) -> tuple[dict, bytes | None]:
    """The SearchDocument payload of a product (its texts, variants, photos and organisation prefetched)."""
    texts = list(product.texts.all())
    organisation = product.organisation
    family = product.craft_family
    default_language = texts[0].language_code if texts else "fr"
    languages = [t.language_code for t in texts]
    title_pairs, body_pairs = [], []
    for t in texts:
        title_pairs.append((t.title, t.language_code))
        title_pairs += [(str(tag), t.language_code) for tag in (t.tags or [])]
        body_pairs.append((t.description, t.language_code))
    craft_pairs = [(family.name_en, "en"), (family.name_fr, "fr"), (family.name_ar, "ar"), (family.code, "en")]
    prices = [float(v.price_mad) for v in product.variants.all() if v.price_mad is not None]
    photos = list(product.photos.all())
    thumbnail = ""
    if photos:
        first = photos[0]
        thumbnail = (first.thumbnail or first.web or first.original).name or ""
    columns = {
        "title": _terms(title_pairs),
        "body": _terms(body_pairs),
        "craft": _terms(craft_pairs),
        "materials": _terms([(m.get("name", "") if isinstance(m, dict) else str(m), default_language)
                             for m in product.materials or []]),
        "techniques": _terms([(product.technique, default_language)]),
        "maker": _terms([(organisation.public_name, "fr"), (product.makers, default_language)]),
        "place": _terms(_region_names(product.region or organisation.region) + [(product.city or organisation.city, "fr")]),
    }
    payload = {
        "columns": columns,
        "craft": family.code,
        "region": product.region or organisation.region or "",
        "maker": organisation.slug,
        "verified": organisation.is_verified,
        "price_mad": min(prices) if prices else None,
        "moq": product.moq,
        "lead_days": product.production_days,
        "created": product.created_at.isoformat(),
        "materials": material_names(product),
        "design": design_key(product, texts),
        "display": {
            "sku": product.sku,
            "titles": {t.language_code: t.title for t in texts},
            "languages": languages,
            "maker_name": organisation.public_name,
            "maker_slug": organisation.slug,
            "verified": organisation.is_verified,
            "path": product_path(product),
            "price_mad": min(prices) if prices else None,
            "craft": family.code,
            "region": product.region or organisation.region or "",
            "moq": product.moq,
            "lead_days": product.production_days,
            "thumbnail": thumbnail,
        },
    }
    return payload, embeddings_for([product])[product.pk] if with_embedding else None

"""API schemas of the catalog."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ninja import Schema


class Error(Schema):
    code: str
    message: str
    field: str | None = None


class Material(Schema):
    name: str
    percent: float | None = None


class VariantIn(Schema):
    sku: str = ""
    size: str = ""
    colour: str = ""
    pattern: str = ""
    price_mad: Decimal
    stock: int = 0
    gtin: str = ""


class VariantPatch(Schema):
    sku: str | None = None
    size: str | None = None
    colour: str | None = None
    pattern: str | None = None
    price_mad: Decimal | None = None
    stock: int | None = None
    gtin: str | None = None
    position: int | None = None


class VariantOut(Schema):
    sku: str
    size: str
    colour: str
    pattern: str
    price_mad: Decimal
    stock: int
    gtin: str
    position: int


class TextIn(Schema):
    title: str
    description: str = ""
    tags: list[str] = []
    origin: str = "person"


class TextOut(Schema):
    language_code: str
    title: str
    description: str
    tags: list[str]
    origin: str
    updated_at: datetime


class PhotoOut(Schema):
    id: int
    position: int
    width: int
    height: int
    feed_width: int
    feed_height: int
    format: str
    alt_text: dict[str, str]
    original_url: str
    thumbnail_url: str
    web_url: str
    feed_url: str


class PhotoPatch(Schema):
    alt_text: dict[str, str] | None = None
    position: int | None = None


class ProductFields(Schema):
    technique: str | None = None
    materials: list[Material] | None = None
    region: str | None = None
    city: str | None = None
    makers: str | None = None
    period_made: str | None = None
    length_cm: Decimal | None = None
    width_cm: Decimal | None = None
    height_cm: Decimal | None = None
    weight_kg: Decimal | None = None
    packed_length_cm: Decimal | None = None
    packed_width_cm: Decimal | None = None
    packed_height_cm: Decimal | None = None
    packed_weight_kg: Decimal | None = None
    production_days: int | None = None
    moq: int | None = None
    monthly_capacity: int | None = None
    one_of_a_kind: bool | None = None
    care_instructions: str | None = None
    certifications: list[str] | None = None
    food_contact_suitable: bool | None = None
    electrical_parts: bool | None = None
    imported_materials: bool | None = None
    is_public: bool | None = None
    status: str | None = None


class ProductIn(ProductFields):
    sku: str
    craft_family: str
    hs_code: str = ""
    texts: dict[str, TextIn] = {}
    variants: list[VariantIn] = []


class ProductPatch(ProductFields):
    sku: str | None = None
    craft_family: str | None = None


class ProductOut(Schema):
    sku: str
    organisation: str
    craft_family: str
    technique: str
    materials: list[Material]
    region: str
    city: str
    makers: str
    period_made: str
    length_cm: Decimal | None
    width_cm: Decimal | None
    height_cm: Decimal | None
    weight_kg: Decimal | None
    packed_length_cm: Decimal | None
    packed_width_cm: Decimal | None
    packed_height_cm: Decimal | None
    packed_weight_kg: Decimal | None
    production_days: int | None
    moq: int
    monthly_capacity: int | None
    one_of_a_kind: bool
    care_instructions: str
    certifications: list[str]
    food_contact_suitable: bool | None
    electrical_parts: bool | None
    imported_materials: bool | None
    hs_code: str
    hs_source: str
    hs_confidence: float | None
    is_public: bool
    status: str
    created_at: datetime
    updated_at: datetime
    variants: list[VariantOut]
    texts: list[TextOut]
    photos: list[PhotoOut]
    completeness: dict[str, int]


class HSIn(Schema):
    code: str
    source: str = "person"
    confidence: float | None = None
    suggested_code: str = ""


class HSChangeOut(Schema):
    from_code: str
    to_code: str
    source: str
    confidence: float | None
    suggested_code: str
    changed_by: str | None
    changed_at: datetime


class HSSuggestionOut(Schema):
    available: bool
    code: str | None = None
    confidence: float | None = None
    label: str | None = None
    message: str | None = None


class BulkEditIn(Schema):
    skus: list[str]
    price_percent: Decimal | None = None
    stock: int | None = None
    status: str | None = None


class ImportError_(Schema):
    row: int
    column: str
    message: str


class ImportOut(Schema):
    created: int
    updated: int
    unchanged: int
    errors: list[ImportError_]


class ImportJobOut(Schema):
    token: str
    status: str  # staged, queued, running, done, failed
    progress_done: int
    progress_total: int
    progress_step: str
    created: int | None = None
    updated: int | None = None
    unchanged: int | None = None
    photos_added: int | None = None
    errors: list[ImportError_] = []
    error: str = ""


class CraftFamilyOut(Schema):
    code: str
    name_en: str
    name_fr: str
    name_ar: str

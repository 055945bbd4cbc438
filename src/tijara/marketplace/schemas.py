"""Schemas of the marketplace API."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema


class Error(Schema):
    code: str
    message: str
    field: str | None = None


class PriceOut(Schema):
    amount: float
    currency: str
    rate_date: str
    source: str


class SearchHit(Schema):
    sku: str
    title: str
    language: str
    maker: str
    url: str
    score: float
    maker_slug: str
    verified: bool
    craft: str
    region: str
    moq: int | None
    lead_days: int | None
    price_mad: float | None
    price: PriceOut | None


class SearchOut(Schema):
    total: int
    page: int
    per_page: int
    currency: str
    results: list[SearchHit]
    facets: dict[str, dict[str, int]]
    expansions: dict[str, list[str]]


class ProductOut(Schema):
    sku: str
    url: str
    title: str
    description: str
    language: str
    languages: list[str]
    maker: str
    maker_slug: str
    maker_verified: bool
    craft: str
    region: str
    city: str
    materials: list[dict]
    technique: str
    length_cm: float | None
    width_cm: float | None
    height_cm: float | None
    weight_kg: float | None
    moq: int
    lead_days: int | None
    monthly_capacity: int | None
    price_mad: float | None
    price: PriceOut | None
    photos: list[str]


class MakerProduct(Schema):
    sku: str
    title: str
    language: str
    url: str
    price_mad: float | None


class MakerOut(Schema):
    slug: str
    name: str
    kind: str
    story: str
    crafts: list[str]
    region: str
    city: str
    verified: bool
    verified_at: datetime | None
    product_count: int
    products: list[MakerProduct]


class InquiryLineIn(Schema):
    product_id: int
    quantity: int = Field(..., ge=1)
    target_unit_price: Decimal | None = None


class InquiryIn(Schema):
    lines: list[InquiryLineIn]
    destination_country: str
    message: str
    incoterm: str = ""
    deadline: date | None = None
    currency: str = "EUR"


class MessageIn(Schema):
    body: str


class QuoteLineIn(Schema):
    inquiry_line_id: int | None = None
    description: str = ""
    quantity: int
    unit_price_mad: Decimal


class QuoteIn(Schema):
    lines: list[QuoteLineIn]
    incoterm: str
    valid_until: date
    currency: str = ""
    note: str = ""


class CloseIn(Schema):
    outcome: str


class InquiryLineOut(Schema):
    id: int
    sku: str
    title: str
    quantity: int
    target_unit_price: Decimal | None


class MessageOut(Schema):
    id: int
    from_maker: bool
    body: str
    created_at: datetime


class QuoteLineOut(Schema):
    description: str
    quantity: int
    unit_price_mad: Decimal
    unit_price: Decimal
    line_total: Decimal


class QuoteOut(Schema):
    id: int
    currency: str
    incoterm: str
    valid_until: date
    note: str
    total: Decimal
    total_mad: Decimal
    rate: Decimal
    rate_date: date | None
    rate_source: str
    lines: list[QuoteLineOut]
    created_at: datetime


class InquiryOut(Schema):
    id: int
    reference: str
    maker: str
    status: str
    destination_country: str
    incoterm: str
    deadline: date | None
    currency: str
    message: str
    created_at: datetime
    first_response_at: datetime | None
    lines: list[InquiryLineOut]
    messages: list[MessageOut]
    quotes: list[QuoteOut]

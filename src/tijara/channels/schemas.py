"""API schemas of channels."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ninja import Schema


class Error(Schema):
    code: str
    message: str


class ShippingIn(Schema):
    service: str = "Standard"
    price: Decimal | None = None
    min_handling_days: int | None = None
    max_handling_days: int | None = None
    min_transit_days: int | None = None
    max_transit_days: int | None = None


class ConnectionIn(Schema):
    kind: str
    country: str
    language: str = ""
    currency: str = ""
    name: str = ""
    shipping: ShippingIn | None = None
    settings: dict = {}


class ConnectionOut(Schema):
    id: int
    kind: str
    name: str
    country: str
    language: str
    currency: str
    shipping: dict
    settings: dict
    is_active: bool
    has_credentials: bool
    feed_urls: dict[str, str]
    ready: int = 0
    blocked: int = 0
    published: int = 0


class ProblemOut(Schema):
    field: str
    severity: str
    rule: str
    source: str
    message: str


class ListingOut(Schema):
    id: int
    sku: str
    product_sku: str
    state: str
    title: str
    text_language: str
    price: Decimal | None
    currency: str
    price_breakdown: dict
    problems: list[ProblemOut]
    quality_score: int

    @staticmethod
    def resolve_improvements(obj) -> list[dict]:
        return obj.improvements_shown if hasattr(obj, "improvements_shown") else obj["improvements"]

    @staticmethod
    def resolve_problems(obj) -> list[dict]:
        return obj.problems_shown if hasattr(obj, "problems_shown") else obj["problems"]
    improvements: list[dict]
    external_id: str
    last_published_at: datetime | None
    last_checked_at: datetime | None


class ValidateItem(Schema):
    sku: str
    state: str
    problems: list[ProblemOut]


class ValidateOut(Schema):
    ready: int
    blocked: int
    items: list[ValidateItem]


class CountsOut(Schema):
    ready: int
    blocked: int
    published: int
    error: int


class QueuedOut(Schema):
    queued: list[str]

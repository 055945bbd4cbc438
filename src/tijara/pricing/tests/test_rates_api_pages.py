"""`GET /api/v1/pricing/rates` returns one page, never the whole table."""

from datetime import date, timedelta
from decimal import Decimal

from ninja.testing import TestClient

from tijara.api import api
from tijara.pricing.models import ExchangeRate


def test_rates_are_paginated_newest_first(db):
    start = date(2026, 1, 1)
    ExchangeRate.objects.bulk_create([
        ExchangeRate(on=start + timedelta(days=n), currency="XTS", mad_per_unit=Decimal("1.5") + n,
                     rate_type="test", source="test", source_url="https://example.org/")
        for n in range(30)])
    client = TestClient(api)
    first = client.get("/v1/pricing/rates?currency=xts&limit=10").json()
    second = client.get("/v1/pricing/rates?currency=XTS&limit=10&offset=10").json()
    assert [r["date"] for r in first] == [(start + timedelta(days=n)).isoformat() for n in range(29, 19, -1)]
    assert [r["date"] for r in second] == [(start + timedelta(days=n)).isoformat() for n in range(19, 9, -1)]
    assert len(client.get("/v1/pricing/rates?currency=XTS").json()) == 30  # default page: 100 rows
    total = ExchangeRate.objects.count()
    everything = client.get("/v1/pricing/rates?limit=1000").json()
    assert len(everything) == min(total, 1000)
    assert client.get("/v1/pricing/rates?limit=5000").status_code == 422
    assert client.get("/v1/pricing/rates?offset=-1").status_code == 422

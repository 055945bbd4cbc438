"""Fixtures for the pricing tests; registered in the root conftest.py."""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal

import pytest

from tijara.pricing.destination import AdditionalDutyInput, DutyInput
from tijara.pricing.fees import CHANNEL_NAMES, FeeRow
from tijara.pricing.fx import RateBook, RateEntry
from tijara.pricing.money import DATA_DIR


def shipped_rate_entries() -> list[RateEntry]:
    with open(DATA_DIR / "mad_exchange_rates.csv", newline="", encoding="utf-8") as handle:
        return [RateEntry(r["currency"], date.fromisoformat(r["date"]), Decimal(r["mad_per_unit"]), r["rate_type"],
                          "BAM table (test)", r["source_url"]) for r in csv.DictReader(handle)]


def shipped_fee_rows() -> dict[tuple[str, str], FeeRow]:
    slug = {label: code for code, label in CHANNEL_NAMES.items() if label}
    rows = {}
    with open(DATA_DIR / "marketplace_fees.csv", newline="", encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            rows[(slug[r["channel"]], r["fee_name"])] = FeeRow(
                slug[r["channel"]], r["fee_name"], Decimal(r["amount"]), r["unit"], r["currency"],
                Decimal(r["min"]) if r["min"] else None, Decimal(r["max"]) if r["max"] else None,
                r["source_url"], r["source_date"], r["confidence"])
    return rows


@pytest.fixture(scope="session")
def pricing_book() -> RateBook:
    """The shipped Bank Al-Maghrib rates as a RateBook (no database)."""
    return RateBook.from_entries(shipped_rate_entries(), stale_days=90)


@pytest.fixture(scope="session")
def pricing_fee_rows():
    return shipped_fee_rows()


def duty(rate: str | None = "4.5", *, surcharge: str | None = None, known: bool = True,
         additional_known: bool = True) -> DutyInput:
    """A duty answer for the pure core (what markets.duty_for would give)."""
    extra = ()
    if surcharge is not None:
        extra = (AdditionalDutyInput("Test surcharge", Decimal(surcharge), date(2026, 2, 24), date(2026, 7, 23),
                                     "test source", "2026"),)
    return DutyInput(known=known, rate_pct=Decimal(rate) if rate is not None else None, regime="MFN",
                     source="test tariff", as_of="2024", mfn_pct=Decimal(rate) if rate else None,
                     additional=extra, additional_known=additional_known,
                     reason="" if additional_known else "not known after 2026-07-24")


@pytest.fixture
def pricing_duty():
    return duty

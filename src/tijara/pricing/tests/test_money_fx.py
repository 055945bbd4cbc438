"""Money rounding per ISO 4217 and conversions through MAD (pure)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tijara.core.errors import TijaraError
from tijara.pricing.fx import RateBook, RateEntry
from tijara.pricing.money import currency_code, minor_units, money, parse_decimal, quantum


def test_minor_units_follow_iso_4217():
    assert (minor_units("MAD"), minor_units("JPY"), minor_units("KWD"), minor_units("HUF")) == (2, 0, 3, 2)
    assert money(Decimal("10.005"), "MAD") == Decimal("10.01")
    assert money(Decimal("1234.5"), "JPY") == Decimal("1235")
    assert quantum("KWD") == Decimal("0.001")


@pytest.mark.parametrize("code", ["XYZ", "", "EURO", "XAU"])
def test_unknown_currency_is_a_clear_error(code):
    with pytest.raises(TijaraError) as exc:
        currency_code(code)
    assert exc.value.code == "unknown_currency"


def test_parse_decimal_names_the_field():
    assert parse_decimal("12,5", field="weight") == Decimal("12.5")
    with pytest.raises(TijaraError, match="weight cannot be negative"):
        parse_decimal("-1", field="weight")
    with pytest.raises(TijaraError, match="not a number"):
        parse_decimal("abc", field="weight")
    with pytest.raises(TijaraError, match="finite"):
        parse_decimal("NaN", field="weight")


def test_conversion_says_which_rate_and_date(pricing_book):
    conv = pricing_book.convert(Decimal("100"), "USD", "MAD", date(2026, 1, 10))
    assert conv.rate_date == date(2026, 1, 5)
    assert conv.rate == Decimal("8.7691")  # BAM buying rate of 2026-01-05 (PRC-FX-06)
    assert conv.amount == Decimal("876.91")
    assert conv.rate_type == "BAM_buy_from_customer"
    assert not conv.stale and conv.age_days == 5


def test_old_rate_is_flagged_stale(pricing_book):
    conv = pricing_book.convert(Decimal("1"), "EUR", "MAD", date(2026, 12, 1))
    assert conv.rate_date == date(2026, 2, 2) and conv.stale and conv.age_days == 302


def test_date_before_any_rate_is_a_clear_error(pricing_book):
    with pytest.raises(TijaraError) as exc:
        pricing_book.convert(Decimal("1"), "USD", "MAD", date(2024, 1, 1))
    assert exc.value.code == "date_before_data" and "2025-05-28" not in exc.value.message  # the date in words
    assert re.search(r"28.*2025", exc.value.message)


def test_a_date_in_a_message_reads_in_the_page_language():
    from django.utils import translation

    from tijara.pricing.text import Msg

    message = Msg("Additional duties on %(date)s: %(reason)s") % {"date": date(2026, 12, 7), "reason": "x"}
    with translation.override("fr"):
        assert str(message) == "Droits additionnels au 7 déc. 2026 : x"
    with translation.override("ar"):
        assert "2026-12-07" not in str(message) and "دجنبر" in str(message)


def test_currency_without_rate_is_a_clear_error(pricing_book):
    with pytest.raises(TijaraError) as exc:
        pricing_book.convert(Decimal("1"), "AUD", "MAD", date(2026, 1, 1))
    assert exc.value.code == "no_rate"


def test_transfer_rate_beats_banknote_rate_on_the_same_day_and_sell_side_is_ignored():
    day = date(2026, 1, 5)
    book = RateBook.from_entries([
        RateEntry("USD", day, Decimal("8.7691"), "BAM_buy_from_customer", "BAM"),
        RateEntry("USD", day, Decimal("10.1911"), "BAM_sell_to_customer", "BAM"),
        RateEntry("USD", day, Decimal("9.30"), "transfer", "My bank"),
    ])
    conv = book.convert(Decimal("1"), "USD", "MAD", day)
    assert (conv.rate, conv.source) == (Decimal("9.30"), "My bank")


def test_cross_rate_goes_through_mad(pricing_book):
    conv = pricing_book.convert(Decimal("100"), "EUR", "USD", date(2026, 2, 2))
    assert conv.amount == money(Decimal("100") * Decimal("10.3053") / Decimal("8.6899"), "USD")
    assert len(conv.legs) == 2


@settings(max_examples=80, deadline=None)
@given(amount=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("10000000"), places=2),
       source=st.sampled_from(["MAD", "EUR", "USD", "GBP", "JPY", "CHF", "SAR"]),
       target=st.sampled_from(["MAD", "EUR", "USD", "GBP", "JPY", "CAD", "AED"]),
       day=st.dates(min_value=date(2025, 5, 28), max_value=date(2027, 1, 1)))
def test_conversion_round_trip_is_within_one_minor_unit(pricing_book, amount, source, target, day):
    amount = money(amount, source)
    there = pricing_book.convert(amount, source, target, day)
    back = pricing_book.convert(there.amount, target, source, day)
    # One minor unit of the coarser of the two currencies, expressed in the source currency.
    target_unit_in_source = quantum(target) * pricing_book.rate_between(target, source, day)[0]
    tolerance = max(quantum(source), target_unit_in_source)
    assert abs(back.amount - amount) <= tolerance

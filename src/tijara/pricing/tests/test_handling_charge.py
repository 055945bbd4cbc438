"""PRC-LV-04: France's low-value handling charge is EUR 2 per item (Italy's is EUR 2 per consignment)."""

from datetime import date
from decimal import Decimal

from tijara.pricing.calc import price_forward
from tijara.pricing.tests.fixtures import duty
from tijara.pricing.tests.test_calc import eu_input, make_input, plan


def _handling(result):
    return next(line for line in result.lines if "handling" in line.label)


def test_france_charges_per_item(pricing_book, pricing_fee_rows):
    one = price_forward(eu_input(300, on=date(2026, 9, 1)), book=pricing_book, duty=duty("0"),
                        channel=plan(pricing_fee_rows, market="FRA", ccy="EUR"))
    three = price_forward(eu_input(300, on=date(2026, 9, 1), tariff_lines=3), book=pricing_book, duty=duty("0"),
                          channel=plan(pricing_fee_rows, market="FRA", ccy="EUR"))
    assert _handling(one).amount == Decimal("2.00")
    assert _handling(three).amount == Decimal("6.00")  # three articles at least: one per tariff line


def test_italy_charges_per_consignment(pricing_book, pricing_fee_rows):
    italy = make_input(market="ITA", retail_currency="EUR", exw=Decimal(300), freight=Decimal(100),
                       dims_cm=(Decimal(20), Decimal(20), Decimal(10)), weight_kg=Decimal(1), on=date(2026, 9, 1),
                       tariff_lines=3)
    result = price_forward(italy, book=pricing_book,
                           duty=duty("0"), channel=plan(pricing_fee_rows, market="ITA", ccy="EUR"))
    assert _handling(result).amount == Decimal("2.00")

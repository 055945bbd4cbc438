"""Dimensions, chargeable weight and rate cards (pure)."""

from decimal import Decimal

import pytest

from tijara.core.errors import TijaraError
from tijara.pricing.shipping import CardCell, RateCardData, chargeable_weight, freight_from_card, parse_dims


@pytest.mark.parametrize("text", ["2x", "200x150", "axbxc", "200x150x0", "1x2x3x4", "5000x1x1"])
def test_bad_dimensions_are_refused_with_the_value(text):
    with pytest.raises(TijaraError) as exc:
        parse_dims(text)
    assert exc.value.code == "invalid_dimensions" and exc.value.field == "dims_cm"


def test_dimensions_accept_comma_and_multiplication_sign():
    assert parse_dims("200 × 150 × 5") == (Decimal(200), Decimal(150), Decimal(5))
    assert parse_dims("20,5x10x3") == (Decimal("20.5"), Decimal(10), Decimal(3))
    assert parse_dims("") is None


def test_express_charges_the_volumetric_weight_of_a_rug():
    w = chargeable_weight(weight_kg=Decimal(9), dims_cm=(Decimal(200), Decimal(150), Decimal(5)), service="express")
    assert (w.volumetric_kg, w.chargeable_kg, w.basis) == (Decimal("30.000"), Decimal("30.000"), "volumetric")
    cargo = chargeable_weight(weight_kg=Decimal(9), dims_cm=(Decimal(200), Decimal(150), Decimal(5)),
                              service="air_cargo")
    assert cargo.chargeable_kg == Decimal("25.000")


def test_dense_parcel_is_charged_its_actual_weight_and_postal_divisor_is_unknown():
    w = chargeable_weight(weight_kg=Decimal(5), dims_cm=(Decimal(20), Decimal(20), Decimal(10)), service="express")
    assert (w.chargeable_kg, w.basis) == (Decimal(5), "actual")
    postal = chargeable_weight(weight_kg=Decimal(1), dims_cm=(Decimal(100), Decimal(100), Decimal(100)),
                               service="postal")
    assert postal.basis == "actual (divisor unknown)" and postal.divisor.value is None


def test_negative_or_zero_weight_is_refused():
    with pytest.raises(TijaraError) as exc:
        chargeable_weight(weight_kg=Decimal(0), dims_cm=None, service="express")
    assert exc.value.code == "invalid_weight"


CARD = RateCardData("card", "Card", "express", "MAD", "src", "url", "undated", "secondary", "", (
    CardCell("Z1", Decimal("0.5"), Decimal(161)), CardCell("Z1", Decimal(1), Decimal(185)),
    CardCell("Z1", Decimal(5), Decimal(441))), {"FRA": "Z1"})


def test_rate_card_uses_the_first_bracket_at_or_above_the_weight():
    assert freight_from_card(CARD, market="FRA", zone=None, chargeable_kg=Decimal("0.7")).amount == 185
    quote = freight_from_card(CARD, market="FRA", zone=None, chargeable_kg=Decimal(3))
    assert (quote.amount, quote.exact_step) == (441, False)


def test_rate_card_refuses_unknown_zone_and_excess_weight():
    with pytest.raises(TijaraError) as exc:
        freight_from_card(CARD, market="USA", zone=None, chargeable_kg=Decimal(1))
    assert exc.value.code == "zone_unknown" and "Z1" in exc.value.message
    with pytest.raises(TijaraError) as exc:
        freight_from_card(CARD, market="FRA", zone=None, chargeable_kg=Decimal(6))
    assert exc.value.code == "beyond_rate_card"

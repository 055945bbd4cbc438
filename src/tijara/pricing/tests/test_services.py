"""Services over the real database with the shipped reference data (markets tariffs, pricing packs)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tijara.core.errors import TijaraError
from tijara.pricing import services
from tijara.pricing.models import ExchangeRate, PricingRule

pytestmark = pytest.mark.django_db

RUG = {"hs": "570110", "exw": "2500", "currency": "MAD", "weight_kg": "9", "dims_cm": "200x150x5",
       "incoterm": "DAP", "channel": "etsy", "freight": "1200"}


def labels(result):
    return [line.label for line in result.lines]


def test_same_us_parcel_shows_the_regime_of_each_ship_date():
    july = services.price_calculate(market="USA", ship_date="2025-07-15", **RUG)
    march = services.price_calculate(market="USA", ship_date="2026-03-15", **RUG)
    december = services.price_calculate(market="USA", ship_date="2026-12-01", **RUG)
    # 2025-07: de minimis (≤ USD 800) still in force — no duty, with its source.
    assert any("de minimis" in r for r in july.regime)
    exempt = next(line for line in july.lines if "de minimis" in line.label)
    assert exempt.amount == 0 and "US-DM-01" in exempt.source
    assert july.landed_cost is not None
    # 2026-03: de minimis suspended, Section 122 surcharge 10 % in force.
    assert any("suspended" in r for r in march.regime)
    surcharge = next(line for line in march.lines if "Section 122" in line.label)
    assert surcharge.paid_by == "buyer" and surcharge.source and surcharge.as_of
    assert march.landed_cost > march.retail_price
    # 2026-12: the data stops after 24 Jul 2026 — the platform says it does not know.
    assert december.landed_cost is None
    assert not any("Section 122" in label for label in labels(december))
    assert any("24 Jul 2026" in u for u in december.unknown)


def test_rug_to_france_with_and_without_proof_of_origin():
    with_proof = services.price_calculate(market="FRA", ship_date="2026-12-01", origin_proof="yes", **RUG)
    without = services.price_calculate(market="FRA", ship_date="2026-12-01", origin_proof="no", **RUG)
    duty_with = next(line for line in with_proof.lines if line.label.startswith("Customs duty"))
    duty_without = next(line for line in without.lines if line.label.startswith("Customs duty"))
    assert duty_with.amount == 0 and "EU–Morocco Euro-Mediterranean Association Agreement" in duty_with.label
    assert "EU-MA" not in duty_with.label  # the agreement by its name, not its code
    assert duty_without.amount > 0 and "MFN" in duty_without.label
    assert without.landed_cost > with_proof.landed_cost
    assert with_proof.retail_price == without.retail_price  # under DAP the buyer pays the duty


def test_full_national_code_uses_the_per_square_metre_cap():
    result = services.price_calculate(market="FRA", ship_date="2026-12-01", origin_proof="no",
                                      **{**RUG, "hs": "57011090"})
    duty_line = next(line for line in result.lines if line.label.startswith("Customs duty"))
    assert duty_line.amount == Decimal("8.40")  # EUR 2.80/m² × 3 m² is below 8 %


@pytest.mark.parametrize(("override", "code"), [
    ({"weight_kg": "-9"}, "negative_value"),
    ({"currency": "XYZ"}, "unknown_currency"),
    ({"ship_date": "2020-01-01"}, "date_before_data"),
    ({"dims_cm": "2x"}, "invalid_dimensions"),
    ({"market": "ZZZ"}, "unknown_market"),
    ({"incoterm": "DAT"}, "invalid_incoterm"),
    ({"channel": "meta"}, "channel_unavailable"),
    ({"hs": "57"}, "invalid_hs"),
    ({"rate_card": "aramex-ma-export-b"}, "freight_conflict"),
])
def test_bad_input_gives_a_clear_error(override, code):
    with pytest.raises(TijaraError) as exc:
        services.price_calculate(**{"market": "USA", "ship_date": "2026-03-15", **RUG, **override})
    assert exc.value.code == code and exc.value.message


def test_rate_card_needs_a_zone_when_the_card_has_no_country_mapping():
    args = {**RUG, "freight": None, "dims_cm": None, "weight_kg": "4"}
    with pytest.raises(TijaraError) as exc:
        services.price_calculate(market="USA", ship_date="2026-03-15", rate_card="aramex-ma-export-b", **args)
    assert exc.value.code == "zone_unknown"
    result = services.price_calculate(market="USA", ship_date="2026-03-15", rate_card="aramex-ma-export-b", zone="Z3",
                                      **args)
    freight = next(line for line in result.lines if "freight" in line.label)
    assert (freight.amount, freight.currency) == (Decimal("585.00"), "MAD")  # Z3, up to 5 kg
    assert any("next listed weight" in w for w in result.warnings)


def test_reverse_tells_what_the_artisan_receives():
    forward = services.price_calculate(market="USA", ship_date="2026-03-15", **RUG)
    reverse = services.price_reverse(retail_price=forward.retail_price, market="USA", ship_date="2026-03-15",
                                     **{**RUG, "exw": None})
    assert reverse.seller_receives_mad == forward.seller_receives_mad
    assert not any(line.label == "Ex-works price" for line in reverse.lines)


def test_convert_reports_rate_date_source_and_staleness():
    conv = services.convert(amount="100", from_currency="EUR", to_currency="MAD", on=date(2026, 1, 20))
    assert conv.rate_date == date(2026, 1, 19) and conv.source and conv.stale is False


def test_rate_import_plain_csv_then_used_in_conversions():
    report = services.rate_import(content="date,currency,rate\n2026-11-20,USD,9.35\n", rate_type="transfer",
                                  source="Test bank")
    assert (report.created, report.currencies) == (1, ["USD"])
    again = services.rate_import(content="date,currency,rate\n2026-11-20,USD,9.35\n", rate_type="transfer",
                                 source="Test bank")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    conv = services.convert(amount="10", from_currency="USD", to_currency="MAD", on=date(2026, 11, 25))
    assert (conv.amount, conv.source, conv.rate_type) == (Decimal("93.50"), "Test bank", "transfer")


def test_rate_import_is_all_or_nothing_and_names_the_line():
    before = ExchangeRate.objects.count()
    with pytest.raises(TijaraError, match="Line 3"):
        services.rate_import(content="date,currency,rate\n2026-11-20,USD,9.35\n2026-11-20,EUR,-1\n")
    with pytest.raises(TijaraError, match="Line 2"):
        services.rate_import(content="date,currency,rate\n2026-11-20,QQQ,9.35\n")
    assert ExchangeRate.objects.count() == before


def test_rate_import_bam_json_formats():
    content = '[{"libDevise": "EUR", "coursAchat": "10.30", "coursVente": "11.97"}]'
    report = services.rate_import(content=content, fmt="bam-json", source="BAM API", on=date(2026, 11, 2))
    assert report.created == 2
    transfer = services.rate_import(content='[{"LibDevise": "USD", "Cours": "9.1", "date": "2026-11-02"}]',
                                    fmt="bam-json", source="BAM API")
    assert transfer.created == 1
    assert ExchangeRate.objects.get(on=date(2026, 11, 2), currency="USD").rate_type == "transfer"


def test_channel_price_applies_the_organisation_rule(organisation):
    services.pricing_rule_set(organisation=organisation, channel="etsy", market="USA", markup_pct="20",
                              rounding=".99")
    priced = services.channel_price(exw_mad="2500", channel="etsy", market="USA", organisation=organisation,
                                    hs="570110", weight_kg="9", freight_mad="1200", ship_date="2026-03-15")
    assert str(priced.amount).endswith(".99") and priced.currency == "USD"
    assert priced.rule.markup_pct == 20
    assert priced.result.seller_receives_mad >= Decimal(3000)
    plain = services.channel_price(exw_mad="2500", channel="etsy", market="USA", hs="570110", weight_kg="9",
                                   freight_mad="1200", ship_date="2026-03-15")
    assert plain.amount < priced.amount


def test_pricing_rule_set_validates():
    with pytest.raises(TijaraError):
        services.pricing_rule_set(organisation=None, channel="nowhere")
    with pytest.raises(TijaraError):
        services.pricing_rule_set(organisation=None, channel="etsy", rounding=".95")
    rule = services.pricing_rule_set(organisation=None, channel="etsy", markup_pct="10")
    assert PricingRule.objects.get(pk=rule.pk).markup_pct == 10


def test_price_list_over_products_and_markets():
    items = [{"hs": "570110", "exw": str(1000 + i), "weight_kg": "3", "freight": "400"} for i in range(5)]
    rows = services.price_list(items=items, markets=["USA", "FRA", "GBR"], ship_date="2026-03-15")
    assert len(rows) == 15
    assert {market for _item, market, _r in rows} == {"USA", "FRA", "GBR"}


def test_reference_load_is_idempotent_and_rejects_a_malformed_pack(tmp_path):
    from tijara.pricing import reference

    first = reference.load()
    assert reference.load() == first
    bad = tmp_path / "rates.csv"
    bad.write_text("date,currency,mad_per_unit,rate_type,source_url,confidence\n"
                   "2026-01-05,USD,8.7,BAM_buy_from_customer,x,S\n2026-01-05,USD,abc,BAM_sell_to_customer,x,S\n",
                   encoding="utf-8")
    with pytest.raises(TijaraError, match="line 3"):
        reference.load_rates(str(bad))
    assert reference.load() == first


def test_demo_rules_are_idempotent():
    from io import StringIO

    from tijara.accounts import demo as accounts_demo
    from tijara.pricing import demo

    accounts_demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    demo.load(stdout=StringIO())
    assert PricingRule.objects.filter(organisation__slug__startswith="demo-").count() == len(demo.RULES)


text = st.one_of(st.none(), st.text(max_size=12),
                 st.sampled_from(["-1", "0", "1e30", "NaN", "2x", "200x150x5", "9", "2500", "USD", "XYZ", "DDP",
                                  "2026-12-01", "1999-01-01", "etsy", "meta", "570110", "57"]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hs=text, market=st.sampled_from(["USA", "FRA", "GBR", "ZZZ", "", "us", "CAN"]), exw=text, currency=text,
       weight=text, dims=text, incoterm=text, channel=text, ship_date=text, freight=text)
def test_any_input_gives_a_result_or_a_clear_error(hs, market, exw, currency, weight, dims, incoterm, channel,
                                                   ship_date, freight):
    try:
        result = services.price_calculate(hs=hs, market=market, exw=exw, currency=currency or "MAD",
                                          weight_kg=weight, dims_cm=dims, incoterm=incoterm or "DAP",
                                          channel=channel or "direct", ship_date=ship_date, freight=freight)
    except TijaraError as exc:
        assert exc.code and exc.message
    else:
        assert result.as_dict()["retail_price"]["amount"]


def test_channel_prices_of_one_run_share_their_lookups_and_a_new_run_sees_an_edited_rule(organisation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rug = {"channel": "etsy", "market": "USA", "organisation": organisation, "hs": "570110", "weight_kg": "9",
           "freight_mad": "1200", "ship_date": "2026-03-15"}
    services.pricing_rule_set(organisation=organisation, channel="etsy", market="USA", markup_pct="20", rounding=".99")
    lookups = services.Lookups()
    first = services.channel_price(exw_mad="2500", lookups=lookups, **rug)
    with CaptureQueriesContext(connection) as queries:
        second = services.channel_price(exw_mad="2600", lookups=lookups, **rug)
    assert len(queries) == 0  # the rule, fees, rates and duty were read by the first price of the run
    # The same prices as without shared lookups.
    assert first.result.as_dict() == services.channel_price(exw_mad="2500", **rug).result.as_dict()
    assert second.amount == services.channel_price(exw_mad="2600", **rug).amount
    services.pricing_rule_set(organisation=organisation, channel="etsy", market="USA", markup_pct="50", rounding=".99")
    assert services.channel_price(exw_mad="2500", lookups=lookups, **rug).rule.markup_pct == 20  # this run's rule
    edited = services.channel_price(exw_mad="2500", lookups=services.Lookups(), **rug)
    assert edited.rule.markup_pct == 50 and edited.amount > first.amount

import datetime as dt

import pytest
from django.utils import translation

from tijara.accounts import services as accounts
from tijara.events import selectors
from tijara.events.models import Event

pytestmark = pytest.mark.django_db


def test_france_rugs_all_unconfirmed_with_usual_months(events_today):
    found = selectors.events_for(market="FRA", craft="rugs")
    names = [e.name for e in found]
    assert "Maison&Objet Paris" in names
    for e in found:
        assert e.country == "FRA" and "rugs" in e.crafts
        assert e.start is None and not e.dates_confirmed and e.usual_months and e.source and e.as_of


def test_confirmed_first_then_by_usual_month(events_today):
    found = selectors.events_for(market="ITA", craft=None)
    assert found[0].name == "Artigiano in Fiera" and found[0].start == dt.date(2026, 12, 5)
    undated = found[1:]
    months = [min((m - 11) % 12 for m in e.usual_months) for e in undated]
    assert months == sorted(months)


def test_past_event_drops_out(time_machine):
    time_machine.move_to("2026-12-13T20:00:00+00:00", tick=False)
    assert "Artigiano in Fiera" in [e.name for e in selectors.events_for(market="ITA", craft="rugs")]
    time_machine.move_to("2026-12-14T08:00:00+00:00", tick=False)
    assert "Artigiano in Fiera" not in [e.name for e in selectors.events_for(market="ITA", craft="rugs")]
    assert "Artigiano in Fiera" not in [e.name for e in selectors.events_list()]


def test_eu_market_expands_to_members(events_today):
    countries = {e.country for e in selectors.events_for(market="EU", craft="cosmetics")}
    assert countries <= {"FRA", "DEU", "ITA"} and "DEU" in countries


def test_rug_organisation_sees_rug_fairs_in_its_top_markets(events_today, owner_user):
    org = accounts.organisation_create(owner=owner_user, kind="cooperative", public_name="Tapis Atlas",
                                       region="beni-mellal-khenifra", crafts=["rugs"])
    match = selectors.match_for_organisation(organisation=org)
    top = [m.iso3 for m in match.markets]
    assert top and all(m.basis == "finder" and m.hs == "5701" and m.source for m in match.markets)
    assert match.events, "a rug cooperative should see fairs"
    for e in match.events:
        assert e.country in top and "rugs" in e.crafts and e.source
    keys = [(0, e.start) if e.start else (1, None) for e in match.events]
    dated = [k[1] for k in keys if k[0] == 0]
    assert dated == sorted(dated) and keys == sorted(keys, key=lambda k: k[0])
    assert all(e.country == "MAR" and "rugs" in e.crafts for e in match.home)


def test_product_hs_code_drives_the_markets(events_today, organisation, owner_user):
    from tijara.catalog import services as catalog

    product = catalog.product_create(actor=owner_user, organisation=organisation, sku="ZEL-1", craft_family="zellige",
                                     hs_code="6907", texts={"fr": {"title": "Zellige de Fès"}})
    m = selectors.match_for_product(product=product)
    assert m.markets and all(x.basis == "finder" and x.hs == "6907" for x in m.markets)
    assert all("zellige" in e.crafts and e.country in {x.iso3 for x in m.markets} for e in m.events)
    org_match = selectors.match_for_organisation(organisation=organisation)  # zellige + pottery, HS 6907
    assert [x.iso3 for x in org_match.markets] == [x.iso3 for x in m.markets]
    assert set(org_match.crafts) == {"zellige", "pottery"}


def test_fallback_to_official_destinations_when_the_finder_cannot_rank(events_today):
    with translation.override("en"):
        m = selectors.match(hs_codes=["999999"], crafts=["rugs"])
    assert m.markets and all(x.basis == "official" for x in m.markets)
    assert any("official" in n for n in m.notes)


def test_unverified_dates_are_not_confirmed(events_today):
    e = Event.objects.get(slug="homi-milano")
    e.start, e.end = dt.date(2027, 1, 15), dt.date(2027, 1, 18)
    e.save()
    item = next(x for x in selectors.events_for(market="ITA") if x.slug == "homi-milano")
    assert item.start == dt.date(2027, 1, 15) and item.dates_confirmed is False


def test_rug_match_lists_dated_fairs_first_and_drops_past_ones(events_today, owner_user, admin_user):
    from tijara.events import services

    org = accounts.organisation_create(owner=owner_user, kind="cooperative", public_name="Tapis Atlas",
                                       region="beni-mellal-khenifra", crafts=["rugs"])
    base = {"country": "FRA", "city": "Paris", "crafts": ["rugs"], "confidence": "secondary", "source": "example.org"}
    services.event_save(actor=admin_user, data={**base, "name": "Past rug fair", "start": dt.date(2026, 11, 20),
                                                "end": dt.date(2026, 11, 28)})
    services.event_save(actor=admin_user, data={**base, "name": "Late rug fair", "start": dt.date(2027, 3, 2)})
    services.event_save(actor=admin_user, data={**base, "name": "Early rug fair", "start": dt.date(2026, 12, 2),
                                                "end": dt.date(2026, 12, 4)})
    names = [e.name for e in selectors.match_for_organisation(organisation=org).events]
    assert names[:2] == ["Early rug fair", "Late rug fair"] and "Past rug fair" not in names
    assert "Maison&Objet Paris" in names  # undated, after the dated ones

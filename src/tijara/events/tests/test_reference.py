import datetime as dt
from dataclasses import asdict

import pytest

from tijara.core.errors import TijaraError
from tijara.events import reference, vocab
from tijara.events.models import Event

pytestmark = pytest.mark.django_db


def test_pack_is_loaded_with_provenance_and_mapped_crafts():
    assert Event.objects.filter(origin=Event.Origin.REFERENCE).count() == 37
    confirmed = {e.name: (e.start, e.end) for e in Event.objects.all() if e.dates_confirmed}
    assert confirmed == {"Artigiano in Fiera": (dt.date(2026, 12, 5), dt.date(2026, 12, 13)),
                         "BIOFACH": (dt.date(2027, 2, 16), dt.date(2027, 2, 19))}
    cersaie = Event.objects.get(slug="cersaie")
    assert cersaie.crafts == ["zellige", "pottery", "ceramics"]  # tiles→zellige, ceramics→ceramics+pottery
    assert (cersaie.last_start, cersaie.last_end) == (dt.date(2026, 9, 21), dt.date(2026, 9, 25))
    assert cersaie.usual_months == [9] and cersaie.confidence == "secondary"
    assert cersaie.source_url.startswith("https://www.firstonline.info/") and cersaie.as_of == "2025-05"
    for event in Event.objects.all():
        assert event.source and set(event.crafts) <= {c for codes in vocab.CRAFT_MAP.values() for c in codes}


def test_load_is_idempotent_and_keeps_staff_edits():
    before = {e.slug: e.updated_at for e in Event.objects.all()}
    Event.objects.filter(slug="cersaie").update(note="checked by phone", is_edited=True)
    Event.objects.filter(slug="mido").update(city="wrong")
    assert reference.load(stdout=None) == {"event": 37}
    assert Event.objects.get(slug="cersaie").note == "checked by phone"
    assert Event.objects.get(slug="mido").city == "Rho (Milan)"
    after = {e.slug: e.updated_at for e in Event.objects.all()}
    assert {s for s in after if after[s] != before[s]} <= {"cersaie", "mido"}


@pytest.mark.parametrize("row, reason", [
    ("X,,Paris,FR,,,January,,,,,rugs,trade,,S,", "country is not an ISO3 code"),
    ("X,,Paris,FRA,,,Janvier,,,,,rugs,trade,,S,", "unknown month"),
    ("X,,Paris,FRA,,,January,,,,,carpets,trade,,S,", "unknown craft families"),
    ("X,,Paris,FRA,,,January,2027-13-01,,,,rugs,trade,,S,", "next_start is not a date"),
    ("X,,Paris,FRA,,,January,,,,,rugs,trade,,Q,", "confidence must be V, S or U"),
])
def test_malformed_pack_names_line_and_reason(tmp_path, row, reason):
    path = tmp_path / "fairs.csv"
    header = reference.DATA.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(TijaraError) as exc:
        reference.read_pack(path)
    assert "line 2" in exc.value.message and reason in exc.value.message


def test_items_serialise_with_asdict(events_today):
    from tijara.events.selectors import events_for

    found = events_for(market="ITA", craft="rugs")
    data = [asdict(e) for e in found]
    assert data[0]["name"] == "Artigiano in Fiera" and data[0]["dates_confirmed"] is True
    assert all({"name", "city", "country", "start", "end", "url", "source", "as_of", "confidence",
                "usual_months"} <= set(d) for d in data)

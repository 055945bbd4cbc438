"""The shipped packs: counts, idempotent reload, provenance, and broken files leaving data intact."""

import gzip
import io

import pytest
from django.utils import translation

from tijara.markets import reference
from tijara.markets.models import (
    Agreement,
    Country,
    HandicraftExport,
    HsCode,
    ReferencePack,
    TariffLine,
    WorldImport,
)
from tijara.markets.reference import PackError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Assertions below read English messages."""
    with translation.override("en"):
        yield


def _rewrite_gz(path, transform):
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        lines = fh.read().split("\n")
    lines = transform(lines)
    with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
        fh.write("\n".join(lines))


def test_packs_are_loaded_with_counts_and_editions_apart():
    counts = reference.counts()
    assert counts["hscode"] == HsCode.objects.count() > 13000
    assert HsCode.objects.filter(edition="2022", level=6).count() == 5612  # 5,613 in the file minus the synthetic 999999
    assert HsCode.objects.filter(edition="2017", level=6).count() == 5387
    # A code new in HS 2022 exists only there; the French text comes from CN lines only for HS 2022.
    assert HsCode.objects.filter(code="940542").values_list("edition", flat=True).get() == "2022"
    assert HsCode.objects.get(edition="2022", code="570110").description_fr.startswith("Tapis de laine")
    assert HsCode.objects.get(edition="2017", code="570110").description_fr == ""
    assert counts["country"] == 249
    assert counts["tariffline"] > 20000


def test_every_row_carries_provenance():
    for model in (HsCode, Country, TariffLine, Agreement, WorldImport, HandicraftExport):
        assert not model.objects.filter(source="").exists(), model
        assert not model.objects.filter(as_of="").exists(), model
    row = WorldImport.objects.filter(importer_iso3="USA", hs_code="57", year=2012).get()
    assert row.value_usd == 2155000000 and row.source_url.startswith("http") and row.as_of == "2012"


def test_loading_twice_changes_nothing():
    before = {p.name: (p.sha256, p.generation, p.loaded_at) for p in ReferencePack.objects.all()}
    ids = list(HsCode.objects.filter(code__startswith="5701").order_by("id").values_list("id", "retrieved_at"))
    counts = reference.load(verbosity=0)
    after = {p.name: (p.sha256, p.generation, p.loaded_at) for p in ReferencePack.objects.all()}
    assert after == before
    assert list(HsCode.objects.filter(code__startswith="5701").order_by("id").values_list("id", "retrieved_at")) == ids
    assert counts == reference.counts()


def test_changed_pack_is_upserted_in_place(markets_data_copy):
    ids = dict(WorldImport.objects.values_list("line", "id"))
    # Drop the last data row of the world-imports pack: that row goes, the others keep their ids.
    _rewrite_gz(markets_data_copy / "world_imports_by_product.csv.gz",
                lambda lines: [ln for ln in lines if ln][:-1])
    reference.load(verbosity=0, data_dir=markets_data_copy, only=["world_imports"])
    after = dict(WorldImport.objects.values_list("line", "id"))
    assert len(after) == len(ids) - 1
    assert all(ids[line] == pk for line, pk in after.items())
    assert ReferencePack.objects.get(name="world_imports").generation == 2


def test_broken_csv_reports_file_line_reason_and_keeps_data(markets_data_copy):
    before = list(HsCode.objects.filter(edition="2022", code__startswith="69").values_list("code", "description_en"))
    count = HsCode.objects.count()

    def break_line(lines):
        lines[10] = lines[10].replace(",4", ",5") if lines[10].endswith(",4") else lines[10] + "x"
        return lines

    _rewrite_gz(markets_data_copy / "hs2022.csv.gz", break_line)
    with pytest.raises(PackError) as err:
        reference.load(verbosity=0, data_dir=markets_data_copy, only=["hs2022"], force=True)
    assert err.value.file == "hs2022.csv.gz" and err.value.line == 11
    assert "hs2022.csv.gz, line 11" in err.value.message
    assert HsCode.objects.count() == count
    assert list(HsCode.objects.filter(edition="2022", code__startswith="69").values_list(
        "code", "description_en")) == before


@pytest.mark.parametrize(
    ("file", "transform", "reason"),
    [
        ("world_imports_by_product.csv.gz",
         lambda lines: lines[:3] + [lines[3].replace("2012,", "2012,abc", 1)] + lines[4:], "value_usd"),
        ("morocco_handicraft_exports_official.csv.gz",
         lambda lines: lines[:5] + ["2020-13-01,2020-12-31,total,x,1,,,http://x,y,"] + lines[5:], "period_start"),
        ("countries.csv.gz", lambda lines: [lines[0].replace("official_name_en", "name_en")] + lines[1:],
         "missing column"),
        ("us_hts_2024.csv.gz", lambda lines: lines[:1] + ["a,b,c"] + lines[1:], "wrong number of fields"),
    ],
)
def test_malformed_packs_are_rejected(markets_data_copy, file, transform, reason):
    name = {v["files"][0]: k for k, v in reference.manifest(markets_data_copy).items()}[file]
    counts = reference.counts()
    _rewrite_gz(markets_data_copy / file, transform)
    with pytest.raises(PackError) as err:
        reference.load(verbosity=0, data_dir=markets_data_copy, only=[name], force=True)
    assert file in err.value.message and reason in err.value.message
    assert reference.counts() == counts


def test_duplicate_key_is_reported_with_both_lines(markets_data_copy):
    _rewrite_gz(markets_data_copy / "cn2023.csv.gz", lambda lines: lines[:3] + [lines[2]] + lines[3:])
    with pytest.raises(PackError) as err:
        reference.load(verbosity=0, data_dir=markets_data_copy, only=["cn2023"], force=True)
    assert "line 4" in err.value.message and "first seen on line 3" in err.value.message


def test_not_gzip_is_reported(markets_data_copy):
    (markets_data_copy / "hs_sections.csv.gz").write_bytes(b"section,name\nI,x\n")
    with pytest.raises(PackError, match="hs_sections.csv.gz"):
        reference.load(verbosity=0, data_dir=markets_data_copy, only=["hs_sections"], force=True)


def test_load_reference_data_command_reports_counts():
    from django.core.management import call_command

    out = io.StringIO()
    call_command("load_reference_data", only=["markets"], stdout=out, verbosity=1)
    assert "markets.hscode: " in out.getvalue()

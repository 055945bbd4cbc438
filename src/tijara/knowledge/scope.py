"""Pure mapping of markets and HS codes to the scopes the facts use (no ORM)."""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

from tijara.language.vocabulary import vocabulary

MARKET_WORDS_PATH = Path(__file__).resolve().parent / "data" / "market_words.toml"
# A web address ending in a country code names that country (amazon.de, etsy.fr, amazon.co.uk); .com names none.
_COUNTRY_DOMAIN = re.compile(r"\b[a-z0-9][a-z0-9-]*\.(?:co\.|com\.)?([a-z]{2})\b", re.IGNORECASE)

# EU-27 member states (ISO 3166-1 alpha-3).
EU_MEMBERS = frozenset(
    ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"]
)
MARKET_ALIASES = {"US": "USA", "UK": "GBR", "GB": "GBR", "EU": "EU", "MA": "MAR", "FR": "FRA", "DE": "DEU",
                  "ES": "ESP", "IT": "ITA", "NL": "NLD", "BE": "BEL", "BR": "BRA", "CA": "CAN"}
# Markets with a rule set in the shipped pack: the EU (and its members), the US and the UK.
COVERED_GROUPS = ("EU", "USA", "GBR")

# HS prefix → craft family (longest prefix wins) and chapter → family: data of the language core's craft
# vocabulary (from export-facts.md section 8, FAM-*), shared with every app that maps codes to families.
HS_FAMILIES: dict[str, str] = dict(vocabulary().hs_families)
CHAPTER_FAMILIES: dict[str, str] = dict(vocabulary().chapter_families)


def normalise_hs(hs: str) -> str:
    """Digits only ("6912.00" → "691200"); raises ValueError when it is not 2–10 digits."""
    digits = re.sub(r"[\s.\-]", "", hs or "")
    if not re.fullmatch(r"\d{2,10}", digits):
        raise ValueError(hs)
    return digits


def family_for_hs(hs: str) -> tuple[str | None, bool]:
    """(family, exact) for an HS code; exact is False when only the chapter matched; (None, False) if unknown."""
    return vocabulary().families_for_hs(normalise_hs(hs))


def normalise_market(market: str) -> str:
    """Upper-case ISO3 code (aliases such as US, UK, FR accepted), or EU; raises ValueError."""
    code = (market or "").strip().upper()
    code = MARKET_ALIASES.get(code, code)
    if not re.fullmatch(r"[A-Z]{3}|EU", code):
        raise ValueError(market)
    return code


def market_group(market: str) -> str:
    """The rule set that applies: EU for a member state, else the market code itself."""
    code = normalise_market(market)
    return "EU" if code in EU_MEMBERS else code


def market_scopes(market: str) -> list[str]:
    """Scopes whose facts apply to a destination market, most general first (e.g. FRA → [EU, FRA])."""
    code = normalise_market(market)
    group = market_group(code)
    return [group] if group == code else [group, code]


@functools.cache
def market_words() -> dict[str, tuple[str, ...]]:
    """{market code: words naming it in a question} (data/market_words.toml)."""
    raw = tomllib.loads(MARKET_WORDS_PATH.read_text(encoding="utf-8"))["words"]
    return {code: tuple(words) for code, words in raw.items()}


def markets_in_addresses(text: str) -> set[str]:
    """Markets named by web addresses with a country code in a text (amazon.de → DEU); unknown codes ignored."""
    found = set()
    for code in _COUNTRY_DOMAIN.findall(text or ""):
        try:
            market = normalise_market(code)
        except ValueError:
            continue
        if market in market_words():
            found.add(market)
    return found

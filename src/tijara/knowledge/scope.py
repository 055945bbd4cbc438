"""Pure mapping of markets and HS codes to the scopes the facts use (no ORM)."""

from __future__ import annotations

import re

# EU-27 member states (ISO 3166-1 alpha-3).
EU_MEMBERS = frozenset(
    ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"]
)
MARKET_ALIASES = {"US": "USA", "UK": "GBR", "GB": "GBR", "EU": "EU", "MA": "MAR", "FR": "FRA", "DE": "DEU",
                  "ES": "ESP", "IT": "ITA", "NL": "NLD", "BE": "BEL"}
# Markets with a rule set in the shipped pack: the EU (and its members), the US and the UK.
COVERED_GROUPS = ("EU", "USA", "GBR")

# Longest HS prefix wins. From export-facts.md section 8 (FAM-*); "verify" lines keep their family.
HS_FAMILIES: dict[str, str] = {
    "5701": "rugs", "5702": "rugs", "5703": "rugs", "5704": "rugs", "5705": "rugs",
    "6907": "zellige", "6908": "zellige",
    "6912": "pottery", "6911": "pottery",
    "6913": "ceramics", "6914": "ceramics",
    "4202": "leather", "4203": "leather", "4205": "leather", "940490": "leather",
    "6403": "footwear", "6404": "footwear", "6405": "footwear",
    "9405": "lighting",
    "4414": "wood", "4419": "wood", "4420": "wood",
    "4602": "basketry", "4601": "basketry",
    "7113": "jewelry", "7117": "jewelry",
    "6301": "textiles", "6302": "textiles", "6304": "textiles", "6214": "textiles", "61": "textiles", "62": "textiles",
    "8306": "metalware", "7418": "metalware", "7323": "metalware", "7326": "metalware",
    "3304": "cosmetics", "3305": "cosmetics", "3401": "cosmetics", "1515": "cosmetics", "2530": "cosmetics",
}
# When only the chapter matches: the family whose rules cover the chapter most broadly.
CHAPTER_FAMILIES = {"57": "rugs", "69": "pottery", "42": "leather", "64": "footwear", "44": "wood", "46": "basketry",
                    "71": "jewelry", "63": "textiles", "83": "metalware", "74": "metalware", "94": "lighting"}


def normalise_hs(hs: str) -> str:
    """Digits only ("6912.00" → "691200"); raises ValueError when it is not 2–10 digits."""
    digits = re.sub(r"[\s.\-]", "", hs or "")
    if not re.fullmatch(r"\d{2,10}", digits):
        raise ValueError(hs)
    return digits


def family_for_hs(hs: str) -> tuple[str | None, bool]:
    """(family, exact) for an HS code; exact is False when only the chapter matched; (None, False) if unknown."""
    digits = normalise_hs(hs)
    for length in range(min(len(digits), 6), 1, -1):
        family = HS_FAMILIES.get(digits[:length])
        if family:
            return family, True
    family = CHAPTER_FAMILIES.get(digits[:2])
    return family, False


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

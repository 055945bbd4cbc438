"""Pure mapping of markets and HS codes to the scopes the facts use (no ORM)."""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

from tijara.language.normalise import strip_accents
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
def pack_market_words() -> dict[str, tuple[str, ...]]:
    """{market code: words} of the markets the pack has rules or authorities for (data/market_words.toml)."""
    raw = tomllib.loads(MARKET_WORDS_PATH.read_text(encoding="utf-8"))
    return {code: tuple(ws) for code, ws in raw["words"].items()}


@functools.cache
def market_words() -> dict[str, tuple[str, ...]]:
    """{market code: words naming it in a question}: the pack's own words (data/market_words.toml), then every
    other country's CLDR name in en, fr and ar (Babel), Morocco and ambiguous names left out, and the nationality
    adjectives of the covered markets (data/market_adjectives.toml)."""
    raw = tomllib.loads(MARKET_WORDS_PATH.read_text(encoding="utf-8"))
    words = dict(pack_market_words())
    ambiguous = {w.lower() for w in raw.get("ambiguous", {}).get("words", [])}
    skip = set(words) | set(raw.get("origin", {}).get("codes", []))
    for code, names in _country_names(frozenset(skip)).items():
        if code in skip:
            continue
        kept = tuple(n for n in names if n.lower() not in ambiguous)
        if kept:
            words[code] = kept
    for code, adjectives in market_adjectives().items():
        words[code] = tuple(dict.fromkeys(words.get(code, ()) + adjectives))
    return words


@functools.cache
def _country_names(skip: frozenset[str] = frozenset()) -> dict[str, tuple[str, ...]]:
    """{alpha-3: the country's CLDR names in en, fr, ar} for every country Babel knows, except those of `skip`
    (alpha-3 codes; also their old aliases, e.g. DDR for Germany) and groupings such as the EU or the UN."""
    from babel import Locale

    aliases = _territory_aliases()
    skipped = {aliases[code3] for code3 in skip if code3 in aliases}
    alpha3 = _current_alpha3(
        (code3, code2) for code3, code2 in aliases.items()
        if not (code2 in skipped or code3[0] in "QXZ" and not code3.startswith(code2)
                or code2 in ("EU", "EZ", "UN", "QO", "XA", "XB", "ZZ")))
    locales = [Locale(language) for language in ("en", "fr", "ar")]
    names: dict[str, tuple[str, ...]] = {}
    for code2, code3 in alpha3.items():
        found = {locale.territories[code2] for locale in locales if code2 in locale.territories}
        if found:
            names[code3] = tuple(sorted(found))
    return names


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


MARKET_ADJECTIVES_PATH = Path(__file__).resolve().parent / "data" / "market_adjectives.toml"
CAPITALS_PATH = Path(__file__).resolve().parents[1] / "markets" / "data" / "cepii_geo.csv.gz"
_CITY_LANGUAGES = ("en", "fr", "ar")
_CITY_QUALIFIER = re.compile(r"\s*[,،(\[]")


@functools.cache
def market_adjectives() -> dict[str, tuple[str, ...]]:
    """{market code: its nationality adjectives} in en, fr, ar and Darija, every gender and number
    (data/market_adjectives.toml, project-written): "douanes japonaises" and «الجمارك الألمانية» name their market."""
    raw = tomllib.loads(MARKET_ADJECTIVES_PATH.read_text(encoding="utf-8"))
    return {code: tuple(ws) for code, ws in raw["adjectives"].items()}


def covered_markets() -> frozenset[str]:
    """The countries the pack has rules or authorities for: its own markets and every EU member state."""
    return frozenset(code for code in pack_market_words() if code != "EU") | EU_MEMBERS


@functools.cache
def city_markets() -> dict[str, str]:
    """{city name (lower case): market} for the cities of the covered markets: the exemplar city of each of their time
    zones in CLDR, in en, fr and ar (Babel), and their capitals (CEPII, English). Left out: names of three letters or
    fewer, names that are also a country's or an ambiguous word (market_words.toml), and names of two markets."""
    import csv
    import gzip

    from babel.core import get_global
    from babel.dates import get_timezone_location

    covered = covered_markets()
    alpha2 = {code3: code2 for code2, code3 in _alpha3().items() if code3 in covered}
    by_alpha2 = {code2: code3 for code3, code2 in alpha2.items()}
    found: dict[str, set[str]] = {}
    for zone, code2 in get_global("zone_territories").items():
        if code2 not in by_alpha2 or not ("/" in zone and not zone.startswith("Etc/")):
            continue
        for language in _CITY_LANGUAGES:
            city = get_timezone_location(zone, locale=language, return_city=True)
            found.setdefault(city, set()).add(by_alpha2[code2])
    with gzip.open(CAPITALS_PATH, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["iso3"] in covered and row["city_en"]:
                found.setdefault(row["city_en"], set()).add(row["iso3"])
    raw = tomllib.loads(MARKET_WORDS_PATH.read_text(encoding="utf-8"))
    taken = {w.lower() for ws in market_words().values() for w in ws}
    taken |= {w.lower() for w in raw.get("ambiguous", {}).get("words", []) + raw.get("ambiguous", {}).get("cities", [])}
    names: dict[str, set[str]] = {}
    for city, codes in found.items():
        # a qualifier is not part of the name (Knox, Indiana; Center [North Dakota]; بيولا، داكوتا الشمالية)
        name = _CITY_QUALIFIER.split(city, maxsplit=1)[0].strip().lower()
        for form in {name, strip_accents(name)}:
            names.setdefault(form, set()).update(codes)
    return {name: codes.pop() for name, codes in names.items()
            if len(codes) == 1 and len(name.replace(" ", "")) > 3 and name not in taken}


@functools.cache
def _territory_aliases() -> dict[str, str]:
    """{alpha-3, current or former: alpha-2} of the countries Babel knows (CLDR territory aliases)."""
    from babel.core import get_global

    return {code3: targets[0] for code3, targets in get_global("territory_aliases").items()
            if len(code3) == 3 and code3.isalpha() and code3.isupper() and len(targets) == 1
            and len(targets[0]) == 2 and targets[0].isalpha()}


def _current_alpha3(pairs) -> dict[str, str]:
    """{alpha-2: alpha-3} from (alpha-3, alpha-2) pairs, the current code first (DEU before DDR): one that starts
    with the two-letter code."""
    out: dict[str, str] = {}
    for code3, code2 in pairs:
        if code2 not in out or (code3.startswith(code2) and not out[code2].startswith(code2)):
            out[code2] = code3
    return out


@functools.cache
def _alpha3() -> dict[str, str]:
    """{alpha-2: current alpha-3} of the countries Babel knows."""
    return _current_alpha3(_territory_aliases().items())

"""Source quality tiers: how strong the publisher of a figure is (pure, no ORM).

1. official publisher or statistics office (UN Comtrade, CEPII BACI and GeoDist, Eurostat, USITC, the UK
   Department for International Trade, Office des Changes, a customs administration);
2. international organisation, research institute or industry association (World Bank WDI, WTO, ITC, OECD);
3. press (news agencies and newspapers, including ministry figures relayed by the press);
4. blogs, shops, marketing pages and personal copies.

A figure whose publisher is not recognised is put in tier 4: a tier is never raised by assumption.
The tier is decided from the publisher named in the source (and its URL), not from the site where a copy was
found: the US tariff copied to a GitHub repository is still the USITC's.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import urlparse

OFFICIAL, INTERNATIONAL, PRESS, LOW = 1, 2, 3, 4
TIERS = (OFFICIAL, INTERNATIONAL, PRESS, LOW)

# Lowercase fragments of a publisher's name or address, checked in order: the first tier matched wins, so a
# page of a shop that cites UN Comtrade stays a shop (its own matches come first).
_LOW = ("made-in-china", "centurion", "flexport", "accio", "blog", "shop", "gitnux", "zipdo", "worldmetrics",
        "wifitalents", "datahorizzon", "indexbox", "texpro", "statista", "alchempro", "retailer", "background knowledge",
        "importedconsumerproducts", "imported consumer products", "expert market research", "dogs and purses",
        "personal", "not re-read")
_PRESS = ("atlasinfo", "map)", "(map", "maghress", "le360", "le matin", "lematin", "liberation",
          "telquel", "infomediaire", "hespress", "risalat", "floordaily", "news", "press",
          "aujourd'hui le maroc", "medias24", "morocco world news", "north africa post", "7news",
          "marrakech7", "walaw", "elaph", "24 saa", "yabiladi", "challenge.ma", "leseco", "l'economiste", "assahafa",
          "perspectivesmed", "allafrica", "tribune", "les echos", "la vie eco", "african manager", "le site info",
          "kiosque360", "daily morocco", "aldar", "bladi", "le reporter", "telegramme", "al qanat",
          "detafour", "express tv", "archyde", "le petit journal", "world today news", "latest news", "chinpao",
          "l'odj", "varpresse", "associated press", "finances news", "magazine", "home furnishings business",
          "anba", "africa.com", "insaf", "lebrief", "world monitor", "mehr news", "le desk", "sn home", "hg home",
          "lesiteinfo", "libe.ma", "meuble-info", "fashionunited", "ilgiorno", "gazetadopovo", "bastillepost",
          "interiordesignermagazine", "cover-magazine", "stoneworld", "firstonline", "giftstoday", "giftsandhome",
          "topagrar", "frischeingeschenkt", "wrp-textilpflege", "interiordigest", "enlightenmentmag", "whatson.ae",
          "stationerytrends")
_INTERNATIONAL = ("world bank", "wdi", "world development indicators", "wto", "international trade centre",
                  "itc ", "oecd", "unctad", "imf", "growth lab", "association", "federation", "chamber")
_OFFICIAL = ("usitc", "harmonized tariff schedule", "un comtrade", "comtrade", "baci", "cepii", "eurostat",
             "office des changes", "customs", "department for international trade", "dit britannique",
             "hm revenue", "hmrc", "taric", "official journal", "cbp",
             "federal register", "census bureau", "eur-lex", "official journal", "consilium", "echa.europa",
             "legislation.gov.uk", "gov.uk", "ecfr", "cpsc", "fda.gov", "ftc.gov", "wcoomd", "world customs",
             "maroc.ma")


# Acronyms of official publishers, matched as whole words ("DIT" is the UK Department for International Trade,
# publisher of the EU CET 2020 / UK Global Tariff file).
_OFFICIAL_WORDS = {"usitc", "cepii", "baci", "comtrade", "eurostat", "dit", "hmrc", "cbp", "taric", "wco", "echa",
                   }


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _starts_a_word(fragment: str, text: str) -> bool:
    """`fragment` occurs at the start of a word of `text` ("press" in "associated press", not in "express")."""
    return re.search(r"(?<![a-z0-9])" + re.escape(fragment), text) is not None


def _tier_in(text: str) -> int | None:
    words = set(re.findall(r"[a-z0-9]+", text))
    for fragments, tier in ((_LOW, LOW), (_PRESS, PRESS), (_OFFICIAL, OFFICIAL), (_INTERNATIONAL, INTERNATIONAL)):
        if any(_starts_a_word(f, text) for f in fragments) or (tier == OFFICIAL and words & _OFFICIAL_WORDS):
            return tier
    return None


def _host(url: str) -> str:
    host = urlparse(url if "//" in (url or "") else f"//{url or ''}").hostname or ""
    return host.removeprefix("www.")


@functools.lru_cache(maxsize=4096)
def tier_of(source: str, url: str = "", publisher_site: str = "") -> int:
    """The quality tier (1 best … 4 lowest) of a figure from the publisher named in its source.

    `publisher_site`: the website of the body the figure is about (a fair's organiser): a figure read on that
    site is the publisher's own (tier 1).
    """
    if url and publisher_site and _host(url) and _host(url) == _host(publisher_site):
        return OFFICIAL
    text = _fold(f"{source or ''} {url or ''}")
    if not text.strip():
        return LOW
    # A page that names another publisher ("Made-in-China.com …, citing UN Comtrade") is judged by the page.
    head = _fold(source).split("citing")[0].split("via")[0]
    found = _tier_in(head)
    if found is None:
        found = _tier_in(text)
    return LOW if found is None else found

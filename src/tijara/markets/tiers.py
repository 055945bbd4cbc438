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

OFFICIAL, INTERNATIONAL, PRESS, LOW = 1, 2, 3, 4
TIERS = (OFFICIAL, INTERNATIONAL, PRESS, LOW)

# Lowercase fragments of a publisher's name or address, checked in order: the first tier matched wins, so a
# page of a shop that cites UN Comtrade stays a shop (its own matches come first).
_LOW = ("made-in-china", "centurion", "flexport", "accio", "blog", "shop", "gitnux", "zipdo", "worldmetrics",
        "wifitalents", "datahorizzon", "indexbox", "texpro", "statista", "alchempro", "retailer", "background knowledge",
        "importedconsumerproducts", "imported consumer products", "expert market research", "dogs and purses",
        "personal", "not re-read")
_PRESS = ("atlasinfo", "map)", "(map", "maghress", "le360", "le matin", "lematin", "libération", "liberation",
          "telqueL".lower(), "infomédiaire", "infomediaire", "hespress", "risalat", "floordaily", "news", "press",
          "aujourd'hui le maroc", "medias24", "médias24", "morocco world news", "north africa post", "7news",
          "marrakech7", "walaw", "elaph", "24 saa", "yabiladi", "challenge.ma", "leseco", "l'economiste", "assahafa",
          "perspectivesmed", "allafrica", "tribune", "les echos", "la vie éco", "african manager", "le site info",
          "kiosque360", "daily morocco", "aldar", "bladi", "le reporter", "télégramme", "telegramme", "al qanat",
          "detafour", "express tv", "archyde", "le petit journal", "world today news", "latest news", "chinpao",
          "l'odj", "varpresse", "associated press", "finances news", "magazine", "home furnishings business",
          "anba", "africa.com", "insaf", "lebrief", "world monitor", "mehr news", "le desk", "sn home", "hg home")
_INTERNATIONAL = ("world bank", "wdi", "world development indicators", "wto", "international trade centre",
                  "itc ", "oecd", "unctad", "imf", "growth lab", "association", "federation", "chamber")
_OFFICIAL = ("usitc", "harmonized tariff schedule", "un comtrade", "comtrade", "baci", "cepii", "eurostat",
             "office des changes", "customs", "douane", "department for international trade", "dit britannique",
             "dit)", "hm revenue", "hmrc", "tarif extérieur commun", "taric", "official journal", "cbp",
             "federal register", "census bureau", "eur-lex", "official journal", "consilium", "echa.europa",
             "legislation.gov.uk", "gov.uk", "ecfr", "cpsc", "fda.gov", "ftc.gov", "wcoomd", "world customs")


def tier_of(source: str, url: str = "") -> int:
    """The quality tier (1 best … 4 lowest) of a figure from the publisher named in its source."""
    text = f"{source or ''} {url or ''}".lower()
    if not text.strip():
        return LOW
    # A page that names another publisher ("Made-in-China.com …, citing UN Comtrade") is judged by the page.
    head = (source or "").lower().split("citing")[0].split("via")[0]
    for fragments, tier in ((_LOW, LOW), (_PRESS, PRESS), (_OFFICIAL, OFFICIAL), (_INTERNATIONAL, INTERNATIONAL)):
        if any(f in head for f in fragments):
            return tier
    for fragments, tier in ((_LOW, LOW), (_PRESS, PRESS), (_OFFICIAL, OFFICIAL), (_INTERNATIONAL, INTERNATIONAL)):
        if any(f in text for f in fragments):
            return tier
    return LOW

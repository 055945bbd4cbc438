"""Source quality tier of each sourced line of a price calculation (pure, no ORM).

The tier itself is decided by `tijara.markets.tiers.tier_of` (1 official publisher … 4 blogs, shops and copies);
this module only says *who published* a pricing figure: a faithful copy of a publisher's data set (a GitHub
mirror) is judged by its publisher and the copy's location is kept; a page that restates a rule in its own words
(a shop's blog on the US de minimis) is judged by that page. Figures the user entered get no tier.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlparse

from tijara.markets.tiers import tier_of

# Faithful copies of a publisher's data: (fragment of the copy's address, publisher, publisher's address).
# vatnode/eu-vat-rates-data is regenerated from the European Commission's Taxes in Europe Database (PRC-VAT-01).
COPIES = (
    ("github.com/vatnode/eu-vat-rates-data", "European Commission, Taxes in Europe Database (TEDB)",
     "https://ec.europa.eu/taxation_customs/tedb/"),
)

# Sites of the bodies that publish a pricing figure themselves: a tax administration's own rate or threshold, a
# marketplace's own fee page. A figure read there is the publisher's own (tier 1, as a fair's dates read on its
# organiser's site). Matched on the host or a parent domain.
PUBLISHER_SITES = (
    "canada.ca", "cbsa-asfc.gc.ca", "ato.gov.au", "ird.govt.nz", "ch.ch", "admin.ch", "skatteetaten.no",
    "customs.go.jp", "gov.uk", "ec.europa.eu", "etsy.com", "ebay.com", "sellercentral.amazon.es", "shopify.com",
    "cbp.gov", "federalregister.gov", "bkam.ma",
)

# Publishers named only by their address in the pack: host → the publisher's name, judged by markets' tiers.
# A document-sharing site holds uploads by anyone: judged as a personal copy (the Aramex card is read there, and
# its service name "express" must not read as "press").
PUBLISHERS = {"nfib.com": "National Federation of Independent Business",
              "scribd.com": "personal upload on a document-sharing site"}


@dataclass(frozen=True)
class Provenance:
    """Who published a figure, where our copy was found, and the resulting tier (None: entered by the user)."""

    tier: int | None
    publisher: str = ""
    copy_location: str = ""


def _url_in(text: str) -> str:
    for word in (text or "").replace(";", " ").split():
        if word.startswith(("http://", "https://")):
            return word.rstrip(").,")
    return ""


def _host(url: str) -> str:
    return (urlparse(url if "//" in url else f"//{url}").hostname or "").removeprefix("www.")


def _on(host: str, sites) -> str:
    return next((site for site in sites if host == site or host.endswith("." + site)), "")


def _site_named(text: str) -> str:
    """A publisher's site named in the text without a scheme ("ato.gov.au GST on low value imported goods")."""
    for word in text.replace(";", " ").replace(",", " ").split():
        if "." in word.strip(".()") and _on(_host(word.strip(".()")), PUBLISHER_SITES):
            return "https://" + word.strip(".()")
    return ""


def judge(source: str, url: str = "") -> Provenance:
    """The publisher and tier of a figure from its source text (the part before "; base:" for a tax line)."""
    figure_source = (source or "").split("; base:")[0].strip()
    if figure_source.endswith("(K)"):  # background knowledge, no source read
        return Provenance(tier_of("background knowledge"), figure_source)
    url = url or _url_in(figure_source) or _site_named(figure_source)
    where = f"{figure_source} {url}".lower()
    for fragment, publisher, publisher_url in COPIES:
        if fragment in where:
            return Provenance(tier_of(publisher, publisher_url), publisher, url or fragment)
    if url and _on(_host(url), PUBLISHER_SITES):
        return Provenance(tier_of(figure_source, url, url), figure_source)
    named = PUBLISHERS.get(_on(_host(url), PUBLISHERS)) if url else None
    if named:
        return Provenance(tier_of(named), named, url)
    return Provenance(tier_of(figure_source, url), figure_source)

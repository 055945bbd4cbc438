"""API face of markets (mounted at /api/v1/markets/ in tijara/api.py). Reference data: public, read-only."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from ninja import Router

from tijara.core.errors import NotFound, TijaraError
from tijara.markets import selectors

router = Router(tags=["markets"])


def _edition(edition: str) -> str:
    if edition not in ("2017", "2022"):
        raise TijaraError("invalid_edition", _("HS edition must be 2017 or 2022."), field="edition")
    return edition


@router.get("/hs/search", auth=None, response=dict)
def hs_search(request, q: str, lang: str | None = None, edition: str = "2022", limit: int = 20):
    """Search the HS nomenclature by code prefix or by words in French or English."""
    hits = selectors.hs_search(q, lang=lang if lang in ("en", "fr") else None, limit=max(1, min(limit, 100)),
                               edition=_edition(edition))
    return {"query": q, "edition": edition,
            "results": [{**selectors.hs_as_dict(h.hs), "score": h.score, "matched": h.matched} for h in hits]}


@router.get("/hs/{code}", auth=None, response=dict)
def hs_detail(request, code: str, edition: str = "2022", on: date | None = None):
    """An HS code: texts (en/fr), path, children, trade figures and duties in the main markets, with sources."""
    data = selectors.product_overview_dict(code, _edition(edition), on)
    if data is None:
        raise NotFound("hs_not_found", _("HS code %(code)s is not in HS %(ed)s.") % {"code": code, "ed": edition})
    return data


@router.get("/countries/{iso3}", auth=None, response=dict)
def country_detail(request, iso3: str):
    """A country: names, region, currency, languages, distance from Morocco, agreements, handicraft exports."""
    data = selectors.country_overview_dict(iso3)
    if data is None:
        raise NotFound("unknown_country", _("Unknown country code “%(code)s”.") % {"code": iso3})
    return data


@router.get("/duty", auth=None, response=dict)
def duty(request, hs: str, market: str, on: date | None = None, origin_proof: bool = True):
    """Duty for Moroccan-origin goods entering a market on a date, with the rows used (known=false if no data)."""
    return selectors.duty_for(hs=hs, market=market, on=on or date.today(), origin_proof=origin_proof).as_dict()


@router.get("/agreements/{iso3}", auth=None, response=dict)
def agreements(request, iso3: str):
    """Agreements giving Moroccan goods preferential access to this country."""
    return {"iso3": iso3.upper(), "agreements": [selectors._agreement_dict(a) for a in selectors.agreements_for(iso3)]}


@router.get("/trade/world-imports", auth=None, response=dict)
def world_imports(request, hs: str):
    """Published import figures (and imported BACI/Comtrade flows) for an HS code, each with its source."""
    return {"hs": hs, "figures": [f.as_dict() for f in selectors.world_imports(hs)]}


@router.get("/trade/morocco-exports", auth=None, response=dict)
def morocco_exports(request, hs: str | None = None, partner: str | None = None):
    """Published figures of Morocco's exports, optionally for an HS code and/or a partner."""
    return {"figures": [f.as_dict() for f in selectors.morocco_exports(hs=hs, partner=partner)]}


@router.get("/trade/handicraft", auth=None, response=dict)
def handicraft(request, dimension: str | None = None, key: str | None = None):
    """Official handicraft export figures (MAD) by total, destination, product family or city."""
    return {"figures": [f.as_dict() for f in selectors.handicraft_exports_official(dimension=dimension, key=key)]}


@router.get("/packs", auth=None, response=dict)
def packs(request):
    """The loaded reference packs with source, vintage, checksum and row count."""
    return {"packs": [{"name": p.name, "rows": p.rows, "source": p.source, "source_url": p.source_url,
                       "licence": p.licence, "as_of": p.as_of, "sha256": p.sha256, "imported": p.imported}
                      for p in selectors.reference_packs()]}


# The market finder (issue 13) lives in api_finder.py: /api/v1/markets/finder/…
from tijara.markets.api_finder import finder_router  # noqa: E402

router.add_router("/finder", finder_router)

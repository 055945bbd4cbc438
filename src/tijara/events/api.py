"""API face of events (mounted at /api/v1/events/): listing, matching, the .ics feed link, staff import."""

from __future__ import annotations

from django.utils.translation import get_language
from ninja import File, Form, Router, Schema
from ninja.files import UploadedFile

from tijara.accounts.selectors import organisation_for
from tijara.core.crafts import CRAFT_CODES
from tijara.core.errors import TijaraError
from tijara.events import selectors, services

router = Router(tags=["events"])


class Error(Schema):
    code: str
    message: str


def _event(e) -> dict:
    return {**e.as_cli(), "slug": e.slug, "organiser": e.organiser, "venue": e.venue,
            "dates_confirmed": e.dates_confirmed, "confidence": e.confidence, "usual_months": list(e.usual_months),
            "last_start": e.last_start.isoformat() if e.last_start else None,
            "last_end": e.last_end.isoformat() if e.last_end else None, "crafts": list(e.crafts),
            "registration_deadline": e.registration_deadline.isoformat() if e.registration_deadline else None}


def _lang() -> str:
    code = (get_language() or "en")[:2]
    return code if code in ("ar", "fr", "en") else "en"


@router.get("/", auth=None, response={200: dict, 400: Error})
def events(request, market: str = "", craft: str = ""):
    """Upcoming or not-yet-dated events (optionally in a market, ISO3 or EU, and for a craft family), soonest first."""
    if craft and craft not in CRAFT_CODES:
        raise TijaraError("invalid_craft", f"Unknown craft family {craft!r}.", field="craft")
    market = market.strip().upper()
    if market and not (market.isalpha() and len(market) in (2, 3)):
        raise TijaraError("invalid_market", "Give the market as an ISO 3166 alpha-3 code, e.g. FRA.", field="market")
    found = (selectors.events_for(market=market, craft=craft or None) if market
             else selectors.events_list(craft=craft or None))
    return {"events": [_event(e) for e in found]}


@router.get("/for/{slug}", response={200: dict, 404: Error})
def matched(request, slug: str):
    """Events in the organisation's top markets for its craft families, soonest first (members and advisors)."""
    org = organisation_for(user=request.user, slug=slug)
    return _match_out(org, selectors.match_for_organisation(organisation=org, lang=_lang()))


def _match_out(org, m) -> dict:
    return {"organisation": org.slug, "crafts": m.crafts, "notes": m.notes,
            "markets": [{"iso3": x.iso3, "name": x.name, "basis": x.basis, "hs": x.hs, "score": x.score,
                         "source": x.source, "as_of": x.as_of} for x in m.markets],
            "events": [_event(e) for e in m.events], "in_morocco": [_event(e) for e in m.home]}


@router.get("/for/{slug}/products/{sku}", response={200: dict, 404: Error})
def matched_product(request, slug: str, sku: str):
    """Events in a product's top markets (from its HS code, else its craft family) for its craft, soonest first."""
    from tijara.catalog.selectors import product_for

    product = product_for(user=request.user, organisation_slug=slug, sku=sku)
    return _match_out(product.organisation, selectors.match_for_product(product=product, lang=_lang()))


@router.post("/import", response={201: dict, 400: Error, 403: Error})
def ical_import(request, file: File[UploadedFile], source: Form[str], source_url: Form[str] = "",
                as_of: Form[str] = "", confidence: Form[str] = "secondary"):
    """Import an RFC 5545 calendar (staff). A malformed file is rejected with its line and reason; nothing changes."""
    result = services.ical_import(actor=request.user, data=file.read(), source=source, source_url=source_url,
                                  as_of=as_of, confidence=confidence)
    return 201, {"created": result.created, "updated": result.updated, "warnings": result.warnings}

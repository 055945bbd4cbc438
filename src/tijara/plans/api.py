"""API face of plans: compute a plan without saving it, save plans, read them."""

from datetime import date

from ninja import Router, Schema

from tijara.accounts.selectors import current_organisation, organisation_for
from tijara.core.errors import TijaraError
from tijara.plans import selectors, services
from tijara.plans.compose import plan_compose

router = Router(tags=["plans"])


class PlanIn(Schema):
    market: str
    text: str = ""
    product: str | None = None
    organisation: str | None = None
    hs: str = ""
    channel: str = "direct"
    ship_date: date | None = None
    language: str = "en"
    exw_mad: float | None = None
    weight_kg: float | None = None
    dims_cm: str = ""
    freight: float | None = None
    rate_card: str = ""


class Error(Schema):
    code: str
    message: str


def _product(request, payload: PlanIn):
    if not payload.product:
        return None, None
    from tijara.catalog.selectors import product_in

    organisation = (organisation_for(user=request.user, slug=payload.organisation, write=True) if payload.organisation
                    else current_organisation(request))
    if organisation is None:
        raise TijaraError("not_found", "No such product.", status=404)
    return organisation, product_in(organisation=organisation, sku=payload.product)


def _parameters(payload: PlanIn) -> dict:
    return {"exw_mad": payload.exw_mad, "weight_kg": payload.weight_kg, "dims_cm": payload.dims_cm,
            "freight": payload.freight, "rate_card": payload.rate_card}


@router.post("/compute", response={200: dict, 400: Error, 403: Error, 404: Error})
def compute(request, payload: PlanIn):
    """Compute a plan (seven sections with sources, and unknowns) without saving it."""
    _org, product = _product(request, payload)
    req = services.plan_request(market=payload.market, language=payload.language, text=payload.text, product=product,
                                hs=payload.hs, channel=payload.channel, ship_date=payload.ship_date,
                                parameters=_parameters(payload))
    return plan_compose(req).as_dict()


@router.post("/", response={201: dict, 400: Error, 403: Error, 404: Error})
def create(request, payload: PlanIn):
    """Compute and save a plan for the caller's organisation."""
    organisation, product = _product(request, payload)
    organisation = organisation or (organisation_for(user=request.user, slug=payload.organisation, write=True)
                                    if payload.organisation else current_organisation(request))
    if organisation is None:
        raise TijaraError("no_organisation", "You are not a member of any organisation.", status=403)
    plan = services.plan_create(actor=request.user, organisation=organisation, market=payload.market,
                                language=payload.language, text=payload.text, product=product, hs=payload.hs,
                                channel=payload.channel, ship_date=payload.ship_date, parameters=_parameters(payload))
    return 201, {"id": plan.pk, **plan.result}


@router.get("/", response=list[dict])
def plans(request):
    """Plans the caller may see (their organisations', their region's, shared with them)."""
    return [{"id": p.pk, "title": p.title, "market": p.market, "organisation": p.organisation.slug,
             "computed_at": p.computed_at.isoformat() if p.computed_at else None}
            for p in selectors.visible_plans(user=request.user)[:200]]


@router.get("/{pk}", response={200: dict, 404: Error})
def plan(request, pk: int):
    plan = selectors.plan_for(user=request.user, pk=pk)
    return {"id": plan.pk, **plan.result, "warnings": selectors.plan_warnings(plan=plan)}

"""API face of documents: compose a bundle without saving, save shipments, read them, download their bundle."""

from django.http import HttpResponse
from ninja import Router

from tijara.accounts.selectors import organisation_for
from tijara.documents import selectors, services
from tijara.documents.schemas import Error, ShipmentIn

router = Router(tags=["documents"])


def _fields(payload: ShipmentIn) -> dict:
    data = payload.dict()
    data["parcels"] = [{"contents": [list(c) for c in p["contents"]], "gross_kg": p["gross_kg"],
                        "dims_cm": p["dims_cm"]} for p in data["parcels"]]
    return data


def _summary(bundle) -> dict:
    names = [f"documents-{lang}.pdf" for lang in bundle.languages] + [
        f"invoice-{lang}.xlsx" for lang in bundle.languages] + ["cn23.json", "bundle.json"]
    return {"files": names, **bundle.summary(), "cn23": bundle.cn23()}


@router.post("/{slug}/bundle", response={200: dict, 400: Error, 403: Error, 404: Error})
def bundle(request, slug: str, payload: ShipmentIn):
    """Compose a shipment's documents without saving: checks, unknowns, facts, CN23 data and the file names."""
    organisation = organisation_for(user=request.user, slug=slug)
    return _summary(services.bundle_for(organisation=organisation, **_fields(payload)))


@router.get("/{slug}/shipments", response={200: list[dict], 404: Error})
def shipment_list(request, slug: str):
    organisation = organisation_for(user=request.user, slug=slug)
    return [{"id": s.pk, "market": s.market, "ship_date": s.ship_date.isoformat(), "incoterm": s.incoterm,
             "buyer": s.buyer.get("name", "")} for s in selectors.shipments_for(organisation=organisation)[:200]]


@router.post("/{slug}/shipments", response={201: dict, 400: Error, 403: Error, 404: Error})
def shipment_create(request, slug: str, payload: ShipmentIn):
    """Save a shipment of the organisation (members only)."""
    organisation = organisation_for(user=request.user, slug=slug, write=True)
    shipment = services.shipment_create(actor=request.user, organisation=organisation, **_fields(payload))
    return 201, {"id": shipment.pk, **_summary(services.bundle_build(shipment=shipment))}


@router.get("/shipments/{pk}", response={200: dict, 404: Error})
def shipment_get(request, pk: int):
    shipment = selectors.shipment_for(user=request.user, pk=pk)
    return {"id": shipment.pk, **_summary(services.bundle_build(shipment=shipment))}


@router.get("/shipments/{pk}/bundle.zip", response={200: None, 404: Error})
def shipment_zip(request, pk: int):
    """The shipment's documents (PDF per language, XLSX invoice, CN23 and bundle JSON) in one ZIP."""
    shipment = selectors.shipment_for(user=request.user, pk=pk)
    bundle = services.bundle_build(shipment=shipment)
    response = HttpResponse(services.bundle_zip(bundle=bundle), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{bundle.data.invoice_number}.zip"'
    return response

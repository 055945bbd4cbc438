"""API face of the marketplace: public search, product and maker; inquiries for signed-in users."""

from __future__ import annotations

from django.utils.translation import get_language
from ninja import Query, Router

from tijara.accounts.selectors import current_organisation
from tijara.core.ratelimit import client_ip_address
from tijara.marketplace import selectors, services
from tijara.marketplace.schemas import (
    CloseIn,
    Error,
    InquiryIn,
    InquiryOut,
    MakerOut,
    MessageIn,
    ProductOut,
    QuoteIn,
    SearchOut,
)

router = Router(tags=["marketplace"])


def _float(value):
    return float(value) if value is not None else None


def _price(conversion):
    if conversion is None:
        return None
    return {"amount": float(conversion.amount), "currency": conversion.currency, "rate_date": conversion.rate_date,
            "source": conversion.source}


@router.get("/search", response=SearchOut, auth=None)
def search(request, q: str = "", lang: str = "", facet: list[str] = Query([]),  # noqa: B008 - ninja's idiom
           sort: str = "relevance", page: int = 1, per_page: int = 20, currency: str = "MAD"):
    """Search public products in any language; facets as `facet=material=wool` (repeatable)."""
    result = selectors.search(query=q, language=lang, filters=selectors.parse_facets(facet), sort=sort, page=page,
                              per_page=per_page, currency=currency.upper())
    return {"total": result.total, "page": result.page, "per_page": result.per_page, "currency": result.currency,
            "results": result.results, "facets": result.facets, "expansions": result.expansions}


@router.get("/products/{maker}/{path:sku}", response={200: ProductOut, 404: Error}, auth=None)
def product(request, maker: str, sku: str, lang: str = "", currency: str = "MAD"):
    """One public product in `lang` (the served language says when the text is in another language)."""
    language = lang or (get_language() or "fr")[:2]
    page = selectors.product_page(maker=maker, sku=sku, language=language, currency=currency.upper())
    p = page.product
    return {
        "sku": p.sku, "url": page.url, "title": page.text.title if page.text else p.sku,
        "description": page.text.description if page.text else "", "language": page.served_language,
        "languages": page.languages, "maker": page.maker.public_name, "maker_slug": page.maker.slug,
        "maker_verified": page.maker.is_verified, "craft": p.craft_family_id, "region": p.region or page.maker.region,
        "city": p.city, "materials": page.materials, "technique": p.technique, "length_cm": _float(p.length_cm),
        "width_cm": _float(p.width_cm), "height_cm": _float(p.height_cm), "weight_kg": _float(p.weight_kg),
        "moq": p.moq, "lead_days": p.production_days, "monthly_capacity": p.monthly_capacity,
        "price_mad": _float(page.price_mad), "price": _price(page.price),
        "photos": [request.build_absolute_uri((ph.web or ph.original).url) for ph in page.photos],
    }


@router.get("/makers/{slug}", response={200: MakerOut, 404: Error}, auth=None)
def maker(request, slug: str, lang: str = ""):
    """A maker's public profile and products."""
    language = lang or (get_language() or "fr")[:2]
    page = selectors.maker_page(slug=slug, language=language)
    org = page.organisation
    return {
        "slug": org.slug, "name": org.public_name, "kind": org.kind, "story": org.story, "crafts": org.crafts or [],
        "region": org.region, "city": org.city, "verified": org.is_verified, "verified_at": org.verified_at,
        "product_count": page.product_count,
        "products": [{"sku": c["product"].sku, "title": c["title"], "language": c["language"],
                      "url": request.build_absolute_uri(c["path"]), "price_mad": _float(c["price_mad"])}
                     for c in page.products],
    }


def _inquiry_out(inquiry, user) -> dict:
    return {
        "id": inquiry.pk, "reference": inquiry.reference, "maker": inquiry.maker.public_name,
        "status": inquiry.status, "destination_country": inquiry.destination_country, "incoterm": inquiry.incoterm,
        "deadline": inquiry.deadline, "currency": inquiry.currency, "message": inquiry.message,
        "created_at": inquiry.created_at, "first_response_at": inquiry.first_response_at,
        "lines": [{"id": line.pk, "sku": line.sku, "title": line.title, "quantity": line.quantity,
                   "target_unit_price": line.target_unit_price} for line in inquiry.lines.all()],
        "messages": [{"id": m.pk, "from_maker": m.from_maker, "body": m.body, "created_at": m.created_at}
                     for m in inquiry.messages.all()],
        "quotes": [{**{f: getattr(q, f) for f in ("id", "currency", "incoterm", "valid_until", "note", "total",
                                                  "total_mad", "rate", "rate_date", "rate_source", "created_at")},
                    "lines": list(q.lines.values("description", "quantity", "unit_price_mad", "unit_price",
                                                 "line_total"))}
                   for q in inquiry.quotes.all()],
    }


def _load(request, pk: int):
    return selectors.inquiry_for(user=request.user, pk=pk)


@router.get("/inquiries", response=list[InquiryOut])
def inquiries(request, received: bool = False):
    """Inquiries the caller sent, or (`received=true`) those of the organisation they work in."""
    if received:
        organisation = current_organisation(request)
        rows = selectors.inquiries_received(organisation=organisation) if organisation else []
    else:
        rows = selectors.inquiries_sent(user=request.user)
    return [_inquiry_out(_load(request, i.pk), request.user) for i in list(rows)[:100]]


@router.post("/inquiries", response={201: InquiryOut, 400: Error, 403: Error, 404: Error, 429: Error})
def inquiry_create(request, payload: InquiryIn):
    """Send an inquiry (RFQ) to the maker of the listed public products."""
    inquiry = services.inquiry_create(
        buyer=request.user, lines=[line.model_dump() for line in payload.lines],
        destination_country=payload.destination_country, message=payload.message, incoterm=payload.incoterm,
        deadline=payload.deadline, currency=payload.currency, ip=client_ip_address(request),
    )
    return 201, _inquiry_out(_load(request, inquiry.pk), request.user)


@router.get("/inquiries/{pk}", response={200: InquiryOut, 404: Error})
def inquiry(request, pk: int):
    return _inquiry_out(_load(request, pk), request.user)


@router.post("/inquiries/{pk}/messages", response={201: InquiryOut, 400: Error, 404: Error, 409: Error, 429: Error})
def inquiry_message(request, pk: int, payload: MessageIn):
    services.inquiry_message_post(actor=request.user, inquiry=_load(request, pk), body=payload.body)
    return 201, _inquiry_out(_load(request, pk), request.user)


@router.post("/inquiries/{pk}/quotes", response={201: InquiryOut, 400: Error, 403: Error, 404: Error, 409: Error})
def inquiry_quote(request, pk: int, payload: QuoteIn):
    """The maker's quote: unit prices in MAD, converted to the quote currency at Pricing's dated rate."""
    services.quote_create(actor=request.user, inquiry=_load(request, pk),
                          lines=[line.model_dump() for line in payload.lines], incoterm=payload.incoterm,
                          valid_until=payload.valid_until, currency=payload.currency, note=payload.note)
    return 201, _inquiry_out(_load(request, pk), request.user)


@router.post("/inquiries/{pk}/close", response={200: InquiryOut, 400: Error, 403: Error, 404: Error})
def inquiry_close(request, pk: int, payload: CloseIn):
    services.inquiry_close(actor=request.user, inquiry=_load(request, pk), outcome=payload.outcome)
    return _inquiry_out(_load(request, pk), request.user)


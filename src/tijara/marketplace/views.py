"""Web face of the marketplace: public catalog, product and maker pages, sitemap, inquiries, dashboard."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from tijara.accounts.selectors import current_organisation
from tijara.core.errors import NotFound
from tijara.marketplace import adapters, selectors, services

SITEMAP_PAGE = 40_000


def _language(request) -> str:
    return (getattr(request, "LANGUAGE_CODE", None) or get_language() or "fr")[:2]


def visitor_currency(request) -> str:
    """The visitor's currency: `?currency=` (remembered in the session), else EUR; MAD when unknown."""
    chosen = (request.GET.get("currency") or "").upper()[:3]
    if chosen.isalpha() and len(chosen) == 3:
        request.session["currency"] = chosen
        return chosen
    return request.session.get("currency", "EUR")


def visitor_country(request) -> str:
    """ISO alpha-3 country of a signed-in buyer's organisation (blank for anonymous visitors)."""
    organisation = current_organisation(request) if request.user.is_authenticated else None
    return organisation.country if organisation is not None else ""


@require_GET
def index(request):
    """The public catalog: search box, facets, sorting, results (htmx swaps only the results)."""
    filters = {name: request.GET.getlist(name) for name in selectors.FACETS if request.GET.getlist(name)}
    try:
        page_number = int(request.GET.get("page") or 1)
    except ValueError:
        page_number = 1
    page = selectors.search(query=request.GET.get("q", ""), language=_language(request), filters=filters,
                            sort=request.GET.get("sort", "relevance"), page=page_number,
                            currency=visitor_currency(request))
    context = {"page": page, "currencies": adapters.currencies(), "facet_names": selectors.FACETS,
               "query_string": request.GET.urlencode()}
    if request.htmx:
        return render(request, "marketplace/partials/results.html", context)
    return render(request, "marketplace/index.html", context)


@require_GET
def product(request, maker: str, sku: str):
    """A public product page in the visitor's language, with hreflang alternates and JSON-LD."""
    language = _language(request)
    requested = (request.GET.get("lang") or "").lower()
    if requested.isalpha() and 2 <= len(requested) <= 3:
        language = requested  # a product may be written in a language the interface does not offer
    try:
        bundle = selectors.product_page(maker=maker, sku=sku, language=language, currency=visitor_currency(request))
    except NotFound:
        raise Http404 from None
    services.product_view_record(product=bundle.product, country=visitor_country(request))
    codes = list(dict.fromkeys([code for code, _name in settings.LANGUAGES] + bundle.languages))
    alternates = [(code, f"{bundle.url}?lang={code}") for code in codes]
    context = {
        "page": bundle, "alternates": alternates,
        "jsonld": json.dumps(bundle.jsonld, ensure_ascii=False).replace("</", "<\\/") if bundle.jsonld else "",
        "currencies": adapters.currencies(),
    }
    return render(request, "marketplace/product.html", context)


@require_GET
def maker(request, slug: str):
    """A maker's public page: story, crafts, region, verified badge, products."""
    try:
        bundle = selectors.maker_page(slug=slug, language=_language(request))
    except NotFound:
        raise Http404 from None
    return render(request, "marketplace/maker.html", {"page": bundle})


@require_GET
def sitemap(request):
    """/sitemap.xml: public product pages (with hreflang alternates) and maker pages; an index past 40,000 URLs."""
    entries = selectors.sitemap_entries()
    base = settings.SITE_URL
    pages = max(1, -(-len(entries) // SITEMAP_PAGE))
    part = request.GET.get("page")
    if pages > 1 and not part:
        body = render(request, "marketplace/sitemap_index.xml",
                      {"parts": [f"{base}/sitemap.xml?page={n}" for n in range(1, pages + 1)]}).content
        return HttpResponse(body, content_type="application/xml")
    try:
        number = min(max(int(part or 1), 1), pages)
    except ValueError:
        number = 1
    chunk = entries[(number - 1) * SITEMAP_PAGE:number * SITEMAP_PAGE]
    languages = [code for code, _name in settings.LANGUAGES]
    return render(request, "marketplace/sitemap.xml", {"entries": chunk, "base": base, "languages": languages},
                  content_type="application/xml")

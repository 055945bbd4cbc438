"""Web face of the marketplace: public catalog, product and maker pages, sitemap, inquiries, dashboard."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tijara.accounts.selectors import current_organisation
from tijara.catalog.selectors import product_text, public_products
from tijara.core.errors import NotFound, TijaraError
from tijara.core.ratelimit import client_ip_address
from tijara.marketplace import adapters, selectors, services, viewcounts
from tijara.marketplace.forms import GuestInquiryForm, InquiryForm, MessageForm, QuoteForm, ReportForm
from tijara.marketplace.models import AbuseReport

SITEMAP_PAGE = 40_000
SITEMAP_CACHE_SECONDS = 3600


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


def shipping_country(request) -> str:
    """Where the visitor ships to: `?country=` (remembered in the session), else a buyer organisation's country."""
    from tijara.core.l10n import country_name

    chosen = (request.GET.get("country") or "").upper()[:3]
    if chosen.isalpha() and len(chosen) == 3 and country_name(chosen) != chosen:
        request.session["ship_to"] = chosen
        return chosen
    if request.session.get("ship_to"):
        return request.session["ship_to"]
    organisation = current_organisation(request) if request.user.is_authenticated else None
    if organisation is not None and organisation.kind == "buyer":
        return organisation.country
    return ""


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
    viewcounts.count(product_id=bundle.product.pk, organisation_id=bundle.product.organisation_id,
                     country=visitor_country(request))
    codes = list(dict.fromkeys([code for code, _name in settings.LANGUAGES] + bundle.languages))
    alternates = [(code, f"{bundle.url}?lang={code}") for code in codes]
    from tijara.core.l10n import country_choices

    currency = visitor_currency(request)
    title = bundle.text.title if bundle.text else bundle.product.sku
    photos = [{"web": (p.web or p.original).url, "full": p.original.url, "thumb": (p.thumbnail or p.web or p.original).url,
               "alt": p.alt(language) or title, "width": p.width, "height": p.height} for p in bundle.photos]
    try:
        shown = min(max(int(request.GET.get("photo") or 1), 1), len(photos)) if photos else 0
    except ValueError:
        shown = 1
    context = {
        "page": bundle, "alternates": alternates, "shown_photo": photos[shown - 1] if photos else None,
        "shown_index": shown, "gallery": photos, "title": title,
        "other_languages": [code for code in bundle.languages if code != bundle.served_language],
        "shipping": selectors.shipping_estimate(product=bundle.product, country=shipping_country(request),
                                                currency=currency),
        "countries": country_choices(alpha=3),
        "jsonld": _script_json(bundle.jsonld) if bundle.jsonld else "",
        "currencies": adapters.currencies(),
    }
    return render(request, "marketplace/product.html", context)


def _script_json(data: dict) -> str:
    """JSON safe inside <script>: <, > and & escaped."""
    return (json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))


@require_GET
def maker(request, slug: str):
    """A maker's public page: story, crafts, region, verified badge, products."""
    try:
        bundle = selectors.maker_page(slug=slug, language=_language(request))
    except NotFound:
        raise Http404 from None
    return render(request, "marketplace/maker.html", {"page": bundle})


def _sitemap_part(summary: dict, number: int) -> dict:
    """Which product and maker rows page `number` (1-based) of the sitemap holds: products first, then makers."""
    start, stop = (number - 1) * SITEMAP_PAGE, number * SITEMAP_PAGE
    n = summary["products"]
    products = (start, max(0, min(stop, n) - start)) if start < n else (0, 0)
    maker_start = max(start, n) - n
    makers = (maker_start, max(0, min(stop - n, summary["makers"]) - maker_start)) if stop > n else (0, 0)
    return {"products": products, "makers": makers}


@require_GET
def sitemap(request):
    """/sitemap.xml: public product pages (with hreflang alternates) and maker pages; an index past 40,000 URLs.
    Each page reads only its own rows (sliced in SQL) and is cached until the catalog changes."""
    from django.core.cache import cache

    summary = selectors.sitemap_summary()
    base = settings.SITE_URL
    pages = max(1, -(-(summary["products"] + summary["makers"]) // SITEMAP_PAGE))
    part = request.GET.get("page")
    if pages > 1 and not part:
        body = render(request, "marketplace/sitemap_index.xml",
                      {"parts": [f"{base}/sitemap.xml?page={n}" for n in range(1, pages + 1)]}).content
        return HttpResponse(body, content_type="application/xml")
    try:
        number = min(max(int(part or 1), 1), pages)
    except ValueError:
        number = 1
    version = "|".join(str(summary[k]) for k in ("products", "products_last", "makers", "makers_last"))
    key = "tijara:sitemap:" + hashlib.sha256(f"{base}|{number}|{version}".encode()).hexdigest()[:32]
    body = cache.get(key)
    if body is None:
        languages = [code for code, _name in settings.LANGUAGES]
        body = render(request, "marketplace/sitemap.xml", {
            "entries": selectors.sitemap_entries(**_sitemap_part(summary, number)), "base": base,
            "languages": languages}).content
        cache.set(key, body, SITEMAP_CACHE_SECONDS)
    return HttpResponse(body, content_type="application/xml")


# ---------------------------------------------------------------------------------------------- inquiries


def _product_ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit()][:50]


def _quantity_errors(request, rows: list[dict]) -> list[dict]:
    """On a POST, each row's quantity checked like the service will (so every error shows in one round), as
    error-summary entries linking to the row's field; each failing row gets its `error` for the text beside it."""
    if request.method != "POST":
        return []
    errors = []
    for row in rows:
        try:
            services.line_quantity(row["quantity"])
        except TijaraError as exc:
            row["error"] = exc.message
            errors.append({"id": f"quantity_{row['product'].pk}", "message": exc.message})
    return errors


def inquiry_new(request):
    """The request-for-quotation form for one or several products of one maker; visitors get the guest form."""
    ids = _product_ids(request.GET.getlist("product") or request.POST.getlist("product"))
    products = list(public_products().filter(pk__in=ids))
    if not products:
        raise Http404
    if not request.user.is_authenticated:
        return _guest_inquiry(request, products)
    form = InquiryForm(request.POST or None, initial={"destination_country": shipping_country(request),
                                                      "currency": visitor_currency(request)})
    language = _language(request)
    rows = []
    for p in products:
        text, served = product_text(p, language)
        rows.append({"product": p, "title": text.title if text else p.sku, "language": served,
                     "quantity": request.POST.get(f"quantity_{p.pk}", p.moq),
                     "target": request.POST.get(f"target_{p.pk}", "")})
    quantity_errors = _quantity_errors(request, rows)
    if request.method == "POST" and form.is_valid() and not quantity_errors:
        lines = [{"product_id": p.pk, "quantity": request.POST.get(f"quantity_{p.pk}"),
                  "target_unit_price": request.POST.get(f"target_{p.pk}") or None} for p in products]
        try:
            inquiry = services.inquiry_create(
                buyer=request.user, lines=lines, destination_country=form.cleaned_data["destination_country"],
                incoterm=form.cleaned_data["incoterm"], deadline=form.cleaned_data["deadline"],
                currency=form.cleaned_data["currency"], message=form.cleaned_data["message"],
                ip=client_ip_address(request), honeypot=form.cleaned_data["website"],
            )
        except TijaraError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Your inquiry was sent to the maker."))
            return redirect("marketplace:inquiry", pk=inquiry.pk)
    return render(request, "marketplace/inquiry_new.html", {"form": form, "rows": rows, "quantity_errors": quantity_errors,
                                                            "maker": products[0].organisation})


def _guest_inquiry(request, products):
    """A visitor's request for quotation: held until they confirm their e-mail, then delivered to the maker."""
    language = _language(request)
    form = GuestInquiryForm(request.POST or None, initial={"destination_country": shipping_country(request)})
    rows = []
    for p in products:
        text, served = product_text(p, language)
        rows.append({"product": p, "title": text.title if text else p.sku, "language": served,
                     "quantity": request.POST.get(f"quantity_{p.pk}", p.moq)})
    quantity_errors = _quantity_errors(request, rows)
    if request.method == "POST" and form.is_valid() and not quantity_errors:
        lines = [{"product_id": p.pk, "quantity": request.POST.get(f"quantity_{p.pk}")} for p in products]
        try:
            guest = services.guest_inquiry_create(
                name=form.cleaned_data["name"], email=form.cleaned_data["email"], lines=lines,
                destination_country=form.cleaned_data["destination_country"], message=form.cleaned_data["message"],
                language=language, ip=client_ip_address(request), honeypot=form.cleaned_data["website"])
        except TijaraError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            request.session["guest_inquiry_sent"] = {"email": guest.email, "maker": guest.maker_id}
            return redirect("marketplace:guest_sent")
    maker = products[0].organisation
    return render(request, "marketplace/inquiry_visitor.html", {
        "form": form, "rows": rows, "quantity_errors": quantity_errors, "maker": maker, "next": request.get_full_path()})


@require_GET
def guest_sent(request):
    """After a guest's request: check your inbox, what happens next, how to follow the conversation."""
    from tijara.accounts.models import Organisation
    from tijara.marketplace.services import GUEST_MAX_AGE

    sent = request.session.get("guest_inquiry_sent")
    if not sent:
        return redirect("marketplace:index")
    maker = Organisation.objects.filter(pk=sent.get("maker")).first()
    return render(request, "marketplace/guest_sent.html", {
        "email": sent.get("email", ""), "maker": maker, "hours": GUEST_MAX_AGE // 3600,
        "response_hours": selectors.maker_response_hours(organisation=maker) if maker else None})


def guest_confirm(request, token: str):
    """The link of the confirmation e-mail. GET shows the request with a "Send my request" button and changes nothing
    (mail scanners and link previews open links); the button's POST delivers it to the maker, then the page says it
    was sent."""
    try:
        if request.method == "POST":
            services.guest_inquiry_confirm(token=token)
            return redirect(request.get_full_path())
        guest = services.guest_inquiry_read(token=token)
    except TijaraError as exc:
        return render(request, "marketplace/guest_confirm.html", {"error": exc.message, "code": exc.code},
                      status=400 if exc.code.startswith("token_") else exc.status)
    sent = guest.inquiry_id is not None or guest.confirmed_at is not None
    return render(request, "marketplace/guest_confirm.html", {
        "guest": guest, "maker": guest.maker, "sent": sent,
        "rows": [] if sent else _guest_rows(guest, _language(request)),
        "message_language": "" if sent else selectors.line_text_language(guest.message)})


def _guest_rows(guest, language: str) -> list[dict]:
    """The products of a guest's held request, titled in the page's language where the maker wrote one (else the
    best other text, marked with its language), with the quantities asked."""
    from tijara.catalog.models import Product

    products = {p.pk: p for p in Product.objects.filter(organisation=guest.maker,
                                                        pk__in=[line.get("product_id") for line in guest.lines])}
    rows = []
    for line in guest.lines:
        product = products.get(line.get("product_id"))
        if product is None:
            continue
        text, served = product_text(product, language)
        rows.append({"product": product, "title": text.title if text else product.sku, "language": served,
                     "quantity": line.get("quantity")})
    return rows


@login_required
def inquiries(request):
    """The user's inquiries: sent as a buyer, and received by the organisation they work in."""
    organisation = current_organisation(request)
    received = selectors.inquiries_received(organisation=organisation) if organisation and organisation.is_seller else None
    return render(request, "marketplace/inquiries.html", {
        "sent": selectors.inquiries_sent(user=request.user)[:100],
        "received": selectors.inquiry_rows(received[:100], _language(request)) if received is not None else None,
        "organisation": organisation,
    })


def _thread(request, pk: int):
    try:
        return selectors.inquiry_for(user=request.user, pk=pk)
    except NotFound:
        raise Http404 from None


@login_required
def inquiry(request, pk: int):
    """An inquiry's thread: lines, messages, quotes; the maker answers, quotes and closes it."""
    thread = _thread(request, pk)
    side = selectors.inquiry_side(user=request.user, inquiry=thread)
    quote_form = QuoteForm(initial={"currency": thread.currency, "incoterm": thread.incoterm or "FOB",
                                    "valid_until": timezone.localdate() + timedelta(days=30)})
    return render(request, "marketplace/inquiry.html", {
        "inquiry": thread, "side": side, "message_form": MessageForm(), "quote_form": quote_form,
        "report_form": ReportForm(),
        "lines": [{"line": line, "price": _line_price(line),
                   **selectors.inquiry_line_title(line, _language(request))} for line in thread.lines.all()],
        "quotes": _quotes(thread),
    })


def _quotes(thread) -> list:
    """The inquiry's quotes, each line with the language its description is written in (`line.language`)."""
    quotes = list(thread.quotes.prefetch_related("lines__product__texts"))
    for quote in quotes:
        quote.rows = list(quote.lines.all())
        for line in quote.rows:
            line.language = selectors.line_text_language(line.description, line.product)
    return quotes


def _line_price(line):
    """The lowest variant price of the line's product (MAD), to prefill the quote; None when unknown."""
    product = line.product
    if product is None:
        return None
    prices = [v.price_mad for v in product.variants.all()]
    return min(prices) if prices else None


def _act(request, pk: int, action):
    thread = _thread(request, pk)
    try:
        action(thread)
    except TijaraError as exc:
        messages.error(request, exc.message)
    return redirect("marketplace:inquiry", pk=thread.pk)


@login_required
@require_POST
def inquiry_message(request, pk: int):
    form = MessageForm(request.POST)

    def post(thread):
        if not form.is_valid():
            raise TijaraError("invalid", _("The message is empty."))
        services.inquiry_message_post(actor=request.user, inquiry=thread, body=form.cleaned_data["body"])

    return _act(request, pk, post)


@login_required
@require_POST
def inquiry_quote(request, pk: int):
    form = QuoteForm(request.POST)

    def quote(thread):
        if not form.is_valid():
            raise TijaraError("invalid", form.problems())
        lines = [{"inquiry_line_id": line.pk, "quantity": request.POST.get(f"qty_{line.pk}"),
                  "unit_price_mad": request.POST.get(f"price_{line.pk}")}
                 for line in thread.lines.all() if request.POST.get(f"qty_{line.pk}")]
        services.quote_create(actor=request.user, inquiry=thread, lines=lines, currency=form.cleaned_data["currency"],
                              incoterm=form.cleaned_data["incoterm"], valid_until=form.cleaned_data["valid_until"],
                              note=form.cleaned_data["note"])
        messages.success(request, _("The quote was sent to the buyer."))

    return _act(request, pk, quote)


@login_required
@require_POST
def inquiry_close(request, pk: int):
    return _act(request, pk, lambda thread: services.inquiry_close(actor=request.user, inquiry=thread,
                                                                   outcome=request.POST.get("outcome", "")))


@login_required
@require_POST
def inquiry_report(request, pk: int):
    form = ReportForm(request.POST)

    def report(thread):
        if not form.is_valid():
            raise TijaraError("invalid", _("Say briefly what is wrong."))
        services.abuse_report(actor=request.user, inquiry=thread, reason=form.cleaned_data["reason"])
        messages.success(request, _("Thank you: a moderator will look at it."))

    return _act(request, pk, report)


@login_required
def moderation(request):
    """Platform admins: pending abuse reports; dismiss or hide the inquiry."""
    if not request.user.is_platform_admin:
        raise Http404
    if request.method == "POST":
        report = get_object_or_404(AbuseReport, pk=request.POST.get("report") or 0)
        services.abuse_resolve(actor=request.user, report=report, hide=request.POST.get("action") == "hide")
        messages.success(request, _("Report resolved."))
        return redirect("marketplace:moderation")
    return render(request, "marketplace/moderation.html", {"reports": selectors.reports_pending()[:200]})


@login_required
def dashboard(request):
    """The artisan dashboard of the organisation the user works in (members only)."""
    organisation = current_organisation(request)
    if organisation is None or not organisation.is_seller:
        raise Http404
    try:
        days = int(request.GET.get("days") or 90)
    except ValueError:
        days = 90
    board = selectors.dashboard(organisation=organisation, days=days)
    language = _language(request)
    products = []
    for row in board.by_product:  # each product by its title in the page's language (marked when another one)
        text, served = product_text(row["product"], language)
        products.append({**row, "title": text.title if text is not None else "", "language": served or ""})
    return render(request, "marketplace/dashboard.html",
                  {"organisation": organisation, "board": board, "products": products})

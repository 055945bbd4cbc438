"""Reads of the marketplace: search, the public product and maker pages, inquiry threads, the dashboard."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError
from tijara.marketplace import adapters, index_store
from tijara.marketplace.search import embed, engine, text

FACETS = ("craft", "material", "region", "price", "moq", "lead_time", "verified", "maker")
FALLBACK_ORDER = ("fr", "en", "ar")


@dataclass
class SearchPage:
    """One page of search results with facet counts over every match."""

    query: str
    language: str
    total: int
    results: list[dict]
    facets: dict[str, dict[str, int]]
    expansions: dict[str, list[str]]
    sort: str
    page: int
    per_page: int
    filters: dict[str, list[str]] = field(default_factory=dict)
    currency: str = "MAD"
    rate: adapters.Conversion | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _known_ranges(filters: dict[str, list[str]]) -> dict[str, list[str]]:
    """Range facets (price, minimum order, lead time, verified) keep only the values the page offers: a stale or
    edited link (`price=abc`) is ignored instead of showing a "Price: abc" chip over zero results."""
    offered = {"moq": {label for label, _low, _high in engine.MOQ_BUCKETS},
               "lead_time": {label for label, _low, _high in engine.LEAD_BUCKETS},
               "price": set(engine.price_bucket_labels()), "verified": {"yes", "no", "true", "false", "1", "0"}}
    kept = {name: [v for v in values if name not in offered or v in offered[name]] for name, values in filters.items()}
    return {name: values for name, values in kept.items() if values}


def _as_typed(query: str, expansions: dict[str, list[str]]) -> dict[str, list[str]]:
    """Expansions keyed by the word as the visitor typed it ("زربية"), not its folded search form ("زربيه")."""
    typed: dict[str, str] = {}
    for token in re.findall(r"\w+", query or ""):
        for word in text.words(token):
            typed.setdefault(word, token)
    return {typed.get(word, word): found for word, found in expansions.items()}


def served_title(titles: dict[str, str], language: str) -> tuple[str, str]:
    """(title, language served): the requested language, else French, English, Arabic, else any."""
    if language and titles.get(language):
        return titles[language], language
    for code in (*FALLBACK_ORDER, *sorted(titles)):
        if titles.get(code):
            return titles[code], code
    return "", ""


def parse_facets(pairs: list[str]) -> dict[str, list[str]]:
    """`["material=wool", "craft=rugs"]` → `{"material": ["wool"], "craft": ["rugs"]}`; unknown names refused."""
    filters: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not value.strip():
            raise TijaraError("invalid_facet", _("A facet is written NAME=VALUE, e.g. material=wool."), field="facet")
        if name not in FACETS:
            raise TijaraError("invalid_facet", _("Unknown facet “{name}”; use one of: {names}.").format(
                name=name, names=", ".join(FACETS)), field="facet")
        filters.setdefault(name, []).append(value.strip())
    return filters


def search(*, query: str = "", language: str = "", filters: dict[str, list[str]] | None = None,
           sort: str = "relevance", page: int = 1, per_page: int = 20, currency: str = "MAD") -> SearchPage:
    """Public products matching `query` in any language, with facets; never fails on odd input."""
    query = (query or "")[:10_000]
    language = (language or "")[:8]
    filters = {k: [str(v)[:100] for v in vs][:20] for k, vs in (filters or {}).items() if k in FACETS}
    filters = _known_ranges(filters)
    page = max(1, min(int(page or 1), 1000))
    per_page = max(1, min(int(per_page or 20), 100))
    sort = sort if sort in engine.SORTS else "relevance"
    rate = adapters.convert_from_mad(Decimal(1), currency) if currency and currency != "MAD" else None
    currency = rate.currency if rate else "MAD"
    vectorize = None
    if query.strip() and settings.TIJARA_EMBEDDINGS_ENABLED:
        def vectorize():
            return embed.encode_one(" ".join(query.split()[:30])[:300])
    index = index_store.current_index()
    lexicon = adapters.craft_lexicon()
    result = index.search(
        engine.Query(text=query, filters=filters, sort=sort, offset=(page - 1) * per_page, limit=per_page,
                     currency_per_mad=float(rate.rate) if rate else None, vectorize=vectorize),
        expand=lexicon.expand if len(lexicon) else None,
    )
    results = []
    for hit in result.hits:
        display = hit.display
        title, served = served_title(display.get("titles", {}), language)
        url = settings.SITE_URL + display.get("path", "")
        if language:
            url += f"?lang={language}"
        price_mad = display.get("price_mad")
        price = None
        if price_mad is not None and rate is not None:
            price = {"amount": round(float(price_mad) * float(rate.rate), 2), "currency": rate.currency,
                     "rate_date": rate.rate_date, "source": rate.source}
        results.append({
            "id": hit.id, "sku": display.get("sku", ""), "title": title, "language": served,
            "maker": display.get("maker_name", ""), "url": url, "score": hit.score,
            "maker_slug": display.get("maker_slug", ""), "path": display.get("path", ""),
            "verified": bool(display.get("verified")), "craft": display.get("craft", ""),
            "region": display.get("region", ""), "moq": display.get("moq"), "lead_days": display.get("lead_days"),
            "price_mad": price_mad, "price": price, "thumbnail": display.get("thumbnail", ""),
            "languages": display.get("languages", []), "designs": hit.designs,
        })
    return SearchPage(query=query, language=language, total=result.total, results=results, facets=result.facets,
                      expansions=_as_typed(query, result.expansions), sort=sort, page=page, per_page=per_page, filters=filters,
                      currency=currency, rate=rate)


# ---------------------------------------------------------------------------------------------- public pages


@dataclass
class ProductPage:
    """Everything the public product page shows, in one bundle."""

    product: object
    text: object | None
    served_language: str
    page_language: str
    languages: list[str]
    maker: object
    photos: list
    region_name: str
    craft_name: str
    materials: list[dict]
    price_mad: Decimal | None
    price: adapters.Conversion | None
    url: str
    jsonld: dict | None
    other_products: list = field(default_factory=list)


def public_product(*, maker: str, sku: str):
    """The public product `sku` of maker `maker`, or NotFound (private and draft products do not exist here)."""
    from tijara.catalog.selectors import public_products
    from tijara.core.errors import NotFound

    # No ORDER BY: the (organisation, sku) unique index finds the row directly.
    found = list(public_products().filter(organisation__slug=maker, sku=sku).order_by()[:1])
    if not found:
        raise NotFound("not_found", _("No such product."))
    return found[0]


def product_page(*, maker: str, sku: str, language: str, currency: str = "MAD") -> ProductPage:
    """The public product page bundle in `language` (served language says when the text is in another one)."""
    from tijara.catalog.selectors import product_text
    from tijara.core.crafts import region_name

    product = public_product(maker=maker, sku=sku)
    text, served = product_text(product, language)
    languages = sorted({t.language_code for t in product.texts.all()})
    prices = [v.price_mad for v in product.variants.all() if v.price_mad is not None]
    price_mad = min(prices) if prices else None
    price = None
    if price_mad is not None and currency and currency != "MAD":
        price = adapters.convert_from_mad(price_mad, currency)
    url = settings.SITE_URL + _product_path(product)
    jsonld = adapters.product_jsonld(product, language=served or language, url=url)
    region = product.region or product.organisation.region
    return ProductPage(
        product=product, text=text, served_language=served, page_language=language, languages=languages,
        maker=product.organisation, photos=list(product.photos.all()),
        region_name=region_name(region, language) if region else "",
        craft_name=product.craft_family.name(language), materials=list(product.materials or []),
        price_mad=price_mad, price=price, url=url, jsonld=jsonld,
    )


@dataclass
class ShippingEstimate:
    """Freight of one parcel to the buyer's country: a range over the carriers' rate cards, or why it is unknown."""

    country: str
    quotes: list = field(default_factory=list)
    low: adapters.Conversion | None = None
    high: adapters.Conversion | None = None
    reason: str = ""

    @property
    def known(self) -> bool:
        return bool(self.quotes)

    @property
    def low_mad(self):
        return self.quotes[0].amount_mad if self.quotes else None

    @property
    def high_mad(self):
        return self.quotes[-1].amount_mad if self.quotes else None


def shipping_estimate(*, product, country: str, currency: str = "MAD") -> ShippingEstimate:
    """One parcel of `product` (its packed weight and size) from Morocco to `country`, by Pricing's rate cards."""
    country = (country or "").upper()[:3]
    if not country:
        return ShippingEstimate(country="", reason=_("Choose your country to see a shipping estimate."))
    weight = product.packed_weight_kg or product.weight_kg
    if not weight:
        return ShippingEstimate(country=country, reason=_(
            "Unknown: the maker has not given the parcel's weight. Ask for shipping in your quote request."))
    sizes = (product.packed_length_cm, product.packed_width_cm, product.packed_height_cm)
    dims = "x".join(str(v) for v in sizes) if all(sizes) else None
    prices = [v.price_mad for v in product.variants.all() if v.price_mad is not None]
    quotes = adapters.shipping_quotes(country=country, weight_kg=weight, dims_cm=dims,
                                      exw_mad=min(prices) if prices else Decimal(1))
    if not quotes:
        return ShippingEstimate(country=country, reason=_(
            "Unknown: no carrier rate we hold covers this parcel to this country. The maker will include shipping "
            "in the quote."))
    estimate = ShippingEstimate(country=country, quotes=quotes)
    if currency and currency != "MAD":
        estimate.low = adapters.convert_from_mad(quotes[0].amount_mad, currency)
        estimate.high = adapters.convert_from_mad(quotes[-1].amount_mad, currency)
    return estimate


def _product_path(product) -> str:
    from tijara.marketplace.documents import product_path

    return product_path(product)


@dataclass
class MakerPage:
    """A maker's public page: the organisation, its crafts, region and public products."""

    organisation: object
    crafts: list[str]
    region_name: str
    products: list[dict]
    product_count: int
    story_language: str = ""  # the language the maker wrote the story in ("" when unknown)


def maker_page(*, slug: str, language: str) -> MakerPage:
    """A seller organisation's public page; NotFound for buyers and unknown slugs."""
    from tijara.accounts.models import Organisation
    from tijara.catalog.selectors import product_text, public_products
    from tijara.core.crafts import craft_name, region_name
    from tijara.core.errors import NotFound

    organisation = Organisation.objects.filter(slug=slug).exclude(kind=Organisation.Kind.BUYER).first()
    if organisation is None:
        raise NotFound("not_found", _("No such maker."))
    products = public_products().filter(organisation=organisation).order_by("-created_at")
    cards = []
    for product in products[:60]:
        text, served = product_text(product, language)
        prices = [v.price_mad for v in product.variants.all()]
        photos = list(product.photos.all())
        cards.append({"product": product, "title": text.title if text else product.sku, "language": served,
                      "path": _product_path(product), "price_mad": min(prices) if prices else None,
                      "photo": photos[0] if photos else None})
    return MakerPage(organisation=organisation, crafts=[craft_name(c, language) for c in organisation.crafts or []],
                     region_name=region_name(organisation.region, language) if organisation.region else "",
                     products=cards, product_count=products.count(),
                     story_language=_story_language(organisation.story))


def _story_language(story: str) -> str:
    """The language a maker's story is written in (ar, fr, en…; "" when it cannot be told): one free-text field."""
    if not (story or "").strip():
        return ""
    from tijara.language.detect import detect_text

    found = detect_text(story).lang
    return "" if found == "und" else found


def _sitemap_makers():
    from tijara.accounts.models import Organisation
    from tijara.catalog.selectors import public_products

    return Organisation.objects.filter(pk__in=public_products().values("organisation_id"))


def sitemap_summary() -> dict:
    """Counts and last changes of the public product and maker pages (two aggregate queries, no rows)."""
    from django.db.models import Count, Max

    from tijara.catalog.selectors import public_products

    products = public_products().aggregate(n=Count("pk"), last=Max("updated_at"))
    makers = _sitemap_makers().aggregate(n=Count("pk"), last=Max("updated_at"))
    return {"products": products["n"], "products_last": products["last"], "makers": makers["n"],
            "makers_last": makers["last"]}


def sitemap_entries(*, products: tuple[int, int] = (0, 0), makers: tuple[int, int] = (0, 0)) -> list[dict]:
    """Public product pages [offset, offset+limit) in primary-key order, with the languages each exists in, then
    maker pages likewise: only those rows are read."""
    from django.urls import reverse

    from tijara.catalog.models import ProductText
    from tijara.catalog.selectors import public_products

    entries = []
    offset, limit = products
    if limit > 0:
        rows = list(public_products().order_by("pk").values_list("pk", "sku", "organisation__slug", "updated_at")
                    [offset:offset + limit])
        languages: dict[int, list[str]] = {}
        ids = [row[0] for row in rows]
        for start in range(0, len(ids), 5000):
            for product_id, code in ProductText.objects.filter(product_id__in=ids[start:start + 5000]).values_list(
                    "product_id", "language_code"):
                languages.setdefault(product_id, []).append(code)
        for pk, sku, maker, updated in rows:
            path = reverse("marketplace:product", kwargs={"maker": maker, "sku": sku})
            entries.append({"path": path, "lastmod": updated, "languages": sorted(languages.get(pk, []))})
    offset, limit = makers
    if limit > 0:
        for slug, updated in _sitemap_makers().order_by("pk").values_list("slug", "updated_at")[offset:offset + limit]:
            entries.append({"path": reverse("marketplace:maker", kwargs={"slug": slug}), "lastmod": updated,
                            "languages": []})
    return entries


# ---------------------------------------------------------------------------------------------- inquiries


def inquiry_for(*, user, pk: int):
    """The inquiry if the user is its buyer, a member of its maker (unless hidden by moderation) or a platform
    admin; NotFound for everyone else, so a thread's existence never leaks."""
    from tijara.accounts.models import Membership
    from tijara.core.errors import NotFound
    from tijara.marketplace.models import Inquiry

    if not user or not user.is_authenticated:
        raise NotFound("not_found", _("No such inquiry."))
    inquiry = (Inquiry.objects.select_related("buyer", "maker", "buyer_organisation")
               .prefetch_related("lines", "messages__author", "quotes__lines", "reports").filter(pk=pk).first())
    if inquiry is None:
        raise NotFound("not_found", _("No such inquiry."))
    if inquiry.buyer_id == user.pk or user.is_platform_admin:
        return inquiry
    if inquiry.hidden_at is None and Membership.objects.filter(user=user, organisation_id=inquiry.maker_id).exists():
        return inquiry
    raise NotFound("not_found", _("No such inquiry."))


def inquiry_line_title(line, language: str) -> dict:
    """An inquiry line's product title for a reader of `language`: the product's text in that language when it has
    one, else its best other text, else the title saved with the line; with the language it is written in ("" when
    it cannot be told), so a page or an e-mail marks a title shown in another language."""
    from tijara.catalog.selectors import product_text

    if line.product is not None:
        text, served = product_text(line.product, language)
        if text is not None:
            return {"title": text.title, "language": served}
    return {"title": line.title, "language": line_text_language(line.title, line.product)}


def line_text_language(text: str, product=None) -> str:
    """The language a saved line text (an inquiry line's title, a quote line's description) is written in: that of
    the product's text whose title it quotes, else as detected; "" when it cannot be told (nothing is marked)."""
    if product is not None:
        for written in product.texts.all():
            if written.title and written.title in text:
                return written.language_code[:2]
    from tijara.language.detect import detect_text

    found = detect_text(text)
    return found.lang if found.supported else ""


def inquiry_side(*, user, inquiry) -> str:
    """'buyer', 'maker' or 'staff' (a platform admin reading for moderation)."""
    from tijara.accounts.models import Membership

    if inquiry.buyer_id == user.pk:
        return "buyer"
    if Membership.objects.filter(user=user, organisation_id=inquiry.maker_id).exists():
        return "maker"
    return "staff"


def inquiries_sent(*, user):
    """Inquiries the user sent as a buyer, newest first."""
    from tijara.marketplace.models import Inquiry

    return Inquiry.objects.filter(buyer=user).select_related("maker").prefetch_related("lines")


def inquiries_received(*, organisation):
    """Inquiries addressed to an organisation (already authorised), hidden ones left out, newest first."""
    from tijara.marketplace.models import Inquiry

    return (Inquiry.objects.filter(maker=organisation, hidden_at__isnull=True)
            .select_related("buyer", "buyer_organisation").prefetch_related("lines__product__texts"))


def inquiry_rows(inquiries, language: str) -> list[dict]:
    """A list page's rows: each inquiry with its lines' product titles for a reader of `language`
    (`inquiry_line_title`: the product's text in that language, else another one said to be in its language)."""
    return [{"inquiry": inquiry, "titles": [inquiry_line_title(line, language) for line in inquiry.lines.all()]}
            for inquiry in inquiries]


def reports_pending():
    """Abuse reports waiting for a moderator, oldest first."""
    from tijara.marketplace.models import AbuseReport

    return AbuseReport.objects.filter(outcome="").select_related("inquiry", "reporter", "inquiry__maker").order_by(
        "created_at", "id")


# ---------------------------------------------------------------------------------------------- dashboard


@dataclass
class Dashboard:
    """An organisation's marketplace figures over a period (counts from this platform's own records)."""

    days: int
    start: object
    views_total: int
    inquiries_total: int
    by_product: list[dict]
    by_country: list[dict]
    series: list[dict]
    response_hours_median: float | None
    answered: int
    won: int
    lost: int
    chart: dict

    @property
    def conversion(self) -> float | None:
        """Won inquiries as a share of closed ones."""
        closed = self.won + self.lost
        return round(100 * self.won / closed, 1) if closed else None

    @property
    def inquiries_per_100_views(self) -> float | None:
        return round(100 * self.inquiries_total / self.views_total, 1) if self.views_total else None


def _chart(series: list[dict], width: int = 640, height: int = 160) -> dict:
    """Polyline points for views and inquiries per day (server-side SVG, no JavaScript)."""
    peak = max([1] + [max(d["views"], d["inquiries"]) for d in series])
    step = width / max(1, len(series) - 1)

    def points(key):
        return " ".join(f"{round(i * step, 1)},{round(height - (d[key] / peak) * (height - 10), 1)}"
                        for i, d in enumerate(series))

    return {"width": width, "height": height, "peak": peak, "views": points("views"),
            "inquiries": points("inquiries")}


def dashboard(*, organisation, days: int = 90) -> Dashboard:
    """Views and inquiries per product, per buyer country and per day; response time; conversion."""
    from datetime import timedelta
    from statistics import median

    from django.db.models import Count, Sum
    from django.utils import timezone

    from tijara.marketplace.models import Inquiry, InquiryLine, ProductView

    days = max(7, min(int(days), 365))
    today = timezone.localdate()
    start = today - timedelta(days=days - 1)
    views = ProductView.objects.filter(organisation=organisation, day__gte=start)
    inquiries = Inquiry.objects.filter(maker=organisation, created_at__date__gte=start)
    per_product_views = dict(views.values_list("product_id").annotate(n=Sum("views")).values_list("product_id", "n"))
    per_product_inquiries = dict(InquiryLine.objects.filter(inquiry__in=inquiries, product__isnull=False)
                                 .values_list("product_id").annotate(n=Count("id")).values_list("product_id", "n"))
    from tijara.catalog.models import Product

    products = {p.pk: p for p in Product.objects.filter(pk__in=set(per_product_views) | set(per_product_inquiries))
                .prefetch_related("texts")}
    by_product = sorted(
        ({"product": products[pk], "views": per_product_views.get(pk, 0), "inquiries": per_product_inquiries.get(pk, 0)}
         for pk in products),
        key=lambda row: (-row["inquiries"], -row["views"], row["product"].sku))
    country_views = dict(views.values_list("country").annotate(n=Sum("views")).values_list("country", "n"))
    country_inquiries = dict(inquiries.values_list("destination_country").annotate(n=Count("id"))
                             .values_list("destination_country", "n"))
    by_country = sorted(
        ({"country": c, "views": country_views.get(c, 0), "inquiries": country_inquiries.get(c, 0)}
         for c in set(country_views) | set(country_inquiries)),
        key=lambda row: (-row["inquiries"], -row["views"], row["country"]))
    daily_views = dict(views.values_list("day").annotate(n=Sum("views")).values_list("day", "n"))
    daily_inquiries: dict = {}
    for created in inquiries.values_list("created_at", flat=True):
        day = timezone.localtime(created).date()
        daily_inquiries[day] = daily_inquiries.get(day, 0) + 1
    series = [{"day": start + timedelta(days=i), "views": daily_views.get(start + timedelta(days=i), 0),
               "inquiries": daily_inquiries.get(start + timedelta(days=i), 0)} for i in range(days)]
    answered = [(a - c).total_seconds() / 3600 for c, a in
                inquiries.filter(first_response_at__isnull=False).values_list("created_at", "first_response_at")]
    statuses = dict(inquiries.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return Dashboard(
        days=days, start=start, views_total=sum(per_product_views.values()), inquiries_total=inquiries.count(),
        by_product=by_product, by_country=by_country, series=series,
        response_hours_median=round(median(answered), 1) if answered else None, answered=len(answered),
        won=statuses.get(Inquiry.Status.WON, 0), lost=statuses.get(Inquiry.Status.LOST, 0), chart=_chart(series),
    )


def maker_response_hours(*, organisation, days: int = 180) -> float | None:
    """Median hours a maker took to first answer the inquiries of the last `days` days (None under 3 answers)."""
    from datetime import timedelta
    from statistics import median

    from django.utils import timezone

    from tijara.marketplace.models import Inquiry

    since = timezone.now() - timedelta(days=days)
    answered = [(a - c).total_seconds() / 3600 for c, a in Inquiry.objects.filter(
        maker=organisation, created_at__gte=since, first_response_at__isnull=False).values_list(
        "created_at", "first_response_at")]
    return round(median(answered)) if len(answered) >= 3 else None

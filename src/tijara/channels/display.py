"""What the channels page shows: listings grouped by product (photo, title in any language, the field to fix),
problems said once per product without rule names or internal sources, and each feed's latest run.

Reads only; the caller has authorised the connection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.urls import reverse
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from tijara.catalog.selectors import product_text, products_for
from tijara.channels.models import ChannelConnection, FeedRun, Listing

# Where each channel field is fixed: the product's text in the target language, a variant, the photos, the
# product form, or the channel attributes form on this page. Labels are the seller's words, not feed keys.
TEXT, VARIANT, PHOTOS, PRODUCT, ATTRIBUTES, SETTINGS, NOWHERE = ("text", "variant", "photos", "product", "attributes",
                                                           "settings", "")
FIELDS = {
    "title": (_("Title"), TEXT), "description": (_("Description"), TEXT), "tags": (_("Tags"), TEXT),
    "language": (_("Language"), TEXT),
    "image_link": (_("Photos"), PHOTOS), "additional_image_link": (_("Photos"), PHOTOS), "images": (_("Photos"), PHOTOS),
    "price": (_("Price"), VARIANT), "gtin": (_("Barcode (GTIN)"), VARIANT), "identifier_exists": (_("Barcode (GTIN)"), VARIANT),
    "size": (_("Size"), VARIANT), "color": (_("Colour"), VARIANT), "quantity": (_("Stock"), VARIANT),
    "availability": (_("Stock"), VARIANT), "id": (_("SKU"), VARIANT), "item_group_id": (_("SKU"), VARIANT),
    "material": (_("Materials"), PRODUCT), "brand": (pgettext_lazy("product field", "Maker"), PRODUCT),
    "product_type": (_("Craft"), PRODUCT), "who_made": (_("Who made it"), PRODUCT),
    "when_made": (_("When it was made"), PRODUCT), "availability_date": (_("Production time"), PRODUCT),
    "gender": (_("Gender"), ATTRIBUTES), "age_group": (_("Age group"), ATTRIBUTES),
    "google_product_category": (_("Google category"), ATTRIBUTES), "taxonomy_id": (_("Etsy category"), SETTINGS),
    "shipping": (_("Shipping"), NOWHERE), "link": (_("Product page address"), PRODUCT),
    "shipping_profile_id": (_("Shipping profile"), SETTINGS), "readiness_state_id": (_("Processing profile"), SETTINGS),
    # the column names of the channels' own sheets (Amazon Handmade, Shopify) say the same fields
    "Title": (_("Title"), TEXT), "Name": (_("Title"), TEXT), "Images": (_("Photos"), PHOTOS),
    "Main image URL": (_("Photos"), PHOTOS), "Other image URL 8": (_("Photos"), PHOTOS), "SKU": (_("SKU"), VARIANT),
    "Variant SKU": (_("SKU"), VARIANT), "Option1 Name": (_("Variants"), VARIANT), "Handle": (_("SKU"), VARIANT),
    "Production method": (_("Who made it"), PRODUCT),
}
SEVERITY = {"error": (_("Blocks the listing"), "tag--bad"), "warning": (_("Should be fixed"), "tag--attention"),
            "advice": (_("Advice"), "tag--info")}


@dataclass
class ProblemRow:
    """One finding said once for a product: field in words, what is wrong, how to fix it, where, its source."""

    severity: str
    severity_label: str
    severity_class: str
    field_label: str
    what: str
    fix: str
    fix_url: str
    source_url: str
    lang: str = ""  # the language the sentences were written in at the last check
    variants: list[str] = field(default_factory=list)


@dataclass
class ProductGroup:
    """A product and its listings on one connection, with its problems merged across variants."""

    sku: str
    title: str
    title_language: str
    thumbnail_url: str
    edit_url: str
    listings: list[Listing]
    problems: list[ProblemRow]

    @property
    def checked_in(self) -> str:
        """The language of the problems' sentences when it is not the page's ("" when it is, or unknown)."""
        page = (get_language() or "en")[:2]
        return next((p.lang for p in self.problems if p.lang and p.lang != page), "")

    @property
    def state(self) -> str:
        states = {listing.state for listing in self.listings}
        for s in (Listing.State.ERROR, Listing.State.BLOCKED, Listing.State.READY, Listing.State.PUBLISHED):
            if s in states:
                return s
        return ""


def _fix_url(where: str, *, slug: str, sku: str, listing: Listing, connection: ChannelConnection) -> str:
    if where == TEXT:
        return reverse("catalog:text", args=[slug, sku, connection.language])
    if where == VARIANT:
        return reverse("catalog:variant_edit", args=[slug, sku, listing.sku])
    if where == PHOTOS:
        return reverse("catalog:photos", args=[slug, sku])
    if where == PRODUCT:
        return reverse("catalog:edit", args=[slug, sku])
    if where == SETTINGS:  # the Etsy shop settings of this connection, on this page
        return "?" + urlencode({"connection": connection.pk}) + "#etsy-settings"
    if where == ATTRIBUTES:  # the attributes form on this page, with the product already chosen
        return "?" + urlencode({"connection": connection.pk, "sku": sku}) + "#attributes-title"
    return ""


def _problem_rows(listings: list[Listing], *, slug: str, sku: str, connection: ChannelConnection) -> list[ProblemRow]:
    rows: dict[tuple, ProblemRow] = {}
    for listing in listings:
        for p in listing.problems_shown:
            label, where = FIELDS.get(p.get("field", ""), (_("Listing"), NOWHERE))
            what = p.get("what") or p.get("message", "")
            key = (p.get("severity"), str(label), what)
            if key not in rows:
                severity_label, css = SEVERITY.get(p.get("severity"), SEVERITY["advice"])
                source = p.get("source", "")
                rows[key] = ProblemRow(
                    severity=p.get("severity", ""), severity_label=str(severity_label), severity_class=css,
                    field_label=str(label), what=what, fix=p.get("fix", ""),
                    fix_url=_fix_url(where, slug=slug, sku=sku, listing=listing, connection=connection),
                    source_url=source if source.startswith("https://") else "", lang=p.get("lang", ""))
            rows[key].variants.append(listing.sku)
    order = {"error": 0, "warning": 1, "advice": 2}
    return sorted(rows.values(), key=lambda r: order.get(r.severity, 3))


def listing_groups(*, connection: ChannelConnection, state: str = "", page: str | int | None = 1,
                   per_page: int = 20) -> tuple[Page, list[ProductGroup]]:
    """A page of the connection's products (each with its listings and merged problems), filtered by state."""
    listings = connection.listings.all()
    if state:
        listings = listings.filter(state=state)
    skus = list(listings.order_by("product_sku").values_list("product_sku", flat=True).distinct())
    page_obj = Paginator(skus, per_page).get_page(page)
    page_skus = list(page_obj.object_list)
    by_sku: dict[str, list[Listing]] = {}
    for listing in listings.filter(product_sku__in=page_skus).order_by("product_sku", "sku"):
        by_sku.setdefault(listing.product_sku, []).append(listing)
    organisation = connection.organisation
    products = {p.sku: p for p in products_for(organisation=organisation).filter(sku__in=page_skus)}
    language = (get_language() or "en")[:2]
    groups = []
    for sku in page_skus:
        product = products.get(sku)
        title, served, thumb = "", "", ""
        if product is not None:
            text, served = product_text(product, language)
            title = text.title if text else ""
            photo = next(iter(product.photos.all()), None)
            thumb = photo.thumbnail.url if photo is not None and photo.thumbnail else ""
        items = by_sku.get(sku, [])
        groups.append(ProductGroup(
            sku=sku, title=title, title_language=served, thumbnail_url=thumb,
            edit_url=reverse("catalog:edit", args=[organisation.slug, sku]) if product is not None else "",
            listings=items, problems=_problem_rows(items, slug=organisation.slug, sku=sku, connection=connection)))
    return page_obj, groups


@dataclass
class FeedStatus:
    """One format's feed: the run to show (queued, running, done or failed) and the good file online, if any."""

    format: str
    format_label: str
    url: str
    run: FeedRun | None
    current: FeedRun | None

    @property
    def reason(self) -> str:
        """Why the run failed, without the exception's class name (`OSError: No space left` → `No space left`)."""
        error = (self.run.error if self.run is not None else "") or ""
        return re.sub(r"^[A-Za-z_][\w.]*(Error|Exception|Exit)\w*:\s*", "", error)

    @property
    def pending(self) -> bool:
        return self.run is not None and self.run.status in (FeedRun.Status.QUEUED, FeedRun.Status.RUNNING)


FORMAT_LABELS = {"xml": _("XML file"), "xlsx": _("Excel workbook"), "tsv": _("Tab-separated file"), "csv": _("Spreadsheet (CSV)"),
                 "json": _("JSON file"), "jsonl": _("JSON lines file")}


def feed_statuses(*, request, connection: ChannelConnection) -> list[FeedStatus]:
    """Each format of the connection's feed with its latest run and the file now served."""
    from tijara.channels.adapters import adapter
    from tijara.channels.selectors import current_feed

    out = []
    for fmt in adapter(connection.kind).FORMATS:
        latest = connection.feed_runs.filter(format=fmt).order_by("-started_at", "-id").first()
        path = reverse("channels:feed", kwargs={"token": connection.feed_token, "fmt": fmt})
        out.append(FeedStatus(format=fmt, format_label=str(FORMAT_LABELS.get(fmt, fmt.upper())),
                              url=request.build_absolute_uri(path), run=latest,
                              current=current_feed(connection=connection, fmt=fmt)))
    return out


def feed_history(*, connection: ChannelConnection, limit: int = 20) -> list[FeedRun]:
    """The last finished runs, oldest first (for the health chart)."""
    runs = list(connection.feed_runs.filter(status__in=[FeedRun.Status.SUCCEEDED, FeedRun.Status.FAILED])
                .order_by("-started_at", "-id")[:limit])
    return runs[::-1]


# ------------------------------------------------------------------------------------------ categories in words

# The names of the shipped Google taxonomy nodes (google_product_taxonomy_subset.txt), so a category is read as a
# path in the page's language ("Mobilier › Poufs"), never as its number.
CATEGORY_WORDS = {
    "Apparel & Accessories": _("Apparel & Accessories"), "Artwork": _("Artwork"), "Bar Soap": _("Bar Soap"),
    "Baskets": _("Baskets"), "Bath & Body": _("Bath & Body"), "Bedding": _("Bedding"), "Belts": _("Belts"),
    "Blankets": _("Blankets"), "Body Oil": _("Body Oil"), "Bowls": _("Bowls"), "Bracelets": _("Bracelets"),
    "Building Materials": _("Building Materials"), "Candle Holders": _("Candle Holders"),
    "Ceiling Light Fixtures": _("Ceiling Light Fixtures"), "Clothing": _("Clothing"),
    "Clothing Accessories": _("Clothing Accessories"), "Coffee & Tea Sets": _("Coffee & Tea Sets"),
    "Coffee Servers & Tea Pots": _("Coffee Servers & Tea Pots"), "Cookware": _("Cookware"),
    "Cookware & Bakeware": _("Cookware & Bakeware"), "Cosmetics": _("Cosmetics"), "Decor": _("Decor"),
    "Decorative Bowls": _("Decorative Bowls"), "Decorative Jars": _("Decorative Jars"),
    "Decorative Plates": _("Decorative Plates"), "Decorative Tapestries": _("Decorative Tapestries"),
    "Decorative Trays": _("Decorative Trays"), "Dinnerware": _("Dinnerware"), "Earrings": _("Earrings"),
    "Figurines": _("Figurines"), "Flooring & Carpet": _("Flooring & Carpet"), "Furniture": _("Furniture"),
    "Handbags": _("Handbags"), "Handbags, Wallets & Cases": _("Handbags, Wallets & Cases"), "Hardware": _("Hardware"),
    "Health & Beauty": _("Health & Beauty"), "Home & Garden": _("Home & Garden"),
    "Home Fragrance Accessories": _("Home Fragrance Accessories"), "Jewelry": _("Jewelry"),
    "Kitchen & Dining": _("Kitchen & Dining"), "Lamps": _("Lamps"), "Lighting": _("Lighting"),
    "Lighting Fixtures": _("Lighting Fixtures"), "Linens & Bedding": _("Linens & Bedding"), "Mirrors": _("Mirrors"),
    "Necklaces": _("Necklaces"), "Ottomans": _("Ottomans"), "Personal Care": _("Personal Care"), "Plates": _("Plates"),
    "Rings": _("Rings"), "Rugs": _("Rugs"), "Scarves & Shawls": _("Scarves & Shawls"),
    "Sculptures & Statues": _("Sculptures & Statues"), "Shoes": _("Shoes"), "Skin Care": _("Skin Care"),
    "Table Linens": _("Table Linens"), "Table Runners": _("Table Runners"), "Tablecloths": _("Tablecloths"),
    "Tableware": _("Tableware"), "Tagines & Clay Cooking Pots": _("Tagines & Clay Cooking Pots"),
    "Throw Pillows": _("Throw Pillows"), "Traditional & Ceremonial Clothing": _("Traditional & Ceremonial Clothing"),
    "Vases": _("Vases"), "Wall & Ceiling Tile": _("Wall & Ceiling Tile"),
    "Wallets & Money Clips": _("Wallets & Money Clips"),
}


def category_words(category: str) -> str:
    """A Google category as its path in the page's language ("Mobilier › Poufs"); one outside the shipped list:
    "a category outside Tijara's list" with its number, the only words there are for it."""
    from tijara.channels import taxonomy

    path = taxonomy.category_path(category)
    if not path:
        return str(_("a Google category outside Tijara's list (number %(id)s)") % {"id": category}) if category else ""
    return " › ".join(str(CATEGORY_WORDS.get(part.strip(), part.strip())) for part in path.split(">"))


def category_choices() -> list[tuple[str, str]]:
    """The shipped Google categories by their paths in words (sorted as read), for the override picker."""
    from tijara.channels import taxonomy

    return sorted(((node, category_words(node)) for node in taxonomy.google_taxonomy()), key=lambda pair: pair[1])


@dataclass
class CategoryUsed:
    """The Google category a product's listings carry and where it comes from, in words."""

    category: str  # the ID the feed carries ("" when none: Google then picks one itself)
    words: str
    source: str  # "override", "type", "family" or ""
    source_words: str
    apparel: bool


def category_used(product, language: str = "") -> CategoryUsed:
    """What :func:`tijara.channels.taxonomy.google_category_for` picks for `product` (a catalog Product with its texts
    and channel attributes), said as the channels page says it."""
    from tijara.channels import taxonomy
    from tijara.core.crafts import craft_name

    language = (language or get_language() or "en")[:2]
    attributes = _attributes(product)
    override = (getattr(attributes, "google_category", "") or "").strip()
    titles = tuple((t.language_code, t.title) for t in product.texts.all())
    by_type, concept = taxonomy.type_from_titles(product.craft_family_id, titles)
    category = taxonomy.google_category_for(product.craft_family_id, override, by_type)
    if override:
        source, said = "override", _("set by you")
    elif by_type:
        words = (concept.words.get(language) or concept.words.get("en") or (concept.id,))[0] if concept else ""
        source, said = "type", _("from the product type: %(type)s") % {"type": words}
    elif category:
        source, said = "family", _("from the craft family: %(family)s") % {
            "family": craft_name(product.craft_family_id, language)}
    else:
        source, said = "", _("none: Google picks one itself from the title and the photos")
    return CategoryUsed(category=category, words=category_words(category), source=source, source_words=str(said),
                        apparel=taxonomy.is_apparel(category))


def apparel_lacking(*, organisation) -> list:
    """The organisation's products (not archived) whose Google category is apparel and that lack a gender or an age
    group: Google refuses them under Apparel & Accessories."""
    from django.db.models import Q

    from tijara.channels import taxonomy

    products = products_for(organisation=organisation).exclude(status="archived").select_related(
        "channel_attributes")
    families = taxonomy.apparel_families()
    if families is not None:  # the page shows this count on every visit: read only the products that can be apparel
        products = products.filter(Q(craft_family_id__in=families) | Q(channel_attributes__google_category__gt=""))
    out = []
    for product in products:
        attributes = _attributes(product)
        if attributes is not None and attributes.gender and attributes.age_group:
            continue
        if category_used(product, "en").apparel:
            out.append(product)
    return out


def _attributes(product):
    from tijara.channels.models import ProductChannelAttributes

    try:
        return product.channel_attributes
    except ProductChannelAttributes.DoesNotExist:
        return None

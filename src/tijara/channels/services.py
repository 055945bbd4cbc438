"""Channel services: connections, listing evaluation, feed generation (streamed to storage) and Etsy publishing.

- `connection_create(actor=, organisation=, kind=, country=, language=, currency=, …)`
- `listings_refresh(connection=)` → counts; stores one Listing row per variant with its state and problems.
- `listings_report(connection=)` → the `listings validate` JSON.
- `feed_write(connection=, fmt=, out=)` → (written, blocked); `feed_generate(connection=, fmt=)` → FeedRun.
- `listing_publish(listing=)` → pushes an Etsy draft (and activates it when the connection says so).
"""

from __future__ import annotations

import hashlib
import secrets
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from typing import BinaryIO

import pycountry
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tijara.accounts.models import Organisation
from tijara.accounts.selectors import can_write
from tijara.channels import crypto
from tijara.channels.adapters import REGISTRY, adapter, kind_of
from tijara.channels.inputs import Mapped
from tijara.channels.models import ChannelConnection, FeedRun, Listing, ProductChannelAttributes
from tijara.channels.problems import improvement_stored, problem_stored
from tijara.channels.quality import quality
from tijara.channels.sources import context_for, listing_inputs
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.pricing.money import currency_code

DEFAULT_TARGET = {"country": "USA", "language": "en", "currency": "USD"}
COUNTRY_LANGUAGE = {"FRA": "fr", "BEL": "fr", "CHE": "fr", "LUX": "fr", "MAR": "fr", "CAN": "en", "USA": "en",
                    "GBR": "en", "IRL": "en", "AUS": "en", "DEU": "de", "AUT": "de", "ESP": "es", "ITA": "it",
                    "NLD": "nl", "PRT": "pt", "JPN": "ja", "ARE": "ar", "SAU": "ar", "QAT": "ar"}
SHIPPING_KEYS = {"service", "price", "min_handling_days", "max_handling_days", "min_transit_days", "max_transit_days"}


def _guard(actor, organisation: Organisation, *, manage: bool = False) -> None:
    if actor is None:
        return  # system callers (tasks, CLI run by the operator)
    if not can_write(user=actor, organisation=organisation, manage=manage):
        raise PermissionDenied("forbidden", _("You cannot change this organisation's sales channels."))


def clean_kind(value: str) -> str:
    kind = kind_of(value)
    if kind is None:
        raise TijaraError("unknown_channel", _("Unknown channel “%(value)s”: use one of %(kinds)s.") % {
            "value": value, "kinds": "google, meta, shopify, woocommerce, etsy, amazon-handmade"}, field="channel")
    return kind


def clean_country(value: str) -> str:
    """ISO 3166-1 alpha-3 (alpha-2 accepted and converted)."""
    code = (value or "").strip().upper()
    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else (
        pycountry.countries.get(alpha_2=code) if len(code) == 2 else None)
    if found is None:
        raise TijaraError("unknown_country", _("Unknown country “%(value)s”: use an ISO 3166-1 code such as FRA or USA.")
                          % {"value": value}, field="country")
    return found.alpha_3


def clean_language(value: str) -> str:
    code = (value or "").strip().lower()
    if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
        raise TijaraError("unknown_language", _("Unknown language “%(value)s”: use an ISO 639-1 code such as en or fr.")
                          % {"value": value}, field="language")
    return code


def _clean_shipping(shipping: dict | None) -> dict:
    shipping = dict(shipping or {})
    unknown = set(shipping) - SHIPPING_KEYS
    if unknown:
        raise TijaraError("invalid_shipping", _("Unknown shipping settings: %(keys)s.") % {"keys": ", ".join(sorted(unknown))},
                          field="shipping")
    if shipping.get("price") not in (None, ""):
        from decimal import Decimal, InvalidOperation

        try:
            price = Decimal(str(shipping["price"]))
        except InvalidOperation as exc:
            raise TijaraError("invalid_shipping", _("The shipping price must be a number."), field="shipping") from exc
        if price < 0:
            raise TijaraError("invalid_shipping", _("The shipping price cannot be negative."), field="shipping")
        shipping["price"] = format(price, "f")
    for key in SHIPPING_KEYS - {"service", "price"}:
        if shipping.get(key) not in (None, ""):
            try:
                shipping[key] = int(shipping[key])
            except (TypeError, ValueError) as exc:
                raise TijaraError("invalid_shipping", _("%(key)s must be a whole number of days.") % {"key": key},
                                  field="shipping") from exc
            if shipping[key] < 0:
                raise TijaraError("invalid_shipping", _("%(key)s cannot be negative.") % {"key": key}, field="shipping")
    return shipping


def connection_create(*, actor, organisation: Organisation, kind: str, country: str, language: str = "",
                      currency: str = "", name: str = "", shipping: dict | None = None, settings: dict | None = None,
                      credentials: dict | None = None, pricing_rule=None) -> ChannelConnection:
    """A new channel connection; language and currency default from the country."""
    _guard(actor, organisation, manage=True)
    connection = _build_connection(organisation=organisation, kind=kind, country=country, language=language,
                                   currency=currency)
    connection.name = name.strip()[:120]
    connection.shipping = _clean_shipping(shipping)
    connection.settings = dict(settings or {})
    connection.pricing_rule = pricing_rule
    if credentials:
        connection.credentials_encrypted = crypto.encrypt(credentials)
    if ChannelConnection.objects.filter(organisation=organisation, kind=connection.kind, country=connection.country,
                                        language=connection.language, currency=connection.currency).exists():
        raise TijaraError("connection_exists", _("A %(kind)s connection for %(country)s / %(language)s / %(currency)s "
                                                 "already exists.") % {"kind": connection.get_kind_display(),
                                                                       "country": connection.country,
                                                                       "language": connection.language,
                                                                       "currency": connection.currency})
    connection.save()
    return connection


def _build_connection(*, organisation, kind, country="", language="", currency="") -> ChannelConnection:
    from tijara.pricing.services import market_currency

    kind = clean_kind(kind)
    country = clean_country(country or DEFAULT_TARGET["country"])
    language = clean_language(language or COUNTRY_LANGUAGE.get(country, DEFAULT_TARGET["language"]))
    currency = currency_code(currency) if currency else market_currency(country)
    return ChannelConnection(organisation=organisation, kind=kind, country=country, language=language, currency=currency)


def connection_update(*, actor, connection: ChannelConnection, name: str | None = None, shipping: dict | None = None,
                      settings: dict | None = None, is_active: bool | None = None) -> ChannelConnection:
    """Change a connection's name, shipping, channel settings or active flag."""
    _guard(actor, connection.organisation, manage=True)
    fields = []
    if name is not None:
        connection.name = name.strip()[:120]
        fields.append("name")
    if shipping is not None:
        connection.shipping = _clean_shipping(shipping)
        fields.append("shipping")
    if settings is not None:
        connection.settings = dict(settings)
        fields.append("settings")
    if is_active is not None:
        connection.is_active = bool(is_active)
        fields.append("is_active")
    connection.save(update_fields=[*fields, "updated_at"])
    return connection


def connection_credentials_set(*, actor, connection: ChannelConnection, credentials: dict) -> None:
    """Store the connection's API credentials, encrypted; they are never shown back."""
    _guard(actor, connection.organisation, manage=True)
    connection.credentials_encrypted = crypto.encrypt({k: str(v) for k, v in credentials.items() if v})
    connection.save(update_fields=["credentials_encrypted", "updated_at"])


def connection_delete(*, actor, connection: ChannelConnection) -> None:
    """Delete a connection, its listings and its stored feeds."""
    _guard(actor, connection.organisation, manage=True)
    names = list(connection.feed_runs.exclude(file_name="").values_list("file_name", flat=True))
    connection.delete()
    for name in names:
        default_storage.delete(name)


def connection_for_cli(*, organisation: Organisation, kind: str, country: str = "", language: str = "",
                       currency: str = "") -> ChannelConnection:
    """The organisation's matching connection, or an unsaved one with the requested (or default) target."""
    kind = clean_kind(kind)
    qs = ChannelConnection.objects.filter(organisation=organisation, kind=kind)
    if country:
        qs = qs.filter(country=clean_country(country))
    if language:
        qs = qs.filter(language=clean_language(language))
    if currency:
        qs = qs.filter(currency=currency_code(currency))
    found = qs.order_by("-is_active", "id").first()
    if found is not None:
        return found
    return _build_connection(organisation=organisation, kind=kind, country=country, language=language,
                             currency=currency)


def product_channel_attributes_set(*, actor, product, gender: str = "", age_group: str = "", google_category: str = "",
                                   etsy_taxonomy_id: int | None = None, audit: bool = True) -> ProductChannelAttributes:
    """Set a product's apparel attributes and category overrides used by the channel adapters."""
    _guard(actor, product.organisation)
    if gender not in ProductChannelAttributes.Gender.values:
        raise TijaraError("invalid_gender", _("Gender must be male, female or unisex."), field="gender")
    if age_group not in ProductChannelAttributes.AgeGroup.values:
        raise TijaraError("invalid_age_group", _("Age group must be newborn, infant, toddler, kids or adult."),
                          field="age_group")
    if google_category and not google_category.isdigit():
        raise TijaraError("invalid_category", _("The Google category must be a numeric taxonomy ID."), field="google_category")
    attributes, _created = ProductChannelAttributes.objects.update_or_create(
        product=product, defaults={"gender": gender, "age_group": age_group, "google_category": google_category,
                                   "etsy_taxonomy_id": etsy_taxonomy_id})
    if audit:
        from tijara.accounts.services import audit_record

        audit_record(actor=actor, action="channels.product_attributes_set", organisation=product.organisation,
                     detail={"sku": product.sku, "gender": gender, "age_group": age_group,
                             "google_category": google_category, "etsy_taxonomy_id": etsy_taxonomy_id})
    return attributes


def apparel_attributes_bulk_set(*, actor, organisation: Organisation, gender: str, age_group: str) -> list[str]:
    """Give every apparel product of `organisation` that lacks a gender or an age group the ones chosen (a value
    already set is kept; categories and Etsy overrides are untouched); returns the SKUs changed, audited once."""
    from tijara.channels.display import apparel_lacking

    _guard(actor, organisation)
    if not gender or not age_group:
        raise TijaraError("apparel_choice_required", _("Choose a gender and an age group."), field="gender")
    changed = []
    with transaction.atomic():
        for product in apparel_lacking(organisation=organisation):
            current = ProductChannelAttributes.objects.filter(product=product).first()
            product_channel_attributes_set(
                actor=actor, product=product, gender=(current.gender if current and current.gender else gender),
                age_group=(current.age_group if current and current.age_group else age_group),
                google_category=current.google_category if current else "",
                etsy_taxonomy_id=current.etsy_taxonomy_id if current else None, audit=False)
            changed.append(product.sku)
        if changed:
            from tijara.accounts.services import audit_record

            audit_record(actor=actor, action="channels.apparel_attributes_bulk_set", organisation=organisation,
                         detail={"gender": gender, "age_group": age_group, "skus": changed})
    return changed


# ------------------------------------------------------------------------------------------ evaluation


def evaluate(connection: ChannelConnection, *, stored_prices: bool = False) -> Iterator[tuple[int, Mapped]]:
    """(variant id, adapter result) for every variant of the organisation, streamed."""
    module = adapter(connection.kind)
    ctx = context_for(connection)
    for variant_id, item in listing_inputs(connection, stored_prices=stored_prices):
        yield variant_id, module.map_listing(item, ctx)


def _text_of(entry: Mapped) -> tuple[str, str]:
    item = entry.item
    if item is None or item.text is None:
        return "", ""
    return item.text.title[:300], item.text.description


def listings_refresh(*, connection: ChannelConnection) -> dict[str, int]:
    """Recompute every listing of a saved connection (state, problems, price, quality); returns counts by state.

    Rows are written in batches of 500, each in its own short transaction, so a large catalog never holds the
    database's write lock for the whole run (SQLite allows one writer at a time).
    """
    if connection.pk is None:
        raise TijaraError("connection_unsaved", _("Save the connection before storing its listings."))
    now = timezone.now()
    checked_in = (get_language() or "en")[:2]  # the problems' sentences are written in this language
    counts = {"ready": 0, "blocked": 0, "published": 0, "error": 0}
    published = dict(Listing.objects.filter(connection=connection, state=Listing.State.PUBLISHED)
                     .values_list("variant_id", "external_id"))
    batch: list[Listing] = []

    def flush():
        with transaction.atomic():
            _upsert(batch)
        batch.clear()

    def _upsert(rows):
        Listing.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["connection", "variant"],
            update_fields=["sku", "product_sku", "title", "description", "text_language", "attributes", "price",
                           "currency", "price_breakdown", "state", "problems", "quality_score", "improvements",
                           "last_checked_at", "updated_at"])

    for variant_id, entry in evaluate(connection):
        state = entry.state
        if state == "ready" and variant_id in published:
            state = Listing.State.PUBLISHED
        counts[state] += 1
        score = quality(entry, connection.kind)
        title, description = _text_of(entry)
        item = entry.item
        batch.append(Listing(
            connection=connection, variant_id=variant_id, sku=entry.sku, product_sku=entry.group, title=title,
            description=description, text_language=item.text.language if item and item.text else "",
            attributes={k: v for k, v in entry.fields.items() if not k.startswith("_")},
            price=item.price if item else None, currency=connection.currency,
            price_breakdown=item.price_breakdown if item else {}, state=state,
            problems=[problem_stored(p, checked_in) for p in entry.problems], quality_score=score.score,
            improvements=[improvement_stored(i, checked_in) for i in score.improvements], last_checked_at=now, created_at=now, updated_at=now))
        if len(batch) >= 500:
            flush()
    if batch:
        flush()
    # Rows not touched in this pass belong to deleted variants.
    from django.db.models import Q

    Listing.objects.filter(connection=connection).filter(Q(last_checked_at__lt=now) | Q(last_checked_at__isnull=True)).delete()
    return counts


def listings_report(*, connection: ChannelConnection) -> dict:
    """The `listings validate` JSON: counts and, per SKU, its state and problems (without storing anything)."""
    items = []
    ready = blocked = 0
    for _variant_id, entry in evaluate(connection):
        if entry.blocked:
            blocked += 1
        else:
            ready += 1
        items.append({"sku": entry.sku, "state": entry.state, "problems": [p.as_dict() for p in entry.problems]})
    return {"ready": ready, "blocked": blocked, "items": items}


# ------------------------------------------------------------------------------------------ feeds


def feed_format(connection: ChannelConnection, fmt: str = "") -> str:
    """The requested format if the channel writes it, else the channel's default."""
    formats = adapter(connection.kind).FORMATS
    if not fmt:
        return formats[0]
    fmt = fmt.lower()
    if fmt not in formats:
        raise TijaraError("unknown_format", _("%(channel)s feeds are written as %(formats)s, not “%(fmt)s”.") % {
            "channel": connection.get_kind_display(), "formats": ", ".join(formats), "fmt": fmt}, field="format")
    return fmt


class _Counting:
    """Wraps the mapped stream to count blocked items while the writer consumes it."""

    def __init__(self, stream):
        self.stream = stream
        self.blocked = 0

    def __iter__(self):
        for _variant_id, entry in self.stream:
            if entry.blocked:
                self.blocked += 1
            yield entry


def feed_write(*, connection: ChannelConnection, fmt: str, out: BinaryIO) -> tuple[int, int]:
    """Stream the feed into `out`; returns (items written, items left out as blocked)."""
    fmt = feed_format(connection, fmt)
    counting = _Counting(evaluate(connection, stored_prices=True))
    written = adapter(connection.kind).write_feed(iter(counting), out, ctx=context_for(connection), fmt=fmt)
    return written, counting.blocked


class _HashingWriter:
    def __init__(self, raw):
        self.raw = raw
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, data):
        data = bytes(data)
        self.digest.update(data)
        self.size += len(data)
        return self.raw.write(data)

    def flush(self):
        self.raw.flush()

    def writable(self):
        return True

    def readable(self):
        return False

    def seekable(self):
        return False

    @property
    def closed(self):
        return False

    def tell(self):
        return self.size


def feed_generate(*, connection: ChannelConnection, fmt: str = "", run_id: int | None = None) -> FeedRun:
    """Generate the feed to storage (constant memory); on failure the last good feed stays online.

    `run_id` is the queued run `feed_enqueue` created: it turns running, then succeeded or failed.
    """
    fmt = feed_format(connection, fmt)
    # A run still marked running was cut short (worker killed, machine restarted): say so in its history.
    FeedRun.objects.filter(connection=connection, format=fmt, status=FeedRun.Status.RUNNING).update(
        status=FeedRun.Status.FAILED, finished_at=timezone.now(), error=interrupted_message())
    run = None
    if run_id is not None and FeedRun.objects.filter(
            pk=run_id, connection=connection, format=fmt, status=FeedRun.Status.QUEUED).update(
            status=FeedRun.Status.RUNNING, started_at=timezone.now()):
        run = FeedRun.objects.get(pk=run_id)
    if run is None:
        run = FeedRun.objects.create(connection=connection, format=fmt)
    module = adapter(connection.kind)
    try:
        with tempfile.TemporaryFile() as tmp:
            hashing = _HashingWriter(tmp)
            written, blocked = feed_write(connection=connection, fmt=fmt, out=hashing)
            tmp.flush()
            tmp.seek(0)
            name = f"channels/feeds/{connection.pk}/{run.pk}-{secrets.token_hex(8)}.{module.EXTENSIONS[fmt]}"
            stored = default_storage.save(name, File(tmp, name=name.rsplit("/", 1)[-1]))
    except Exception as exc:  # noqa: BLE001 - any failure is recorded; the previous file keeps being served
        FeedRun.objects.filter(pk=run.pk).update(status=FeedRun.Status.FAILED, finished_at=timezone.now(),
                                                 error=f"{exc.__class__.__name__}: {exc}"[:2000])
        run.refresh_from_db()
        return run
    run.status = FeedRun.Status.SUCCEEDED
    run.finished_at = timezone.now()
    run.file_name = stored
    run.size_bytes = hashing.size
    run.etag = hashing.digest.hexdigest()[:40]
    run.items_written = written
    run.items_blocked = blocked
    run.save()
    # Keep only the newest good file per format; failed runs keep their row (history) but have no file.
    older = FeedRun.objects.filter(connection=connection, format=fmt, status=FeedRun.Status.SUCCEEDED).exclude(pk=run.pk)
    for old in older.exclude(file_name=""):
        default_storage.delete(old.file_name)
    older.update(file_name="")
    return run


QUEUE_TIMEOUT = timedelta(minutes=10)


def not_picked_up_message() -> str:
    return _("No task worker picked it up within 10 minutes; start the worker (make run starts one) and try again.")


def interrupted_message() -> str:
    return _("Interrupted before it finished (the worker stopped); a later run replaced it.")


def feed_enqueue(*, actor, connection: ChannelConnection, fmt: str = "") -> FeedRun:
    """Record a queued run (the page shows it at once) and queue its generation after the transaction commits."""
    _guard(actor, connection.organisation)
    fmt = feed_format(connection, fmt)
    from tijara.channels.tasks import feed_generate_task

    # A queued run no worker picked up within QUEUE_TIMEOUT is failed with that reason, so a new click retries.
    FeedRun.objects.filter(connection=connection, format=fmt, status=FeedRun.Status.QUEUED,
                           started_at__lt=timezone.now() - QUEUE_TIMEOUT).update(
        status=FeedRun.Status.FAILED, finished_at=timezone.now(), error=not_picked_up_message())
    queued = FeedRun.objects.filter(connection=connection, format=fmt, status=FeedRun.Status.QUEUED).first()
    if queued is not None:  # one pending generation per format is enough: a second click changes nothing
        return queued
    run = FeedRun.objects.create(connection=connection, format=fmt, status=FeedRun.Status.QUEUED)
    transaction.on_commit(lambda: feed_generate_task.enqueue(connection.pk, fmt, run.pk))
    return run


def feeds_publish_all(*, refresh: bool = True) -> list[FeedRun]:
    """Check listings again (prices, rates) and regenerate every active connection's feeds (`tijara publish_feeds`)."""
    runs = []
    for connection in ChannelConnection.objects.filter(is_active=True).exclude(kind="etsy").select_related("organisation"):
        if refresh:
            listings_refresh(connection=connection)
        for fmt in adapter(connection.kind).FORMATS:
            runs.append(feed_generate(connection=connection, fmt=fmt))
    return runs


# ------------------------------------------------------------------------------------------ publishing (Etsy)


def etsy_client_for(connection: ChannelConnection, *, require_token: bool = True):
    """An Etsy client with the connection's decrypted credentials."""
    from tijara.channels.adapters.etsy.client import EtsyClient

    creds = crypto.decrypt(connection.credentials_encrypted)
    if not creds.get("api_key") or (require_token and not creds.get("access_token")):
        raise TijaraError("etsy_not_connected", _("Connect the Etsy shop first (API key and OAuth token)."))
    return EtsyClient(api_key=creds["api_key"], shared_secret=creds.get("shared_secret", ""),
                      access_token=creds.get("access_token", ""), refresh_token=creds.get("refresh_token", ""),
                      base_url=creds.get("base_url") or "https://api.etsy.com")


def _photo_bytes(product) -> list[tuple[str, bytes]]:
    files = []
    for photo in product.photos.all()[:20]:
        field = photo.feed if photo.feed and photo.feed.name else photo.original
        with default_storage.open(field.name, "rb") as handle:
            files.append((field.name.rsplit("/", 1)[-1], handle.read()))
    return files


def listing_publish(*, listing: Listing, actor=None, client=None) -> Listing:
    """Create the Etsy draft of a ready listing, upload its photos, activate it if the connection says so."""
    connection = listing.connection
    _guard(actor, connection.organisation, manage=True)
    if connection.kind != "etsy":
        raise TijaraError("not_api_channel", _("%(channel)s is published through its feed, not an API.") % {
            "channel": connection.get_kind_display()})
    if listing.state == Listing.State.BLOCKED:
        raise TijaraError("listing_blocked", _("This listing is blocked: fix its errors first."))
    shop_id = (connection.settings or {}).get("shop_id")
    if not shop_id:
        raise TijaraError("etsy_shop_missing", _("Set the Etsy shop ID in the connection settings."))
    client = client or etsy_client_for(connection)
    try:
        payload = listing.attributes.get("payload") or {}
        if listing.external_id:
            listing_id = listing.external_id
        else:
            created = client.create_draft_listing(shop_id, payload)
            listing_id = str(created["listing_id"])
            Listing.objects.filter(pk=listing.pk).update(external_id=listing_id)
            listing.external_id = listing_id
            for rank, (filename, data) in enumerate(_photo_bytes(listing.variant.product), start=1):
                client.upload_listing_image(shop_id, listing_id, data, filename=filename, rank=rank)
        if (connection.settings or {}).get("activate"):
            client.update_listing(shop_id, listing_id, {"state": "active"})
    except TijaraError as exc:
        listing.state = Listing.State.ERROR
        listing.error_message = exc.message
        listing.save(update_fields=["state", "error_message", "updated_at"])
        return listing
    listing.state = Listing.State.PUBLISHED
    listing.error_message = ""
    listing.last_published_at = timezone.now()
    listing.save(update_fields=["state", "error_message", "last_published_at", "external_id", "updated_at"])
    return listing


def listing_publish_enqueue(*, actor, listing: Listing) -> None:
    """Queue the publication of a listing (background task)."""
    _guard(actor, listing.connection.organisation, manage=True)
    from tijara.channels.tasks import listing_publish_task

    transaction.on_commit(lambda: listing_publish_task.enqueue(listing.pk))


def kinds() -> list[str]:
    return list(REGISTRY)


def not_found() -> NotFound:
    return NotFound("not_found", _("No such channel connection."))

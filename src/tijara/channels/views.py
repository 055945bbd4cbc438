"""Channels pages: connections per organisation, listings filterable by state with blockers and fixes, feed URLs,
last runs; and the public feed files at their unguessable URLs (ETag / Last-Modified, conditional GET).
"""

from __future__ import annotations

import functools
import secrets
from email.utils import format_datetime, parsedate_to_datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from tijara.accounts.selectors import can_write, current_organisation, organisation_for
from tijara.catalog.selectors import product_in, product_text
from tijara.channels import crypto, display, selectors, services
from tijara.channels.adapters import adapter
from tijara.channels.forms import (
    ApparelAttributesForm,
    ConnectionForm,
    CredentialsForm,
    EtsySettingsForm,
    ProductAttributesForm,
)
from tijara.channels.models import FeedRun, Listing
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.core.l10n import num

PAGE_SIZE = 50


def channels_view(view):
    """Login required; NotFound → 404, PermissionDenied → 403."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(exc.message) from exc
        except PermissionDenied as exc:
            return render(request, "channels/forbidden.html", {"message": exc.message}, status=403)

    return wrapper


@login_required
def index(request):
    organisation = current_organisation(request)
    if organisation is None:
        return render(request, "channels/forbidden.html", {"message": _("Join or create an organisation first.")})
    return redirect("channels:organisation", slug=organisation.slug)


def _feed_context(request, connection) -> dict:
    """The feed block: each format's latest run (queued, running, done, failed) and the health chart."""
    from tijara.channels.charts import feed_health_svg
    from tijara.core.l10n import date_l10n, num

    statuses = display.feed_statuses(request=request, connection=connection)
    history = display.feed_history(connection=connection)
    chart = ""
    if len(history) > 1:
        chart = feed_health_svg(
            runs=[(date_l10n(r.started_at), r.items_written, r.status == FeedRun.Status.SUCCEEDED) for r in history],
            title=_("Feed health over time"),
            desc=_("Listings written at each generation; failed generations are marked in red."),
            failed_label=_("failed"), rtl=(get_language() or "")[:2] == "ar", number=num)
    return {"feed_statuses": statuses, "feeds_pending": any(f.pending for f in statuses), "feed_chart": chart,
            "feed_history": history}


@channels_view
def organisation_page(request, slug: str):
    organisation = organisation_for(user=request.user, slug=slug)
    connections = list(selectors.connections_for(organisation=organisation))
    can_manage = can_write(user=request.user, organisation=organisation, manage=True)
    selected = None
    connection_id = request.GET.get("connection")
    if connection_id and connection_id.isdigit():
        selected = next((c for c in connections if c.pk == int(connection_id)), None)
    if selected is None and connections:
        selected = connections[0]
    state = request.GET.get("state", "")
    if state not in Listing.State.values:
        state = ""
    page, groups = None, []
    if selected is not None:
        page, groups = display.listing_groups(connection=selected, state=state, page=request.GET.get("page"))
    context = {
        "organisation": organisation, "connections": connections, "selected": selected, "state": state,
        "states": Listing.State.choices, "page": page, "groups": groups, "can_manage": can_manage,
        "form": ConnectionForm(), "credentials_form": CredentialsForm(),
        "can_write": can_write(user=request.user, organisation=organisation),
    }
    context |= _attributes_context(organisation, request.GET.get("sku", "")[:64].strip())
    if selected is not None:
        context |= _feed_context(request, selected)
        if selected.kind == "etsy" and can_manage:
            context["etsy_form"] = EtsySettingsForm(crafts=_crafts_of(organisation), settings=selected.settings)
    template = "channels/partials/listings.html" if request.htmx else "channels/organisation.html"
    return render(request, template, context)


def _attributes_context(organisation, sku: str) -> dict:
    """The per-product attributes form (filled with the product's values and the category its listings carry, when a
    product is chosen) and the bulk form for the apparel products that lack a gender or an age group."""
    product, used, title, initial = None, None, "", {"sku": sku}
    if sku:
        try:
            product = product_in(organisation=organisation, sku=sku)
        except NotFound:
            product = None
    if product is not None:
        attributes = display._attributes(product)
        used = display.category_used(product)
        text, _served = product_text(product, (get_language() or "en")[:2])
        title = text.title if text else ""
        if attributes is not None:
            initial |= {"gender": attributes.gender, "age_group": attributes.age_group,
                        "google_category": attributes.google_category,
                        "etsy_taxonomy_id": attributes.etsy_taxonomy_id}
    lacking = display.apparel_lacking(organisation=organisation)
    return {"attributes_form": ProductAttributesForm(initial=initial, current_category=initial.get("google_category", "")),
            "attributes_product": product, "attributes_title": title, "category_used": used, "apparel_lacking": len(lacking),
            "apparel_form": ApparelAttributesForm()}


@channels_view
def feed_status(request, slug: str, pk: int):
    """The feed block alone (htmx polls it every few seconds while a generation is queued or running); opened as a
    page (no htmx), the connection's page, where the block sits."""
    connection = selectors.connection_for(user=request.user, slug=slug, pk=pk)
    if not request.htmx:
        return redirect(reverse("channels:organisation", args=[slug]) + f"?connection={connection.pk}#feeds")
    context = {"organisation": connection.organisation, "selected": connection,
               "can_manage": can_write(user=request.user, organisation=connection.organisation, manage=True)}
    return render(request, "channels/partials/feeds.html", context | _feed_context(request, connection))


@channels_view
@require_POST
def connection_new(request, slug: str):
    organisation = organisation_for(user=request.user, slug=slug, write=True, manage=True)
    form = ConnectionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            connection = services.connection_create(
                actor=request.user, organisation=organisation, kind=data["kind"], country=data["country"],
                language=data.get("language") or "", currency=data.get("currency") or "", name=data.get("name") or "",
                shipping=form.shipping())
        except TijaraError as exc:
            messages.error(request, exc.message)
        else:
            services.listings_refresh(connection=connection)
            messages.success(request, _("Connection added; its listings were checked."))
            return redirect(reverse("channels:organisation", kwargs={"slug": slug}) + f"?connection={connection.pk}")
    else:
        messages.error(request, _("Check the connection form: %(errors)s") % {
            "errors": _form_errors(form)})
    return redirect("channels:organisation", slug=slug)


def _form_errors(form) -> str:
    """A form's errors with each field's label, never its key."""
    return "; ".join(f"{form.fields[k].label if k in form.fields else ''}: {' '.join(v)}".lstrip(": ")
                     for k, v in form.errors.items())


def _connection(request, slug, pk, *, manage=True):
    return selectors.connection_for(user=request.user, slug=slug, pk=pk, write=True, manage=manage)


def _back(slug, connection):
    return redirect(reverse("channels:organisation", kwargs={"slug": slug}) + f"?connection={connection.pk}")


@channels_view
@require_POST
def connection_refresh(request, slug: str, pk: int):
    connection = _connection(request, slug, pk, manage=False)
    counts = services.listings_refresh(connection=connection)
    messages.success(request, _("%(ready)d ready, %(blocked)d blocked.") % counts)
    return _back(slug, connection)


@channels_view
@require_POST
def connection_generate(request, slug: str, pk: int):
    connection = _connection(request, slug, pk, manage=False)
    try:
        for fmt in adapter(connection.kind).FORMATS:
            services.feed_enqueue(actor=request.user, connection=connection, fmt=fmt)
    except TijaraError as exc:
        messages.error(request, exc.message)
    else:
        if request.htmx:  # the feed block swaps in place and polls until the runs are done
            return feed_status(request, slug, pk)
        messages.success(request, _("Feed generation queued; the last good feed stays online meanwhile."))
    return _back(slug, connection)


@channels_view
@require_POST
def connection_credentials(request, slug: str, pk: int):
    connection = _connection(request, slug, pk)
    form = CredentialsForm(request.POST)
    if form.is_valid():
        services.connection_credentials_set(actor=request.user, connection=connection, credentials=form.cleaned_data)
        messages.success(request, _("Credentials saved (encrypted; they are not shown again)."))
    else:
        messages.error(request, _("The API key is required."))
    return _back(slug, connection)


def _crafts_of(organisation) -> list[tuple[str, str]]:
    """(code, name in the page's language) of the craft families the organisation's products belong to."""
    from tijara.core.crafts import craft_name

    language = (get_language() or "en")[:2]
    codes = sorted({code for code in organisation.products.exclude(status="archived")
                    .values_list("craft_family_id", flat=True) if code})
    return [(code, craft_name(code, language)) for code in codes]


@channels_view
@require_POST
def connection_etsy_settings(request, slug: str, pk: int):
    """The Etsy shop's numbers (shop, shipping and processing profiles, return policy) and an Etsy category per craft
    family (owners and managers)."""
    connection = _connection(request, slug, pk)
    form = EtsySettingsForm(request.POST, crafts=_crafts_of(connection.organisation), settings=connection.settings)
    if not form.is_valid():
        messages.error(request, _("Check the Etsy shop settings: %(errors)s") % {"errors": _form_errors(form)})
        return _back(slug, connection)
    services.connection_update(actor=request.user, connection=connection, settings=form.settings(connection.settings))
    services.listings_refresh(connection=connection)
    messages.success(request, _("Etsy shop settings saved; the listings were checked again."))
    return _back(slug, connection)


@channels_view
@require_POST
def connection_delete(request, slug: str, pk: int):
    connection = _connection(request, slug, pk)
    services.connection_delete(actor=request.user, connection=connection)
    messages.success(request, _("Connection deleted."))
    return redirect("channels:organisation", slug=slug)


@channels_view
@require_POST
def listing_publish(request, slug: str, pk: int, listing_id: int):
    connection = _connection(request, slug, pk)
    listing = selectors.listing_for(connection=connection, pk=listing_id)
    try:
        services.listing_publish_enqueue(actor=request.user, listing=listing)
    except TijaraError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Publication queued."))
    return _back(slug, connection)


@channels_view
@require_POST
def product_attributes(request, slug: str):
    organisation = organisation_for(user=request.user, slug=slug, write=True)
    form = ProductAttributesForm(request.POST)
    query = {"sku": request.POST.get("sku", "")[:64]}
    if request.POST.get("connection", "").isdigit():
        query = {"connection": request.POST["connection"]} | query
    back = reverse("channels:organisation", kwargs={"slug": slug}) + "?" + urlencode(query) + "#attributes-title"
    if not form.is_valid():
        messages.error(request, _("Check the product attributes form: %(errors)s") % {
            "errors": _form_errors(form)})
        return redirect(back)
    data = form.cleaned_data
    try:
        product = product_in(organisation=organisation, sku=data["sku"].strip())
        services.product_channel_attributes_set(
            actor=request.user, product=product, gender=data.get("gender") or "", age_group=data.get("age_group") or "",
            google_category=(data.get("google_category") or "").strip(), etsy_taxonomy_id=data.get("etsy_taxonomy_id"))
    except NotFound:
        messages.error(request, _("No product with this SKU in your catalog."))
    except TijaraError as exc:
        messages.error(request, exc.message)
    else:
        connection = _posted_connection(request, slug)
        if connection is not None:
            services.listings_refresh(connection=connection)
            messages.success(request, _("Channel attributes saved; the listings were checked again."))
        else:
            messages.success(request, _("Channel attributes saved; check the listings again to see the effect."))
    return redirect(back)


def _posted_connection(request, slug: str):
    """The connection the page was showing (posted back by its forms), if the user may check its listings."""
    if not request.POST.get("connection", "").isdigit():
        return None
    try:
        return selectors.connection_for(user=request.user, slug=slug, pk=int(request.POST["connection"]), write=True)
    except NotFound:
        return None


@channels_view
@require_POST
def apparel_attributes(request, slug: str):
    """One gender and age group for every apparel product that lacks them (members who write the catalog)."""
    organisation = organisation_for(user=request.user, slug=slug, write=True)
    form = ApparelAttributesForm(request.POST)
    back = reverse("channels:organisation", kwargs={"slug": slug})
    if request.POST.get("connection", "").isdigit():
        back += f"?connection={request.POST['connection']}"
    if not form.is_valid():
        messages.error(request, _("Choose a gender and an age group."))
        return redirect(back + "#apparel-title")
    changed = services.apparel_attributes_bulk_set(
        actor=request.user, organisation=organisation, gender=form.cleaned_data["gender"],
        age_group=form.cleaned_data["age_group"])
    # the connection the seller is looking at is checked again at once, so its blockers go
    connection = _posted_connection(request, slug) if changed else None
    if connection is not None:
        services.listings_refresh(connection=connection)
        messages.success(request, ngettext(
            "Gender and age group set for %(n)s apparel product; its listings were checked again.",
            "Gender and age group set for %(n)s apparel products; their listings were checked again.",
            len(changed)) % {"n": num(len(changed))})
    else:
        messages.success(request, ngettext(
            "Gender and age group set for %(n)s apparel product; check the listings again to see the effect.",
            "Gender and age group set for %(n)s apparel products; check the listings again to see the effect.",
            len(changed)) % {"n": num(len(changed))})
    return redirect(back)


@channels_view
@require_POST
def etsy_connect(request, slug: str, pk: int):
    """Start Etsy's OAuth 2.0 authorization code flow with PKCE (S256)."""
    from tijara.channels.adapters.etsy.client import (
        AUTHORIZE_URL,
        authorize_url,
        code_challenge,
        code_verifier,
    )

    connection = _connection(request, slug, pk)
    credentials = crypto.decrypt(connection.credentials_encrypted)
    if connection.kind != "etsy" or not credentials.get("api_key"):
        messages.error(request, _("Save the Etsy app key first."))
        return _back(slug, connection)
    verifier, state = code_verifier(), secrets.token_urlsafe(24)
    request.session["etsy_oauth"] = {"connection": connection.pk, "state": state, "verifier": verifier}
    redirect_uri = settings.SITE_URL + reverse("channels:etsy_callback")
    base = credentials.get("authorize_url") or AUTHORIZE_URL
    return redirect(authorize_url(client_id=credentials["api_key"], redirect_uri=redirect_uri, state=state,
                                  challenge=code_challenge(verifier), base=base))


@login_required
@require_GET
def etsy_callback(request):
    """Etsy sends the shop owner back here with a code: exchange it (with the PKCE verifier) for tokens."""
    pending = request.session.pop("etsy_oauth", None)
    if not pending or request.GET.get("state") != pending["state"] or not request.GET.get("code"):
        return render(request, "channels/forbidden.html",
                      {"message": _("This Etsy authorization is unknown or expired; start again.")}, status=400)
    from tijara.channels.models import ChannelConnection

    connection = ChannelConnection.objects.select_related("organisation").filter(pk=pending["connection"]).first()
    if connection is None or not can_write(user=request.user, organisation=connection.organisation, manage=True):
        raise Http404
    client = services.etsy_client_for(connection, require_token=False)
    try:
        tokens = client.exchange_code(code=request.GET["code"], verifier=pending["verifier"],
                                      redirect_uri=settings.SITE_URL + reverse("channels:etsy_callback"))
    except TijaraError as exc:
        messages.error(request, exc.message)
    else:
        credentials = crypto.decrypt(connection.credentials_encrypted) | {
            "access_token": tokens["access_token"], "refresh_token": tokens.get("refresh_token", "")}
        services.connection_credentials_set(actor=request.user, connection=connection, credentials=credentials)
        messages.success(request, _("Etsy shop connected."))
    return _back(connection.organisation.slug, connection)


@require_GET
def feed(request, token: str, fmt: str):
    """A stored feed, public at its unguessable URL; 404 until a first generation succeeded."""
    connection = selectors.connection_by_token(token)
    if connection is None:
        raise Http404
    run = selectors.current_feed(connection=connection, fmt=fmt)
    if run is None:
        raise Http404
    etag = f'"{run.etag}"'
    last_modified = run.finished_at.replace(microsecond=0)
    if request.headers.get("If-None-Match") == etag:
        return _not_modified(etag, last_modified)
    since = request.headers.get("If-Modified-Since")
    if since and not request.headers.get("If-None-Match"):
        try:
            if last_modified <= parsedate_to_datetime(since):
                return _not_modified(etag, last_modified)
        except (TypeError, ValueError):
            pass
    module = adapter(connection.kind)
    response = FileResponse(default_storage.open(run.file_name, "rb"), content_type=module.CONTENT_TYPES[fmt])
    response["ETag"] = etag
    response["Last-Modified"] = format_datetime(last_modified, usegmt=True)
    response["Cache-Control"] = "no-cache"
    response["X-Robots-Tag"] = "noindex"
    response["Content-Disposition"] = f'inline; filename="{connection.kind}-{connection.country}-{connection.language}.{module.EXTENSIONS[fmt]}"'
    return response


def _not_modified(etag: str, last_modified) -> HttpResponse:
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Last-Modified"] = format_datetime(last_modified, usegmt=True)
    return response

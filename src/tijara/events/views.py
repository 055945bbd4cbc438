"""Pages of the events app: listing (htmx filter), detail, matching for an organisation, staff add/edit/import,
and the .ics feed."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tijara.accounts.selectors import current_organisation, organisation_for
from tijara.core.crafts import CRAFT_CODES
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.events import ical, selectors, services
from tijara.events.forms import EventForm, FilterForm, ImportForm


def _lang() -> str:
    code = (get_language() or "en")[:2]
    return code if code in ("ar", "fr", "en") else "en"


def _filters(request) -> tuple[str, str]:
    market = (request.GET.get("market") or "").strip().upper()[:3]
    craft = (request.GET.get("craft") or "").strip()
    return (market if market.isalpha() else ""), (craft if craft in CRAFT_CODES else "")


def index(request):
    market, craft = _filters(request)
    events = (selectors.events_for(market=market, craft=craft or None) if market
              else selectors.events_list(craft=craft or None))
    ctx = {"events": events, "form": FilterForm(request.GET or None), "market": market, "craft": craft,
           "org": current_organisation(request), "is_staff": services.is_events_staff(request.user)}
    if request.htmx:
        return render(request, "events/partials/list.html", ctx)
    return render(request, "events/index.html", ctx)


def detail(request, slug: str):
    try:
        event = selectors.event_get(slug=slug)
    except NotFound:
        raise Http404 from None
    return render(request, "events/detail.html", {
        "e": selectors.item(event), "event": event, "following": selectors.is_following(user=request.user,
                                                                                         event=event),
        "is_staff": services.is_events_staff(request.user), "past": event.end and event.end < timezone.localdate(),
        "reminder_days": services.reminder_days()})


@login_required
@require_POST
def follow(request, slug: str):
    try:
        event = selectors.event_get(slug=slug)
    except NotFound:
        raise Http404 from None
    on = request.POST.get("on") == "1"
    services.follow(user=request.user, event=event, on=on)
    messages.success(request, _("We will e-mail you before the deadline.") if on else _("Reminder removed."))
    return redirect("events:detail", slug=slug)


@login_required
def matched(request, slug: str):
    try:
        org = organisation_for(user=request.user, slug=slug)
    except (NotFound, PermissionDenied):
        raise Http404 from None
    found = selectors.match_for_organisation(organisation=org, lang=_lang())
    return render(request, "events/matched.html", {"org": org, "match": found})


@login_required
def matched_product(request, slug: str, sku: str):
    from tijara.catalog.selectors import product_for

    try:
        product = product_for(user=request.user, organisation_slug=slug, sku=sku)
    except (NotFound, PermissionDenied):
        raise Http404 from None
    found = selectors.match_for_product(product=product, lang=_lang())
    return render(request, "events/matched.html", {"org": product.organisation, "product": product,
                                                   "match": found})


def _staff_or_404(request):
    if not services.is_events_staff(request.user):
        raise Http404


@login_required
def event_new(request):
    _staff_or_404(request)
    return _edit(request, None)


@login_required
def event_edit(request, slug: str):
    _staff_or_404(request)
    try:
        event = selectors.event_get(slug=slug)
    except NotFound:
        raise Http404 from None
    return _edit(request, event)


def _edit(request, event):
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.event_save(actor=request.user, data=form.cleaned_data, event=event)
        except TijaraError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, _("Event saved."))
            return redirect("events:detail", slug=saved.slug)
    return render(request, "events/edit.html", {"form": form, "event": event},
                  status=400 if request.method == "POST" else 200)


@login_required
def import_view(request):
    _staff_or_404(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        if upload.size > ical.MAX_BYTES:
            form.add_error("file", _("The file is larger than 2 MB."))
        else:
            try:
                result = services.ical_import(actor=request.user, data=upload.read(), source=data["source"],
                                              source_url=data["source_url"], as_of=data["as_of"],
                                              confidence=data["confidence"])
            except TijaraError as exc:
                form.add_error("file" if exc.field == "file" else None, exc.message)
    status = 400 if request.method == "POST" and not result else 200
    return render(request, "events/import.html", {"form": form, "result": result}, status=status)


def feed(request):
    market, craft = _filters(request)
    events = (selectors.events_for(market=market, craft=craft or None) if market
              else selectors.events_list(craft=craft or None))
    name = "Tijara — " + _("fairs") + (f" {market}" if market else "") + (f" {craft}" if craft else "")
    body = ical.export(events, name=name, site_url=settings.SITE_URL, stamp=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="tijara-fairs.ics"'
    return response

"""Web face of documents: the shipment form ("Prepare documents"), its check page and the bundle downloads."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from tijara.accounts.selectors import can_write, current_organisation
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.documents import selectors, services
from tijara.documents.forms import ShipmentForm, initial_from

CONTENT_TYPES = {"pdf": "application/pdf", "json": "application/json",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _shipment_or_404(request, pk: int):
    try:
        return selectors.shipment_for(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _writable_organisation(request):
    organisation = current_organisation(request)
    if organisation is None or not organisation.is_seller:
        raise Http404("No organisation.")
    return organisation


@login_required
def index(request):
    organisation = current_organisation(request)
    shipments = selectors.shipments_for(organisation=organisation)[:100] if organisation else []
    return render(request, "documents/index.html", {"organisation": organisation, "shipments": shipments})


def _prefill(request, organisation) -> dict:
    language = (translation.get_language() or "fr")[:2]
    data = {"ship_date": timezone.localdate(), "language": language, "incoterm": "DAP"}
    quote_id = request.GET.get("quote", "")
    if quote_id.isdigit():
        from tijara.documents.selectors import quote_for

        quote = quote_for(user=request.user, pk=int(quote_id))
        if quote is not None:
            data.update(services.quote_prefill(quote=quote))
    if request.GET.get("product"):
        data["lines"] = [{"sku": request.GET["product"], "quantity": 1}]
    if request.GET.get("market"):
        data["market"] = request.GET["market"].upper()[:3]
    return initial_from(data)


def _save(request, form, *, organisation, shipment=None):
    try:
        fields = form.service_fields()
        if shipment is None:
            shipment = services.shipment_create(actor=request.user, organisation=organisation, **fields)
        else:
            shipment = services.shipment_update(actor=request.user, shipment=shipment, **fields)
    except PermissionDenied:
        return None
    except TijaraError as exc:
        field = {"lines": "products", "buyer": "buyer_name"}.get(exc.field, exc.field)
        form.add_error(field if field in form.fields else None, exc.message)
        return None
    return shipment


@login_required
def new(request):
    organisation = _writable_organisation(request)
    if not can_write(user=request.user, organisation=organisation):
        return render(request, "accounts/forbidden.html", status=403)
    form = ShipmentForm(request.POST or None, initial=_prefill(request, organisation))
    if request.method == "POST" and form.is_valid():
        shipment = _save(request, form, organisation=organisation)
        if shipment is not None:
            return redirect("documents:detail", pk=shipment.pk)
    return render(request, "documents/form.html", {"form": form, "organisation": organisation, "shipment": None})


@login_required
def edit(request, pk: int):
    shipment = _shipment_or_404(request, pk)
    if not selectors.can_edit(user=request.user, shipment=shipment):
        return render(request, "accounts/forbidden.html", status=403)
    initial = initial_from({k: getattr(shipment, k) for k in (
        "lines", "market", "incoterm", "place", "ship_date", "language", "currency", "exporter_address",
        "invoice_number", "parcels", "buyer", "freight_mad")})
    form = ShipmentForm(request.POST or None, initial=initial)
    if (request.method == "POST" and form.is_valid()
            and _save(request, form, organisation=shipment.organisation, shipment=shipment) is not None):
        return redirect("documents:detail", pk=shipment.pk)
    return render(request, "documents/form.html", {"form": form, "organisation": shipment.organisation,
                                                   "shipment": shipment})


@login_required
def detail(request, pk: int):
    shipment = _shipment_or_404(request, pk)
    error = ""
    bundle = None
    try:
        bundle = services.bundle_build(shipment=shipment)
    except TijaraError as exc:
        error = exc.message
    return render(request, "documents/detail.html", {
        "shipment": shipment, "bundle": bundle, "error": error,
        "can_edit": selectors.can_edit(user=request.user, shipment=shipment),
        "files": _file_links(bundle) if bundle else [],
    })


def _file_links(bundle) -> list[tuple[str, str]]:
    """The bundle's files as (file name for the URL, what the user reads): the names themselves never show."""
    from tijara.core.l10n import language_name

    return ([(f"documents-{lang}.pdf", _("All documents in %(language)s (PDF)") % {"language": language_name(lang)})
             for lang in bundle.languages]
            + [(f"invoice-{lang}.xlsx", _("Invoice in %(language)s (spreadsheet)") % {"language": language_name(lang)})
               for lang in bundle.languages]
            + [("cn23.json", _("CN22/CN23 postal declaration data, for your carrier's system (JSON)"))])


@login_required
def bundle_zip(request, pk: int):
    shipment = _shipment_or_404(request, pk)
    bundle = services.bundle_build(shipment=shipment)
    response = HttpResponse(services.bundle_zip(bundle=bundle), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{bundle.data.invoice_number}.zip"'
    return response


@login_required
def file(request, pk: int, name: str):
    shipment = _shipment_or_404(request, pk)
    bundle = services.bundle_build(shipment=shipment)
    from tijara.documents import render as renderers

    stem, _dot, ext = name.rpartition(".")
    kind, _dash, language = stem.rpartition("-")
    if name == "cn23.json":
        import json

        content = json.dumps(bundle.cn23(), ensure_ascii=False, indent=2).encode()
    elif language in bundle.languages and kind == "documents" and ext == "pdf":
        content = renderers.bundle_pdf(bundle, language)
    elif language in bundle.languages and kind == "invoice" and ext == "xlsx":
        content = renderers.invoice_xlsx(bundle, language)
    else:
        raise Http404("No such file.")
    response = HttpResponse(content, content_type=CONTENT_TYPES[ext])
    disposition = "inline" if ext == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{bundle.data.invoice_number}-{name}"'
    return response

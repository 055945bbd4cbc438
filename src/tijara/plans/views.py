from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tijara.accounts.selectors import current_organisation
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.plans import selectors, services
from tijara.plans.forms import CommentForm, PlanForm, ShareForm


def _plan_or_404(request, pk):
    try:
        return selectors.plan_for(user=request.user, pk=pk)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@login_required
def index(request):
    organisation = current_organisation(request)
    products = []
    if organisation is not None and organisation.is_seller:
        from tijara.catalog.selectors import products_for

        products = list(products_for(organisation=organisation)[:500])
    form = PlanForm(request.POST or None, products=products,
                    initial={"market": request.GET.get("market", ""), "product": request.GET.get("product", "")})
    if request.method == "POST" and form.is_valid():
        if organisation is None:
            raise Http404(_("You are not a member of any organisation."))
        data = form.cleaned_data
        product = None
        if data["product"]:
            from tijara.catalog.selectors import product_in

            product = product_in(organisation=organisation, sku=data["product"])
        try:
            plan = services.plan_create(
                actor=request.user, organisation=organisation, market=data["market"],
                language=translation.get_language()[:2], text=data["text"], product=product, hs=data["hs"],
                channel=data["channel"] or "direct", ship_date=data["ship_date"],
                parameters={k: data[k] for k in ("exw_mad", "weight_kg", "dims_cm", "freight")},
            )
        except (TijaraError, PermissionDenied) as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/index.html", {
        "form": form, "organisation": organisation, "plans": selectors.visible_plans(user=request.user)[:50],
    })


@login_required
def detail(request, pk: int):
    from django.template.loader import render_to_string

    from tijara.plans.summary import plan_extras

    plan = _plan_or_404(request, pk)
    # The plan's texts were written in the language it was computed in: its summary and sections are rendered
    # whole in that language (as its PDF is), marked with `lang`, and the page says so when it differs.
    written = (plan.language or "fr")[:2]
    with translation.override(written):
        body = render_to_string("plans/partials/body.html", {
            **plan_extras(plan=plan, rtl=translation.get_language_bidi()), "plan": plan, "result": plan.result,
        }, request=request)
        body_bidi = translation.get_language_bidi()
    return render(request, "plans/detail.html", {
        "plan_body": body, "plan_language": written, "plan_body_dir": "rtl" if body_bidi else "ltr",
        "plan": plan, "result": plan.result, "warnings": selectors.plan_warnings(plan=plan, in_words=True),
        "can_edit": selectors.can_edit(user=request.user, plan=plan), "comments": plan.comments.select_related("author"),
        "share_form": ShareForm(), "comment_form": CommentForm(), "shares": plan.shares.select_related("advisor"),
    })


@login_required
@require_POST
def recompute(request, pk: int):
    plan = _plan_or_404(request, pk)
    try:
        services.plan_recompute(actor=request.user, plan=plan, language=translation.get_language()[:2])
    except PermissionDenied:
        return render(request, "accounts/forbidden.html", status=403)
    messages.success(request, _("Plan recomputed with today's data."))
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
def share(request, pk: int):
    plan = _plan_or_404(request, pk)
    form = ShareForm(request.POST)
    if form.is_valid():
        try:
            services.plan_share(actor=request.user, plan=plan, advisor_email=form.cleaned_data["advisor_email"])
        except PermissionDenied:
            return render(request, "accounts/forbidden.html", status=403)
        except TijaraError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Plan shared."))
    return redirect("plans:detail", pk=plan.pk)


@login_required
@require_POST
def comment(request, pk: int):
    plan = _plan_or_404(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.plan_comment(actor=request.user, plan=plan, text=form.cleaned_data["text"])
        except TijaraError as exc:
            messages.error(request, exc.message)
    return redirect("plans:detail", pk=plan.pk)


@login_required
def pdf(request, pk: int):
    from tijara.plans.pdf import plan_pdf

    plan = _plan_or_404(request, pk)
    response = HttpResponse(plan_pdf(plan=plan), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="tijara-plan-{plan.pk}-{plan.market}-{plan.language}.pdf"'
    return response

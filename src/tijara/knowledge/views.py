"""Pages of the knowledge base: procedures, requirement cards, checklists, facts, review and the stale report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tijara.accounts.selectors import current_organisation, organisation_for
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.knowledge import selectors, services
from tijara.knowledge.forms import RevisionForm, scope_form
from tijara.knowledge.models import FactRevision


def _lang() -> str:
    return (get_language() or "fr")[:2]


def index(request):
    """The Moroccan-side procedure and the destination's, plus the forms to open a card or a checklist."""
    form = scope_form(request)
    market = (request.GET.get("market") or "FRA").strip()
    try:
        procedures = list(selectors.procedures_for(market=market))
    except TijaraError as exc:
        if form.is_bound:
            form.add_error("market", exc.message)
        procedures = list(selectors.procedures_for(market="FRA"))
    lang = _lang()
    facts = {f.fact_id: f for f in selectors.published_facts()}
    shown = []
    for procedure in procedures:
        steps = [{"title": step.text("title", lang), "who": step.text("who", lang),
                  "documents": step.text("documents", lang), "cost": step.text("cost", lang),
                  "time": step.text("time", lang), "deadline": step.text("deadline", lang),
                  "detail": step.text("detail", lang), "links": step.links, "families": step.families,
                  "sources": [selectors.source_ref(facts[f], lang) for f in step.fact_ids if f in facts]}
                 for step in procedure.steps.all()]
        shown.append({"title": getattr(procedure, f"title_{lang}"), "steps": steps})
    return render(request, "knowledge/index.html", {"form": form, "procedures": shown, "market": market})


def requirements(request):
    form = scope_form(request)
    card, error = None, None
    if request.GET.get("family") and request.GET.get("market"):
        try:
            card = selectors.requirements_for(family=request.GET["family"], market=request.GET["market"],
                                              language=_lang())
        except TijaraError as exc:
            error = exc.message
    return render(request, "knowledge/requirements.html", {"form": form, "card": card, "error": error})


def checklist(request):
    """A checklist for an HS code or family and a market; with `product` (SKU) the user's ticks are shown."""
    form = scope_form(request)
    result, error, organisation, subject = None, None, None, None
    hs, family, market = request.GET.get("hs") or None, request.GET.get("family") or None, request.GET.get("market")
    product = request.GET.get("product")
    if market and (hs or family or product):
        try:
            if request.user.is_authenticated and (product or request.GET.get("save")):
                organisation = current_organisation(request)
                if organisation is None:
                    raise NotFound("not_found", _("No such organisation."))
                subject = product or (f"hs:{hs}" if hs else f"family:{family}")
                result = selectors.checklist_for_subject(organisation=organisation, subject=subject, market=market,
                                                         language=_lang())
            else:
                result = selectors.checklist_for(hs=hs, family=family, market=market, language=_lang())
        except NotFound:
            raise Http404 from None
        except TijaraError as exc:
            error = exc.message
    return render(request, "knowledge/checklist.html", {"form": form, "checklist": result, "error": error,
                                                        "organisation": organisation, "subject": subject})


@login_required
@require_POST
def checklist_tick(request):
    try:
        organisation = organisation_for(user=request.user, slug=request.POST.get("organisation", ""), write=True)
        done = services.checklist_tick(user=request.user, organisation_slug=organisation.slug,
                                       subject=request.POST.get("subject", ""), market=request.POST.get("market", ""),
                                       item_key=request.POST.get("item_key", ""), done=request.POST.get("done") == "1")
    except (NotFound, PermissionDenied):
        raise Http404 from None
    except TijaraError as exc:
        # htmx swaps only 2xx responses: the message replaces the button; a plain form post gets a 400.
        return render(request, "knowledge/partials/tick.html", {"error": exc.message},
                      status=200 if request.htmx else 400)
    context = {"item_key": request.POST.get("item_key"), "done": done, "organisation": organisation,
               "subject": request.POST.get("subject"), "market": request.POST.get("market")}
    if request.htmx:
        return render(request, "knowledge/partials/tick.html", context)
    return redirect(f"{request.META.get('HTTP_REFERER') or '/knowledge/'}")


def fact_detail(request, fact_id: str):
    try:
        fact = selectors.fact_get(fact_id=fact_id)
    except NotFound:
        raise Http404 from None
    history = fact.revisions.filter(status=FactRevision.Status.PUBLISHED).select_related("proposed_by", "reviewed_by")
    is_staff = request.user.is_authenticated and (request.user.is_advisor or request.user.is_platform_admin)
    form = None
    if is_staff:
        initial = {name: getattr(fact, name) for name in services.TEXT_FIELDS}
        form = RevisionForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.revision_propose(user=request.user, fact_id=fact.fact_id,
                                          texts={k: data[k] for k in services.TEXT_FIELDS}, note=data["note"])
            except TijaraError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Your proposal was sent to an admin for review."))
                return redirect("knowledge:fact", fact_id=fact.fact_id)
    elif request.method == "POST":
        raise Http404
    return render(request, "knowledge/fact.html", {"fact": fact, "lang": _lang(), "history": history, "form": form,
                                                   "source": selectors.source_ref(fact, _lang())})


def _staff_only(request):
    user = request.user
    if not user.is_authenticated or not (user.is_advisor or user.is_platform_admin):
        raise Http404


def review(request):
    """Pending revisions; admins publish or reject them."""
    _staff_only(request)
    if request.method == "POST":
        try:
            revision_id = int(request.POST.get("revision", "0"))
            if request.POST.get("action") == "publish":
                services.revision_publish(user=request.user, revision_id=revision_id)
                messages.success(request, _("Revision published."))
            else:
                services.revision_reject(user=request.user, revision_id=revision_id, note=request.POST.get("note", ""))
                messages.success(request, _("Revision rejected."))
        except (ValueError, NotFound):
            raise Http404 from None
        except TijaraError as exc:
            messages.error(request, exc.message)
        return redirect("knowledge:review")
    return render(request, "knowledge/review.html", {"revisions": selectors.revisions_pending(), "lang": _lang()})


def stale_report(request):
    """Staff report: facts past their valid-to date or not checked for over 12 months."""
    _staff_only(request)
    return render(request, "knowledge/stale.html", {"facts": selectors.facts_stale(), "lang": _lang()})

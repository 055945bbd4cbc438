"""Pages of the training app: readiness self-assessment, results with radar and plan, advisors' view, lessons."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tijara.accounts.selectors import can_write, current_organisation, organisation_for
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.training import content, scoring, selectors, services


def _lang() -> str:
    code = (get_language() or "en")[:2]
    return code if code in content.LANGS else "en"


def _org(request, slug: str, write: bool = False):
    try:
        return organisation_for(user=request.user, slug=slug, write=write)
    except (NotFound, PermissionDenied):
        raise Http404 from None


def index(request):
    org = current_organisation(request)
    if org is not None:
        return redirect("training:organisation", slug=org.slug)
    is_advisor = request.user.is_authenticated and (request.user.is_advisor or request.user.is_platform_admin)
    return render(request, "training/index.html", {"is_advisor": is_advisor, "lessons": _lesson_rows(request)})


def _lesson_rows(request) -> list[dict]:
    lang = _lang()
    progress = selectors.progress_for(user=request.user)
    rows = []
    for les in content.lessons():
        p = progress.get(les.slug)
        rows.append({"slug": les.slug, "title": les.title.get(lang), "minutes": les.minutes,
                     "steps": len(les.steps), "done": len(p.steps_done) if p else 0,
                     "completed": bool(p and p.completed_at)})
    return rows


@login_required
def organisation(request, slug: str):
    org = _org(request, slug)
    lang = _lang()
    spec = content.assessment()
    takes = selectors.history(organisation=org)
    data = selectors.readiness(organisation=org, lang=lang)
    chart = selectors.radar(assessments=takes, lang=lang, title=_("Export readiness of %(name)s") % {
        "name": org.public_name}) if takes else ""
    previous = takes[1] if len(takes) > 1 else None
    rows = []
    for d in data["dimensions"]:
        before = previous.scores.get(d["code"]) if previous else None
        rows.append({**d, "before": before, "change": d["score"] - before if before is not None else None})
    is_advisor = request.user.is_advisor or request.user.is_platform_admin
    groups: dict[str, dict] = {}
    for item in data["plan"]:
        groups.setdefault(item["dimension"], {"name": item["dimension_name"], "score": item["score"], "items": []})
        groups[item["dimension"]]["items"].append(item)
    return render(request, "training/organisation.html", {
        "plan_groups": list(groups.values()),
        "org": org, "data": data, "rows": rows, "chart": chart, "takes": takes, "weak_below": spec.weak_below,
        "can_take": can_write(user=request.user, organisation=org), "lessons": _lesson_rows(request),
        "is_advisor": is_advisor,
    })


@login_required
def assess(request, slug: str):
    org = _org(request, slug)
    if not can_write(user=request.user, organisation=org):
        raise Http404
    lang = _lang()
    spec = content.assessment()
    error = ""
    answers: dict[str, str] = {}
    if request.method == "POST":
        answers = {q.id: request.POST.get(q.id, "") for q in spec.questions}
        try:
            services.assessment_submit(actor=request.user, organisation=org, answers=answers)
        except TijaraError as exc:
            error = exc.message
        else:
            messages.success(request, _("Your answers were saved. Here is your readiness and your plan."))
            return redirect("training:organisation", slug=org.slug)
    last = selectors.latest(organisation=org)
    if not answers and last:
        answers = {k: str(v) for k, v in last.answers.items()}
    groups = []
    for d in spec.dimensions:
        groups.append({"name": d.name.get(lang), "questions": [
            {"id": q.id, "text": q.text.get(lang), "fact": q.fact, "value": answers.get(q.id, "")}
            for q in spec.questions if q.dimension == d.code]})
    choices = [("0", _("No / not yet")), ("1", _("Partly")), ("2", _("Yes"))]
    return render(request, "training/assess.html", {"org": org, "groups": groups, "choices": choices,
                                                    "error": error, "count": len(spec.questions)},
                  status=400 if error else 200)


@login_required
def advised(request):
    user = request.user
    if not (user.is_advisor or user.is_platform_admin):
        raise Http404
    lang = _lang()
    spec = content.assessment()
    rows = []
    for org, last in selectors.advised_scores(user=user):
        rows.append({"org": org, "last": last, "scores": [last.scores.get(d.code, 0) if last else None
                                                           for d in spec.dimensions],
                     "weak": scoring.weak(spec, last.scores) if last else []})
    return render(request, "training/advised.html", {"rows": rows, "dimensions": [
        d.name.get(lang) for d in spec.dimensions], "weak_below": spec.weak_below})


@login_required
def cohort(request):
    """The advisor's cohort: who is stuck and why, paginated; read-only."""
    from tijara.training.cohort import LOW_READINESS, UNANSWERED_AFTER_DAYS, cohort_for

    user = request.user
    if not (user.is_advisor or user.is_platform_admin):
        raise Http404
    stuck_only = request.GET.get("stuck") == "1"
    page, rows = cohort_for(user=user, page=request.GET.get("page"), stuck_only=stuck_only)
    return render(request, "training/cohort.html", {
        "page": page, "rows": rows, "stuck_only": stuck_only, "low_readiness": LOW_READINESS,
        "unanswered_days": UNANSWERED_AFTER_DAYS})


@login_required
def cohort_organisation(request, slug: str):
    """One organisation of the cohort: readiness trend, plans, quote requests and listings; read-only."""
    from tijara.training.charts import trend_svg
    from tijara.training.cohort import drilldown_for

    user = request.user
    if not (user.is_advisor or user.is_platform_admin):
        raise Http404
    try:
        data = drilldown_for(user=user, slug=slug)
    except NotFound:
        raise Http404 from None
    from tijara.core.l10n import date_l10n

    chart = trend_svg(points=[(date_l10n(a.created_at), a.overall) for a in data.history],
                      title=_("Readiness over time"), desc=_("Overall readiness score (0 to 100) at each take."),
                      rtl=_lang() == "ar") if len(data.history) > 1 else ""
    return render(request, "training/cohort_organisation.html", {"d": data, "org": data.row.organisation,
                                                                  "chart": chart})


def lessons(request):
    return render(request, "training/lessons.html", {"lessons": _lesson_rows(request)})


def _lesson_context(request, les) -> dict:
    from tijara.knowledge.selectors import fact_get, source_ref

    lang = _lang()
    progress = selectors.progress_for(user=request.user).get(les.slug)
    done = set(progress.steps_done) if progress else set()
    steps = []
    for i, step in enumerate(les.steps, start=1):
        refs = []
        for fid in step.facts:
            try:
                refs.append(source_ref(fact_get(fact_id=fid), lang))
            except NotFound:
                continue
        steps.append({"n": i, "text": step.text.get(lang), "refs": refs, "done": i in done})
    return {"lesson": les, "title": les.title.get(lang), "steps": steps, "done": len(done),
            "completed": bool(progress and progress.completed_at)}


def lesson(request, slug: str):
    les = content.lesson(slug)
    if les is None:
        raise Http404
    return render(request, "training/lesson.html", _lesson_context(request, les))


@login_required
@require_POST
def lesson_step(request, slug: str, step: int):
    les = content.lesson(slug)
    if les is None:
        raise Http404
    try:
        services.lesson_step_set(user=request.user, slug=slug, step=step, done=request.POST.get("done") == "1")
    except NotFound:
        raise Http404 from None
    except TijaraError as exc:
        messages.error(request, exc.message)
    ctx = _lesson_context(request, les)
    if request.htmx:
        return render(request, "training/partials/steps.html", ctx)
    return redirect("training:lesson", slug=slug)

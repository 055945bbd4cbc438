"""API face of training (mounted at /api/v1/training/): the questionnaire, assessments, readiness, lessons."""

from __future__ import annotations

from django.utils.translation import get_language
from ninja import Router, Schema

from tijara.accounts.selectors import organisation_for
from tijara.core.errors import NotFound
from tijara.training import content, selectors, services

router = Router(tags=["training"])


class Error(Schema):
    code: str
    message: str


class AnswersIn(Schema):
    answers: dict[str, int]


def _lang() -> str:
    code = (get_language() or "en")[:2]
    return code if code in content.LANGS else "en"


@router.get("/questions", auth=None)
def questions(request):
    """The self-assessment questions, grouped by dimension, and the answer scale (0 no, 1 partly, 2 yes)."""
    lang = _lang()
    spec = content.assessment()
    return {"version": spec.version, "scale": [0, 1, 2], "weak_below": spec.weak_below, "dimensions": [
        {"code": d.code, "name": d.name.get(lang), "questions": [
            {"id": q.id, "text": q.text.get(lang), "fact": q.fact} for q in spec.questions if q.dimension == d.code]}
        for d in spec.dimensions]}


@router.get("/{slug}/readiness", response={200: dict, 404: Error})
def readiness(request, slug: str):
    """Latest scores per dimension, weak dimensions, the action plan and the history of an organisation."""
    org = organisation_for(user=request.user, slug=slug)
    return selectors.readiness(organisation=org, lang=_lang())


@router.post("/{slug}/assessments", response={201: dict, 400: Error, 403: Error, 404: Error})
def assessment_create(request, slug: str, payload: AnswersIn):
    """Record a take of the self-assessment (members); returns the new readiness."""
    org = organisation_for(user=request.user, slug=slug, write=True)
    services.assessment_submit(actor=request.user, organisation=org, answers=payload.answers)
    return 201, selectors.readiness(organisation=org, lang=_lang())


@router.get("/advised", response={200: list[dict], 403: Error})
def advised(request):
    """Latest overall and per-dimension scores of the organisations the advisor follows."""
    user = request.user
    if not (user.is_advisor or user.is_platform_admin):
        return 403, {"code": "forbidden", "message": "Advisors only."}
    return [{"organisation": o.slug, "name": o.public_name, "assessed_at": a.created_at.isoformat() if a else None,
             "overall": a.overall if a else None, "scores": a.scores if a else {}}
            for o, a in selectors.advised_scores(user=user)]


@router.get("/lessons", auth=None)
def lessons(request):
    """Lessons with their steps and the facts each step cites; `done` steps for a logged-in user."""
    lang = _lang()
    progress = selectors.progress_for(user=request.user)
    out = []
    for les in content.lessons():
        p = progress.get(les.slug)
        out.append({"slug": les.slug, "title": les.title.get(lang), "minutes": les.minutes,
                    "dimension": les.dimension, "steps": [{"text": s.text.get(lang), "facts": list(s.facts)}
                                                         for s in les.steps],
                    "done": p.steps_done if p else []})
    return out


@router.post("/lessons/{slug}/steps/{step}", response={200: dict, 400: Error, 404: Error})
def lesson_step(request, slug: str, step: int, done: bool = True):
    """Mark a lesson step done (or not) for the current user."""
    if content.lesson(slug) is None:
        raise NotFound("not_found", "No such lesson.")
    p = services.lesson_step_set(user=request.user, slug=slug, step=step, done=done)
    return {"lesson": slug, "done": p.steps_done, "completed": p.completed_at is not None}

"""Reads of the training app: latest readiness, history, the action plan, advisors' overview, lesson progress."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.urls import NoReverseMatch, reverse

from tijara.accounts.models import Organisation, User
from tijara.accounts.selectors import organisations_advised_by
from tijara.core.errors import NotFound
from tijara.training import charts, content, scoring
from tijara.training.models import Assessment, LessonProgress


@dataclass(frozen=True)
class PlanItem:
    """One thing to do for a weak dimension: a platform page or a knowledge fact (with its source and date)."""

    dimension: str
    dimension_name: str
    score: int
    label: str
    kind: str  # page / fact / lesson
    url: str
    fact_id: str = ""
    source: str = ""
    as_of: str = ""
    confidence: str = ""
    source_language: str = "en"  # the language the source line is written in
    name: str = ""  # a programme's or brand's own name inside the label, kept in its language (`name_lang`)
    name_lang: str = ""


def history(*, organisation: Organisation) -> list[Assessment]:
    """Every take, newest first."""
    return list(Assessment.objects.filter(organisation=organisation).order_by("-created_at", "-pk"))


def latest(*, organisation: Organisation) -> Assessment | None:
    return Assessment.objects.filter(organisation=organisation).order_by("-created_at", "-pk").first()


def _fact_item(dim, name, score, label, fact_id, lang, named=None) -> PlanItem | None:
    from tijara.knowledge.selectors import fact_get, source_ref

    try:
        fact = fact_get(fact_id=fact_id)
    except NotFound:
        return None
    ref = source_ref(fact, lang)
    return PlanItem(dim, name, score, label, "fact", reverse("knowledge:fact", kwargs={"fact_id": fact_id}),
                    fact_id=fact_id, source=ref.source, as_of=ref.as_of, confidence=ref.confidence,
                    source_language=ref.source_language, **(named or {}))


def plan_for(*, scores: dict[str, int], lang: str = "en") -> list[PlanItem]:
    """Actions for each weak dimension (weakest first): pages and facts that exist, then the matching lessons."""
    spec = content.assessment()
    items: list[PlanItem] = []
    for code in scoring.weak(spec, scores):
        dim = spec.dimension(code)
        name = dim.name.get(lang)
        for action in dim.actions:
            label = action.text(lang)
            named = {"name": action.name, "name_lang": action.name_lang} if action.name else {}
            if action.fact:
                found = _fact_item(code, name, scores[code], label, action.fact, lang, named)
                if found:
                    items.append(found)
                continue
            try:
                url = reverse(action.page)
            except NoReverseMatch:
                continue
            items.append(PlanItem(code, name, scores[code], label, "page", url, **named))
        for lesson in content.lessons():
            if lesson.dimension == code:
                items.append(PlanItem(code, name, scores[code], lesson.title.get(lang), "lesson",
                                      reverse("training:lesson", kwargs={"slug": lesson.slug})))
    return items


def radar(*, assessments: list[Assessment], lang: str = "en", title: str = "") -> str:
    """Radar SVG of the latest take (and the previous one, dashed, to show progress)."""
    spec = content.assessment()
    labels = [d.name.get(lang) for d in spec.dimensions]
    shown = list(reversed(assessments[:2]))
    series = [([a.scores.get(d.code, 0) for d in spec.dimensions], "radar-previous" if i < len(shown) - 1
               else "radar-latest") for i, a in enumerate(shown)]
    return charts.radar_svg(labels, series, title=title)


def readiness(*, organisation: Organisation, lang: str = "en") -> dict:
    """Latest scores, weak dimensions, the action plan and the history (the `tijara readiness --json` shape)."""
    spec = content.assessment()
    takes = history(organisation=organisation)
    out = {"organisation": organisation.slug, "assessed_at": None, "overall": None, "dimensions": [], "weak": [],
           "plan": [], "history": []}
    if not takes:
        return out
    last = takes[0]
    weak = scoring.weak(spec, last.scores)
    out.update({
        "assessed_at": last.created_at.isoformat(), "overall": last.overall,
        "dimensions": [{"code": d.code, "name": d.name.get(lang), "score": last.scores.get(d.code, 0),
                        "weak": d.code in weak} for d in spec.dimensions],
        "weak": weak,
        "plan": [asdict(i) for i in plan_for(scores=last.scores, lang=lang)],
        "history": [{"assessed_at": a.created_at.isoformat(), "overall": a.overall, "scores": a.scores}
                    for a in takes],
    })
    return out


def advised_scores(*, user: User) -> list[tuple[Organisation, Assessment | None]]:
    """Organisations the advisor follows with their latest assessment (None when never taken)."""
    orgs = list(organisations_advised_by(user=user).order_by("public_name"))
    latest_by_org: dict[int, Assessment] = {}
    for a in Assessment.objects.filter(organisation__in=orgs).order_by("organisation_id", "-created_at", "-pk"):
        latest_by_org.setdefault(a.organisation_id, a)
    return [(o, latest_by_org.get(o.pk)) for o in orgs]


def progress_for(*, user: User) -> dict[str, LessonProgress]:
    if not user.is_authenticated:
        return {}
    return {p.lesson: p for p in LessonProgress.objects.filter(user=user)}

"""API face of knowledge (mounted at /api/v1/knowledge/): facts, requirement cards, checklists, review."""

from __future__ import annotations

from dataclasses import asdict

from django.utils.translation import get_language
from ninja import Router, Schema

from tijara.core.errors import NotFound
from tijara.knowledge import selectors, services

router = Router(tags=["knowledge"])


def _lang(lang: str | None) -> str:
    return lang if lang in ("ar", "fr", "en") else (get_language() or "fr")[:2]


class FactOut(Schema):
    fact_id: str
    topic: str
    title: str
    text: str
    markets: list[str]
    families: list[str]
    hs_ranges: list[str]
    legal_reference: str
    source: str
    url: str
    as_of: str
    confidence: str
    mark: str
    last_checked: str
    valid_from: str | None
    valid_to: str | None
    stale: bool


def _fact_out(fact, lang: str) -> dict:
    return {"fact_id": fact.fact_id, "topic": fact.topic, "title": fact.title(lang), "text": fact.text(lang),
            "markets": fact.markets, "families": fact.families, "hs_ranges": fact.hs_ranges,
            "legal_reference": fact.legal_reference, "source": fact.source, "url": fact.source_url,
            "as_of": fact.as_of, "confidence": fact.confidence, "mark": fact.mark,
            "last_checked": fact.last_checked.isoformat(),
            "valid_from": fact.valid_from.isoformat() if fact.valid_from else None,
            "valid_to": fact.valid_to.isoformat() if fact.valid_to else None, "stale": fact.is_stale()}


@router.get("/facts", response=list[FactOut], auth=None)
def facts(request, lang: str | None = None, market: str | None = None, topic: str | None = None):
    """Published facts (filter by market code or topic)."""
    language = _lang(lang)
    qs = selectors.published_facts()
    if topic:
        qs = qs.filter(topic=topic)
    rows = [f for f in qs if not market or market.upper() in f.markets]
    return [_fact_out(f, language) for f in rows]


@router.get("/facts/{fact_id}", response=FactOut, auth=None)
def fact(request, fact_id: str, lang: str | None = None):
    return _fact_out(selectors.fact_get(fact_id=fact_id), _lang(lang))


@router.get("/requirements", auth=None)
def requirements(request, family: str, market: str, lang: str | None = None):
    """The requirement card of a craft family in a market, each line with its source."""
    card = selectors.requirements_for(family=family, market=market, language=_lang(lang))
    return {**asdict(card), "burden": card.burden, "unverified_count": card.unverified_count}


@router.get("/checklist", auth=None)
def checklist(request, market: str, hs: str | None = None, family: str | None = None, lang: str | None = None):
    """Steps and documents for an HS code or craft family going to a market, with sources."""
    return checklist_dict(selectors.checklist_for(hs=hs, family=family, market=market, language=_lang(lang)))


def checklist_dict(checklist) -> dict:
    return asdict(checklist)


class TickIn(Schema):
    organisation: str
    subject: str
    market: str
    item_key: str
    done: bool = True


@router.post("/checklist/ticks")
def tick(request, payload: TickIn):
    """Tick or untick an item of a product's checklist (members of the organisation only)."""
    done = services.checklist_tick(user=request.auth, organisation_slug=payload.organisation, subject=payload.subject,
                                   market=payload.market, item_key=payload.item_key, done=payload.done)
    return {"item_key": payload.item_key, "done": done}


class RevisionIn(Schema):
    title_ar: str
    title_fr: str
    title_en: str
    text_ar: str
    text_fr: str
    text_en: str
    note: str = ""


@router.post("/facts/{fact_id}/revisions", response={201: dict})
def revision_propose(request, fact_id: str, payload: RevisionIn):
    """An advisor proposes new texts for a fact."""
    data = payload.dict()
    revision = services.revision_propose(user=request.auth, fact_id=fact_id,
                                         texts={k: v for k, v in data.items() if k != "note"}, note=data["note"])
    return 201, {"revision": revision.pk, "status": revision.status}


@router.post("/revisions/{revision_id}/publish")
def revision_publish(request, revision_id: int):
    """An admin publishes a proposed revision."""
    fact = services.revision_publish(user=request.auth, revision_id=revision_id)
    return {"fact_id": fact.fact_id, "status": "published"}


@router.get("/stale")
def stale(request, lang: str | None = None):
    """Staff report of stale facts."""
    user = request.auth
    if not (user.is_advisor or user.is_platform_admin):
        raise NotFound("not_found", "Not found.")
    return [_fact_out(f, _lang(lang)) for f in selectors.facts_stale()]

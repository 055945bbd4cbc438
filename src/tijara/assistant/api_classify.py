"""API face of the HS classifier: POST /api/v1/classify (public, read-only computation)."""

from __future__ import annotations

from ninja import Field, Router, Schema

from . import hs_services

classify_router = Router(tags=["classify"])


class ClassifyIn(Schema):
    text: str = Field(..., description="product description in Arabic, Darija, French or English")
    lang: str | None = Field(None, description="ar, fr or en; detected when omitted")
    top: int = Field(5, description="number of candidates, 1-20")


class CandidateOut(Schema):
    hs6: str
    hs4: str
    description: str
    score: float
    evidence: list[str]


class ClassifyOut(Schema):
    query: str
    language: str
    confident: bool
    candidates: list[CandidateOut]
    question: str | None
    notice: str | None = None
    mode: str


class ErrorOut(Schema):
    code: str
    message: str


CLASSIFY_LIMIT = 120  # calls per client per 10 minutes: each costs 50-300 ms of CPU


@classify_router.post("/classify", auth=None, response={200: ClassifyOut, 400: ErrorOut, 429: ErrorOut})
def classify(request, payload: ClassifyIn):
    """Suggest HS 2022 subheadings for a product description, with evidence, a confidence flag and,
    for close calls, the question that separates the top candidates (at most 120 calls per client per 10 minutes)."""
    from tijara.core.ratelimit import client_key, rate_limit_enforce

    rate_limit_enforce(scope="classify", key=client_key(request), limit=CLASSIFY_LIMIT, window_seconds=600)
    result = hs_services.classify(text=payload.text, lang=payload.lang, top=payload.top)
    return result.to_dict()

"""API face of the HS classifier: POST /api/v1/classify (public, read-only computation)."""

from __future__ import annotations

from ninja import Field, Router, Schema

from . import hs_services

classify_router = Router(tags=["classify"])


class ClassifyIn(Schema):
    text: str = Field(..., description="product description in Arabic, Darija, French or English")
    lang: str | None = Field(None, description="ar, fr or en; detected when omitted")
    top: int = Field(5, description="number of candidates, 1-20")
    answers: dict[str, str] | None = Field(None, description="answers to separating questions, e.g. "
                                           "{\"construction\": \"knotted\"} (question_attribute → a choice value)")


class RuleOut(Schema):
    why: str
    cite: str = Field(..., description="the legal text the decision rule rests on")
    full: bool = Field(..., description="every condition of the rule is stated in the text")
    open: list[str] = Field(..., description="attributes the rule needs and the text does not state")


class CandidateOut(Schema):
    hs6: str
    hs4: str
    description: str = Field(..., description="in the user's language; Arabic labels are project translations")
    description_source: str = Field("official", description="official | project translation")
    description_en: str = ""
    description_fr: str = ""
    score: float = Field(..., description="ranking score (not a probability); the first candidate has the best, "
                                          "the others follow the chance of their heading and subheading")
    evidence: list[str] = Field(..., description="plain sentences in the user's language, no numbers")
    rule: RuleOut | None = None
    signals: dict[str, float] = Field(default_factory=dict, description="the numbers behind the score")
    example: dict[str, str] | None = Field(None, description="nearest labelled example of this code: text, source")


class ChoiceOut(Schema):
    attribute: str
    value: str
    label: str


class ReadOut(Schema):
    attribute: str
    value: str
    words: str


class ClassifyOut(Schema):
    query: str
    language: str
    confident: bool
    candidates: list[CandidateOut]
    question: str | None
    question_attribute: str | None = None
    question_choices: list[ChoiceOut] = Field(default_factory=list, description="answers to send back in `answers`")
    read: list[ReadOut] = Field(default_factory=list, description="product type and attributes read, with the words")
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
    result = hs_services.classify(text=payload.text, lang=payload.lang, top=payload.top, answers=payload.answers)
    return result.to_dict()

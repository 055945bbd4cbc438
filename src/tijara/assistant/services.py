"""Writes and workflows of the assistant: answering a question (extractive, optionally generative), conversations
kept per user, and feedback."""

from __future__ import annotations

import json
import logging
import threading
from functools import cache
from importlib import resources

from django.conf import settings
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tijara.assistant.models import Conversation, Feedback, Message
from tijara.assistant.qa import embed, handles, llm
from tijara.assistant.qa.engine import HANDLE_SURE, LANGS, SURE_MARKS, Answer, Engine
from tijara.assistant.qa.text import expand_darija
from tijara.core.errors import NotFound, TijaraError
from tijara.knowledge import selectors as knowledge
from tijara.language.normalise import fold, words
from tijara.language.stemming import strip_article

logger = logging.getLogger(__name__)
MAX_QUESTION = 1000
_lock = threading.Lock()
_cache: dict[str, Engine] = {}


def fact_page_url(fact_id: str) -> str:
    """The absolute address of a fact's page in the knowledge base."""
    return settings.SITE_URL + reverse("knowledge:fact", args=[fact_id])


def embeddings_enabled() -> bool:
    return bool(getattr(settings, "TIJARA_EMBEDDINGS_ENABLED", True)) and embed.available()


def build_engine(docs, authorities, *, embeddings: bool = True, page_url=None) -> Engine:
    """An engine over these facts with their question handles and, with ``embeddings``, the encoder's matrices
    (cached in the data directory)."""
    question_handles = handles.load()
    matrices = None
    encoder = None
    if embeddings:
        titles, texts = Engine.embedding_texts(docs)
        cache_dir = settings.DATA_DIR / "cache"
        matrices = embed.cached_matrices({"title": titles, "text": texts,
                                          "handles": Engine.handle_texts(docs, question_handles)[0]}, cache_dir)
        encoder = embed.encode_query
    return Engine(docs, authorities=authorities, encode=encoder, embeddings=matrices, handles=question_handles,
                  page_url=page_url)


def engine() -> Engine:
    """The engine over the published facts, rebuilt only when they change (cached per process)."""
    version = knowledge.corpus_version()
    current = _cache.get("engine")
    if current is not None and _cache.get("version") == version:
        return current
    with _lock:
        if _cache.get("engine") is not None and _cache.get("version") == version:
            return _cache["engine"]
        built = build_engine(knowledge.fact_corpus(), knowledge.authorities(), embeddings=embeddings_enabled(),
                             page_url=fact_page_url)
        _cache.update(engine=built, version=version)
        return built


def forget_engine() -> None:
    """Build the engine afresh at the next question (the evaluation's check with other word lists)."""
    with _lock:
        _cache.clear()


def warm() -> None:
    """Load the models and build the index now (so the first question is fast)."""
    from tijara.assistant.qa import context, lang

    lang.warm()
    built = engine()
    for language in LANGS:  # the analyser's and the vocabulary's tables, built once
        context.context_stems(language)
    context.scope_of("warm up")
    context.cities_in("Warm up")  # the cities of the covered markets (CLDR, capitals)
    if built.encode is not None:
        built.encode(["warm up"])


def llm_enabled() -> bool:
    return bool(settings.TIJARA_LLM_URL and settings.TIJARA_LLM_MODEL)


def _generative(question: str, result: Answer, built: Engine) -> Answer:
    """The extractive answer rewritten by the configured LLM from the same facts, or `result` when rejected."""
    docs = [built.docs[built.by_id[h.fact_id]] for h in result.hits[:5]]
    try:
        generated = llm.generate(url=settings.TIJARA_LLM_URL, model=settings.TIJARA_LLM_MODEL,
                                 api_key=settings.TIJARA_LLM_API_KEY, question=question, language=result.language,
                                 docs=docs, timeout=float(getattr(settings, "TIJARA_LLM_TIMEOUT", 30)))
    except llm.Rejected as exc:
        logger.info("generative answer rejected, extractive kept: %s", exc)
        return result
    by_id = {d.fact_id: d for d in docs}
    citations = [built.citation(by_id[f], result.language) for f in generated.fact_ids]
    return Answer(answer=generated.answer, language=result.language, confident=result.confident, citations=citations,
                  mode="generative", hits=result.hits, authority_url=result.authority_url, darija=result.darija,
                  authority=result.authority)


def answer_generate(*, message_id: int) -> Message | None:
    """Rewrite a stored extractive answer with the LLM (run by a task, never in the request); kept when rejected."""
    answer = Message.objects.filter(pk=message_id, role=Message.Role.ASSISTANT, mode="pending").first()
    if answer is None:
        return None
    question = answer.conversation.messages.filter(role=Message.Role.USER, created_at__lte=answer.created_at,
                                                   id__lt=answer.id).order_by("-id").first()
    if question is None:
        answer.mode = "extractive"
        answer.save(update_fields=["mode", "updated_at"])
        return answer
    result = answer_question(question=question.text, language=answer.language or None)
    generated = _generative(question.text, result, engine()) if result.confident else result
    answer.mode = generated.mode
    if generated.mode == "generative":
        answer.text = generated.answer
        answer.citations = [c.as_dict() | {"confidence": c.confidence} for c in generated.citations]
    answer.save(update_fields=["mode", "text", "citations", "updated_at"])
    return answer


@cache
def _procedure_cues() -> tuple[frozenset[str], tuple[str, ...]]:
    """Folded cue words and phrases of "which documents / what steps" questions, every language
    (``data/procedure_cues.json``)."""
    data = json.loads(resources.files("tijara.assistant").joinpath("data/procedure_cues.json").read_text("utf-8"))
    cue_words = frozenset(fold(w) for ws in data["words"].values() for w in ws)
    phrases = tuple(f" {' '.join(words(p))} " for ps in data["phrases"].values() for p in ps)
    return cue_words, phrases


def asks_for_procedure(question: str) -> bool:
    """Does the question ask for the steps or documents of an export, in any language (Arabic words also with
    their article or proclitic: بالوثائق، الإجراءات)?"""
    cue_words, phrases = _procedure_cues()
    tokens = words(question)
    if any(t in cue_words or strip_article(t) in cue_words for t in tokens):
        return True
    text = f" {' '.join(tokens)} "
    return any(p in text for p in phrases)


_PROCEDURE_INTRO = gettext_noop("Steps and documents for exporting{where}, from the sourced procedures{what}:")
_PROCEDURE_FAMILY = gettext_noop(" (product family: {family})")
_MARKET_NAMES = {
    "EU": gettext_noop("the European Union"), "USA": gettext_noop("the United States"),
    "GBR": gettext_noop("the United Kingdom"), "FRA": gettext_noop("France"), "DEU": gettext_noop("Germany"),
    "ESP": gettext_noop("Spain"), "ITA": gettext_noop("Italy"), "NLD": gettext_noop("the Netherlands"),
    "BEL": gettext_noop("Belgium"),
}


def _procedure_answer(question: str, result: Answer) -> Answer | None:
    """For "which documents / what steps" questions the facts do not answer one by one: the sourced procedure."""
    from tijara.assistant.qa import context, named, quantity
    from tijara.core.crafts import craft_name

    if not asks_for_procedure(question):
        return None
    # A question a fact answers confidently, worded like one of that fact's own questions (what paperwork goes with
    # ceramic tableware: its declaration of compliance), is that fact's, in whichever language it is asked; the
    # export procedure answers the general questions.
    if result.confident and result.evidence.get("near", 0.0) >= HANDLE_SURE:
        return None
    # A question asking for a figure, or naming a channel, carrier, transport mode or topic the export procedure
    # does not cover, is the engine's to answer or decline.
    if quantity.asked(question) or named.named_in(question) - named.side_marks():
        return None
    lang = result.language
    expanded, _darija = expand_darija(question)
    markets, families = context.scope_of(expanded)
    if markets and not markets & set(_MARKET_NAMES):
        return None  # a destination with no sourced procedure (Brazil): the engine's answer names whom to ask
    if families - engine().covered_families:
        return None  # a product no fact is about (argan cream): the export procedure of crafts is not its answer
    specific = sorted(m for m in markets if m not in ("EU",))
    market = specific[0] if specific else ("EU" if "EU" in markets else "MAR")
    family = sorted(families)[0] if len(families) == 1 else None
    try:
        procedures = list(knowledge.procedures_for(market=market))
    except (TijaraError, DatabaseError):
        return None
    if not procedures:
        return None
    built = engine()
    facts = {d.fact_id: d for d in built.docs}
    lines, cited = [], []
    number = 0
    for procedure in sorted(procedures, key=lambda p: (p.market != "MAR", p.position)):
        for step in procedure.steps.all():
            if step.families and family not in step.families:
                continue
            number += 1
            documents = step.text("documents", lang)
            deadline = step.text("deadline", lang)
            ids = [f for f in step.fact_ids if f in facts]
            extra = "".join(f" — {x}" for x in (documents, deadline) if x)
            lines.append(f"{number}. {step.text('title', lang)}{extra} [{', '.join(ids[:3])}]")
            cited.extend(ids[:3])
    if family and market != "MAR":
        with translation.override(lang):
            product_rules = _("Product rules")
        card = knowledge.requirements_for(family=family, market=market, language=lang)
        documents = [line for line in card.lines if line.document]
        if documents:
            lines.append(f"{product_rules}:")
            for line in documents:
                number += 1
                lines.append(f"{number}. {line.document} [{line.fact_id}]")
                cited.append(line.fact_id)
    with translation.override(lang):
        what = _(_PROCEDURE_FAMILY).format(family=craft_name(family, lang)) if family else ""
        name = _(_MARKET_NAMES[market]) if market in _MARKET_NAMES else market
        where = _(" to {market}").format(market=name) if market != "MAR" else ""
        intro = _(_PROCEDURE_INTRO).format(what=what, where=where)
    citations = [built.citation(facts[fact_id], lang) for fact_id in dict.fromkeys(cited) if fact_id in facts]
    confident = all(facts[c.fact_id].mark in SURE_MARKS for c in citations)
    return Answer(answer="\n".join([intro, *lines]), language=lang, confident=confident, citations=citations,
                  mode="procedure", hits=result.hits, authority_url=result.authority_url, darija=result.darija)


def answer_question(*, question: str, language: str | None = None) -> Answer:
    """Answer a question from the published facts, in its language (or `language`), citing the facts used."""
    question = (question or "").strip()
    if not question:
        raise TijaraError("empty_question", _("Write a question."), field="question")
    if len(question) > MAX_QUESTION:
        raise TijaraError("question_too_long", _("A question may have at most {n} characters.").format(n=MAX_QUESTION),
                          field="question")
    if language not in (None, "", *LANGS):
        raise TijaraError("bad_language", _("Language must be ar, fr or en."), field="language")
    built = engine()
    result = built.answer(question, language=language or None)
    # "Which documents / what steps" questions get the sourced procedure, its steps joined in order.
    result = _procedure_answer(question, result) or result
    return result


@transaction.atomic
def question_ask(*, user, question: str, language: str | None = None,
                 conversation: Conversation | None = None) -> tuple[Conversation, Message, Answer]:
    """Answer and keep the exchange in the user's conversation (a new one when none is given)."""
    result = answer_question(question=question, language=language)
    if conversation is None:
        conversation = Conversation.objects.create(user=user, title=question.strip()[:200])
    elif conversation.user_id != user.pk:
        raise NotFound("not_found", _("No such conversation."))
    Message.objects.create(conversation=conversation, role=Message.Role.USER, text=question.strip(),
                           language=result.language)
    # With an LLM configured, the extractive answer is stored at once and a task rewrites it ("pending" until then).
    pending = llm_enabled() and result.confident and result.mode == "extractive"
    answer = Message.objects.create(
        conversation=conversation, role=Message.Role.ASSISTANT, text=result.answer, language=result.language,
        confident=result.confident, citations=[c.as_dict() | {"confidence": c.confidence} for c in result.citations],
        mode="pending" if pending else result.mode)
    conversation.save(update_fields=["updated_at"])
    if pending:
        from tijara.assistant.tasks import generate_answer_task

        transaction.on_commit(lambda: generate_answer_task.enqueue(answer.pk))
    return conversation, answer, result


def message_get(*, user, message_id: int) -> Message:
    """One of the user's answers (to poll a pending generated answer), or NotFound."""
    message = Message.objects.filter(pk=message_id, role=Message.Role.ASSISTANT,
                                     conversation__user=user).first() if user.is_authenticated else None
    if message is None:
        raise NotFound("not_found", _("No such answer."))
    return message


def conversation_for(*, user, conversation_id: int) -> Conversation:
    """The user's own conversation, or NotFound (other people's conversations do not exist for them)."""
    conversation = Conversation.objects.filter(pk=conversation_id, user=user).first() if user.is_authenticated else None
    if conversation is None:
        raise NotFound("not_found", _("No such conversation."))
    return conversation


def conversation_delete(*, user, conversation_id: int) -> None:
    """Delete one of the user's conversations with its messages and feedback."""
    conversation_for(user=user, conversation_id=conversation_id).delete()


@transaction.atomic
def feedback_set(*, user, message_id: int, value: int, comment: str = "") -> Feedback:
    """Record (or change) the user's thumbs up (1) or down (-1) on one of their answers."""
    if value not in (Feedback.Value.UP, Feedback.Value.DOWN):
        raise TijaraError("bad_feedback", _("Feedback must be 1 (helpful) or -1 (not helpful)."), field="value")
    message = Message.objects.filter(pk=message_id, role=Message.Role.ASSISTANT,
                                     conversation__user=user).first() if user.is_authenticated else None
    if message is None:
        raise NotFound("not_found", _("No such answer."))
    feedback, _created = Feedback.objects.update_or_create(message=message, defaults={
        "user": user, "value": value, "comment": (comment or "")[:500]})
    return feedback

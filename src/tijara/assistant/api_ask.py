"""API: POST /api/v1/ask (anyone), conversations and feedback (signed-in users, their own only)."""

from __future__ import annotations

from ninja import Router, Schema

from tijara.accounts.api_auth import TokenAuth
from tijara.assistant import services
from tijara.assistant.models import Conversation

ask_router = Router(tags=["assistant"])


class AskIn(Schema):
    question: str
    lang: str | None = None
    conversation_id: int | None = None


class CitationOut(Schema):
    fact_id: str
    title: str
    url: str
    as_of: str


class AskOut(Schema):
    answer: str
    language: str
    confident: bool
    citations: list[CitationOut]
    mode: str
    conversation_id: int | None = None
    message_id: int | None = None


class FeedbackIn(Schema):
    value: int
    comment: str = ""


ASK_LIMIT = 60  # questions per client per 10 minutes


class ConversationOut(Schema):
    id: int
    title: str
    updated_at: str


def _optional_user(request):
    """The signed-in user (session or bearer token), or None for an anonymous caller."""
    if getattr(request.user, "is_authenticated", False):
        return request.user
    user = TokenAuth()(request) if request.headers.get("Authorization") else None
    return user if getattr(user, "is_authenticated", False) else None


@ask_router.post("/ask", response=AskOut, auth=None)
def ask(request, payload: AskIn):
    """Answer a question from the sourced facts; signed-in users keep the exchange in a conversation."""
    from tijara.core.ratelimit import client_key, rate_limit_enforce

    user = _optional_user(request)
    rate_limit_enforce(scope="assistant", key=f"user:{user.pk}" if user else client_key(request), limit=ASK_LIMIT,
                       window_seconds=600)
    if user is None:
        result = services.answer_question(question=payload.question, language=payload.lang)
        return {**result.as_dict(), "mode": result.mode}
    conversation = None
    if payload.conversation_id:
        conversation = services.conversation_for(user=user, conversation_id=payload.conversation_id)
    conversation, message, result = services.question_ask(user=user, question=payload.question,
                                                           language=payload.lang, conversation=conversation)
    return {**result.as_dict(), "mode": result.mode, "conversation_id": conversation.pk, "message_id": message.pk}


@ask_router.get("/ask/conversations", response=list[ConversationOut])
def conversations(request):
    """The signed-in user's conversations, newest first."""
    return [{"id": c.pk, "title": c.title, "updated_at": c.updated_at.isoformat()}
            for c in Conversation.objects.filter(user=request.auth)]


@ask_router.delete("/ask/conversations/{conversation_id}", response={204: None})
def conversation_delete(request, conversation_id: int):
    """Delete one of the user's conversations (404 for anyone else's)."""
    services.conversation_delete(user=request.auth, conversation_id=conversation_id)
    return 204, None


@ask_router.get("/ask/messages/{message_id}", response=AskOut)
def message(request, message_id: int):
    """One of the user's answers: poll it while its mode is "pending" (the optional LLM rewrite runs in a worker)."""
    item = services.message_get(user=request.auth, message_id=message_id)
    return {"answer": item.text, "language": item.language, "confident": item.confident,
            "citations": [{k: c.get(k, "") for k in ("fact_id", "title", "url", "as_of")} for c in item.citations],
            "mode": item.mode, "conversation_id": item.conversation_id, "message_id": item.pk}


@ask_router.post("/ask/messages/{message_id}/feedback", response={200: dict})
def feedback(request, message_id: int, payload: FeedbackIn):
    """Thumbs up (1) or down (-1) on one of the user's answers."""
    item = services.feedback_set(user=request.auth, message_id=message_id, value=payload.value,
                                 comment=payload.comment)
    return {"message_id": message_id, "value": item.value}

"""Chat page of the assistant (htmx), conversation deletion, feedback, and the staff feedback list."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tijara.assistant import services
from tijara.assistant.forms import AskForm
from tijara.assistant.models import Conversation, Feedback, Message
from tijara.core.errors import NotFound, TijaraError
from tijara.knowledge import selectors as knowledge


def _with_sources(messages) -> None:
    """Give each stored answer `sources`: its citations as kept, with where each fact comes from (source, its
    address, mark), which a stored answer does not keep, read from the published fact."""
    messages = [m for m in messages if m is not None]
    refs = knowledge.source_refs(fact_ids=[c.get("fact_id") for m in messages for c in m.citations or ()])
    for m in messages:
        m.sources = []
        for c in m.citations or ():
            ref = refs.get(c.get("fact_id"))
            where = ({"source": ref.source, "source_url": ref.url, "mark": ref.mark,
                      "url_approximate": ref.url_approximate, "source_language": ref.source_language} if ref else {})
            m.sources.append(where | c)


def ask(request):
    """Ask a question; signed-in users see and continue their conversations."""
    form = AskForm(request.POST or None)
    context = {"form": form, "result": None, "answer_message": None, "conversation": None}
    user = request.user
    if user.is_authenticated:
        conversation_id = request.GET.get("c") or request.POST.get("conversation")
        if conversation_id:
            try:
                context["conversation"] = services.conversation_for(user=user, conversation_id=int(conversation_id))
            except (NotFound, ValueError):
                raise Http404 from None
    if request.method == "POST" and form.is_valid():
        from tijara.assistant.api_ask import ASK_LIMIT
        from tijara.core.ratelimit import client_key, rate_limit_enforce

        data = form.cleaned_data
        try:
            rate_limit_enforce(scope="assistant", key=client_key(request), limit=ASK_LIMIT, window_seconds=600)
            if user.is_authenticated:
                conversation, message, result = services.question_ask(
                    user=user, question=data["question"], language=data["lang"] or None,
                    conversation=context["conversation"])
                context.update(conversation=conversation, answer_message=message)
            else:
                result = services.answer_question(question=data["question"], language=data["lang"] or None)
        except TijaraError as exc:
            form.add_error("question", exc.message)
        else:
            context["result"] = result
            context["question"] = data["question"]
    if user.is_authenticated:
        # each title is the first question, in the language it was asked in (marked on the page)
        first_language = Message.objects.filter(conversation=OuterRef("pk"), role=Message.Role.USER).order_by(
            "created_at", "id").values("language")[:1]
        context["conversations"] = Conversation.objects.filter(user=user).annotate(
            title_language=Subquery(first_language))[:20]
        if context["conversation"]:
            context["history"] = list(context["conversation"].messages.select_related("feedback"))
    _with_sources([*context.get("history", ()), context["answer_message"]])
    template = "assistant/partials/answer.html" if request.htmx else "assistant/ask.html"
    return render(request, template, context)


@login_required
def answer_poll(request, message_id: int):
    """One of the user's stored answers (htmx polls it while the optional LLM rewrite is pending)."""
    try:
        message = services.message_get(user=request.user, message_id=message_id)
    except NotFound:
        raise Http404 from None
    _with_sources([message])
    return render(request, "assistant/partials/stored_answer.html", {"m": message, "anchor": "answer"})


@login_required
@require_POST
def conversation_delete(request, conversation_id: int):
    try:
        services.conversation_delete(user=request.user, conversation_id=conversation_id)
    except NotFound:
        raise Http404 from None
    messages.success(request, _("Conversation deleted."))
    return redirect("assistant:ask")


@login_required
@require_POST
def feedback(request, message_id: int):
    try:
        value = int(request.POST.get("value", "0"))
        item = services.feedback_set(user=request.user, message_id=message_id, value=value,
                                     comment=request.POST.get("comment", ""))
    except NotFound:
        raise Http404 from None
    except (TijaraError, ValueError):
        return render(request, "assistant/partials/feedback.html", {"message_id": message_id, "error": True},
                      status=400)
    if request.htmx:
        return render(request, "assistant/partials/feedback.html", {"message_id": message_id, "value": item.value})
    return redirect("assistant:ask")


@login_required
def feedback_list(request):
    """Staff (advisors and admins) read the feedback on answers."""
    if not (request.user.is_advisor or request.user.is_platform_admin):
        raise Http404
    items = Feedback.objects.select_related("message__conversation", "user")[:200]
    rows = []
    for item in items:
        question = (Message.objects.filter(conversation=item.message.conversation, role=Message.Role.USER,
                                           created_at__lte=item.message.created_at)
                    .order_by("-created_at", "-id").first())
        rows.append({"feedback": item, "question": question.text if question else "", "answer": item.message})
    return render(request, "assistant/feedback_list.html", {"rows": rows})

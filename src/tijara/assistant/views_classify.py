"""Web face of the HS classifier: a public page where anyone describes a product and sees candidate codes."""

from __future__ import annotations

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from tijara.core import l10n
from tijara.core.errors import TijaraError
from tijara.core.widgets import LanguageSelect

from . import hs_services


class ClassifyForm(forms.Form):
    text = forms.CharField(
        label=_("Describe your product"), max_length=2000,
        error_messages={"required": _("Describe the product: the description is empty.")},
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto",
                                     "placeholder": _("e.g. hand-knotted Berber wool rug")}),
    )
    # not "lang": `?lang=` chooses the page's language site-wide (a French description would turn the page French)
    text_lang = forms.ChoiceField(
        label=_("Language of the description"), required=False,
        choices=[("", _("Detect automatically")), ("ar", "العربية / الدارجة"), ("fr", "\u2068Français\u2069"), ("en", "\u2068English\u2069")],
        widget=LanguageSelect,
    )


def classify_page(request):
    """GET ?text=…: the form and, when a description was given, the ranked candidates."""
    form = ClassifyForm(request.GET if "text" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        try:
            # The page and POST /api/v1/classify share one limit per visitor: each call costs 50-300 ms of CPU.
            from tijara.core.ratelimit import client_key, rate_limit_enforce

            from . import api_classify

            rate_limit_enforce(scope="classify", key=client_key(request), limit=api_classify.CLASSIFY_LIMIT,
                               window_seconds=600)
            answers = [a for a in request.GET.getlist("answer") if a]
            from tijara.accounts.selectors import current_organisation

            org = current_organisation(request) if request.user.is_authenticated else None
            result = hs_services.classify(text=form.cleaned_data["text"], lang=form.cleaned_data["text_lang"] or None,
                                          answers=answers, organisation=org, ui_lang=l10n.language())
        except TijaraError as exc:
            form.add_error("text", exc.message)
    context = {"form": form, "result": result, "answers": request.GET.getlist("answer")}
    if result is not None:
        context.update(_reading(result, form.cleaned_data["text"], context["answers"], l10n.language()))
    if getattr(request, "htmx", False):
        return render(request, "assistant/partials/classify_results.html", context)
    return render(request, "assistant/classify.html", context)


def _question_pair(result, lang: str) -> list:
    """The two candidates the classifier's "which fits better: A — or B?" question names, so the page shows them
    as it shows the list (code isolated, each text in its own language and marked) rather than as one sentence
    mixing scripts; [] for any other question."""
    if not result.question or result.question_attribute or len(result.candidates) < 2:
        return []
    from .hs import engine
    from .hs.messages import msg

    idx = engine.get_index()
    a, b = (c.hs6 for c in result.candidates[:2])
    generic = msg("q_generic", lang, a=f"{a[:4]}.{a[4:]} {engine._choice_text(idx, a, lang)}",
                  b=f"{b[:4]}.{b[4:]} {engine._choice_text(idx, b, lang)}")
    return list(result.candidates[:2]) if result.question == generic else []


def _reading(result, text: str, answers: list[str], lang: str) -> dict:
    """What the page shows around the candidates, in the page's language: the question without its answers
    (they are buttons), the attributes read with the user's own words that gave them, the answers given, and
    each candidate's reasons with its labelled example apart (the example keeps its own language, marked)."""
    from tijara.language.detect import detect_text

    from .hs import messages
    from .hs.engine import source_name
    read = []
    rug_weave = any(r["attribute"] == "weave" for r in result.read)
    for r in result.read:
        if r["attribute"] == "product_type" or f'{r["attribute"]}={r["value"]}' in answers:
            continue  # the type shows in the candidates themselves; answers show as answers
        if rug_weave and r["attribute"] == "construction":
            continue  # a rug's weave says it more precisely ("knotted, with a pile" rather than "woven")
        words = r["words"] if r["words"] and r["words"].lower() in text.lower() else ""  # stems are not shown
        name = messages.label(r["attribute"], r["value"], lang)
        if all(name != seen["label"] for seen in read):
            read.append({"label": name, "words": "" if words.lower() == name.lower() else words})
    given = []
    for a in answers:
        group, _sep, value = a.partition("=")
        if value:
            given.append(messages.label(group, value, lang))
    prompt = messages.prompt(result.question_attribute, lang) if result.question_attribute else ""
    # the engine's notice already says what to do when it is not sure: the badge then needs only its word
    says_why = bool(result.notice) and result.notice == messages.msg("not_confident", lang)
    reasons = []
    for c in result.candidates:
        example = None
        lines = list(c.evidence)
        if c.example:
            shown = f"\u2068{c.example['text'][:80]}\u2069"
            lines = [e for e in lines if shown not in e]
            ex_lang = detect_text(c.example["text"]).lang
            example = {"text": c.example["text"][:80], "lang": ex_lang if ex_lang in ("ar", "fr", "en") else "",
                       "source": (_("your organisation's products") if c.example["source"] == hs_services.OWN_EXAMPLES
                                  else source_name(c.example["source"]))}
        reasons.append({"lines": lines, "example": example})
    nothing_read = bool(result.notice) and messages.msg("no_words", lang) in result.notice
    return {"read_items": read, "given_answers": given, "question_prompt": prompt, "notice_says_why": says_why,
            "nothing_read": nothing_read, "question_pair": _question_pair(result, lang),
            "page_lang": lang, "rows": list(zip(result.candidates, reasons, strict=True))}

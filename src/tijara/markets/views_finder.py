"""Web face of the market finder: search by HS code or description, ranking page with weight sliders, compare."""

from __future__ import annotations

import functools
import json

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError
from tijara.markets import explain, scoring
from tijara.markets.ranking import market_compare, markets_ranked_for
from tijara.markets.selectors import normalise_hs


def _lang() -> str:
    lang = (get_language() or "en")[:2]
    return lang if lang in ("ar", "fr", "en") else "en"


def _weights_from(request: HttpRequest) -> tuple[dict | None, dict[str, int]]:
    """Weights given by the sliders (0–100 each), and the slider positions to show."""
    given = {name: request.GET[name] for name in scoring.COMPONENTS if request.GET.get(name, "") != ""}
    positions = {name: round(100 * weight) for name, weight in scoring.DEFAULT_WEIGHTS.items()}
    for name, value in given.items():
        try:
            positions[name] = round(float(value))
        except (ValueError, OverflowError):
            continue
    if not given:
        return None, positions
    # Sliders send all five; a partial query keeps the missing ones at their default position (same 0–100 scale).
    return {name: given.get(name, positions[name]) for name in scoring.COMPONENTS}, positions


def _classify(text: str, lang: str):
    """HS candidates for a description from the assistant's classifier, or None when it is not available."""
    try:
        from tijara.assistant.hs_services import classify
    except ImportError:
        return None
    try:
        return classify(text=text, lang=lang, top=5)
    except TijaraError:
        return None


def _own_product(request: HttpRequest, product_id: str):
    """The product `product_id` of one of the user's organisations; 404 for anyone else's (or an unknown id)."""
    from tijara.accounts.selectors import organisations_for
    from tijara.catalog.selectors import products_for

    if not product_id.isdigit() or not request.user.is_authenticated:
        raise Http404(_("No such product."))
    for organisation in organisations_for(user=request.user):
        product = products_for(organisation=organisation).filter(pk=int(product_id)).first()
        if product is not None:
            return product
    raise Http404(_("No such product."))


def _product_query(product) -> str:
    """What the finder searches for a product: its HS code (confirmed or suggested), else its description."""
    from tijara.catalog.services import product_description_for_hs

    digits = normalise_hs(product.hs_code or "")
    return digits if digits.isdigit() else product_description_for_hs(product)


@functools.cache
def _arabic_labels() -> dict:
    """The project's Arabic labels of HS subheadings and headings (the classifier's, marked a translation)."""
    from tijara.assistant.hs.engine import HS_DIR

    labels = json.loads((HS_DIR / "labels_ar.json").read_text(encoding="utf-8"))
    return {**labels["headings"], **labels["subheadings"]}


def _description(ranking, lang: str, code: str = "") -> dict:
    """The code's official text in the page's language when there is one; on an Arabic page the project's Arabic
    label when it has one (marked a translation, as the HS page does); else the English text, which the page then
    marks as English (a French one falls back to the English)."""
    english = ranking.description["en"]
    text = ranking.description.get(lang) or english
    if text != english:  # the EU CN lines under the subheading, stored joined by " | ": one sentence each
        text = " ; ".join(line.strip() for line in text.split(" | ") if line.strip())
    if lang == "ar" and text == english and code in _arabic_labels():
        return {"description": _arabic_labels()[code], "description_language": "ar", "description_translated": True,
                "hs_shown": _dotted(code)}
    return {"description": text, "description_language": "en" if lang != "en" and text == english else lang,
            "hs_shown": _dotted(code)}


def _dotted(code: str) -> str:
    """A subheading as people write it (5701.10), isolated as a code (U+2068 … U+2069, also in the page title); a
    heading or a longer code as given."""
    return f"\u2068{code[:4]}.{code[4:]}\u2069" if len(code) == 6 and code.isdigit() else code


def finder_index(request: HttpRequest) -> HttpResponse:
    """Start page: an HS code goes straight to its ranking; a description goes through the HS classifier.

    `?product=<id>` (a product of the user's organisation) fills the search from the product and runs it at once.
    """
    query = (request.GET.get("q") or "").strip()
    product_id = (request.GET.get("product") or "").strip()
    if product_id and not query:
        query = _product_query(_own_product(request, product_id))[:500]
    context: dict = {"query": query, "candidates": None, "classifier_missing": False}
    if query:
        digits = normalise_hs(query)
        if digits.isdigit():
            return redirect(reverse("markets:finder_product", args=[digits]))
        result = _classify(query, _lang())
        if result is None:
            context["classifier_missing"] = True
        else:
            context["candidates"] = result.candidates
            context["classification"] = result
    return render(request, "markets/finder/index.html", context)


def _components(market: scoring.MarketScore, lang: str) -> list[dict]:
    labels = explain.component_labels(lang)
    sentences = explain.component_sentences(market, lang)
    return [
        {
            "name": name,
            "label": labels[name],
            "c": market.components[name],
            "sentence": sentences.get(name, ""),
            "tier": explain.tier_label(market.components[name].tier, lang),
        }
        for name in scoring.COMPONENTS
    ]


def finder_product(request: HttpRequest, hs: str) -> HttpResponse:
    """Markets ranked for one product; the sliders re-rank through htmx (the partial is the same table)."""
    lang = _lang()
    weights, positions = _weights_from(request)
    error = None
    try:
        ranking = markets_ranked_for(hs, weights=weights)
    except TijaraError as exc:
        if exc.code != "invalid_weights":
            return render(request, "markets/finder/error.html", {"error": exc, "hs": hs}, status=exc.status)
        error = exc.message
        ranking = markets_ranked_for(hs)
        positions = {name: round(100 * weight) for name, weight in scoring.DEFAULT_WEIGHTS.items()}
    rows = [
        {"m": m, "explanation": m.explanation(lang), "components": _components(m, lang),
         "range": explain.score_range_text(m, lang), "reasons": explain.summary_reasons(m, lang)}
        for m in ranking.markets
    ]
    others = [
        {"m": m, "explanation": explain.not_ranked_sentence(m, lang), "components": _components(m, lang)}
        for m in ranking.insufficient
    ]
    context = {
        "ranking": ranking,
        "hs": ranking.hs,
        **_description(ranking, lang, ranking.hs),
        "rows": rows,
        "others": others,
        "error": error,
        # the "Why these default weights?" text reads its numbers from the scoring module, never typed in the text
        "default_weights": {name: round(100 * w) for name, w in scoring.DEFAULT_WEIGHTS.items()},
        "sliders": [
            {"name": name, "label": explain.component_labels(lang)[name], "value": positions[name],
             "effective": round(100 * ranking.weights[name])}
            for name in scoring.COMPONENTS
        ],
        "component_labels": explain.component_labels(lang),
    }
    template = "markets/finder/partials/results.html" if request.htmx else "markets/finder/product.html"
    return render(request, template, context)


def finder_compare(request: HttpRequest, hs: str) -> HttpResponse:
    """Two to four markets side by side for one product."""
    lang = _lang()
    codes = [c for value in request.GET.getlist("m") for c in value.split(",") if c.strip()]
    weights, _positions = _weights_from(request)
    try:
        ranking, chosen = market_compare(hs, codes, weights=weights)
    except TijaraError as exc:
        return render(request, "markets/finder/error.html", {"error": exc, "hs": hs}, status=exc.status)
    labels = explain.component_labels(lang)
    table = []
    for name in scoring.COMPONENTS:
        cells = []
        for market in chosen:
            sentences = explain.component_sentences(market, lang)
            cells.append({"c": market.components[name], "sentence": sentences.get(name, ""), "ranked": market.ranked,
                          "tier": explain.tier_label(market.components[name].tier, lang)})
        table.append({"name": name, "label": labels[name], "cells": cells})
    context = {
        "ranking": ranking,
        "hs": ranking.hs,
        **_description(ranking, lang, ranking.hs),
        "chosen": chosen,
        "explanations": [m.explanation(lang) for m in chosen],
        "table": table,
        "title": _("Compare markets"),
    }
    return render(request, "markets/finder/compare.html", context)

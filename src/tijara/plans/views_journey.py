"""The artisan's export to-do per product: pick a product → customs code → markets → price → plan → sell online.

Question pages are plain GET/POST → redirect; htmx only refreshes the product search. Choices are saved on the
product's Journey row, so every step can be left, reloaded, bookmarked and resumed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from tijara.accounts.selectors import can_write, current_organisation
from tijara.core import l10n
from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.plans import charts
from tijara.plans import journey as J


def _lang() -> str:
    return (translation.get_language() or "en")[:2]


def _product(request, pk: int, *, write: bool = False):
    try:
        return J.product_for_journey(user=request.user, pk=pk, write=write)
    except NotFound as exc:
        raise Http404(exc.message) from exc


def _thumb(product) -> str:
    photo = next(iter(product.photos.all()), None)
    if photo is None:
        return ""
    f = photo.thumbnail or photo.web or photo.original
    return f.url if f else ""


def _context(request, product, journey, step: str, **extra) -> dict:
    tasks = J.export_tasks_for(product=product, journey=journey)
    current = next((t for t in tasks if t.key == step), None)
    return {"product": product, "journey": journey, "tasks": tasks, "current": current, "step": step,
            "title": J.product_title(product, _lang()), "thumb": _thumb(product),
            "can_edit": can_write(user=request.user, organisation=product.organisation),
            "code": J.confirmed_code(product, journey), "total_steps": len(tasks), **extra}


def _save(request, product, **fields):
    try:
        return J.journey_set(actor=request.user, product=product, **fields), None
    except PermissionDenied as exc:
        raise Http404(exc.message) from exc
    except TijaraError as exc:
        return None, exc.message


@login_required
def start(request):
    """Pick a product (titles in the page's language, photo, search)."""
    organisation = current_organisation(request)
    q = (request.GET.get("q") or "").strip()
    rows = []
    if organisation is not None and organisation.is_seller:
        from tijara.catalog.selectors import filter_products, products_for

        qs = products_for(organisation=organisation)
        if q:
            qs = filter_products(qs, q=q)
        for product in qs[:60]:
            journey = J.journey_for(product=product)
            tasks = J.export_tasks_for(product=product, journey=journey)
            rows.append({"product": product, "title": J.product_title(product, _lang()), "thumb": _thumb(product),
                         "done": sum(t.status == "done" for t in tasks), "next": J.next_task(tasks),
                         "total": len(tasks)})
    template = "plans/journey/partials/products.html" if request.htmx else "plans/journey/start.html"
    return render(request, template, {"rows": rows, "q": q, "organisation": organisation})


@login_required
def todo(request, pk: int):
    """The product's export to-do: six steps with their status."""
    product = _product(request, pk)
    journey = J.journey_for(product=product)
    ctx = _context(request, product, journey, "")
    ctx["next"] = J.next_task(ctx["tasks"])
    return render(request, "plans/journey/todo.html", ctx)


@login_required
def step_product(request, pk: int):
    product = _product(request, pk)
    return redirect(reverse("catalog:edit", kwargs={"slug": product.organisation.slug, "sku": product.sku}))


@login_required
def step_code(request, pk: int):
    """Confirm the customs code: the classifier's candidates and its separating question as buttons."""
    product = _product(request, pk)
    journey = J.journey_for(product=product)
    error = None
    if request.method == "POST":
        saved, error = _save(request, product, hs_code=request.POST.get("hs", ""))
        if saved:
            return redirect("plans:journey_markets", pk=product.pk)
    from tijara.assistant import hs_services

    answers = [a for a in request.GET.getlist("answer") if a]
    text = J.product_description(product, _lang()) or product.sku
    result = None
    try:
        result = hs_services.classify(text=text, lang=None, top=4, answers=answers,
                                      organisation=product.organisation).to_dict()
    except TijaraError as exc:
        error = error or exc.message
    current = J.confirmed_code(product, journey)
    found = {c["hs6"]: c for c in (result or {}).get("candidates", [])}
    order = ([current] if current else []) + [code for code in found if code != current]
    candidates = []
    for code in order:
        c = found.get(code)
        # the classifier's text when it speaks the page's language (the closest line; an Arabic project translation
        # on Arabic pages), else the subheading's text for this language, with the language it is really in
        if c and c.get("description") and result.get("language") == _lang():
            label = {"text": c["description"], "source": c.get("description_source") or "official",
                     "lang": "ar" if c.get("description_source") == "project translation" else (
                         "en" if _lang() == "ar" else _lang())}
        else:
            label = hs_services.hs6_label_for(code=code, lang=_lang())
        candidates.append({"hs6": code, "label": label["text"], "lang": label["lang"], "source": label["source"],
                           "current": code == current})
    return render(request, "plans/journey/code.html", _context(
        request, product, journey, "code", result=result, candidates=candidates, answers=answers, error=error))


def _ranking(code: str):
    from tijara.markets.ranking import markets_ranked_for

    try:
        return markets_ranked_for(code), None
    except TijaraError as exc:
        return None, exc.message


@login_required
def step_markets(request, pk: int):
    """Markets ranked for the confirmed code: a bar chart of scores, a table, compare up to three, choose one."""
    product = _product(request, pk)
    journey = J.journey_for(product=product)
    code = J.confirmed_code(product, journey)
    if not code:
        messages.info(request, _("Confirm the customs code first."))
        return redirect("plans:journey_code", pk=product.pk)
    error = None
    if request.method == "POST":
        picked = request.POST.getlist("market")
        if "choose" in request.POST:
            saved, error = _save(request, product, market=request.POST.get("choose", ""))
            if saved:
                return redirect("plans:journey_price", pk=product.pk)
        else:
            saved, error = _save(request, product, markets=picked)
            if saved:
                return redirect("plans:journey_markets", pk=product.pk)
    lang = _lang()
    ranking, rank_error = _ranking(code)
    rows = []
    chart = ""
    if ranking is not None:
        from tijara.plans.templatetags.plans_tags import component_label

        for m in ranking.top(10):
            data = ranking.market_dict(m, lang)
            rows.append({
                "iso3": m.iso3, "name": l10n.country_name(m.iso3), "score": data["score"],
                "rank": data["rank"], "explanation": data["explanation"], "coverage": data["coverage"],
                "score_low": data["score_low"], "score_high": data["score_high"],
                "components": [{"label": component_label(name),
                                "value": None if c.get("normalised") is None else round(c["normalised"] * 100),
                                "missing": c.get("missing"), "source": c.get("source"), "year": c.get("year")}
                               for name, c in data["components"].items()],
                "compared": m.iso3 in journey.markets, "chosen": m.iso3 == journey.market,
            })
        # markets are ranked on the low end of their score range: the bar shows that end, the text the whole range
        bars = [charts.Bar(label=r["name"], value=float(_low(r)), text=_range_text(r)) for r in rows[:6]]
        if bars:
            chart = charts.score_bars(
                bars, title=_("Market score out of 100"), rtl=translation.get_language_bidi(),
                desc=_("%(first)s scores highest for this product.") % {"first": rows[0]["name"]})
    compared = [r for r in rows if r["compared"]]
    return render(request, "plans/journey/markets.html", _context(
        request, product, journey, "markets", rows=rows, chart=chart, compared=compared,
        error=error or rank_error, component_names=[c["label"] for c in rows[0]["components"]] if rows else []))


def _low(row: dict) -> float:
    return row["score_low"] if row.get("score_low") is not None else (row["score"] or 0)


def _range_text(row: dict) -> str:
    low, high = row.get("score_low"), row.get("score_high")
    if low is None or high is None or round(low) == round(high):
        return l10n.num(row["score"], 0)
    return f"\u2066{l10n.num(low, 0)}–{l10n.num(high, 0)}\u2069"  # left-to-right isolate: reads 48–60 in Arabic too


STACK_ORDER = ("product", "packing", "transport", "duty", "vat", "fees")


def _price_for(product, code: str, market: str, channel: str, freight, organisation):
    """One market's priced sale for the product (or the reason it cannot be priced)."""
    from tijara.pricing import services as pricing

    variant = product.variants.order_by("position", "pk").first()
    exw = variant.price_mad if variant else None
    weight = product.packed_weight_kg or product.weight_kg
    if not exw or not weight:
        return None, _("Add a price and a weight to the product first.")
    dims = None
    if product.packed_length_cm and product.packed_width_cm and product.packed_height_cm:
        dims = f"{product.packed_length_cm}x{product.packed_width_cm}x{product.packed_height_cm}"
    try:
        result = pricing.price_calculate(hs=code, market=market, exw=exw, currency="MAD", weight_kg=weight,
                                         dims_cm=dims, channel=channel or "direct", freight=freight,
                                         organisation=organisation).as_dict()
    except TijaraError as exc:
        return None, exc.message
    return result, None


def _stack(result: dict, market_name: str, rtl: bool, ident: str) -> dict:
    """The buyer's landed cost as one stacked bar; lines in the buyer's currency."""
    currency = result["landed_cost"]["currency"]
    segments = []
    for line in result["lines"]:
        try:
            amount = float(line["amount"])
        except (TypeError, ValueError):
            continue
        if line.get("currency") != currency or amount <= 0:
            continue
        segments.append(charts.Segment(label=str(line["label"]), value=amount))
    if len(segments) > 6:
        rest = sum(s.value for s in segments[5:])
        segments = segments[:5] + [charts.Segment(label=_("Other costs"), value=rest)]
    total = result["landed_cost"]["amount"]
    svg = charts.cost_stack(
        segments, total_text=l10n.money(total, currency) if total else l10n.not_given(),
        title=_("What the buyer pays in %(market)s") % {"market": market_name},
        desc=_("Landed cost, line by line."), rtl=rtl, ident=ident)
    return {"svg": svg, "legend": charts.stack_legend(segments)}


@login_required
def step_price(request, pk: int):
    """Price the product for the chosen market (and up to two more side by side) and one channel."""
    product = _product(request, pk)
    journey = J.journey_for(product=product)
    if not journey.market:
        messages.info(request, _("Choose a market first."))
        return redirect("plans:journey_markets", pk=product.pk)
    error = None
    if request.method == "POST":
        saved, error = _save(request, product, channel=request.POST.get("channel", ""),
                             freight_mad=request.POST.get("freight", ""))
        if saved:
            return redirect("plans:journey_price", pk=product.pk)
    from tijara.pricing.fees import CHANNEL_LABELS

    code = J.confirmed_code(product, journey)
    channel = request.GET.get("channel") or journey.channel or "etsy"
    if channel not in J.JOURNEY_CHANNELS:
        channel = "etsy"
    rtl = translation.get_language_bidi()
    columns = []
    if journey.freight_mad:
        for i, market in enumerate([journey.market] + [m for m in journey.markets if m != journey.market]):
            name = l10n.country_name(market)
            result, reason = _price_for(product, code, market, channel, journey.freight_mad, product.organisation)
            columns.append({"iso3": market, "name": name, "result": result, "reason": reason,
                            "chosen": market == journey.market,
                            "chart": _stack(result, name, rtl, f"stack{i}") if result else ""})
    channels = [(c, CHANNEL_LABELS[c]) for c in J.JOURNEY_CHANNELS]
    return render(request, "plans/journey/price.html", _context(
        request, product, journey, "price", columns=columns, channels=channels, channel=channel, error=error,
        freight=request.POST.get("freight") or (journey.freight_mad or "")))


@login_required
def step_plan(request, pk: int):
    """Save the export plan from the choices made, then open it."""
    product = _product(request, pk)
    journey = J.journey_for(product=product)
    tasks = J.export_tasks_for(product=product, journey=journey)
    task = next(t for t in tasks if t.key == "plan")
    error = None
    if request.method == "POST" and task.status != "blocked":
        from tijara.plans import services

        try:
            plan = services.plan_create(
                actor=request.user, organisation=product.organisation, market=journey.market, language=_lang(),
                product=product, hs=J.confirmed_code(product, journey), channel=journey.channel or "direct",
                parameters={"freight": journey.freight_mad})
        except PermissionDenied as exc:
            raise Http404(exc.message) from exc
        except TijaraError as exc:
            error = exc.message
        else:
            J.journey_set(actor=request.user, product=product, plan=plan)
            messages.success(request, _("Your export plan is saved."))
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/journey/plan.html", _context(request, product, journey, "plan", task=task,
                                                               error=error))


@login_required
def step_sell(request, pk: int):
    """Where the product can be listed: each channel ready or blocked (from the saved plan), and the channels page."""
    product = _product(request, pk)
    journey = J.journey_for(product=product)
    rows = []
    if journey.plan_id:
        for row in (journey.plan.result.get("channels") or {}).get("results") or []:
            errors = [p["message"] for p in row.get("problems") or [] if p.get("severity") == "error"]
            rows.append({"channel": row["channel"], "ready": row.get("state") == "ready", "errors": errors[:3],
                         "more": max(0, len(errors) - 3)})
    return render(request, "plans/journey/sell.html", _context(request, product, journey, "sell", rows=rows))

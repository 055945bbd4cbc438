"""The plan's one-page summary (product, code in words, market and why, duty, landed price, documents, next steps).

Built from the saved plan's JSON only, so the page and the PDF print the same summary.
"""

from __future__ import annotations

from django.utils.translation import gettext as _


def _why(market: dict) -> list[str]:
    """Three lines: the market's strongest components, named in the page's language, with their score out of 100."""
    from tijara.core import l10n
    from tijara.plans.templatetags.plans_tags import component_label

    parts = [(name, c) for name, c in (market.get("components") or {}).items()
             if isinstance(c, dict) and not c.get("missing") and c.get("normalised") is not None]
    parts.sort(key=lambda item: -(item[1].get("contribution") or 0))
    return [_("%(component)s: %(score)s out of 100") % {"component": component_label(name),
                                                        "score": l10n.num(round(c["normalised"] * 100))}
            for name, c in parts[:3]]


def plan_summary(*, result: dict, product=None, photo_url: str = "") -> dict:
    """What the summary page shows; missing parts are None (the template says "Not given")."""
    hs = result.get("hs") or {}
    market = result.get("market") or {}
    duties = result.get("duties") or {}
    price = result.get("price") or {}
    checklist = result.get("checklist") or {}
    with_proof = duties.get("with_origin_proof") or {}
    duty = None
    if with_proof.get("known"):
        duty = ((with_proof.get("preferential") or {}).get("rate") or (with_proof.get("mfn") or {}).get("rate"))
    documents: list[str] = []
    for item in checklist.get("items") or []:
        for doc in str(item.get("documents") or "").split(";"):
            doc = doc.strip()
            if doc and doc not in documents:
                documents.append(doc)
    steps = [item.get("title") for item in (checklist.get("items") or []) if item.get("title")][:3]
    if not steps:
        steps = [_("Confirm the customs code with a customs broker."), _("Ask a courier for a shipping quote."),
                 _("Prepare the invoice and the certificate of origin.")]
    landed = price.get("landed_cost") or {}
    hs_text, hs_lang = hs.get("description"), hs.get("description_language")
    for c in (hs.get("classification") or {}).get("candidates") or []:
        if c.get("hs6") == hs.get("hs6") and c.get("description"):  # the classifier's plainer words for this code
            hs_text = c["description"]
            if c.get("description_source") == "project translation":
                hs_lang = "ar"
            break
    return {
        "photo": photo_url,
        "hs6": hs.get("hs6"), "hs_text": hs_text, "hs_lang": hs_lang,
        "market_name": market.get("name"), "market_score": market.get("score"),
        "market_score_text": market.get("score_text"), "why": _why(market),
        "duty": duty, "landed": landed.get("amount") if price.get("available") else None,
        "landed_currency": landed.get("currency"),
        "retail": (price.get("retail_price") or {}).get("amount") if price.get("available") else None,
        "retail_currency": (price.get("retail_price") or {}).get("currency"),
        "documents": documents[:4], "steps": steps,
    }


def plan_extras(*, plan, rtl: bool, for_pdf: bool = False) -> dict:
    """Summary, checklist progress ("7 of 16 done") and the landed-cost stack of a saved plan, as template context."""
    from tijara.core import l10n
    from tijara.plans import charts

    photo_url = ""
    product = plan.product
    if product is not None:
        photo = product.photos.order_by("position", "pk").first()
        f = photo and (photo.thumbnail or photo.web or photo.original)
        if f:
            try:
                photo_url = ("file://" + f.path) if for_pdf else f.url
            except (NotImplementedError, ValueError):
                photo_url = "" if for_pdf else f.url
    summary = plan_summary(result=plan.result, product=product, photo_url=photo_url)
    checklist_chart = ""
    if product is not None or plan.hs_code:
        from tijara.core.errors import TijaraError
        from tijara.knowledge.selectors import checklist_for

        try:
            subject = product.sku if product is not None else f"hs:{plan.hs_code}"
            checklist = checklist_for(hs=(plan.result.get("hs") or {}).get("hs6") or plan.hs_code or None,
                                      market=plan.market, language=plan.language,
                                      organisation=plan.organisation, subject=subject)
        except TijaraError:
            checklist = None
        if checklist is not None and checklist.items:
            done = sum(1 for item in checklist.items if item.done)
            text = _("%(done)s of %(total)s done") % {"done": l10n.num(done), "total": l10n.num(len(checklist.items))}
            checklist_chart = {"svg": charts.progress_bar(done, len(checklist.items), text=text, rtl=rtl,
                                                          ident="checklist"), "text": text}
    stack_chart = ""
    price = plan.result.get("price") or {}
    if price.get("available"):
        from tijara.plans.views_journey import _stack

        stack_chart = _stack(price, l10n.country_name(plan.market), rtl, "planstack")
    return {"summary": summary, "checklist_chart": checklist_chart, "stack_chart": stack_chart}

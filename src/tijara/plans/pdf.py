"""PDF export of a plan with WeasyPrint: Arabic shaped right-to-left (Noto Naskh Arabic / Amiri), fr and en."""

from __future__ import annotations

from types import SimpleNamespace

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.dateparse import parse_datetime


def result_pdf(*, result: dict, language: str, title: str, market: str, organisation_name: str = "",
               warnings: list[str] | None = None, extras=None) -> bytes:
    """Render a computed plan (the JSON of plan_compose) as a PDF in `language`."""
    from weasyprint import HTML

    plan = SimpleNamespace(title=title, market=market, organisation=SimpleNamespace(public_name=organisation_name),
                           computed_at=parse_datetime(result.get("computed_at") or ""))
    with translation.override(language):
        html = render_to_string("plans/pdf.html", {
            "plan": plan, "result": result, "warnings": warnings or [],
            "fact_site": settings.SITE_URL,  # a PDF links a fact's page by its full address
            "LANGUAGE_CODE": language, "BIDI": translation.get_language_bidi(),
            **(extras(translation.get_language_bidi()) if extras else {}),
        })
    return HTML(string=html, base_url=".").write_pdf()


def plan_pdf(*, plan, language: str | None = None) -> bytes:
    """Render a saved plan as a PDF in its language (or `language`)."""
    from tijara.plans.selectors import plan_warnings
    from tijara.plans.summary import plan_extras

    language = language or plan.language
    with translation.override(language):
        warnings = plan_warnings(plan=plan, in_words=True)
    return result_pdf(result=plan.result, language=language, title=plan.title, market=plan.market,
                      organisation_name=plan.organisation.public_name, warnings=warnings,
                      extras=lambda rtl: plan_extras(plan=plan, rtl=rtl, for_pdf=True))

"""Sentences that explain a market's score, in the reader's language (gettext catalogues, Babel numbers).

Every number is written with its source and year; what is missing is said; a range and the number of
figures behind it go with every score ("62–78, based on 3 of 6 figures").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from tijara.core.l10n import locale_for, source_language, tidy_marks, written_in
from tijara.core.l10n import period as period_words
from tijara.markets.scoring import COMPONENTS, AccessInput, MarketScore, translated
from tijara.markets.tiers import INTERNATIONAL, LOW, OFFICIAL, PRESS

LANGUAGES = ("en", "fr", "ar")

COMPONENT_NAMES = {
    "demand": gettext_lazy("demand for this product"),
    "size": gettext_lazy("market size and growth (all goods, not this product)"),
    "foothold": gettext_lazy("Morocco's foothold"),
    "access": gettext_lazy("market access"),
    "proximity": gettext_lazy("proximity"),
    "burden": gettext_lazy("requirements"),
}

TIER_NAMES = {
    OFFICIAL: gettext_lazy("official publisher or statistics office"),
    INTERNATIONAL: gettext_lazy("international organisation or industry association"),
    PRESS: gettext_lazy("press"),
    LOW: gettext_lazy("blog, shop or marketing page"),
}


def _iso(text: str, lang: str) -> str:
    """A source name isolated from the sentence's direction in Arabic (U+2068 … U+2069), so Latin names with
    brackets and dashes do not flip inside a right-to-left sentence; as is in other languages."""
    return f"\u2068{text}\u2069" if lang == "ar" and text else text


@lru_cache(maxsize=512)
def source_lang(source: str) -> str:
    """The language a source is named in (`l10n.source_language`); market and tariff data name their sources in
    English, so a name of several words the detector cannot tell reads as English; a one-word name or an address is
    in no language ("")."""
    return source_language(source) or ("en" if " " in (source or "").strip() else "")


def _source(text: str, lang: str) -> str:
    """A source named inside a sentence: isolated (`_iso`) and, on a page in another language, followed by the
    language it is written in ("CEPII GeoDist (en anglais)", `l10n.written_in`)."""
    mark = written_in(source_lang(text)) if text and source_lang(text) else ""
    return _iso(text, lang) + (f" ({mark})" if mark else "")


def _lang(lang: str | None) -> str:
    lang = (lang or "en")[:2]
    return lang if lang in LANGUAGES else "en"


def component_label(name: str, lang: str = "en") -> str:
    with translation.override(_lang(lang)):
        return str(COMPONENT_NAMES[name])


def component_labels(lang: str = "en") -> dict[str, str]:
    with translation.override(_lang(lang)):
        return {name: str(COMPONENT_NAMES[name]) for name in COMPONENTS}


def tier_label(tier: int | None, lang: str = "en") -> str:
    """The source quality tier in words ("official publisher or statistics office"): what the tier means, never its
    number (the number stays in the JSON's `tier`)."""
    if tier is None:
        return ""
    with translation.override(_lang(lang)):
        return str(TIER_NAMES[tier])


def format_number(value: float, lang: str, digits: int = 1) -> str:
    """A plain number in the language's conventions (at most `digits` decimals)."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale_for(_lang(lang)))


def format_money(value: float, currency: str, lang: str) -> str:
    """A compact amount (e.g. "$2.21B", "2,21 Md $US")."""
    from babel.numbers import format_compact_currency

    return format_compact_currency(value, currency, locale=locale_for(_lang(lang)), fraction_digits=2)


def format_date(value: date, lang: str) -> str:
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format="long", locale=locale_for(_lang(lang)))


def period_text(period: str, year: int | None, lang: str) -> str:
    return period_words(period, year, lang=_lang(lang)) if ".." in period else (str(year) if year else "—")


def score_range_text(market: MarketScore, lang: str = "en") -> str:
    """"62–78, based on 3 of 6 figures" (or "70, based on 6 of 6 figures" when the range is a point)."""
    lang = _lang(lang)
    import math

    low, high = math.floor(market.score_low + 1e-9), math.ceil(market.score_high - 1e-9)
    numbers = format_number(low, lang, 0) if low == high else (
        f"{format_number(low, lang, 0)}–{format_number(high, lang, 0)}")
    with translation.override(lang):
        return ngettext(
            "%(range)s, based on %(n)s of %(total)s figure",
            "%(range)s, based on %(n)s of %(total)s figures",
            market.total,
        ) % {"range": numbers, "n": market.figures, "total": market.total}


def _level_text(level: str) -> str:
    return {
        "HS6": _("HS6 subheading"),
        "HS4": _("HS4 heading"),
        "HS2": _("whole chapter"),
    }.get(level, level)


def _sep() -> str:
    return pgettext("list separator between clauses", "; ")


def _comma() -> str:
    return pgettext("list separator between items", ", ")


def component_sentences(market: MarketScore, lang: str = "en") -> dict[str, str]:
    """One sentence fragment per component with data (numbers with their source and year)."""
    lang = _lang(lang)
    with translation.override(lang):
        return _component_sentences(market, lang)


def _component_sentences(market: MarketScore, lang: str) -> dict[str, str]:
    inputs = market.inputs
    out: dict[str, str] = {}
    c = market.components
    if not c["demand"].missing and inputs.demand:
        d = inputs.demand
        text = _("imports %(value)s of HS %(code)s (%(level)s) in %(year)s (%(source)s)") % {
            "value": format_money(d.value_usd, "USD", lang), "code": d.code, "level": _level_text(d.level),
            "year": d.year or "—", "source": _source(d.source, lang)}
        if d.growth_pct is not None:
            text += _(", %(growth)s%% a year since %(year)s") % {
                "growth": format_number(d.growth_pct, lang), "year": d.previous_year}
        out["demand"] = text
    if not c["size"].missing and inputs.size:
        s = inputs.size
        bits = []
        if s.imports_usd is not None:
            bits.append(_("imports %(value)s of all goods in %(year)s") % {
                "value": format_money(s.imports_usd, "USD", lang), "year": s.year or "—"})
        if s.growth_pct is not None:
            bits.append(_("%(growth)s%% a year since %(year)s") % {
                "growth": format_number(s.growth_pct, lang), "year": s.previous_year})
        if s.gdp_per_head_usd is not None:
            bits.append(_("GDP per head %(value)s") % {"value": format_money(s.gdp_per_head_usd, "USD", lang)})
        out["size"] = _("country-level market size, not demand for this product: %(facts)s (%(source)s)") % {
            "facts": _comma().join(bits), "source": _source(s.source, lang)}
    if not c["foothold"].missing and inputs.foothold:
        f = inputs.foothold
        if f.unit == "share_pct":
            values = {"share": format_number(f.value, lang), "period": period_text(f.period, f.year, lang),
                      "source": _source(f.source, lang)}
            if c["foothold"].details.get("largest"):
                out["foothold"] = _("the largest buyer of Moroccan handicrafts: %(share)s%% of official handicraft "
                                    "exports (%(period)s, %(source)s)") % values
            else:
                out["foothold"] = _("takes %(share)s%% of Morocco's official handicraft exports "
                                    "(%(period)s, %(source)s)") % values
        elif f.value > 0:
            out["foothold"] = _("Morocco exported %(value)s of this product there in %(year)s (%(source)s)") % {
                "value": format_money(f.value, "USD", lang), "year": f.year or "—", "source": _source(f.source, lang)}
        else:
            out["foothold"] = _("no Moroccan exports of this product recorded there in %(year)s (%(source)s)") % {
                "year": f.year or "—", "source": _source(f.source, lang)}
        if f.unit != "share_pct" and f.official is not None:
            out["foothold"] += _(" (official handicraft figures: %(share)s%% of exports, %(period)s, %(source)s)") % {
                "share": format_number(f.official.value, lang),
                "period": period_text(f.official.period, f.official.year, lang), "source": _source(f.official.source, lang)}
    if not c["access"].missing and inputs.access:
        out["access"] = _access_sentence(inputs.access, lang)
    if not c["proximity"].missing and inputs.proximity:
        p = inputs.proximity
        bits = []
        if p.distance_km:
            bits.append(_("%(distance)s km from Morocco") % {"distance": format_number(p.distance_km, lang, 0)})
        if p.common_language:
            shared = translated(p.languages, lang)
            bits.append(_("shares an official language (%(languages)s)") % {"languages": shared} if shared
                        else _("shares an official language"))
        if p.colonial_tie:
            bits.append(_("historical colonial tie"))
        if bits:
            out["proximity"] = _("%(facts)s (%(source)s %(year)s)") % {
                "facts": _comma().join(bits), "source": _iso(p.source, lang), "year": p.year or ""}
            out["proximity"] = out["proximity"].replace(" )", ")")
            mark = written_in(source_lang(p.source)) if source_lang(p.source) else ""
            if mark:  # after the year the bracket holds: "(CEPII GeoDist 2011) (en anglais)"
                out["proximity"] += f" ({mark})"  # then joined into that bracket (`tidy_marks`)
    if not c["burden"].missing and inputs.burden:
        b = inputs.burden
        out["burden"] = ngettext(
            "%(count)s requirement for this product family (%(source)s)",
            "%(count)s requirements for this product family (%(source)s)",
            b.count,
        ) % {"count": b.count, "source": _source(f"{b.source}, {b.year}" if b.year else b.source, lang)}
    return {name: tidy_marks(text) for name, text in out.items()}  # "(X (en anglais))" → "(X, en anglais)"


def _mfn_text(a: AccessInput, lang: str) -> str:
    """The MFN rate competitors pay, as a number or a range ("8,5–10") of the language; "" when unknown."""
    if a.mfn_range and a.mfn_range[0] != a.mfn_range[1]:
        return f"{format_number(a.mfn_range[0], lang, 2)}–{format_number(a.mfn_range[1], lang, 2)}"
    return a.mfn_text or (format_number(a.mfn_pct, lang, 2) if a.mfn_pct is not None else "")


def _access_sentence(a: AccessInput, lang: str) -> str:
    mfn = _mfn_text(a, lang)
    values = {"morocco": format_number(a.morocco_pct or 0, lang), "agreement": translated(a.agreement, lang),
              "proof": translated(a.proof, lang) or "—", "mfn": mfn, "source": _source(a.source, lang)}
    if a.morocco_pct is not None and a.agreement:
        if a.morocco_pct == 0:
            text = (_("duty-free with %(proof)s under the %(agreement)s, versus %(mfn)s%% MFN for competitors "
                      "(%(source)s)") if mfn else _("duty-free with %(proof)s under the %(agreement)s (%(source)s)"))
        else:
            text = (_("%(morocco)s%% duty with %(proof)s under the %(agreement)s, versus %(mfn)s%% MFN for "
                      "competitors (%(source)s)") if mfn
                    else _("%(morocco)s%% duty with %(proof)s under the %(agreement)s (%(source)s)"))
        text = text % values
    elif mfn:
        text = _("%(mfn)s%% MFN duty, no preference for Moroccan goods found (%(source)s)") % values
    else:
        text = ""
    extra = []
    for s in a.surcharges:
        start = format_date(s.start, lang) if s.start else "—"
        name = _iso(translated(s.name, lang), lang)
        if not s.known:
            extra.append(_("status of additional duties unknown since %(start)s (%(name)s)") % {
                "start": start, "name": name})
        elif s.end:
            extra.append(_("%(rate)s%% %(name)s in force from %(start)s to %(end)s") % {
                "rate": format_number(s.rate_pct or 0, lang), "name": name, "start": start,
                "end": format_date(s.end, lang)})
        else:
            extra.append(_("%(rate)s%% %(name)s in force since %(start)s") % {
                "rate": format_number(s.rate_pct or 0, lang), "name": name, "start": start})
    # the rule's own wording, as the access data writes it (English): isolated, and marked English elsewhere
    parcel = ""
    if a.parcel_text:
        mark = written_in("en")
        parcel = f" ({_iso(a.parcel_text, lang)})" + (f" ({mark})" if mark else "")
    if a.parcel_relief is False:
        extra.append(_("no duty relief for low-value parcels") + parcel)
    elif a.parcel_relief is True:
        extra.append(_("low-value parcels relieved of duty") + parcel)
    return _sep().join([x for x in [text, *extra] if x])


def explain(market: MarketScore, lang: str = "en") -> str:
    """A short text per market from its components, strongest contribution first, then what is missing."""
    lang = _lang(lang)
    with translation.override(lang):
        sentences = _component_sentences(market, lang)
        order = sorted(sentences, key=lambda name: -market.components[name].contribution)
        parts = [sentences[name] for name in order]
        missing = [name for name in COMPONENTS if market.components[name].missing]
        if missing:
            parts.append(_("no data on %(names)s") % {
                "names": _comma().join(str(COMPONENT_NAMES[name]) for name in missing)})
        if market.low_tier:
            parts.append(_("resting on a blog, shop or marketing page, so counted as a range: %(names)s") % {
                "names": _comma().join(str(COMPONENT_NAMES[name]) for name in market.low_tier)})
        text = _sep().join(parts)
        if text:
            text = text[0].upper() + text[1:]
        return text + pgettext("end of sentence", ".")


SUMMARY_REASONS = 3  # reasons shown in a market's short summary; the rest is in the full explanation


def summary_reasons(market: MarketScore, lang: str = "en", limit: int = SUMMARY_REASONS) -> list[dict]:
    """The components that weigh most in a market's score (largest contribution first, those with a figure and
    points only), each stated plainly: its name, its main figure, and the source, date and source quality apart
    (so a page can isolate the source and say it is written in English). The full sentences stay in `explain`."""
    lang = _lang(lang)
    with translation.override(lang):
        order = sorted((name for name in COMPONENTS if not market.components[name].missing
                        and market.components[name].contribution > 0),
                       key=lambda name: -market.components[name].contribution)
        reasons = []
        for name in order:
            reason = _reason(market, name, lang)
            if reason:
                reason["source_lang"] = source_lang(reason["source"])
                reason["source_short"] = short_source(reason["source"])
                reasons.append({"name": name, "label": str(COMPONENT_NAMES[name]),
                                "points": market.components[name].contribution,
                                "tier": tier_label(market.components[name].tier, lang),
                                # a press or lower source is said in the summary; every tier is in the full table
                                "weak_source": (market.components[name].tier or LOW) >= PRESS, **reason})
            if len(reasons) == limit:
                break
        return reasons


_SOURCE_CUTS = re.compile(r" \(|, | — | – |; ")
SHORT_SOURCE = 60  # characters of a source's leading name in a summary (the full source is in the explanation)


def short_source(source: str) -> str:
    """A source's leading name, before its first bracket, comma, dash or semicolon ("CEPII GeoDist dyadic file" of
    "CEPII GeoDist dyadic file (Mayer & Zignago 2011, …)"), cut at a word past SHORT_SOURCE characters."""
    text = " ".join((source or "").split())
    head = _SOURCE_CUTS.split(text, maxsplit=1)[0].strip() or text
    if len(head) > SHORT_SOURCE:
        head = head[:SHORT_SOURCE].rsplit(" ", 1)[0] + "…"
    return head


def _reason(market: MarketScore, name: str, lang: str) -> dict | None:
    """{"figure", "source", "date"} of one component, or None when its input is absent."""
    inputs = market.inputs
    if name == "demand" and inputs.demand:
        d = inputs.demand
        return {"figure": _("imports %(value)s of this product") % {"value": format_money(d.value_usd, "USD", lang)},
                "source": d.source, "date": str(d.year or "")}
    if name == "size" and inputs.size and inputs.size.imports_usd is not None:
        s = inputs.size
        return {"figure": _("imports %(value)s of all goods (country level, not this product)") % {
                    "value": format_money(s.imports_usd, "USD", lang)},
                "source": s.source, "date": str(s.year or "")}
    if name == "foothold" and inputs.foothold:
        f = inputs.foothold
        if f.unit == "share_pct":
            figure = _("takes %(share)s%% of Morocco's official handicraft exports") % {
                "share": format_number(f.value, lang)}
            when = period_text(f.period, f.year, lang)
        elif f.value > 0:
            figure = _("Morocco exported %(value)s of this product there") % {
                "value": format_money(f.value, "USD", lang)}
            when = str(f.year or "")
        else:
            figure = _("no Moroccan exports of this product recorded there")
            when = str(f.year or "")
        return {"figure": figure, "source": f.source, "date": when}
    if name == "access" and inputs.access:
        a = inputs.access
        mfn = _mfn_text(a, lang)
        if a.morocco_pct is not None and a.agreement:
            figure = (_("duty-free with a proof of Moroccan origin") if a.morocco_pct == 0 else
                      _("%(rate)s%% duty with a proof of Moroccan origin") % {"rate": format_number(a.morocco_pct, lang)})
            if mfn:
                figure += _comma() + _("%(rate)s%% for competitors") % {"rate": mfn}
        elif mfn:
            figure = _("%(rate)s%% duty, no preference for Moroccan goods found") % {"rate": mfn}
        else:
            return None
        return {"figure": figure, "source": a.source, "date": str(a.year or "")}
    if name == "proximity" and inputs.proximity:
        p = inputs.proximity
        bits = []
        if p.distance_km:
            bits.append(_("%(distance)s km from Morocco") % {"distance": format_number(p.distance_km, lang, 0)})
        if p.common_language:
            bits.append(_("shares an official language"))
        if not bits:
            return None
        return {"figure": _comma().join(bits), "source": p.source, "date": str(p.year or "")}
    if name == "burden" and inputs.burden:
        b = inputs.burden
        return {"figure": ngettext("%(count)s requirement for this product family",
                                   "%(count)s requirements for this product family", b.count) % {"count": b.count},
                "source": b.source, "date": str(b.year or "")}
    return None


def not_ranked_sentence(market: MarketScore, lang: str = "en") -> str:
    """One sentence saying why a market is not ranked: which figures exist and which are missing."""
    from tijara.markets.scoring import MIN_FIGURES

    lang = _lang(lang)
    with translation.override(lang):
        present = [str(COMPONENT_NAMES[n]) for n in COMPONENTS if not market.components[n].missing]
        missing = [str(COMPONENT_NAMES[n]) for n in COMPONENTS if market.components[n].missing]
        text = ngettext(
            "%(name)s is not ranked: %(n)s of %(total)s figures (%(present)s) where at least %(min)s are needed",
            "%(name)s is not ranked: %(n)s of %(total)s figures (%(present)s) where at least %(min)s are needed",
            len(present),
        ) % {"name": market.name(lang), "n": len(present), "total": market.total,
             "present": _comma().join(present) or "—", "min": MIN_FIGURES}
        if missing:
            text += _sep() + _("no data on %(names)s") % {"names": _comma().join(missing)}
        return text + pgettext("end of sentence", ".")


def names_of(value: str | Mapping[str, str], lang: str) -> str:
    return translated(value, lang)

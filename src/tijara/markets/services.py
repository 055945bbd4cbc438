"""Services of the markets app: the duty rules (what a Moroccan-origin product pays at a border on a date).

`duty_for` reads the tariff lines, preferences and additional duties of the reference layer and applies the
rules: MFN versus the preference of Morocco's agreement (with proof of origin), surcharges in force on the date,
periods whose status is unknown, conditional duties to watch. `tijara.markets.selectors.duty_for` is an alias
kept for the apps that call it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tijara.core.errors import NotFound, TijaraError
from tijara.core.l10n import date_l10n, duty_rate, pct, source_language, tidy_marks, written, written_in
from tijara.markets.duty_notes import note_text
from tijara.markets.models import AdditionalDuty, Agreement, Country, HsEdition, Preference, TariffLine
from tijara.markets.selectors import (
    EU_MARKET,
    SCHEDULE_FOR_MARKET,
    DutyAnswer,
    ExtraDuty,
    RateLine,
    RatePart,
    SourceRef,
    hs_get,
    hs_in_editions,
    normalise_hs,
    tariff_market_for,
)


def _rate_part(lines: list[TariffLine], pref: bool) -> RatePart | None:
    """Summarise MFN (or Morocco-preferential) rates over the matched national lines."""
    items = []
    for t in lines:
        if pref:
            # A line whose MFN rate is already Free needs no preference: Free either way.
            text, value = (t.pref_rate, t.pref_ad_valorem) if t.pref_rate else (
                (t.mfn_rate, t.mfn_ad_valorem) if t.mfn_ad_valorem == 0 else ("", None))
        else:
            text, value = t.mfn_rate, t.mfn_ad_valorem
        if not text:
            continue
        compound = value is None
        items.append(RateLine(t.code, t.display_code, t.description, text, value, compound))
    if not items or (pref and not any(t.pref_rate for t in lines)):
        return None
    values = [i.ad_valorem for i in items]
    texts = sorted({i.rate for i in items})
    complete = all(v is not None for v in values)
    vmin = min(values) if complete else None
    vmax = max(values) if complete else None
    if len(texts) == 1:
        summary = texts[0]
    elif complete:
        summary = _("%(low)s to %(high)s depending on the national tariff line") % {
            "low": _words_pct(vmin), "high": _words_pct(vmax)}
    else:
        summary = _("depends on the national tariff line: %(rates)s") % {"rates": "; ".join(texts)}
    codes = ", ".join(i.display_code or i.code for i in items)
    sources = [SourceRef.of(lines[0], f"{lines[0].schedule} {codes}")]
    part = RatePart(rate=summary, ad_valorem_min=vmin, ad_valorem_max=vmax, lines=items, sources=sources)
    if pref:
        part.regime = next((t.pref_regime for t in lines if t.pref_regime), "")
        missing = [t.display_code or t.code for t in lines if not t.pref_rate and t.mfn_ad_valorem != 0]
        if missing:
            part.condition = _("No Morocco preference printed for: %(codes)s") % {"codes": ", ".join(missing)}
    return part


def _words_pct(value: Decimal) -> str:
    """A bound of a range said in a sentence: as the page's language writes a percentage (`8,5 %` in French)."""
    return _("Free") if value == 0 else pct(value, 2)


def _fmt_pct(value: Decimal | None) -> str:
    if value is None:
        return "?"
    if value == 0:
        return _("Free")
    return f"{value.normalize():f}%"


def duty_for(*, hs: str, market: str, on: date, origin_proof: bool = True) -> DutyAnswer:
    """Duty for Moroccan-origin goods of HS code `hs` (6, 8 or 10 digits) entering `market` (ISO3 or "EU") on `on`.

    Answers with the MFN rate, the preferential rate and its agreement (applied when `origin_proof`), the
    additional duties in force on that date (with start/end), conditional duties to watch, and every row used.
    `known=False` with a reason when the platform has no tariff for that market or code — never 0 by assumption.
    Raises TijaraError for a malformed code and NotFound for an unknown country.
    """
    code = normalise_hs(hs)
    if not code.isdigit() or len(code) not in (6, 8, 10):
        raise TijaraError("invalid_hs", _("HS code must have 6, 8 or 10 digits, got “%(code)s”.") % {"code": hs})
    market = (market or "").strip().upper()
    tariff_market = tariff_market_for(market)
    if market in ("EU", "EUR", "EUU"):
        market_name = _("European Union")
        market = EU_MARKET
    else:
        country = Country.objects.filter(iso3=market).first()
        if country is None:
            raise NotFound("unknown_country", _("Unknown country code “%(code)s” (use ISO 3166 alpha-3).") % {
                "code": market})
        market_name = country.name_en
    hs6 = code[:6]
    answer = DutyAnswer(known=False, reason="", hs=code, market=market, market_name=market_name, on=on,
                        origin_proof=origin_proof)
    if hs_get(hs6, HsEdition.HS2022) is None:
        editions = hs_in_editions(hs6)
        if editions:
            answer.warnings.append(_("%(code)s is an HS %(eds)s code, not HS 2022; tariffs are matched on HS 2022 "
                                     "codes where the schedule uses them.") % {"code": hs6, "eds": ", ".join(editions)})
        else:
            answer.reason = _("%(code)s is not a subheading of the HS nomenclature (2017 or 2022).") % {"code": hs6}
            return answer
    if tariff_market is None:
        answer.reason = _("The platform has no tariff data for %(market)s; the duty is unknown. "
                          "Check the importing country's customs tariff.") % {"market": market_name}
        return answer
    schedule = SCHEDULE_FOR_MARKET[tariff_market]
    answer.tariff_market, answer.schedule = tariff_market, schedule
    candidates = list(TariffLine.objects.filter(schedule=schedule, hs6=hs6).order_by("code"))
    lines = [t for t in candidates if t.code.startswith(code) or code.startswith(t.code)]
    rate_lines = [t for t in lines if t.mfn_rate]
    # Keep the most detailed lines: a CN8 line with CN10 subdivisions is represented by its subdivisions.
    rate_lines = [t for t in rate_lines if not any(o.code != t.code and o.code.startswith(t.code) for o in rate_lines)]
    if not rate_lines:
        answer.reason = _("No tariff line for %(code)s in the %(schedule)s data the platform holds; "
                          "the duty is unknown.") % {"code": code, "schedule": schedule.label}
        return answer
    answer.hs_edition = rate_lines[0].hs_edition
    if answer.hs_edition != HsEdition.HS2022:
        note = _("This tariff (%(src)s, %(asof)s) is written in HS %(ed)s nomenclature; your code is read in that "
                 "edition.") % {"src": _data(rate_lines[0].source), "asof": date_l10n(rate_lines[0].as_of), "ed": answer.hs_edition}
        if HsEdition.HS2017 not in hs_in_editions(hs6):
            note += " " + _("%(code)s does not exist in HS 2017: the lines found may not match it.") % {"code": hs6}
        answer.warnings.append(tidy_marks(note))
    answer.mfn = _rate_part(rate_lines, pref=False)
    flagged = sorted({f"{t.display_code}: {t.flags}" for t in rate_lines if t.flags and tariff_market != "USA"})
    if flagged:
        answer.warnings.append(_("Flags on these lines (check before quoting): %(flags)s") % {"flags": "; ".join(flagged)})
    answer.rows_used.extend(answer.mfn.sources)
    answer.warnings.append(tidy_marks(_("Tariff vintage: %(asof)s (%(src)s). Rates may have changed since.") % {
        "asof": date_l10n(rate_lines[0].as_of), "src": _data(rate_lines[0].source)}))

    # Preferential rate: printed per line (US "MA" column) or given by an agreement for whole chapters.
    pref = _rate_part(rate_lines, pref=True)
    if pref is not None:
        agreement = Agreement.objects.filter(code="US-MA").first() if tariff_market == "USA" else None
        if agreement:
            pref.agreement, pref.agreement_name = agreement.code, agreement.name
            pref.condition = " ".join(x for x in (pref.condition, agreement.proof_of_origin) if x)
            pref.sources.append(SourceRef.of(agreement, agreement.code))
    else:
        rule = next((p for p in Preference.objects.filter(market=tariff_market) if p.covers(hs6)), None)
        if rule is not None and (rule.valid_from is None or rule.valid_from <= on) and (
                rule.valid_to is None or on <= rule.valid_to):
            pref = RatePart(rate=_fmt_pct(rule.rate_ad_valorem), ad_valorem_min=rule.rate_ad_valorem,
                            ad_valorem_max=rule.rate_ad_valorem, regime=rule.agreement_code,
                            agreement=rule.agreement_code, condition=rule.condition,
                            agreement_name=Agreement.objects.filter(code=rule.agreement_code)
                            .values_list("name", flat=True).first() or "",
                            sources=[SourceRef.of(rule, f"{rule.agreement_code}:{rule.market}")])
    if pref is None and answer.mfn.ad_valorem_max != 0:
        answer.warnings.append(_("No preferential rate for Moroccan origin is recorded for this line."))
    answer.preferential = pref
    if pref is not None:
        answer.rows_used.extend(s for s in pref.sources if s not in answer.rows_used)
    use_pref = pref is not None and origin_proof
    answer.applied = "preferential" if use_pref else "mfn"
    base = pref if use_pref else answer.mfn
    if pref is not None and not origin_proof:
        answer.warnings.append(_("Without proof of origin the MFN rate applies; with it: %(rate)s.") % {
            "rate": duty_rate(pref.rate)})

    # Additional duties on that date.
    surcharge_min = surcharge_max = Decimal("0")
    for extra in AdditionalDuty.objects.filter(market=tariff_market).order_by("start"):
        if not extra.covers(hs6) or not extra.in_force(on):
            continue
        item = ExtraDuty(extra.code, extra.kind, extra.name, extra.legal_basis, extra.rate_ad_valorem,
                         extra.rate_text, extra.start, extra.end, extra.condition, note_text(extra.note), extra.confidence,
                         SourceRef.of(extra, extra.code))
        answer.rows_used.append(item.source)
        if extra.kind == AdditionalDuty.Kind.SURCHARGE and (extra.applies_with_preference or not use_pref):
            answer.additional.append(item)
            if extra.rate_ad_valorem is None:
                surcharge_min = surcharge_max = None
            elif surcharge_min is not None:
                surcharge_min += extra.rate_ad_valorem
                surcharge_max += extra.rate_ad_valorem
        elif extra.kind == AdditionalDuty.Kind.UNKNOWN:
            answer.unknown_periods.append(item)
            answer.warnings.append(item.note or _data(extra.name))
        elif extra.kind == AdditionalDuty.Kind.CONDITIONAL:
            answer.conditional.append(item)
    answer.known = True
    if answer.unknown_periods or surcharge_min is None or base.ad_valorem_min is None:
        answer.total_ad_valorem_min = answer.total_ad_valorem_max = None
        if answer.unknown_periods:
            answer.reason = _("Ordinary duty known; whether additional duties apply on %(date)s is not known.") % {
                "date": date_l10n(on)}
        else:
            answer.reason = _("Some rates are not ad valorem (specific or compound): no single total percentage.")
    else:
        answer.total_ad_valorem_min = base.ad_valorem_min + surcharge_min
        answer.total_ad_valorem_max = base.ad_valorem_max + surcharge_max
    return answer


def _data(text: str) -> str:
    """A text of the data (a publisher's name, a tariff's name, an English note) inside a sentence: isolated on Arabic
    pages, and on a page in another language than its own followed by that language (`⁨UK Global Tariff⁩ (en
    anglais)`); a text whose language cannot be told is not marked."""
    code = source_language(text)
    if (get_language() or "")[:2] == "ar" or (code and written_in(code)):
        return written(text, code)
    return text

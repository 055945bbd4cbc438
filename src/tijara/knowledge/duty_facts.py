"""The FAM-*-DUTY facts, generated from the tariff tables of the markets app (never written by hand).

For each craft family, the craft-relevant HS subheadings are looked up with `markets.selectors.duty_for` in the EU,
US and UK schedules; every national line keeps its rate as printed (caps and per-m² or per-kg components included,
e.g. "8.00% MAX 2.80 EUR / m2"), with the schedule's source and date, and the Moroccan preferential rate.
`tijara build_duty_facts` writes them to `data/facts/65-duties.toml`; a test checks the file matches the tables.
"""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext

from tijara.core.l10n import isolate

LANGS = ("ar", "fr", "en")
# Craft-relevant HS 2022 subheadings per family (the ones the FAM-* classification facts name).
FAMILY_HS: dict[str, tuple[str, tuple[str, ...]]] = {
    "FAM-RUG-DUTY": ("rugs", ("570110", "570190", "570210", "570291", "570292", "570299", "570500")),
    "FAM-TIL-DUTY": ("zellige", ("690721", "690722", "690723", "690730", "690740")),
    "FAM-CER-DUTY": ("pottery", ("691200", "691390")),
    "FAM-LEA-DUTY": ("leather", ("420221", "420231", "420291", "420500", "940490")),
    "FAM-FOO-DUTY": ("footwear", ("640359", "640399", "640420")),
    "FAM-LAM-DUTY": ("lighting", ("940550", "940511", "940519", "940521", "940529", "940549")),
    "FAM-WOO-DUTY": ("wood", ("442011", "442019", "442090", "441990")),
}
SCHEDULES = {"EU_CET": gettext_noop("EU Common External Tariff"), "US_HTS": gettext_noop("US Harmonized Tariff Schedule"),
             "UK_GT": gettext_noop("UK Global Tariff")}
FAMILIES_OF = {"FAM-CER-DUTY": ["pottery", "ceramics"]}
MARKETS = (("EUR", "EU", gettext_noop("EU")), ("USA", "USA", gettext_noop("US")), ("GBR", "GBR", gettext_noop("UK")))
TITLE = gettext_noop("{family}: ordinary import duties in the US, EU and UK (from the tariff tables)")
MFN = gettext_noop("{market} ordinary (MFN) duty, {source} ({as_of}): {rates}.")
PREF = gettext_noop("With Moroccan origin ({regime}): {rate}.")
NO_LINE = gettext_noop("{market}: no line of these headings in our tariff extract.")
CLOSING = gettext_noop("Ordinary duty only, as printed in each schedule: add the surcharges in force and the "
                       "low-value parcel rules, and check the current tariff before quoting a rate.")


def _schedule(ref) -> str:
    """The schedule's name in the active language, from the row key (e.g. "EU_CET 5701.10.10")."""
    code = (ref.key or "").split(" ")[0]
    return _(SCHEDULES[code]) if code in SCHEDULES else ref.source


def _agreement(pref) -> str:
    """The preference's regime as the tariff prints it (US "special programme MA"), else the agreement's name in the
    active language; never the agreement's key ("EU-MA")."""
    from tijara.markets.ranking import agreement_label

    if pref.regime and pref.regime != pref.agreement:  # an agreement-wide preference's regime is the agreement's key
        return isolate(pref.regime)
    return agreement_label(pref.agreement) or isolate(pref.agreement_name or pref.agreement)


def _address(url: str) -> str:
    return url if "://" in url else "https://" + url.split(" ")[0]


def _rate(text: str) -> str:
    """A printed rate; the words Free and Exempt translated, figures and units kept as printed."""
    words = {"Free": pgettext("duty rate", "Free"), "Exempt": pgettext("duty rate", "Exempt")}
    text = text.strip()
    return words.get(text) or (isolate(text) if any(c.isdigit() for c in text) else text)


def _rates(lines) -> str:
    """Lines grouped by rate as printed: "8.0%: 5701.10.10; 8.00% MAX 2.80 EUR / m2: 5701.10.90"."""
    by_rate: dict[str, list[str]] = {}
    for line in lines:
        by_rate.setdefault(line.rate, []).append(line.display_code or line.code)
    return "; ".join(f"{_rate(rate)}: {isolate(', '.join(dict.fromkeys(codes)))}" for rate, codes in by_rate.items())


def _lookup(family_hs: tuple[str, ...], market: str, on: dt.date):
    """(mfn lines, preferential part, source, as_of) over a family's subheadings in one market."""
    from tijara.core.errors import TijaraError
    from tijara.markets import selectors as markets

    lines, sources, pref = [], {}, None
    for hs in family_hs:
        try:
            answer = markets.duty_for(hs=hs, market=market, on=on)
        except TijaraError:
            continue
        if answer.mfn:
            lines.extend(answer.mfn.lines)
            for ref in answer.mfn.sources:
                sources.setdefault(ref.source, ref)
        if answer.preferential and pref is None:
            pref = answer.preferential
    return lines, pref, list(sources.values())


def build(*, on: dt.date) -> list[dict]:
    """The duty facts as pack entries (same fields as the hand-written facts), one per family."""
    from tijara.core.crafts import craft_name

    facts = []
    for fact_id, (family, hs_list) in FAMILY_HS.items():
        entry = {"id": fact_id, "topic": "duties", "markets": ["EU", "USA", "GBR"],
                 "families": FAMILIES_OF.get(fact_id, [family]), "hs": sorted({h[:4] for h in hs_list}),
                 "mark": "M", "generated": "tijara build_duty_facts (markets tariff tables)"}
        for language in ("en", "fr", "ar"):
            with translation.override(language):  # the schedules' source labels are translated by markets
                per_market = [(name, *_lookup(hs_list, code, on)) for code, _group, name in MARKETS]
                if language == "en":
                    sources = [ref for *_rest, refs in per_market for ref in refs]
                    entry.update(source="; ".join(dict.fromkeys(_schedule(ref) for ref in sources)),  # fits Sourced.source
                                 url=_address(sources[0].url) if sources else "",
                                 as_of="; ".join(dict.fromkeys(ref.as_of for ref in sources)))
                parts = []
                for name, lines, pref, refs in per_market:
                    if not lines:
                        parts.append(_(NO_LINE).format(market=_(name)))
                        continue
                    parts.append(_(MFN).format(market=_(name), source=isolate(_schedule(refs[0])) if refs else "",
                                               as_of=refs[0].as_of if refs else "", rates=_rates(lines)))
                    if pref and pref.rate:
                        parts.append(_(PREF).format(regime=_agreement(pref), rate=_rate(pref.rate)))
                parts.append(_(CLOSING))
                entry[language] = {"title": _(TITLE).format(family=craft_name(family, language)),
                                   "text": " ".join(parts)}
        facts.append(entry)
    return facts


def render(facts: list[dict], *, on: dt.date) -> str:
    """The TOML of the generated facts file."""
    def q(value: str) -> str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'

    out = ["# GENERATED by `tijara build_duty_facts` from the markets app's tariff tables (EU CET 2020, UK Global",
           "# Tariff 2021, US HTS 2024, with the Morocco preferences); do not edit by hand: edit the tables or",
           "# knowledge/duty_facts.py and run the command again. ar, fr: sentence templates from the catalogue.",
           "[meta]", f"last_checked = {on.isoformat()}", 'translation = "ar, fr: templates translated by the Tijara '
           'project; rates as printed in the schedules"', ""]
    for fact in facts:
        out += ["[[fact]]", f"id = {q(fact['id'])}", f"topic = {q(fact['topic'])}",
                "markets = [" + ", ".join(q(m) for m in fact["markets"]) + "]",
                "families = [" + ", ".join(q(f) for f in fact["families"]) + "]",
                "hs = [" + ", ".join(q(h) for h in fact["hs"]) + "]",
                f"source = {q(fact['source'])}", f"url = {q(fact['url'])}", f"as_of = {q(fact['as_of'])}",
                f"mark = {q(fact['mark'])}", f"generated = {q(fact['generated'])}"]
        for language in ("en", "fr", "ar"):
            out += [f"[fact.{language}]", f"title = {q(fact[language]['title'])}",
                    f"text = {q(fact[language]['text'])}"]
        out.append("")
    return "\n".join(out)

"""Reads of the knowledge base: facts, requirement cards, procedures and checklists, each line with its sources.

Other apps (market finder, export plans) call `requirements_for` and `checklist_for`; both return plain dataclasses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import DatabaseError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tijara.core.crafts import CRAFT_CODES, craft_name
from tijara.core.errors import NotFound, TijaraError
from tijara.knowledge import scope
from tijara.knowledge.models import (
    ChecklistTick,
    Fact,
    FactRevision,
    Procedure,
    ProcedureStep,
    RequirementLine,
)


def _language(language: str | None) -> str:
    code = (language or get_language() or "en")[:2]
    return code if code in ("ar", "fr", "en") else "en"


@dataclass(frozen=True)
class SourceRef:
    """Where a line comes from: the fact, its source URL and date, and how sure we are."""

    fact_id: str
    title: str
    source: str
    url: str
    as_of: str
    confidence: str  # verified / secondary / unverified
    mark: str  # the original mark of export-facts.md: H, M, L, K or U
    last_checked: str
    stale: bool
    url_approximate: bool = False
    source_language: str = "en"  # the language the source line is written in


def source_ref(fact: Fact, language: str | None = None, *, today: dt.date | None = None) -> SourceRef:
    """The SourceRef of a fact in a language."""
    lang = _language(language)
    return SourceRef(
        fact_id=fact.fact_id, title=fact.title(lang), source=fact.source, url=fact.source_url, as_of=fact.as_of,
        confidence=fact.confidence, mark=fact.mark, last_checked=fact.last_checked.isoformat(),
        stale=fact.is_stale(today), url_approximate=fact.url_approximate, source_language=fact.source_language,
    )


@dataclass(frozen=True)
class RequirementItem:
    """One requirement (aspect + sourced text) of a family in a market."""

    aspect: str
    aspect_label: str
    fact_id: str
    title: str
    text: str
    scope: str
    source: SourceRef
    document: str = ""


@dataclass(frozen=True)
class Requirements:
    """A requirement card: every sourced line for a craft family in a market."""

    family: str
    family_name: str
    market: str
    market_group: str
    covered: bool
    lines: list[RequirementItem] = field(default_factory=list)

    @property
    def burden(self) -> int:
        """Number of distinct rules to satisfy (a simple input for market scoring)."""
        return len({line.fact_id for line in self.lines if line.aspect != RequirementLine.Aspect.DUTY})

    @property
    def unverified_count(self) -> int:
        return sum(1 for line in self.lines if line.source.confidence == "unverified")


@dataclass(frozen=True)
class ChecklistItem:
    """One thing to do or prepare, with who does it, the documents, the deadline and the sources."""

    key: str
    section: str  # morocco / destination / product
    title: str
    who: str = ""
    documents: str = ""
    cost: str = ""
    time: str = ""
    deadline: str = ""
    detail: str = ""
    sources: list[SourceRef] = field(default_factory=list)
    done: bool = False


@dataclass(frozen=True)
class Checklist:
    """The steps and documents for one product (HS code or family) and one market."""

    market: str
    market_group: str
    family: str | None
    family_name: str
    hs: str | None
    family_inferred: bool
    covered: bool
    items: list[ChecklistItem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def sources(self) -> list[SourceRef]:
        seen: dict[str, SourceRef] = {}
        for item in self.items:
            for ref in item.sources:
                seen.setdefault(ref.fact_id, ref)
        return list(seen.values())


def published_facts() -> QuerySet[Fact]:
    """Facts shown to users."""
    return Fact.objects.filter(is_published=True)


def fact_get(*, fact_id: str) -> Fact:
    """The published fact with this ID, or NotFound."""
    fact = published_facts().filter(fact_id=fact_id).first()
    if fact is None:
        raise NotFound("not_found", _("No such fact."))
    return fact


def source_refs(*, fact_ids, language: str | None = None) -> dict[str, SourceRef]:
    """The SourceRefs of these published facts by fact ID (one query; unknown IDs left out)."""
    return {f.fact_id: source_ref(f, language) for f in published_facts().filter(fact_id__in=set(fact_ids))}


def facts_stale(*, today: dt.date | None = None) -> list[Fact]:
    """Published facts past their valid-to date or not checked for more than 12 months (staff report)."""
    today = today or timezone.localdate()
    return [f for f in published_facts() if f.is_stale(today)]


def revisions_pending() -> QuerySet[FactRevision]:
    """Proposed revisions waiting for an admin."""
    return FactRevision.objects.filter(status=FactRevision.Status.PROPOSED).select_related("fact", "proposed_by")


def _check_family(family: str) -> str:
    if family not in CRAFT_CODES:
        raise TijaraError("unknown_family", _("Unknown craft family “{family}”. Use one of: {codes}.").format(
            family=family, codes=", ".join(CRAFT_CODES)), field="family")
    return family


def _check_market(market: str) -> str:
    try:
        return scope.normalise_market(market)
    except ValueError:
        raise TijaraError("bad_market", _("“{market}” is not a market code; use an ISO 3166 alpha-3 code such as "
                                          "FRA, USA or GBR, or EU.").format(market=market), field="market") from None


def requirements_for(*, family: str, market: str, language: str | None = None) -> Requirements:
    """The requirement card of a craft family in a market (EU member states get the EU lines plus their own)."""
    lang = _language(language)
    family = _check_family(family)
    code = _check_market(market)
    scopes = scope.market_scopes(code)
    lines = (RequirementLine.objects.filter(family=family, market__in=scopes, fact__is_published=True)
             .select_related("fact").order_by("position", "id"))
    order = {s: i for i, s in enumerate(scopes)}
    today = timezone.localdate()
    items = [
        RequirementItem(
            aspect=line.aspect, aspect_label=str(line.get_aspect_display()), fact_id=line.fact.fact_id,
            title=line.fact.title(lang), text=line.fact.text(lang), scope=line.market,
            source=source_ref(line.fact, lang, today=today),
            document=(line.document or {}).get(lang) or (line.document or {}).get("en", ""),
        )
        for line in sorted(lines, key=lambda ln: (order[ln.market], ln.position))
    ]
    return Requirements(family=family, family_name=craft_name(family, lang), market=code,
                        market_group=scope.market_group(code), covered=bool(items), lines=items)


def procedures_for(*, market: str) -> QuerySet[Procedure]:
    """The Moroccan-side procedure and the destination's procedures."""
    code = _check_market(market)
    return Procedure.objects.filter(market__in=["MAR", *scope.market_scopes(code)]).prefetch_related("steps")


def _step_item(step: ProcedureStep, section: str, lang: str, facts: dict[str, Fact], today) -> ChecklistItem:
    return ChecklistItem(
        key=f"step:{step.procedure.code}:{step.key}", section=section, title=step.text("title", lang),
        who=step.text("who", lang), documents=step.text("documents", lang), cost=step.text("cost", lang),
        time=step.text("time", lang), deadline=step.text("deadline", lang), detail=step.text("detail", lang),
        sources=[source_ref(facts[f], lang, today=today) for f in step.fact_ids if f in facts],
    )


def checklist_for(*, hs: str | None = None, family: str | None = None, market: str,
                  language: str | None = None, organisation=None, subject: str | None = None) -> Checklist:
    """Steps and documents for a product (HS code or craft family) going to a market, each with its sources.

    With `organisation` and `subject` (a SKU, `family:<code>` or `hs:<code>`), items carry the saved ticks.
    """
    lang = _language(language)
    code = _check_market(market)
    notes: list[str] = []
    inferred = False
    hs_digits = None
    if hs:
        try:
            hs_digits = scope.normalise_hs(hs)
        except ValueError:
            raise TijaraError("bad_hs", _("“{hs}” is not an HS code (2 to 10 digits).").format(hs=hs),
                              field="hs") from None
        hs_family, exact = scope.family_for_hs(hs_digits)
        if family is None:
            family = hs_family
            inferred = not exact
            if hs_family is None:
                notes.append(_("HS {hs} is outside the craft lines of the knowledge base: only the general "
                               "steps are listed; ask a customs broker about product rules.").format(hs=hs_digits))
            elif not exact:
                notes.append(_("HS {hs} is not one of the craft lines we list; the rules of “{family}” (same "
                               "chapter) are shown — check the classification with a broker.").format(
                    hs=hs_digits, family=craft_name(hs_family, lang)))
    if family is None and not hs:
        raise TijaraError("missing_product", _("Give an HS code or a craft family."), field="hs")
    if family:
        _check_family(family)
    group = scope.market_group(code)
    covered = group in scope.COVERED_GROUPS
    if not covered:
        notes.append(_("No destination rules are recorded yet for {market}: only the Moroccan side is listed. Ask the "
                       "importer or the destination's customs.").format(market=code))
    today = timezone.localdate()
    procedures = list(procedures_for(market=code))
    fact_ids = {f for p in procedures for s in p.steps.all() for f in s.fact_ids}
    facts = {f.fact_id: f for f in published_facts().filter(fact_id__in=fact_ids)}
    items: list[ChecklistItem] = []
    for procedure in sorted(procedures, key=lambda p: (p.market != "MAR", p.position)):
        section = "morocco" if procedure.market == "MAR" else "destination"
        for step in procedure.steps.all():
            if step.families and family not in step.families:
                continue
            items.append(_step_item(step, section, lang, facts, today))
    if family and covered:
        card = requirements_for(family=family, market=code, language=lang)
        in_steps = {ref.fact_id for item in items for ref in item.sources}
        for line in card.lines:
            if line.fact_id in in_steps:
                continue
            items.append(ChecklistItem(
                key=f"req:{line.fact_id}", section="product", title=line.title, detail=line.text,
                documents=line.document, sources=[line.source],
            ))
    if organisation is not None and subject:
        ticked = set(ChecklistTick.objects.filter(organisation=organisation, subject=subject, market=code)
                     .values_list("item_key", flat=True))
        items = [ChecklistItem(**{**item.__dict__, "done": item.key in ticked}) for item in items]
    return Checklist(market=code, market_group=group, family=family,
                     family_name=craft_name(family, lang) if family else "", hs=hs_digits, family_inferred=inferred,
                     covered=covered, items=items, notes=notes)


@dataclass(frozen=True)
class FactDoc:
    """A fact as the assistant retrieves it: plain texts in three languages and its provenance."""

    fact_id: str
    topic: str
    markets: tuple[str, ...]
    families: tuple[str, ...]
    titles: dict[str, str]
    texts: dict[str, str]
    source: str
    url: str
    as_of: str
    confidence: str
    mark: str
    stale: bool
    url_approximate: bool = False
    source_language: str = "en"  # the language the source line is written in


def fact_corpus() -> list[FactDoc]:
    """Every published fact as a FactDoc; the shipped pack when the database holds none (e.g. before loading)."""
    today = timezone.localdate()
    try:
        rows = list(published_facts())
    except DatabaseError:  # database not migrated yet: answer from the shipped pack
        rows = []
    if not rows:
        from tijara.knowledge import reference

        return reference.shipped_docs(today=today)
    return [
        FactDoc(fact_id=f.fact_id, topic=f.topic, markets=tuple(f.markets), families=tuple(f.families),
                titles={lang: f.title(lang) for lang in ("ar", "fr", "en")},
                texts={lang: f.text(lang) for lang in ("ar", "fr", "en")},
                source=f.source, url=f.source_url, as_of=f.as_of, confidence=f.confidence, mark=f.mark,
                stale=f.is_stale(today), url_approximate=f.url_approximate, source_language=f.source_language)
        for f in rows
    ]


def corpus_version() -> str:
    """A cheap key that changes when published facts change (for caching the assistant's index)."""
    from django.db.models import Count, Max

    try:
        agg = published_facts().aggregate(n=Count("id"), last=Max("updated_at"))
    except DatabaseError:
        return "shipped"
    return f"{agg['n']}:{agg['last'].isoformat() if agg['last'] else ''}"


@dataclass(frozen=True)
class Authority:
    """Who to ask about a topic in a market (names in ar/fr/en, an address, no figures)."""

    key: str
    topics: tuple[str, ...]
    markets: tuple[str, ...]
    url: str
    names: dict[str, str]
    families: tuple[str, ...] = ()  # when set, only for questions about these craft families
    aliases: tuple[str, ...] = ()  # what a question calls it (FDA, douane marocaine): a question naming it asks it

    def name(self, language: str) -> str:
        return self.names.get(language) or self.names["en"]


def authorities() -> list[Authority]:
    """The shipped list of authorities to ask, most specific first (the last one matches everything)."""
    from tijara.knowledge import reference

    return [Authority(key=a["key"], topics=tuple(a["topics"]), markets=tuple(a["markets"]), url=a["url"],
                      names=a["names"], families=tuple(a.get("families", ())),
                      aliases=tuple(a.get("aliases", ())))
            for a in reference.read_pack()["authorities"]]


def authority_for(*, topic: str, markets: list[str] | tuple[str, ...] = ()) -> Authority:
    """The authority to ask about `topic` in one of `markets` (EU members match EU)."""
    groups = set()
    for market in markets:
        try:
            groups.update(scope.market_scopes(market))
        except ValueError:
            continue
    candidates = authorities()
    for authority in candidates:
        if authority.families:
            continue  # family-specific authorities are chosen by the assistant, which knows the product
        topic_ok = "*" in authority.topics or topic in authority.topics
        market_ok = "*" in authority.markets or bool(groups & set(authority.markets))
        if topic_ok and market_ok:
            return authority
    return candidates[-1]


def checklist_for_subject(*, organisation, subject: str, market: str, language: str | None = None) -> Checklist:
    """The checklist of a subject of an (already authorised) organisation, with its saved ticks.

    The subject is a product SKU of the organisation, `family:<code>` or `hs:<code>`.
    """
    subject = (subject or "").strip()
    if subject.startswith("family:"):
        return checklist_for(family=subject[7:], market=market, language=language, organisation=organisation,
                             subject=subject)
    if subject.startswith("hs:"):
        return checklist_for(hs=subject[3:], market=market, language=language, organisation=organisation,
                             subject=subject)
    from tijara.catalog.selectors import product_in

    product = product_in(organisation=organisation, sku=subject)
    family = product.craft_family_id if product.craft_family_id in CRAFT_CODES else None
    if not product.hs_code and family is None:
        raise TijaraError("no_classification", _("Give the product an HS code or a craft family first."), field="subject")
    return checklist_for(hs=product.hs_code or None, family=family, market=market, language=language,
                         organisation=organisation, subject=subject)

"""Reads of events: upcoming or not-yet-dated fairs for a market and craft, and matching for a product or an
organisation. `events_for` is used by the export plan (tijara.plans.compose)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from tijara.core.crafts import CRAFT_CODES
from tijara.events import vocab
from tijara.events.models import Event, EventFollow


@dataclass(frozen=True)
class EventItem:
    """An event as shown: next dates only when known (else `dates_confirmed` is False), with its source."""

    slug: str
    name: str
    organiser: str
    city: str
    country: str
    venue: str
    start: dt.date | None
    end: dt.date | None
    url: str
    source: str
    source_url: str
    as_of: str
    confidence: str
    dates_confirmed: bool
    usual_months: tuple[int, ...]
    last_start: dt.date | None
    last_end: dt.date | None
    crafts: tuple[str, ...]
    visitors: str
    registration_deadline: dt.date | None
    note: str

    @property
    def source_site(self) -> str:
        """The source named by its site ("messefrankfurt.com") when it is an address, else as written."""
        from urllib.parse import urlsplit

        if not self.source.startswith(("http://", "https://")):
            return self.source
        host = urlsplit(self.source).hostname or self.source
        return host.removeprefix("www.")

    def as_cli(self) -> dict:
        """The `tijara events --json` shape."""
        return {"name": self.name, "city": self.city, "country": self.country,
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None, "url": self.url, "source": self.source,
                "as_of": self.as_of}


def item(event: Event) -> EventItem:
    """The EventItem of an Event row."""
    checked = event.checked_on.isoformat() if event.checked_on else ""
    return EventItem(
        slug=event.slug, name=event.name, organiser=event.organiser, city=event.city, country=event.country,
        venue=event.venue, start=event.start, end=event.end or event.start,
        url=event.website or event.source_url, source=event.source_url or event.source, source_url=event.source_url,
        as_of=event.as_of or checked,
        confidence=event.confidence, dates_confirmed=event.dates_confirmed,
        usual_months=tuple(event.usual_months or ()), last_start=event.last_start, last_end=event.last_end,
        crafts=tuple(event.crafts or ()), visitors=event.visitors, registration_deadline=event.registration_deadline,
        note=vocab.note_text(event.note),
    )


def listed(*, today: dt.date | None = None) -> QuerySet[Event]:
    """Events still to come: dated events not yet over, and events whose next dates are not known."""
    today = today or timezone.localdate()
    return Event.objects.filter(Q(start__isnull=True) | Q(end__gte=today) | Q(end__isnull=True, start__gte=today))


def _sort_key(event: Event, today: dt.date):
    if event.start:
        return (0, event.start, 0, event.name)
    return (1, dt.date.max, vocab.months_until(event.usual_months or [], today), event.name)


def markets_expand(market: str) -> list[str]:
    """ISO3 codes a market stands for ("EU" → the members; "UK" → GBR)."""
    from tijara.knowledge.scope import EU_MEMBERS, MARKET_ALIASES

    code = (market or "").strip().upper()
    code = MARKET_ALIASES.get(code, code)
    if code == "EU":
        return sorted(EU_MEMBERS)
    if len(code) == 2:
        import pycountry

        country = pycountry.countries.get(alpha_2=code)
        return [country.alpha_3] if country else [code]
    return [code]


def events_list(*, markets: list[str] | None = None, craft: str | list[str] | None = None,
                today: dt.date | None = None) -> list[EventItem]:
    """Upcoming or not-yet-dated events, optionally in some markets and suiting a craft family (or any of several
    families); soonest first."""
    today = today or timezone.localdate()
    qs = listed(today=today)
    if markets:
        qs = qs.filter(country__in=markets)
    events = list(qs)
    if craft:
        wanted = {craft} if isinstance(craft, str) else set(craft)
        events = [e for e in events if wanted & set(e.crafts or [])]
    return _sorted_items(events, today)


def events_for_word(*, market: str | None, word: str, today: dt.date | None = None) -> list[EventItem]:
    """Events tagged with a craft word of the fairs research (e.g. "home-decor", "tiles") in their source; events
    without source words (staff entries) match through the word's platform families."""
    today = today or timezone.localdate()
    qs = listed(today=today)
    if market:
        qs = qs.filter(country__in=markets_expand(market))
    word = word.strip().lower()
    families = set(vocab.CRAFT_MAP.get(word, ()))
    events = [e for e in qs if (word in (e.craft_words or [])) or (not e.craft_words and families & set(e.crafts))]
    return _sorted_items(events, today)


def _sorted_items(events: list[Event], today: dt.date) -> list[EventItem]:
    events.sort(key=lambda e: _sort_key(e, today))
    return [item(e) for e in events]


def events_for(*, market: str, craft: str | list[str] | None = None,
               today: dt.date | None = None) -> list[EventItem]:
    """Events in one market (ISO3, or EU) for a craft family (None = any), upcoming or undated, soonest first."""
    return events_list(markets=markets_expand(market), craft=craft or None, today=today)


def event_get(*, slug: str) -> Event:
    """The event with this slug, or NotFound."""
    from tijara.core.errors import NotFound

    event = Event.objects.filter(slug=slug).first()
    if event is None:
        raise NotFound("not_found", _("No such event."))
    return event


def is_following(*, user, event: Event) -> bool:
    return bool(user and user.is_authenticated and EventFollow.objects.filter(user=user, event=event).exists())


# ---- matching -------------------------------------------------------------------------------------------------

# The first HS heading of each family in the knowledge scope: what the market finder ranks for an organisation
# that has no HS code on its products yet.
def _family_heading(family: str) -> str | None:
    from tijara.knowledge.scope import HS_FAMILIES

    for code, fam in HS_FAMILIES.items():
        if fam == family and len(code) == 4:
            return code
    return None


@dataclass(frozen=True)
class MatchedMarket:
    iso3: str
    name: str
    basis: str  # "finder" (market finder ranking for an HS code) or "official" (official destination figures)
    hs: str
    score: float | None
    source: str
    as_of: str


@dataclass
class Match:
    """Events in an organisation's (or product's) top markets for its craft families, soonest first."""

    crafts: list[str]
    markets: list[MatchedMarket]
    events: list[EventItem]
    home: list[EventItem] = field(default_factory=list)  # fairs in Morocco for the same crafts
    notes: list[str] = field(default_factory=list)


def _finder_markets(hs: str, top: int, lang: str) -> list[MatchedMarket]:
    from tijara.core.errors import TijaraError
    from tijara.markets.ranking import markets_ranked_for

    try:
        ranking = markets_ranked_for(hs)
    except TijaraError:
        return []
    source = ranking.demand_source or _("Tijara market finder")
    return [MatchedMarket(m.iso3, m.name(lang), "finder", hs, round(m.score, 1), source, ranking.on.isoformat())
            for m in ranking.markets[:top]]


def _official_markets(top: int) -> list[MatchedMarket]:
    from tijara.markets.selectors import HANDICRAFT_DESTINATIONS, handicraft_exports_official

    figures = handicraft_exports_official(dimension="destination")
    if not figures:
        return []
    latest = max((f.year or 0) for f in figures)
    rows = sorted((f for f in figures if (f.year or 0) == latest and f.label in HANDICRAFT_DESTINATIONS),
                  key=lambda f: -(f.value or 0))
    return [MatchedMarket(HANDICRAFT_DESTINATIONS[f.label], f.label, "official", "", None, f.source, f.as_of)
            for f in rows[:top]]


def match(*, hs_codes: list[str], crafts: list[str], top: int = 5, today: dt.date | None = None,
          lang: str = "en") -> Match:
    """Events for some HS codes and craft families: top markets from the market finder (or, without an HS code
    the finder can rank, Morocco's largest official handicraft destinations), then their events, soonest first."""
    today = today or timezone.localdate()
    crafts = [c for c in CRAFT_CODES if c in set(crafts)]
    notes: list[str] = []
    codes = list(dict.fromkeys(h for h in hs_codes if h))[:3]
    if not codes:
        codes = [h for h in (_family_heading(c) for c in crafts) if h][:3]
        if codes:
            notes.append(_("No HS code on the products yet: markets ranked for the usual heading of each craft "
                           "family (%(codes)s).") % {"codes": ", ".join(codes)})
    seen: dict[str, MatchedMarket] = {}
    for hs in codes:
        for m in _finder_markets(hs, top, lang):
            seen.setdefault(m.iso3, m)
    markets = list(seen.values())
    if not markets:
        markets = _official_markets(top)
        if markets:
            notes.append(_("The market finder has no ranking for these products: markets are Morocco's largest "
                           "handicraft destinations in the official export figures."))
        else:
            notes.append(_("No market ranking and no official destination figures are loaded."))
    iso3s = [m.iso3 for m in markets]
    found: list[EventItem] = []
    for craft in crafts or [None]:
        found.extend(events_list(markets=iso3s, craft=craft, today=today))
    unique = {e.slug: e for e in found}
    events = sorted(unique.values(), key=lambda e: (0, e.start, "") if e.start else (
        1, dt.date.max, f"{vocab.months_until(list(e.usual_months), today):02d}{e.name}"))
    home_all: list[EventItem] = []
    for craft in crafts or [None]:
        home_all.extend(events_list(markets=["MAR"], craft=craft, today=today))
    home = list({e.slug: e for e in home_all}.values())
    if not crafts:
        notes.append(_("No craft family is set: events of every craft are shown."))
    return Match(crafts=crafts, markets=markets, events=events, home=home, notes=notes)


def match_for_organisation(*, organisation, top: int = 5, today: dt.date | None = None, lang: str = "en") -> Match:
    """Matching for an organisation: HS codes and craft families of its products, plus its declared crafts."""
    from tijara.catalog.selectors import products_for

    hs_codes: list[str] = []
    crafts: list[str] = list(organisation.crafts or [])
    for hs, family in products_for(organisation=organisation).values_list("hs_code", "craft_family__code"):
        if hs:
            hs_codes.append(hs)
        if family:
            crafts.append(family)
    return match(hs_codes=hs_codes, crafts=crafts, top=top, today=today, lang=lang)


def match_for_product(*, product, top: int = 5, today: dt.date | None = None, lang: str = "en") -> Match:
    """Matching for one catalog product."""
    family = getattr(product.craft_family, "code", None)
    return match(hs_codes=[product.hs_code] if product.hs_code else [], crafts=[family] if family else [], top=top,
                 today=today, lang=lang)

"""`tijara events --market FRA --craft rugs [--org SLUG] [--json]`: upcoming or not-yet-dated fairs, soonest first."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tijara.core.crafts import CRAFT_CODES
from tijara.core.errors import TijaraError
from tijara.events import selectors, vocab


class Command(BaseCommand):
    help = "List trade fairs and buyers' events for a market and a craft family (or matched to an organisation)."

    def add_arguments(self, parser):
        parser.add_argument("--market", default="", help="ISO 3166 alpha-3 code (e.g. FRA), or EU.")
        parser.add_argument("--craft", default="", help="Craft family (e.g. rugs, zellige, lighting).")
        parser.add_argument("--org", default="", help="Organisation slug: events in its top markets for its crafts.")
        parser.add_argument("--json", action="store_true", help="Print JSON.")
        parser.add_argument("--lang", default="en", choices=["en", "fr", "ar"])

    def handle(self, *args, market, craft, org, json: bool, lang, **options):
        translation.activate(lang)
        craft = (craft or "").strip().lower()
        word = ""
        if craft and craft not in CRAFT_CODES:
            # A word of the fairs research (tiles, lamps, metal, fashion, home-decor): events tagged with it.
            mapped, _unknown = vocab.map_crafts([craft])
            if not mapped:
                raise CommandError(f"Unknown craft family {craft!r}; use one of: {', '.join(CRAFT_CODES)}.")
            word, craft = craft, mapped
        try:
            if org:
                from tijara.accounts.models import Organisation

                organisation = Organisation.objects.filter(slug=org).first()
                if organisation is None:
                    raise CommandError(f"No organisation {org!r}.")
                found = selectors.match_for_organisation(organisation=organisation, lang=lang)
                events = found.events
                if market:
                    codes = selectors.markets_expand(market)
                    events = [e for e in events if e.country in codes]
                if craft:
                    wanted = {craft} if isinstance(craft, str) else set(craft)
                    events = [e for e in events if wanted & set(e.crafts)]
            else:
                code = market.strip().upper()
                if code and (not code.isalpha() or len(code) not in (2, 3)):
                    raise CommandError(f"Give the market as an ISO 3166 alpha-3 code (e.g. FRA), not {market!r}.")
                if word:
                    events = selectors.events_for_word(market=code or None, word=word)
                else:
                    events = (selectors.events_for(market=code, craft=craft or None) if code
                              else selectors.events_list(craft=craft or None))
        except TijaraError as exc:
            raise CommandError(exc.message) from exc
        if json:
            import json as _json

            self.stdout.write(_json.dumps({"events": [e.as_cli() for e in events]}, ensure_ascii=False, indent=2))
            return
        if not events:
            self.stdout.write("No event found.")
        for e in events:
            when = (f"{e.start}..{e.end}" if e.dates_confirmed else
                    (f"to be confirmed: {e.start}..{e.end}" if e.start else
                     "dates not yet confirmed (usual months: " + ", ".join(
                         vocab.MONTHS[m - 1].title() for m in e.usual_months) + ")"))
            self.stdout.write(f"{e.name} — {e.city} ({e.country}) — {when} — {e.url} [source: {e.source}, {e.as_of}]")

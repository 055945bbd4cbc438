"""`tijara rates`: import exchange rates, list them, list the stored rate cards."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tijara.core.errors import TijaraError
from tijara.pricing import selectors, services
from tijara.pricing.money import BASE_CURRENCY


class Command(BaseCommand):
    help = "Exchange rates (MAD per unit): `rates import FILE`, `rates list`, `rates cards`."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="import rates from a file (all rows or none)")
        imp.add_argument("file", help="path of the file")
        imp.add_argument("--format", default="csv", choices=services.RATE_FORMATS,
                         help="csv = date,currency,rate[,rate_type[,source[,source_url]]]; tijara-csv = the shipped "
                              "pack's columns; bam-json = Bank Al-Maghrib API answer (GetCoursVirement/GetCoursBBE)")
        imp.add_argument("--rate-type", default="imported",
                         help="type stored with each rate: transfer (your bank's transfer rate), reference, …")
        imp.add_argument("--source", default="", help="where the rates come from (bank, publication)")
        imp.add_argument("--date", help="date of a bam-json file whose items carry none (YYYY-MM-DD)")
        imp.add_argument("--json", action="store_true")
        lst = sub.add_parser("list", help="list stored rates")
        lst.add_argument("--currency")
        lst.add_argument("--json", action="store_true")
        cards = sub.add_parser("cards", help="list stored carrier rate cards")
        cards.add_argument("--json", action="store_true")

    def handle(self, *args, action, **options):
        try:
            with translation.override("en"):
                getattr(self, f"_{action}")(**options)
        except TijaraError as exc:
            raise CommandError(exc.message) from None

    def _import(self, *, file, format, rate_type, source, date, json: bool, **_):  # noqa: A002
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file.")
        try:
            content = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise CommandError(f"{file}: not a UTF-8 text file.") from None
        on = services.parse_date(date, field="date") if date else None
        report = services.rate_import(content=content, fmt=format, rate_type=rate_type,
                                      source=source or path.name, on=on)
        data = {"created": report.created, "updated": report.updated, "unchanged": report.unchanged,
                "currencies": report.currencies, "first": report.first.isoformat(), "last": report.last.isoformat()}
        self._emit(data, json, f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged "
                               f"({', '.join(report.currencies)}, {data['first']} → {data['last']}).")

    def _list(self, *, currency, json: bool, **_):
        from tijara.pricing.models import ExchangeRate

        qs = ExchangeRate.objects.all()
        if currency:
            qs = qs.filter(currency=currency.strip().upper())
        rows = [{"date": r.on.isoformat(), "currency": r.currency, "mad_per_unit": format(r.mad_per_unit.normalize(), "f"),
                 "rate_type": r.rate_type, "source": r.source, "source_url": r.source_url} for r in qs]
        if json:
            self._emit(rows, True, "")
            return
        for r in rows:
            self.stdout.write(f"{r['date']} 1 {r['currency']} = {r['mad_per_unit']} {BASE_CURRENCY} "
                              f"[{r['rate_type']}] {r['source']}")

    def _cards(self, *, json: bool, **_):
        rows = [{"code": c.code, "name": c.name, "service": c.service_kind, "currency": c.currency,
                 "source_url": c.source_url, "as_of": c.as_of, "confidence": c.confidence,
                 "zones": selectors.rate_card(c.code).zones()} for c in selectors.rate_cards()]
        if json:
            self._emit(rows, True, "")
            return
        for r in rows:
            self.stdout.write(f"{r['code']}: {r['name']} — zones {', '.join(r['zones'])} ({r['as_of']}, "
                              f"{r['source_url']})")

    def _emit(self, data, as_json: bool, text: str) -> None:
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(text)

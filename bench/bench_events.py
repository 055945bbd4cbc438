"""Benchmark of the events and training apps: listing, matching, iCalendar import parsing and export, reload, radar.

Runs after `migrate` + `load_reference_data` on a scratch database (scripts/run-bench.sh)."""

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")

import django  # noqa: E402

django.setup()

import datetime as dt  # noqa: E402

from tijara.events import ical, reference, selectors  # noqa: E402
from tijara.training import content, scoring  # noqa: E402
from tijara.training import selectors as training  # noqa: E402


def timed(fn, n: int) -> tuple[float, float]:
    runs = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), max(runs)


today = dt.date(2026, 11, 29)
med, worst = timed(lambda: selectors.events_for(market="FRA", craft="rugs", today=today), 200)
print(f"events_for(FRA, rugs): median {med:.2f} ms, max {worst:.2f} ms")
med, worst = timed(lambda: selectors.events_list(today=today), 100)
print(f"events_list(all {len(selectors.events_list(today=today))}): median {med:.2f} ms, max {worst:.2f} ms")
med, worst = timed(lambda: selectors.match(hs_codes=[], crafts=["rugs"], today=today), 5)
print(f"match(rugs, finder ranking for HS 5701): median {med:.0f} ms, max {worst:.0f} ms")
med, worst = timed(lambda: reference.load(stdout=None), 3)
print(f"reference reload (37 fairs, idempotent): median {med:.0f} ms")

lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
for i in range(1000):
    day = dt.date(2027, 1, 1) + dt.timedelta(days=i % 300)
    lines += ["BEGIN:VEVENT", f"UID:bench-{i}@example.org", "DTSTAMP:20261120T090000Z",
              f"DTSTART;VALUE=DATE:{day:%Y%m%d}", f"DTEND;VALUE=DATE:{day + dt.timedelta(days=3):%Y%m%d}",
              f"SUMMARY:Bench fair {i}", "LOCATION:Hall 1\\, North,Lyon,France", "CATEGORIES:rugs,lamps",
              "END:VEVENT"]
lines.append("END:VCALENDAR")
data = ("\r\n".join(lines) + "\r\n").encode()
med, worst = timed(lambda: ical.parse(data), 3)
print(f"ical.parse(1000 VEVENTs, {len(data) // 1024} KB): median {med:.0f} ms")
items = selectors.events_list(today=today)
med, worst = timed(lambda: ical.export(items, name="bench", site_url="http://x", stamp=dt.datetime(2026, 11, 29)), 50)
print(f"ical.export(feed of {sum(1 for e in items if e.dates_confirmed)} dated events): median {med:.2f} ms")

spec = content.assessment()
answers = {q.id: i % 3 for i, q in enumerate(spec.questions)}
scores, _overall = scoring.score(spec, answers)
med, worst = timed(lambda: training.plan_for(scores=scores, lang="ar"), 50)
print(f"readiness plan ({len(training.plan_for(scores=scores))} items, facts resolved): median {med:.2f} ms")

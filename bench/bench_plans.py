"""Export plan speed: a plan from a free description (target < 1 s after warm-up) and its PDF (target < 3 s)."""

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")
import django  # noqa: E402

django.setup()

from tijara.plans.compose import PlanRequest, plan_compose  # noqa: E402
from tijara.plans.pdf import result_pdf  # noqa: E402

TEXTS = [("ar", "زليج فاسي مصنوع يدويا", "USA"), ("fr", "tapis berbère noué main en laine", "FRA"),
         ("en", "hand-painted ceramic tagine from Safi", "GBR"), ("fr", "babouches en cuir", "ESP")]

plan_compose(PlanRequest(market="USA", language="en", text="warm-up rug"))  # loads the models once
times, pdf_times = [], []
for _round in range(3):
    for lang, text, market in TEXTS:
        start = time.perf_counter()
        result = plan_compose(PlanRequest(market=market, language=lang, text=text)).as_dict()
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        result_pdf(result=result, language=lang, title=text, market=market)
        pdf_times.append(time.perf_counter() - start)
print(f"plan from a description: n={len(times)} median {statistics.median(times) * 1000:.0f} ms, "
      f"max {max(times) * 1000:.0f} ms (target < 1000 ms)")
print(f"plan PDF: n={len(pdf_times)} median {statistics.median(pdf_times) * 1000:.0f} ms, "
      f"max {max(pdf_times) * 1000:.0f} ms (target < 3000 ms)")

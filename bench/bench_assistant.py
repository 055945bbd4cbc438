"""Assistant speed: cold start, then offline (extractive) answer latency after warm-up; target p95 < 300 ms.

Also times the knowledge pack reload and a checklist. Run after `migrate` + `load_reference_data`.
"""

import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")
import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from tijara.assistant import services  # noqa: E402
from tijara.assistant.qa import evaluate  # noqa: E402
from tijara.knowledge import reference, selectors  # noqa: E402

settings.TIJARA_LLM_URL = ""  # offline mode only


def main() -> None:
    questions = [q.text for q in evaluate.load()]  # the project-written set, every language
    started = time.perf_counter()
    services.warm()
    cold = time.perf_counter() - started
    # Distinct phrasings so the query-embedding cache does not flatter the figures.
    variants = [f"{q} ({i})" if i else q for i in range(2) for q in questions]
    timings = []
    for question in variants:
        t = time.perf_counter()
        services.answer_question(question=question)
        timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"assistant cold start (models + index): {cold:.2f} s")
    print(f"assistant answers: n={len(timings)} p50={statistics.median(timings):.1f} ms p95={p95:.1f} ms "
          f"max={timings[-1]:.1f} ms (target p95 < 300 ms: {'ok' if p95 < 300 else 'MISSED'})")
    t = time.perf_counter()
    reference.load()
    print(f"knowledge pack reload (idempotent): {(time.perf_counter() - t) * 1000:.0f} ms")
    t = time.perf_counter()
    for _ in range(20):
        selectors.checklist_for(hs="691200", market="FRA", language="fr")
    print(f"checklist_for (hs 691200 → FRA): {(time.perf_counter() - t) * 1000 / 20:.1f} ms")


if __name__ == "__main__":
    main()

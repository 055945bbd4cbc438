"""Language core benchmark: analysis, detection and vocabulary lookups on the shipped mixed-language texts
(ar, Darija, fr, en), in one thread and in BENCH_THREADS threads (default 8), with the check that the threads
give the single-thread stems. Pure Python, no database. Environment: BENCH_ROUNDS (passes over the texts,
default 3)."""

from __future__ import annotations

import os
import statistics
import threading
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")

import django  # noqa: E402

django.setup()

from tijara.language import stemming  # noqa: E402
from tijara.language.detect import detect_question, detect_text, detector  # noqa: E402
from tijara.language.tests.queries import mixed_texts  # noqa: E402
from tijara.language.tests.test_threads import analyse  # noqa: E402
from tijara.language.vocabulary import vocabulary  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
THREADS = int(os.environ.get("BENCH_THREADS", "8"))


def main() -> None:
    texts = list(mixed_texts())
    work = texts * ROUNDS
    print(f"language core: {len(texts)} texts (ar, ary, fr, en) x {ROUNDS} rounds")
    stemming.snowball.cache_clear()
    start = time.perf_counter()
    single = [analyse(t, lang) for t, lang in work]
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for t, lang in work:
        analyse(t, lang)
    warm = time.perf_counter() - start
    print(f"analysis, one thread: {len(work) / cold:,.0f} texts/s with cold caches, {len(work) / warm:,.0f} warm")

    stemming.snowball.cache_clear()
    results: list[list] = [[] for _ in range(THREADS)]
    errors: list[BaseException] = []

    def run(n: int) -> None:
        try:
            results[n] = [analyse(t, lang) for t, lang in work[n::THREADS]]
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    took = time.perf_counter() - start
    differ = sum(1 for n in range(THREADS) for a, b in zip(results[n], single[n::THREADS], strict=True) if a != b)
    print(f"analysis, {THREADS} threads: {len(work) / took:,.0f} texts/s, errors {len(errors)}, "
          f"texts stemmed differently from one thread: {differ}")

    start = time.perf_counter()
    detector()
    print(f"detector build (9 languages, preloaded models): {time.perf_counter() - start:.2f} s")
    for name, fn in (("detect_text", detect_text), ("detect_question", detect_question)):
        times = []
        for t, _lang in texts:
            s = time.perf_counter()
            fn(t)
            times.append(time.perf_counter() - s)
        times.sort()
        print(f"{name}: p50 {statistics.median(times) * 1000:.1f} ms, p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms")
    voc = vocabulary()
    start = time.perf_counter()
    found = sum(len(voc.find(t)) for t, _lang in work)
    took = time.perf_counter() - start
    print(f"vocabulary ({len(voc)} concepts): {len(work) / took:,.0f} texts/s, {found / len(work):.1f} concepts a text")


if __name__ == "__main__":
    main()

"""Benchmark of the HS classifier: cold start, single-description latency (p50/p95 after warm-up),
a batch of 1,000 descriptions, and the process's peak memory (RSS).

Targets (issue 4): p95 single < 100 ms on a 2-core CPU, 1,000 batch < 30 s, RSS < 1 GB.
The descriptions come from the held-out development set (real official lines, seller-style), cycled.
"""

import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")

import django  # noqa: E402

django.setup()

from tijara.assistant import hs_services  # noqa: E402
from tijara.assistant.hs import engine  # noqa: E402
from tijara.assistant.hs.evaluate import load_rows  # noqa: E402


def main() -> None:
    rows = load_rows(split="all")
    texts = [r["text"] for r in rows] + [
        "زربية أمازيغية معقودة باليد من الصوف", "tapis berbère noué main en laine", "hand-knotted Berber wool rug",
        "babouches en cuir", "tajine en terre cuite", "lanterne en laiton ciselé",
    ]
    t0 = time.perf_counter()
    engine.get_index()
    hs_services.classify(text="warm up: wool rug")
    cold = time.perf_counter() - t0
    for t in texts[:20]:
        hs_services.classify(text=t)
    lat, cpu = [], []
    for t in texts[20:320]:
        s, c = time.perf_counter(), time.process_time()
        hs_services.classify(text=t)
        lat.append((time.perf_counter() - s) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    lat.sort()
    cpu.sort()
    batch = [texts[i % len(texts)] for i in range(1000)]
    s = time.perf_counter()
    out = hs_services.classify_batch(texts=batch)
    batch_s = time.perf_counter() - s
    assert len(out) == 1000
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    mode = "lexical+semantic" if engine.get_index().semantic else "lexical-only"
    print(f"classifier mode: {mode}")
    print(f"cold start (index + models + first query): {cold:.2f} s")
    print(f"single description, {len(lat)} runs after warm-up: p50 {statistics.median(lat):.1f} ms, "
          f"p95 {lat[int(len(lat) * 0.95) - 1]:.1f} ms, max {lat[-1]:.1f} ms (target p95 < 100 ms)")
    print(f"  CPU time of this process per description: p50 {statistics.median(cpu):.1f} ms, "
          f"p95 {cpu[int(len(cpu) * 0.95) - 1]:.1f} ms (wall time above includes waiting for other processes)")
    print(f"  load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"batch of 1,000: {batch_s:.1f} s (target < 30 s)")
    print(f"peak RSS: {rss_mb:.0f} MB (target < 1024 MB)")


if __name__ == "__main__":
    main()

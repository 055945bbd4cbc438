"""Load: the public product page, search and a logged-in dashboard under wrk (a second process, loopback only),
for SQLite and PostgreSQL with 1, 2 and 4 gunicorn workers. Bounded: 5 s per URL, 8 connections.

Prints requests/s, p50/p95/p99 and the count of non-2xx/3xx responses per configuration.
Falls back to a small Python client when wrk is not installed (apt-get install wrk).
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402
from tests.system.servers import AppServer, base_env, logged_in_session, run_cli  # noqa: E402

DURATION = int(os.environ.get("BENCH_LOAD_SECONDS", "5"))
CONNECTIONS = 8


def prepare(database_url: str, data_dir: Path) -> dict:
    env = base_env(database_url, data_dir, TIJARA_DB_CONN_MAX_AGE="60")  # persistent connections, as deployed
    for args in (["migrate", "--noinput", "-v", "0"], ["load_reference_data", "-v", "0"], ["demo"]):
        result = run_cli(*args, env=env, timeout=1800)
        if result.returncode != 0:
            raise SystemExit(f"{args}: {result.stderr[-2000:]}")
    script = ("from tijara.catalog.models import Product as P; p = P.objects.filter(is_public=True)"
              ".select_related('organisation').first(); print(p.organisation.slug, p.sku)")
    out = run_cli("shell", "--no-imports", "-c", script, env=env).stdout.strip().splitlines()[-1].split(" ", 1)
    return {"env": env, "product": f"/marketplace/makers/{out[0]}/{out[1]}/"}


WRK_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("P50 %d\\nP95 %d\\nP99 %d\\n", latency:percentile(50), latency:percentile(95),
                         latency:percentile(99)))
end
"""


def wrk(url: str, cookie: str | None) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    args = ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{DURATION}s", "-s", script.name, url]
    if cookie:
        args[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(args, capture_output=True, text=True, timeout=DURATION + 60).stdout
    os.unlink(script.name)

    def latency(pct: str) -> float:
        return int(re.search(rf"P{pct} (\d+)", out).group(1)) / 1000  # microseconds to ms

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "p50": latency("50"),
            "p95": latency("95"), "p99": latency("99"), "errors": int(errors.group(1)) if errors else 0,
            "socket_errors": socket_errors.group(1) if socket_errors else ""}


def python_client(url: str, cookie: str | None) -> dict:
    headers = {"Cookie": cookie} if cookie else {}
    times, errors = [], 0
    deadline = time.monotonic() + DURATION

    def worker():
        nonlocal errors
        session = requests.Session()
        while time.monotonic() < deadline:
            start = time.perf_counter()
            response = session.get(url, headers=headers, timeout=30)
            times.append((time.perf_counter() - start) * 1000)
            errors += response.status_code >= 400

    with ThreadPoolExecutor(CONNECTIONS) as pool:
        for _ in range(CONNECTIONS):
            pool.submit(worker)
    q = statistics.quantiles(times, n=100)
    return {"rps": len(times) / DURATION, "p50": q[49], "p95": q[94], "p99": q[98], "errors": errors, "socket_errors": ""}


def measure(url: str, cookie: str | None) -> dict:
    return wrk(url, cookie) if shutil.which("wrk") else python_client(url, cookie)


def engines(tmp: Path):
    yield "sqlite", f"sqlite:///{tmp / 'bench.sqlite3'}"
    try:
        import psycopg

        name = f"tijara_bench_{os.getpid()}"
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True, connect_timeout=3) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        yield "postgresql", f"postgres://postgres@127.0.0.1:5432/{name}"
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except Exception as exc:  # noqa: BLE001
        print(f"postgresql: skipped ({exc.__class__.__name__}: {exc})")


def main() -> None:
    print(f"load tool: {'wrk' if shutil.which('wrk') else 'python client'}; {DURATION}s per URL, {CONNECTIONS} connections")
    print(f"{'engine':<11}{'workers':>8}  {'page':<10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
    with tempfile.TemporaryDirectory() as tmpdir:
        for engine, url in engines(Path(tmpdir)):
            data_dir = Path(tmpdir) / engine
            data_dir.mkdir()
            setup = prepare(url, data_dir)
            for workers in (1, 2, 4):
                server = AppServer(setup["env"], workers=workers)
                try:
                    session = logged_in_session(server, "fatima@demo.tijara.ma", "demo-tijara-2026")
                    cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
                    pages = [("product", setup["product"], None), ("search", "/marketplace/?q=tapis", None),
                             ("dashboard", "/accounts/dashboard/", cookie)]
                    for label, path, page_cookie in pages:
                        requests.get(server.url + path, headers={"Cookie": page_cookie or ""}, timeout=60)  # warm up
                        r = measure(server.url + path, page_cookie)
                        print(f"{engine:<11}{workers:>8}  {label:<10}{r['rps']:>9.1f}{r['p50']:>9.1f}{r['p95']:>9.1f}"
                              f"{r['p99']:>9.1f}{r['errors']:>8}{('  ' + r['socket_errors']) if r['socket_errors'] else ''}")
                finally:
                    server.stop()


if __name__ == "__main__":
    main()

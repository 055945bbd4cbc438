"""Load on the deployed shape: one app server with 4 gunicorn workers started with the shipped settings
(tijara.core.gunicorn_conf: models loaded in the master before forking), PostgreSQL, Redis cache, the demo data.
wrk (a second process, loopback only) drives search, a product page, classify and ask; then the server is restarted
in the middle of a stream of API writes.

Bounded: BENCH_LOAD_SECONDS (default 10) per page, 8 connections, about a minute of load in all.
Each wrk request carries a made-up X-Forwarded-For (the server trusts 127.0.0.1 as its proxy), so that the
per-visitor rate limits of classify and ask see many visitors, as they would behind nginx.

Prints: the first search on a new machine, req/s and p50/p95/p99 per page with errors, RSS/PSS/private memory of
the master and each worker, and acknowledged writes lost across the restart.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests  # noqa: E402
from tests.system.servers import base_env, free_port, run_cli  # noqa: E402

DURATION = int(os.environ.get("BENCH_LOAD_SECONDS", "10"))
CONNECTIONS = 8
WORKERS = 4
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/12")

LUA = """
local method, path, body = %(method)s, %(path)s, %(bodies)s
math.randomseed(os.time())
request = function()
  local headers = {["X-Forwarded-For"] = string.format("10.%%d.%%d.%%d", math.random(0, 255), math.random(0, 255),
                                                        math.random(1, 254))}
  if method == "POST" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", path, headers, body[math.random(1, #body)])
  end
  return wrk.format("GET", path, headers)
end
done = function(summary, latency, requests)
  io.write(string.format("P50 %%d\\nP95 %%d\\nP99 %%d\\nNON2XX %%d\\n", latency:percentile(50),
                         latency:percentile(95), latency:percentile(99), summary.errors.status))
end
"""

CLASSIFY = ["tapis berbère en laine nouée main", "hand-painted ceramic tagine", "زربية صوف مصنوعة يدويا",
            "huile d'argan cosmétique", "brass lantern with pierced stars", "babouches en cuir"]
ASK = ["Quels documents pour exporter un tapis vers la France ?", "What is an EUR.1 certificate?",
       "كيف أصدر منتجات الصناعة التقليدية؟", "Do I need a certificate of origin for the USA?"]


def lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string is a valid Lua string literal for these texts


def wrk(base: str, path: str, method: str = "GET", bodies: list[str] | None = None) -> dict:
    script = LUA % {"method": lua_string(method), "path": lua_string(path),
                    "bodies": "{" + ", ".join(lua_string(b) for b in (bodies or [""])) + "}"}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    try:
        out = subprocess.run(["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{DURATION}s", "--timeout", "30s",
                              "-s", handle.name, base], capture_output=True, text=True, timeout=DURATION + 90).stdout
    finally:
        os.unlink(handle.name)

    def number(label: str) -> int:
        found = re.search(rf"^{label} (\d+)$", out, re.MULTILINE)
        return int(found.group(1)) if found else -1

    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "p50": number("P50") / 1000, "p95": number("P95") / 1000, "p99": number("P99") / 1000,
            "errors": number("NON2XX"), "socket_errors": socket_errors.group(1) if socket_errors else ""}


class Gunicorn:
    """gunicorn with the shipped settings, as `tijara serve --workers N` and deploy/gunicorn.conf.py start it."""

    def __init__(self, env: dict, port: int):
        self.url = f"http://127.0.0.1:{port}"
        env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": str(WORKERS), "GUNICORN_ACCESSLOG": ""}
        started = time.monotonic()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "python:tijara.core.gunicorn_conf", "tijara.wsgi:application"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while True:
            if self.process.poll() is not None:
                raise SystemExit("gunicorn exited")
            try:
                if requests.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.1)
        self.start_seconds = time.monotonic() - started

    def workers(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)


def memory(pid: int) -> dict:
    """Resident, proportional (shared pages split among the processes using them) and private memory, in MB."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        parts = line.split()
        if parts[0] in ("Rss:", "Pss:", "Private_Clean:", "Private_Dirty:"):
            values[parts[0][:-1]] = int(parts[1]) / 1024
    return {"rss": values["Rss"], "pss": values["Pss"], "private": values["Private_Clean"] + values["Private_Dirty"]}


def prepare(database_url: str, data_dir: Path) -> dict:
    env = base_env(database_url, data_dir, TIJARA_DB_CONN_MAX_AGE="60", TIJARA_REDIS_URL=REDIS_URL,
                   TIJARA_TRUSTED_PROXIES="127.0.0.1")
    for args in (["migrate", "--noinput", "-v", "0"], ["load_reference_data", "-v", "0"], ["demo"]):
        result = run_cli(*args, env=env, timeout=1800)
        if result.returncode != 0:
            raise SystemExit(f"{args}: {result.stderr[-2000:]}")
    script = (
        "from tijara.catalog.models import Product as P\n"
        "from tijara.accounts.services import api_token_create\n"
        "p = P.objects.filter(is_public=True).select_related('organisation').first()\n"
        "owner = p.organisation.memberships.filter(role='owner').first().user\n"
        "_t, key = api_token_create(user=owner, name='bench', scopes=['catalog:write'])\n"
        "print(p.organisation.slug, p.sku, key)\n")
    out = run_cli("shell", "--no-imports", "-c", script, env=env).stdout.strip().splitlines()[-1].split(" ")
    return {"env": env, "slug": out[0], "product": f"/marketplace/makers/{out[0]}/{out[1]}/", "token": out[2]}


def restart_under_writes(setup: dict, server: Gunicorn, port: int) -> tuple[Gunicorn, dict]:
    """API writes stream in; the server is stopped (gracefully) and started again in the middle."""
    acknowledged, failed, refused = [], [], 0
    stop = threading.Event()
    url = f"{server.url}/api/v1/catalog/organisations/{setup['slug']}/products"
    headers = {"Authorization": f"Bearer {setup['token']}"}

    def writer(thread: int):
        nonlocal refused
        session = requests.Session()
        n = 0
        while not stop.is_set():
            n += 1
            sku = f"BENCH-{os.getpid()}-{thread}-{n}"
            try:
                response = session.post(url, headers=headers, timeout=30, json={
                    "sku": sku, "craft_family": "rugs", "texts": {"fr": {"title": f"Tapis de test {n}"}}})
            except requests.ConnectionError:
                refused += 1  # the server is down: not acknowledged, the client knows it must retry
                time.sleep(0.05)
                continue
            (acknowledged if response.status_code == 201 else failed).append((sku, response.status_code))

    threads = [threading.Thread(target=writer, args=(t,)) for t in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    stopped = time.monotonic()
    server.stop()
    server = Gunicorn(setup["env"], port)
    down = time.monotonic() - stopped
    time.sleep(3)
    stop.set()
    for thread in threads:
        thread.join()
    skus = [sku for sku, _status in acknowledged]
    script = ("import json, sys; from tijara.catalog.models import Product as P; "
              f"w = json.loads({json.dumps(json.dumps(skus))}); "
              "print(len(set(w) - set(P.objects.filter(sku__in=w).values_list('sku', flat=True))))")
    lost = int(run_cli("shell", "--no-imports", "-c", script, env=setup["env"]).stdout.strip().splitlines()[-1])
    return server, {"acknowledged": len(acknowledged), "lost": lost, "failed": failed, "refused": refused,
                    "down_seconds": down}


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("bench_load needs wrk (apt-get install wrk)")
    import psycopg
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    name = f"tijara_bench_{os.getpid()}"
    admin = "postgresql://postgres@127.0.0.1:5432/postgres"
    with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory() as tmpdir:
            setup = prepare(f"postgres://postgres@127.0.0.1:5432/{name}", Path(tmpdir) / "server")
            # a new machine: no index file yet (the master builds it before forking, as at deploy time)
            shutil.rmtree(Path(tmpdir) / "server" / "search", ignore_errors=True)
            port = free_port()
            server = Gunicorn(setup["env"], port)
            began = time.perf_counter()
            first = requests.get(f"{server.url}/marketplace/?q=tapis", timeout=120)
            first_ms = (time.perf_counter() - began) * 1000
            print(f"PostgreSQL, Redis cache, {WORKERS} workers (preload), wrk {DURATION}s per page, {CONNECTIONS} "
                  f"connections; server ready in {server.start_seconds:.1f} s (models loaded before forking); "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
            print(f"first search on a new machine: {first_ms:.0f} ms (HTTP {first.status_code})")
            print(f"{'page':<9}{'req/s':>8}{'requests':>10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
            pages = [("search", "/marketplace/?q=tapis", "GET", None),
                     ("product", setup["product"], "GET", None),
                     ("classify", "/api/v1/classify", "POST", [json.dumps({"text": t}) for t in CLASSIFY]),
                     ("ask", "/api/v1/ask", "POST", [json.dumps({"question": q}) for q in ASK])]
            for label, path, method, bodies in pages:
                r = wrk(server.url, path, method, bodies)
                print(f"{label:<9}{r['rps']:>8.1f}{r['requests']:>10}{r['p50']:>9.1f}{r['p95']:>9.1f}{r['p99']:>9.1f}"
                      f"{r['errors']:>8}{('  socket: ' + r['socket_errors']) if r['socket_errors'] else ''}")
            master = memory(server.process.pid)
            workers = [memory(pid) for pid in server.workers()]
            print(f"memory MB   {'rss':>8}{'pss':>8}{'private':>9}")
            print(f"master      {master['rss']:>8.0f}{master['pss']:>8.0f}{master['private']:>9.0f}")
            for n, w in enumerate(workers, 1):
                print(f"worker {n}    {w['rss']:>8.0f}{w['pss']:>8.0f}{w['private']:>9.0f}")
            total_pss = master["pss"] + sum(w["pss"] for w in workers)
            print(f"total: {total_pss:.0f} MB proportional (sum of RSS would say "
                  f"{master['rss'] + sum(w['rss'] for w in workers):.0f} MB: the models' pages are shared)")
            server, restart = restart_under_writes(setup, server, port)
            print(f"restart under writes: {restart['acknowledged']} writes acknowledged, {restart['lost']} lost, "
                  f"{len(restart['failed'])} answered with an error {restart['failed'][:3]}, "
                  f"{restart['refused']} refused while down ({restart['down_seconds']:.1f} s)")
            server.stop()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        redis.Redis.from_url(REDIS_URL).flushdb()


if __name__ == "__main__":
    main()

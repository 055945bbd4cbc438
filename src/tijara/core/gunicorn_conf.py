"""gunicorn settings shipped with the package: `gunicorn -c python:tijara.core.gunicorn_conf tijara.wsgi`.

`tijara serve --workers N` and `deploy/gunicorn.conf.py` both use this module. Workers recycle after
`max_requests`, stuck workers are restarted after GUNICORN_TIMEOUT, Prometheus samples of every worker are
aggregated through PROMETHEUS_MULTIPROC_DIR, and the models (HS classifier, assistant, search encoder) are loaded
once in the master before it forks (GUNICORN_PRELOAD=true, the default) so workers share their memory pages
and answer the first classify/ask at full speed, also after every recycle.
"""

from __future__ import annotations

import logging
import os
import tempfile

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
preload_app = os.environ.get("GUNICORN_PRELOAD", "true").lower() != "false"
# Load the models before serving (in the master with preload, else in each worker before its first request).
warm_models = os.environ.get("GUNICORN_WARM_MODELS", "true").lower() != "false"
wsgi_app = "tijara.wsgi:application"
# gunicorn 27 opens a control socket at one fixed path per user: several servers on one machine would collide.
control_socket_disable = True

if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="tijara-prometheus-")

logger = logging.getLogger("tijara.gunicorn")


def when_ready(server):
    """In the master, after the app is loaded (preload) and before the first fork: load the models once."""
    if preload_app and warm_models:
        from tijara.core.warmup import warm

        warm()
        from django.db import connections

        connections.close_all()  # a forked worker must not share the master's database socket


def post_fork(server, worker):
    """Without preload each worker loads the models before its first request instead of inside it."""
    if not preload_app and warm_models:
        from tijara.core.warmup import warm

        warm()
        from django.db import connections

        connections.close_all()


def worker_exit(server, worker):
    """A recycled or stopped worker writes the page views it counted (per-process cache) before it goes."""
    try:
        from tijara.marketplace import viewcounts

        viewcounts.flush()
    except Exception:  # noqa: BLE001 - the database may be gone while stopping
        logger.warning("pending page views not written at worker exit", exc_info=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)

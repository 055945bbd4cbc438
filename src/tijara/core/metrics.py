"""Prometheus metrics: requests, latencies, task queue depth, feed generations.

Under gunicorn with several workers, set PROMETHEUS_MULTIPROC_DIR (deploy/gunicorn.conf.py does) so every
worker's samples are aggregated at scrape time.
"""

from __future__ import annotations

import os
import time

from django.http import HttpResponse
from django.urls import Resolver404, resolve
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily

REQUESTS = Counter("tijara_http_requests_total", "HTTP requests", ["method", "view", "status"])
LATENCY = Histogram(
    "tijara_http_request_duration_seconds", "HTTP request latency", ["view"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
FEED_GENERATIONS = Counter("tijara_feed_generations_total", "Channel feed generations", ["channel", "outcome"])
FEED_SECONDS = Histogram("tijara_feed_generation_seconds", "Channel feed generation time", ["channel"])


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return "unresolved"
    return match.view_name or "unnamed"


class MetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        start = time.perf_counter()
        response = self.get_response(request)
        view = _view_name(request)
        LATENCY.labels(view=view).observe(time.perf_counter() - start)
        REQUESTS.labels(method=request.method, view=view, status=str(response.status_code)).inc()
        return response


class TaskQueueCollector:
    """Background task counts by status, read from the database backend at scrape time."""

    def collect(self):
        gauge = GaugeMetricFamily("tijara_tasks", "Background tasks by status", labels=["status"])
        try:
            from django.db.models import Count
            from django_tasks_db.models import DBTaskResult

            for row in DBTaskResult.objects.values("status").annotate(n=Count("id")):
                gauge.add_metric([row["status"]], row["n"])
        except Exception:  # noqa: BLE001, S110 - a scrape must not fail because the DB is down
            pass
        yield gauge


def metrics_view(request):
    """Prometheus text exposition (no authentication: expose it only on the internal network)."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.MultiProcessCollector(registry)
    else:
        from prometheus_client import REGISTRY

        registry = REGISTRY
    output = generate_latest(registry)
    output += generate_latest(_task_registry())
    return HttpResponse(output, content_type=CONTENT_TYPE_LATEST)


_TASKS = None


def _task_registry() -> CollectorRegistry:
    global _TASKS
    if _TASKS is None:
        _TASKS = CollectorRegistry()
        _TASKS.register(TaskQueueCollector())
    return _TASKS

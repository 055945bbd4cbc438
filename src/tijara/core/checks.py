"""Production misconfiguration checks with stable IDs (run with `tijara check --deploy`; listed in
docs/configuration.md)."""

import os

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


def gunicorn_workers() -> int:
    """Worker processes per app server: GUNICORN_WORKERS, else 4 in production (the shipped default), else 1."""
    try:
        return int(os.environ.get("GUNICORN_WORKERS") or (4 if getattr(settings, "PRODUCTION", False) else 1))
    except ValueError:
        return 1


@register(Tags.security, deploy=True)
def production_settings(app_configs, **kwargs):
    problems = []
    production = getattr(settings, "PRODUCTION", False)
    if production:
        if settings.DEBUG:
            problems.append(Error("TIJARA_DEBUG is on in production.", id="tijara.E001"))
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            problems.append(
                Warning("SQLite in production: set DATABASE_URL to PostgreSQL for several app servers.", id="tijara.W001")
            )
        if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
            problems.append(Warning("Email goes to the console: set EMAIL_BACKEND and EMAIL_HOST.", id="tijara.W002"))
        if not getattr(settings, "TIJARA_TRUSTED_PROXIES", []):
            problems.append(Warning(
                "No trusted proxy: behind nginx, rate limits and login throttling count the proxy's address, so "
                "every visitor shares one limit.",
                hint="Set TIJARA_TRUSTED_PROXIES to the proxy's address (127.0.0.1 for the shipped nginx on the "
                     "same machine).", id="tijara.W005"))
    elif settings.DEBUG:
        problems.append(Warning(
            "DEBUG is on: error pages show tracebacks, settings and server paths to every visitor.",
            hint="Unset TIJARA_DEBUG (it is off by default; `make dev` turns it on for development only).",
            id="tijara.W004"))
    backend = settings.CACHES["default"]["BACKEND"]
    workers = gunicorn_workers()
    if workers > 1 and backend.endswith(("locmem.LocMemCache", "dummy.DummyCache")):
        problems.append(Warning(
            f"The cache is private to each process ({backend.rsplit('.', 1)[-1]}) with {workers} gunicorn workers: "
            "rate limits, login lockouts and view counts are counted per worker.",
            hint="Set TIJARA_REDIS_URL so every worker and app server shares one cache.", id="tijara.W003"))
    return problems

"""Production misconfiguration checks with stable IDs (run with `tijara check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def production_settings(app_configs, **kwargs):
    problems = []
    if getattr(settings, "PRODUCTION", False):
        if settings.DEBUG:
            problems.append(Error("TIJARA_DEBUG is on in production.", id="tijara.E001"))
        if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
            problems.append(
                Warning("SQLite in production: set DATABASE_URL to PostgreSQL for several app servers.", id="tijara.W001")
            )
        if settings.EMAIL_BACKEND.endswith("console.EmailBackend"):
            problems.append(Warning("Email goes to the console: set EMAIL_BACKEND and EMAIL_HOST.", id="tijara.W002"))
    return problems

"""The NinjaAPI: /api/v1/<app>/…, OpenAPI at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from django.db import connection
from ninja import NinjaAPI

import tijara
from tijara.accounts.api_auth import BrowserSessionAuth, TokenAuth
from tijara.core.errors import TijaraError

api = NinjaAPI(
    title="Tijara API",
    version="1",
    description="Export platform for Moroccan handicrafts. Session auth in the browser; "
    "`Authorization: Bearer <token>` with a personal API token for scripts.",
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
    # The token first: a request with `Authorization: Bearer` is never a session request. CSRF of session requests
    # is checked by tijara.core.middleware.ApiSessionCsrfMiddleware for every unsafe API call.
    auth=[TokenAuth(), BrowserSessionAuth()],
)


@api.exception_handler(TijaraError)
def tijara_error(request, exc: TijaraError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.get("/v1/health", auth=None, tags=["platform"])
def health(request):
    """Database reachability and versions."""
    import django

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception as exc:  # noqa: BLE001 - report any database failure as data
        database = f"error: {exc.__class__.__name__}"
    return {
        "status": "ok" if database == "ok" else "degraded",
        "database": database,
        "database_vendor": connection.vendor,
        "tijara": tijara.__version__,
        "django": django.get_version(),
    }


def _mount(prefix: str, module: str) -> None:
    from importlib import import_module

    router = import_module(module).router
    api.add_router(prefix, router)


for _app in ("accounts", "markets", "knowledge", "assistant", "pricing", "catalog", "channels",
             "marketplace", "plans", "events", "training", "documents"):
    # The assistant answers at /v1/classify and /v1/ask: its router carries its own paths.
    _mount("/v1/" if _app == "assistant" else f"/v1/{_app}/", f"tijara.{_app}.api")

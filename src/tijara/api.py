"""The NinjaAPI: /api/v1/<app>/…, OpenAPI at /api/openapi.json, docs at /api/docs."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig
from django.db import connection
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.parser import Parser

import tijara
from tijara.accounts.api_auth import BrowserSessionAuth, TokenAuth
from tijara.core.errors import TijaraError


class StrictJsonParser(Parser):
    """JSON bodies whose strings are real Unicode text: an unpaired surrogate (JSON allows "\\ud800") or a NUL
    character (PostgreSQL cannot store or compare it) is refused with a 400 here instead of failing later when the
    text is written, encoded or searched."""

    def parse_body(self, request):
        from django.utils.translation import gettext as _

        data = super().parse_body(request)
        if _has_text(data, "\x00"):
            raise TijaraError("invalid_text", _(
                "The request holds a NUL character (\\u0000), which is not text: remove it and send the request "
                "again."))
        if _has_lone_surrogate(data):
            raise TijaraError("invalid_text", _(
                "The request holds an unpaired surrogate escape (such as \\ud800), which is not text: send valid "
                "UTF-8."))
        return data


def _strings(value):
    """Every string of a parsed JSON body, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def _has_text(value, needle: str) -> bool:
    return any(needle in s for s in _strings(value))


def _has_lone_surrogate(value) -> bool:
    for s in _strings(value):
        try:
            s.encode("utf-8")
        except UnicodeEncodeError:
            return True
    return False


api = NinjaAPI(
    title="Tijara API",
    version="1",
    description="Export platform for Moroccan handicrafts. Session auth in the browser; "
    "`Authorization: Bearer <token>` with a personal API token for scripts.",
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api",
    parser=StrictJsonParser(),
    # The token first: a request with `Authorization: Bearer` is never a session request. CSRF of session requests
    # is checked by tijara.core.middleware.ApiSessionCsrfMiddleware for every unsafe API call.
    auth=[TokenAuth(), BrowserSessionAuth()],
)


@api.exception_handler(TijaraError)
def tijara_error(request, exc: TijaraError):
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    # ninja turns any failure of the body parser into "Cannot parse request body": keep our specific message.
    if isinstance(exc.__cause__, TijaraError):
        return tijara_error(request, exc.__cause__)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def request_too_big(request, exc: RequestDataTooBig):
    from django.conf import settings
    from django.utils.translation import gettext as _

    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
    return api.create_response(request, {"code": "too_large", "message": _(
        "The request body is larger than {limit} MB: send less data at a time (files go in multipart uploads)."
    ).format(limit=limit)}, status=413)


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

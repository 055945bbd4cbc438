"""Request middleware: `?lang=` language override, a Content-Security-Policy header, refusal of text that is not
text (NUL) and resilience to a full disk or an unreachable database."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

CSP = (
    "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'"
)


class QueryLanguageMiddleware:
    """Lets `?lang=ar|fr|en` choose the language of one page (used by hreflang alternates); the htmx requests that
    page makes (its `HX-Current-URL`) are answered in the same language, so a panel loaded after the page matches it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        lang = request.GET.get("lang", "") or _htmx_page_lang(request)
        if lang not in self.codes:
            return self.get_response(request)
        request.META["HTTP_ACCEPT_LANGUAGE"] = lang
        request.COOKIES.pop(settings.LANGUAGE_COOKIE_NAME, None)
        translation.activate(lang)
        response = self.get_response(request)
        if response.status_code in (301, 302, 303, 307, 308) and "Location" in response:
            response["Location"] = _with_lang(response["Location"], lang, request)
        return response


def _htmx_page_lang(request) -> str:
    """The `?lang=` of the page an htmx request comes from (empty when none or not an htmx request)."""
    if request.headers.get("HX-Request") != "true":
        return ""
    query = urlsplit(request.headers.get("HX-Current-URL", "")).query
    return dict(parse_qsl(query)).get("lang", "")


def _with_lang(location: str, lang: str, request) -> str:
    """A redirect within the site keeps the page's `?lang=` (a login redirect must not switch the language)."""
    if not url_has_allowed_host_and_scheme(location, allowed_hosts={request.get_host()}):
        return location
    parts = urlsplit(location)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if any(key == "lang" for key, _value in query):
        return location
    return urlunsplit(parts._replace(query=urlencode([*query, ("lang", lang)])))


NUL = "\x00"


def _holds_nul(pairs) -> str | None:
    """The name of the first parameter whose name or value holds a NUL character (None when none does)."""
    for key, values in pairs:
        if NUL in key or any(NUL in value for value in values):
            return key.replace(NUL, "") or "?"
    return None


class TextHygieneMiddleware:
    """Refuses a query string or a submitted form holding a NUL character (``?q=%00``) with a 400 that names the
    parameter, before any view reads it: PostgreSQL cannot store or compare text holding NUL, so such a value
    would otherwise end as a server error on the production database (SQLite accepts it silently). Django's form
    fields already refuse it; views that read ``request.GET`` themselves (searches, filters) did not. JSON bodies
    are checked by the API's parser (:class:`tijara.api.StrictJsonParser`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        bad = _holds_nul(request.GET.lists())
        if bad is None and request.method == "POST":
            from django.core.exceptions import RequestDataTooBig

            try:  # a form (urlencoded or multipart); CSRF reads it next anyway
                bad = _holds_nul(request.POST.lists())
            except RequestDataTooBig:  # left to the view's own "too large" answer
                bad = None
        if bad is None:
            return self.get_response(request)
        from django.http import JsonResponse
        from django.shortcuts import render
        from django.utils.translation import gettext as _

        if request.path.startswith("/api/"):  # a developer reads this one: it names the parameter
            message = _("The parameter “{name}” holds a NUL character (%00), which is not text. Nothing was read or "
                        "changed: remove it and try again.").format(name=bad[:60])
            return JsonResponse({"code": "invalid_text", "message": message, "field": bad[:60]}, status=400)
        # a person reads the page: no parameter name or escape code, and a way on (the same address without it)
        retry = None
        if request.method == "GET":
            from urllib.parse import urlencode

            pairs = [(key.replace(NUL, ""), value.replace(NUL, "")) for key, values in request.GET.lists()
                     for value in values]
            retry = request.path + ("?" + urlencode(pairs) if pairs else "")
        message = _("What you sent holds an invisible character that is not text, so nothing was read or changed.")
        return render(request, "core/bad_request.html", {"message": message, "retry_url": retry}, status=400)


class ContentSecurityPolicyMiddleware:
    """Adds a strict CSP; the Swagger page at /api/docs needs inline scripts and is exempted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(("/api/docs", "/admin/")):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response


STORAGE_FULL_ERRNOS = {28, 27, 122}  # ENOSPC, EFBIG, EDQUOT


class ResilienceMiddleware:
    """Turns a full disk into 507 and an unreachable database into 503, with a clear message, instead of a 500.

    With CONN_MAX_AGE and health checks, the next request reconnects by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError, connections
        from django.http import JsonResponse
        from django.shortcuts import render
        from django.utils.translation import gettext as _

        if isinstance(exception, OSError) and exception.errno in STORAGE_FULL_ERRNOS:
            status = 507
            message = _("The server's storage is full: your file was not saved. Nothing else changed. Try again later.")
        elif isinstance(exception, OperationalError | InterfaceError):
            import logging

            logging.getLogger("tijara.resilience").error("database unavailable: %r", exception)
            for conn in connections.all():
                conn.close_if_unusable_or_obsolete()
            status = 503
            message = _("The database is not reachable right now. Nothing was saved. Try again in a moment.")
        else:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"code": "unavailable", "message": message}, status=status)
        try:
            return render(request, "core/unavailable.html", {"message": message}, status=status)
        except Exception:  # noqa: BLE001 - the page itself may need the database (session, user)
            from django.http import HttpResponse

            return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class ApiSessionCsrfMiddleware:
    """CSRF for API calls made with the browser session; calls carrying `Authorization: Bearer` skip it.

    Django ninja's views are CSRF-exempt, and its session auth used to check CSRF before the token auth ran, so token
    writes failed while public endpoints (`POST /api/v1/ask`) acted for a signed-in visitor without any check. Here
    every unsafe API request that a session cookie authenticates must carry the CSRF token, whatever the endpoint's
    auth; a request with an Authorization header cannot come from another site's form, so it needs none.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        if not request.path.startswith("/api/") or request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
            return None
        if request.headers.get("Authorization"):
            return None
        if not getattr(getattr(request, "user", None), "is_authenticated", False):
            return None
        from django.http import JsonResponse
        from django.middleware.csrf import CsrfViewMiddleware
        from django.utils.translation import gettext as _

        refused = CsrfViewMiddleware(lambda req: None).process_view(request, None, (), {})
        if refused is None:
            return None
        return JsonResponse({"code": "csrf_failed", "message": _(
            "This request uses your browser session but carries no valid CSRF token: send the X-CSRFToken header, "
            "or use a personal API token (Authorization: Bearer).")}, status=403)

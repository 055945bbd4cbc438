"""Request middleware: `?lang=` language override and a Content-Security-Policy header."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

CSP = (
    "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; "
    "base-uri 'self'; form-action 'self'"
)


class QueryLanguageMiddleware:
    """Lets `?lang=ar|fr|en` choose the language of one page (used by hreflang alternates)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        lang = request.GET.get("lang", "")
        if lang in self.codes:
            request.META["HTTP_ACCEPT_LANGUAGE"] = lang
            request.COOKIES.pop(settings.LANGUAGE_COOKIE_NAME, None)
            translation.activate(lang)
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Adds a strict CSP; the Swagger page at /api/docs needs inline scripts and is exempted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith(("/api/docs", "/admin/")):
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

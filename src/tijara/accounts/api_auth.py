"""API authentication: personal tokens (`Authorization: Bearer …`, with scopes), next to the browser session."""

from __future__ import annotations

from ninja.security import HttpBearer, SessionAuth

from tijara.accounts import services


class TokenAuth(HttpBearer):
    """A personal token; raises a 403 TijaraError when its scopes do not cover the request."""

    def authenticate(self, request, token: str):
        user = services.api_token_user(token=token, method=request.method, path=request.path)
        if user is not None:
            request.user = user
        return user


class BrowserSessionAuth(SessionAuth):
    """The browser session. CSRF is enforced by ApiSessionCsrfMiddleware (for every unsafe API call, whatever the
    endpoint's auth), so it is not checked again here; a request with an Authorization header is not a session one."""

    def __init__(self):
        super().__init__(csrf=False)

    def authenticate(self, request, key):
        if request.headers.get("Authorization"):
            return None
        return super().authenticate(request, key)

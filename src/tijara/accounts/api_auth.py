"""API authentication: personal tokens (`Authorization: Bearer …`), next to the browser session."""

from __future__ import annotations

from ninja.security import HttpBearer

from tijara.accounts import services


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        user = services.api_token_user(token=token)
        if user is not None:
            request.user = user
        return user

"""Fixed-window rate limits in the shared cache (Redis in production, so every app server counts together)."""

from __future__ import annotations

import time

from django.core.cache import cache


def rate_limited(*, scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one hit for (scope, key); True when the limit for the current window is exceeded."""
    window = int(time.time() // window_seconds)
    cache_key = f"rl:{scope}:{key}:{window}"
    if cache.add(cache_key, 1, timeout=window_seconds + 5):
        return limit < 1
    try:
        return cache.incr(cache_key) > limit
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window_seconds + 5)
        return False


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limit_enforce(*, scope: str, key: str, limit: int, window_seconds: int) -> None:
    """Raise TijaraError (HTTP 429) when the client exceeded `limit` hits in the window."""
    from django.utils.translation import gettext as _

    from tijara.core.errors import TijaraError

    if rate_limited(scope=scope, key=key, limit=limit, window_seconds=window_seconds):
        raise TijaraError("rate_limited", _("Too many requests. Wait a few minutes and try again."), status=429)


def client_key(request) -> str:
    """The user for signed-in requests, else the IP address."""
    user = getattr(request, "user", None)
    return f"user:{user.pk}" if getattr(user, "is_authenticated", False) else f"ip:{client_ip(request)}"

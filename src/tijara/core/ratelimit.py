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

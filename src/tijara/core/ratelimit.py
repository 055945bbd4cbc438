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


def _trusted_networks() -> list:
    import ipaddress

    from django.conf import settings

    networks = []
    for item in getattr(settings, "TIJARA_TRUSTED_PROXIES", []):
        networks.append(ipaddress.ip_network(item, strict=False))
    return networks


def _is_trusted(address: str, networks: list) -> bool:
    import ipaddress

    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request) -> str:
    """The visitor's address: the peer, or, when the peer is a trusted proxy (TIJARA_TRUSTED_PROXIES), the last
    address in X-Forwarded-For that is not itself a trusted proxy. A client cannot spoof it by sending the header
    straight to the app server, because then the peer is not trusted and the header is ignored."""
    import ipaddress

    peer = request.META.get("REMOTE_ADDR", "") or ""
    networks = _trusted_networks()
    if not networks or not _is_trusted(peer, networks):
        return peer or "unknown"
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for address in reversed(forwarded):
        if _is_trusted(address, networks):
            continue
        try:
            return str(ipaddress.ip_address(address))
        except ValueError:
            break  # garbage in the header: count the proxy rather than trust it
    return peer


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


def client_ip_address(request) -> str | None:
    """client_ip() as a valid IP address for a GenericIPAddressField, or None when it is unknown."""
    import ipaddress

    try:
        return str(ipaddress.ip_address(client_ip(request)))
    except ValueError:
        return None

"""Etsy Open API v3 HTTP client: OAuth 2.0 with PKCE (S256), rate limits (10/s, daily quota) with backoff.

Requests and responses follow channel-specs.md §2.1–2.6: `x-api-key` header (`keystring:shared_secret` when a
shared secret is given), `Authorization: Bearer <token>`, form-encoded bodies, 429 with the
`x-remaining-*` headers when over the limit. Tests run it against a local server (tests/etsy_server.py).
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError

AUTHORIZE_URL = "https://www.etsy.com/oauth/connect"
SCOPES = ("listings_r", "listings_w", "listings_d", "shops_r", "shops_w")
VERIFIER_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
RETRY_STATUSES = {429, 500, 502, 503, 504}


def code_verifier(length: int = 64) -> str:
    """A PKCE code verifier: 43–128 characters from A–Z a–z 0–9 - . _ ~ (RFC 7636)."""
    if not 43 <= length <= 128:
        raise ValueError("length must be 43..128")
    return "".join(secrets.choice(VERIFIER_CHARS) for _ in range(length))


def code_challenge(verifier: str) -> str:
    """S256 challenge: base64url(sha256(verifier)) without padding."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode("ascii")


def authorize_url(*, client_id: str, redirect_uri: str, state: str, challenge: str, scopes=SCOPES,
                  base: str = AUTHORIZE_URL) -> str:
    """The URL the shop owner opens to grant access."""
    query = urlencode({"response_type": "code", "client_id": client_id, "redirect_uri": redirect_uri,
                       "scope": " ".join(scopes), "state": state, "code_challenge": challenge,
                       "code_challenge_method": "S256"})
    return f"{base}?{query}"


class RateLimiter:
    """At most `per_second` calls in any rolling second; a daily budget taken from the response headers."""

    def __init__(self, per_second: int = 10, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.per_second = per_second
        self.clock = clock
        self.sleep = sleep
        self.calls: deque[float] = deque()
        self.remaining_today: int | None = None
        self.lock = threading.Lock()

    def acquire(self) -> None:
        with self.lock:
            if self.remaining_today is not None and self.remaining_today <= 0:
                raise TijaraError("etsy_daily_quota", _("Etsy's daily request quota is used up; publishing resumes "
                                                        "when the rolling 24-hour window frees calls."), status=429)
            now = self.clock()
            while self.calls and now - self.calls[0] >= 1.0:
                self.calls.popleft()
            if len(self.calls) >= self.per_second:
                wait = 1.0 - (now - self.calls[0])
                if wait > 0:
                    self.sleep(wait)
                now = self.clock()
                while self.calls and now - self.calls[0] >= 1.0:
                    self.calls.popleft()
            self.calls.append(now)

    def update(self, headers) -> None:
        per_second = headers.get("x-limit-per-second")
        if per_second and per_second.isdigit():
            self.per_second = max(1, int(per_second))
        remaining = headers.get("x-remaining-today")
        if remaining is not None and remaining.lstrip("-").isdigit():
            self.remaining_today = int(remaining)


class EtsyClient:
    """Calls Etsy with retries (429/5xx, exponential backoff honouring Retry-After) and a rate limiter."""

    def __init__(self, *, api_key: str, access_token: str = "", refresh_token: str = "", shared_secret: str = "",
                 base_url: str = "https://api.etsy.com", timeout: float = 15.0, max_retries: int = 4,
                 backoff: float = 0.5, limiter: RateLimiter | None = None,
                 sleep: Callable[[float], None] = time.sleep):
        self.api_key = api_key
        self.shared_secret = shared_secret
        self.access_token = access_token
        self.refresh_token = refresh_token
        if not base_url.startswith(("https://", "http://")):
            raise TijaraError("etsy_base_url", _("The Etsy API address must be an http(s) URL."))
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.sleep = sleep
        self.limiter = limiter or RateLimiter(sleep=sleep)
        self.calls = 0

    # -------------------------------------------------------------------------------- OAuth

    def exchange_code(self, *, code: str, redirect_uri: str, verifier: str) -> dict:
        """Authorization code + PKCE verifier → tokens (stored on the client)."""
        tokens = self._token({"grant_type": "authorization_code", "client_id": self.api_key,
                              "redirect_uri": redirect_uri, "code": code, "code_verifier": verifier})
        return tokens

    def refresh(self) -> dict:
        """A new access token from the refresh token (the refresh token is replaced too)."""
        return self._token({"grant_type": "refresh_token", "client_id": self.api_key,
                            "refresh_token": self.refresh_token})

    def _token(self, form: dict) -> dict:
        data = self._send("POST", "/v3/public/oauth/token", form=form, auth=False)
        self.access_token = data["access_token"]
        self.refresh_token = data.get("refresh_token", self.refresh_token)
        return data

    # -------------------------------------------------------------------------------- listings

    def create_draft_listing(self, shop_id, payload: dict) -> dict:
        """POST /v3/application/shops/{shop_id}/listings (createDraftListing) → the listing (state draft)."""
        return self._send("POST", f"/v3/application/shops/{shop_id}/listings", form=payload)

    def upload_listing_image(self, shop_id, listing_id, data: bytes, *, filename: str = "image.jpg",
                             rank: int = 1) -> dict:
        """POST …/listings/{listing_id}/images as multipart with `image` and `rank`."""
        return self._send("POST", f"/v3/application/shops/{shop_id}/listings/{listing_id}/images",
                          files={"image": (filename, data)}, form={"rank": str(rank)})

    def update_listing(self, shop_id, listing_id, fields: dict) -> dict:
        """PATCH …/listings/{listing_id} (updateListing), e.g. {"state": "active"}."""
        return self._send("PATCH", f"/v3/application/shops/{shop_id}/listings/{listing_id}", form=fields)

    # -------------------------------------------------------------------------------- transport

    def _headers(self, auth: bool) -> dict:
        key = f"{self.api_key}:{self.shared_secret}" if self.shared_secret else self.api_key
        headers = {"x-api-key": key, "Accept": "application/json"}
        if auth:
            if not self.access_token:
                raise TijaraError("etsy_not_connected", _("Connect the Etsy shop first (OAuth)."))
            headers["Authorization"] = f"Bearer {self.access_token}"
        return headers

    @staticmethod
    def _encode(form: dict | None, files: dict | None) -> tuple[bytes, str]:
        pairs = []
        for key, value in (form or {}).items():
            if isinstance(value, list | tuple):
                pairs += [(key, str(v)) for v in value]
            elif value not in (None, ""):
                pairs.append((key, str(value)))
        if not files:
            return urlencode(pairs).encode("utf-8"), "application/x-www-form-urlencoded"
        boundary = uuid.uuid4().hex
        body = bytearray()
        for key, value in pairs:
            body += f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, (filename, data) in files.items():
            body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{filename}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n").encode()
            body += data + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        return bytes(body), f"multipart/form-data; boundary={boundary}"

    def _send(self, method: str, path: str, *, form: dict | None = None, files: dict | None = None,
              auth: bool = True, refreshed: bool = False) -> dict:
        body, content_type = self._encode(form, files)
        for attempt in range(self.max_retries + 1):
            self.limiter.acquire()
            headers = self._headers(auth) | {"Content-Type": content_type}
            request = Request(self.base_url + path, data=body, method=method, headers=headers)  # noqa: S310
            self.calls += 1
            try:
                with urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - base URL is configuration
                    self.limiter.update(response.headers)
                    raw = response.read()
                    return json.loads(raw) if raw else {}
            except HTTPError as exc:
                self.limiter.update(exc.headers)
                detail = exc.read().decode("utf-8", "replace")[:500]
                if exc.code == 401 and auth and self.refresh_token and not refreshed:
                    self.refresh()
                    return self._send(method, path, form=form, files=files, auth=auth, refreshed=True)
                if exc.code in RETRY_STATUSES and attempt < self.max_retries:
                    if self.limiter.remaining_today is not None and self.limiter.remaining_today <= 0:
                        raise TijaraError("etsy_daily_quota", _("Etsy's daily request quota is used up."), status=429) from exc
                    retry_after = exc.headers.get("Retry-After")
                    delay = float(retry_after) if retry_after and retry_after.replace(".", "", 1).isdigit() else \
                        self.backoff * (2 ** attempt)
                    self.sleep(min(delay, 60.0))
                    continue
                raise TijaraError("etsy_error", _("Etsy answered %(status)d: %(detail)s") % {
                    "status": exc.code, "detail": _error_text(detail)}, status=502) from exc
            except (URLError, TimeoutError) as exc:
                if attempt < self.max_retries:
                    self.sleep(self.backoff * (2 ** attempt))
                    continue
                raise TijaraError("etsy_unreachable", _("Etsy could not be reached: %(reason)s") % {
                    "reason": getattr(exc, "reason", exc)}, status=502) from exc
        raise TijaraError("etsy_error", _("Etsy kept refusing the request."), status=502)


def _error_text(detail: str) -> str:
    try:
        data = json.loads(detail)
    except ValueError:
        return detail
    if not isinstance(data, dict):
        return str(data)
    parts = [str(data[k]) for k in ("error", "error_description") if data.get(k)]
    return " — ".join(parts) or str(data)

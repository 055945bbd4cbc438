"""A local stand-in for Etsy's Open API v3 on 127.0.0.1, following the documented requests and responses.

It implements what Tijara calls (channel-specs.md §2): the OAuth connect page (redirects back with a code),
the token endpoint (authorization_code with PKCE S256 check, refresh_token), createDraftListing,
uploadListingImage and updateListing, with the rate-limit headers and 429 answers. Never the live API.
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import secrets
import threading
import time
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

WHO_MADE = {"i_did", "someone_else", "collective"}


class EtsyState:
    def __init__(self, *, api_key: str, per_second: int = 10, per_day: int = 10000, user_id: int = 12345678):
        self.api_key = api_key
        self.per_second = per_second
        self.per_day = per_day
        self.remaining_today = per_day
        self.user_id = user_id
        self.codes: dict[str, dict] = {}
        self.tokens: set[str] = set()
        self.refresh_tokens: set[str] = set()
        self.listings: dict[int, dict] = {}
        self.images: dict[int, list] = {}
        self.ids = itertools.count(1000000001)
        self.window: list[float] = []
        self.force_429 = 0
        self.requests: list[tuple[str, str]] = []
        self.lock = threading.Lock()

    def issue_tokens(self) -> dict:
        access = f"{self.user_id}.{secrets.token_urlsafe(24)}"
        refresh = f"{self.user_id}.{secrets.token_urlsafe(24)}"
        self.tokens.add(access)
        self.refresh_tokens.add(refresh)
        return {"access_token": access, "token_type": "Bearer", "expires_in": 3600, "refresh_token": refresh}


class Handler(BaseHTTPRequestHandler):
    state: EtsyState

    def log_message(self, *args):  # quiet
        pass

    # ---------------------------------------------------------------- helpers
    def _reply(self, status: int, body: dict | None = None, headers: dict | None = None):
        data = json.dumps(body or {}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        state = self.state
        self.send_header("x-limit-per-second", str(state.per_second))
        self.send_header("x-remaining-this-second", str(max(0, state.per_second - len(state.window))))
        self.send_header("x-limit-per-day", str(state.per_day))
        self.send_header("x-remaining-today", str(state.remaining_today))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)

    def _form(self) -> tuple[dict, dict]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        content_type = self.headers.get("Content-Type", "")
        if content_type.startswith("multipart/form-data"):
            message = BytesParser(policy=HTTP).parsebytes(
                b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
            form, files = {}, {}
            for part in message.iter_parts():
                name = part.get_param("name", header="content-disposition")
                if part.get_filename():
                    files[name] = (part.get_filename(), part.get_payload(decode=True))
                else:
                    form[name] = [part.get_content().strip()]
            return form, files
        return parse_qs(raw.decode("utf-8"), keep_blank_values=True), {}

    def _limited(self) -> bool:
        state = self.state
        with state.lock:
            now = time.monotonic()
            state.window = [t for t in state.window if now - t < 1.0]
            if state.force_429 > 0:
                state.force_429 -= 1
                self._reply(429, {"error": "Too Many Requests"}, {"Retry-After": "0.05"})
                return True
            if len(state.window) >= state.per_second or state.remaining_today <= 0:
                self._reply(429, {"error": "Too Many Requests"})
                return True
            state.window.append(now)
            state.remaining_today -= 1
        return False

    def _api_key_ok(self) -> bool:
        key = (self.headers.get("x-api-key") or "").split(":", 1)[0]
        if key != self.state.api_key:
            self._reply(403, {"error": "Invalid API key"})
            return False
        return True

    def _authorised(self) -> bool:
        auth = self.headers.get("Authorization", "")
        if not auth.startswith("Bearer ") or auth[7:] not in self.state.tokens:
            self._reply(401, {"error": "invalid_token"})
            return False
        return True

    # ---------------------------------------------------------------- routes
    def do_GET(self):
        parts = urlsplit(self.path)
        if parts.path == "/oauth/connect":
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            required = ("response_type", "client_id", "redirect_uri", "scope", "state", "code_challenge",
                        "code_challenge_method")
            if any(k not in query for k in required) or query["code_challenge_method"] != "S256" or \
                    query["client_id"] != self.state.api_key or query["response_type"] != "code":
                return self._reply(400, {"error": "invalid_request"})
            code = secrets.token_urlsafe(16)
            self.state.codes[code] = {"challenge": query["code_challenge"], "redirect_uri": query["redirect_uri"]}
            self.send_response(302)
            self.send_header("Location", query["redirect_uri"] + "?" + urlencode({"code": code, "state": query["state"]}))
            self.end_headers()
            return None
        return self._reply(404, {"error": "not found"})

    def do_POST(self):
        self.state.requests.append(("POST", self.path))
        path = urlsplit(self.path).path
        if path == "/v3/public/oauth/token":
            return self._token()
        if self._limited() or not self._api_key_ok() or not self._authorised():
            return None
        bits = path.strip("/").split("/")
        # v3/application/shops/{shop_id}/listings
        if len(bits) == 5 and bits[:3] == ["v3", "application", "shops"] and bits[4] == "listings":
            return self._create_listing(int(bits[3]))
        # v3/application/shops/{shop_id}/listings/{listing_id}/images
        if len(bits) == 7 and bits[4] == "listings" and bits[6] == "images":
            return self._upload_image(int(bits[5]))
        return self._reply(404, {"error": "not found"})

    def do_PATCH(self):
        self.state.requests.append(("PATCH", self.path))
        if self._limited() or not self._api_key_ok() or not self._authorised():
            return None
        bits = urlsplit(self.path).path.strip("/").split("/")
        if len(bits) == 6 and bits[4] == "listings":
            return self._update_listing(int(bits[5]))
        return self._reply(404, {"error": "not found"})

    def _token(self):
        form = {k: v[0] for k, v in self._form()[0].items()}
        if form.get("client_id") != self.state.api_key:
            return self._reply(400, {"error": "invalid_client"})
        if form.get("grant_type") == "authorization_code":
            issued = self.state.codes.pop(form.get("code", ""), None)
            if issued is None or issued["redirect_uri"] != form.get("redirect_uri"):
                return self._reply(400, {"error": "invalid_grant"})
            verifier = form.get("code_verifier", "")
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
            if challenge != issued["challenge"]:
                return self._reply(400, {"error": "invalid_grant", "error_description": "code_verifier mismatch"})
            return self._reply(200, self.state.issue_tokens())
        if form.get("grant_type") == "refresh_token":
            if form.get("refresh_token") not in self.state.refresh_tokens:
                return self._reply(400, {"error": "invalid_grant"})
            self.state.refresh_tokens.discard(form["refresh_token"])
            return self._reply(200, self.state.issue_tokens())
        return self._reply(400, {"error": "unsupported_grant_type"})

    def _create_listing(self, shop_id: int):
        form, _files = self._form()
        one = {k: v[0] for k, v in form.items()}
        missing = [k for k in ("quantity", "title", "description", "price", "who_made", "when_made", "taxonomy_id")
                   if not one.get(k)]
        if missing:
            return self._reply(400, {"error": "Missing required parameters: " + ", ".join(missing)})
        if one["who_made"] not in WHO_MADE:
            return self._reply(400, {"error": "who_made must be one of i_did, someone_else, collective"})
        if int(one["quantity"]) < 1:
            return self._reply(400, {"error": "quantity must be at least 1"})
        if float(one["price"]) <= 0:
            return self._reply(400, {"error": "price must be greater than 0"})
        tags = form.get("tags", [])
        if len(tags) > 13 or any(len(t) > 20 for t in tags):
            return self._reply(400, {"error": "tags: at most 13 tags of 20 characters"})
        listing_id = next(self.state.ids)
        listing = {"listing_id": listing_id, "shop_id": shop_id, "user_id": self.state.user_id, "state": "draft",
                   "title": one["title"], "description": one["description"], "quantity": int(one["quantity"]),
                   "price": {"amount": round(float(one["price"]) * 100), "divisor": 100},
                   "who_made": one["who_made"], "when_made": one["when_made"],
                   "taxonomy_id": int(one["taxonomy_id"]), "tags": tags, "materials": form.get("materials", []),
                   "shipping_profile_id": int(one["shipping_profile_id"]) if one.get("shipping_profile_id") else None}
        self.state.listings[listing_id] = listing
        return self._reply(201, listing)

    def _upload_image(self, listing_id: int):
        if listing_id not in self.state.listings:
            return self._reply(404, {"error": "listing not found"})
        form, files = self._form()
        if "image" not in files:
            return self._reply(400, {"error": "image or listing_image_id is required"})
        images = self.state.images.setdefault(listing_id, [])
        image = {"listing_id": listing_id, "listing_image_id": next(self.state.ids),
                 "rank": int(form.get("rank", ["1"])[0]), "size": len(files["image"][1])}
        images.append(image)
        return self._reply(201, image)

    def _update_listing(self, listing_id: int):
        listing = self.state.listings.get(listing_id)
        if listing is None:
            return self._reply(404, {"error": "listing not found"})
        form = {k: v[0] for k, v in self._form()[0].items()}
        if form.get("state") == "active":
            if not self.state.images.get(listing_id):
                return self._reply(400, {"error": "A listing needs at least one image to be activated"})
            if not listing.get("shipping_profile_id"):
                return self._reply(400, {"error": "A physical listing needs a shipping profile"})
        listing.update({k: v for k, v in form.items() if k in {"state", "title", "description"}})
        return self._reply(200, listing)


class EtsyServer:
    """Start with `with EtsyServer(api_key="…") as server:`; `server.url` is its base URL."""

    def __init__(self, *, api_key: str, per_second: int = 10, per_day: int = 10000):
        self.state = EtsyState(api_key=api_key, per_second=per_second, per_day=per_day)
        handler = type("BoundHandler", (Handler,), {"state": self.state})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> EtsyServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

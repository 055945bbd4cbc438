"""Fetch a photo by URL for the importer, guarded: http(s) only, public addresses only, timeout, size limit."""

from __future__ import annotations

import ipaddress
import socket
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError

TIMEOUT_SECONDS = 10
MAX_REDIRECTS = 3


def _error(message: str) -> TijaraError:
    return TijaraError("photo_url", message, field="photos")


def check_url(url: str) -> str:
    """The URL if it is an http(s) URL with a host; raises TijaraError otherwise (no network access)."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise _error(_("“{url}” is not an http or https address.").format(url=url[:200]))
    if parsed.username or parsed.password:
        raise _error(_("Photo addresses with a user name or password are not fetched."))
    return url


def _check_host(host: str) -> None:
    if getattr(settings, "TIJARA_IMPORT_ALLOW_PRIVATE_URLS", False):
        return
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        raise _error(_("The host {host} cannot be found.").format(host=host)) from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise _error(_("The host {host} is a private or local address; only public addresses are fetched.").format(
                host=host))


class _Redirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl)
        _check_host(urllib.parse.urlsplit(newurl).hostname)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, *, max_bytes: int | None = None, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """Download `url` (at most `max_bytes`, default the upload limit); raises TijaraError naming the problem."""
    max_bytes = max_bytes or settings.TIJARA_MAX_UPLOAD_MB * 1024 * 1024
    check_url(url)
    _check_host(urllib.parse.urlsplit(url).hostname)
    _Redirects.max_redirections = MAX_REDIRECTS
    opener = urllib.request.build_opener(_Redirects)
    request = urllib.request.Request(  # noqa: S310 - scheme checked above (http/https only), redirects re-checked
        url, headers={"User-Agent": "Tijara catalog importer", "Accept": "image/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise _error(_("The photo at {url} is too large ({size} MB). The limit is {limit} MB.").format(
                    url=url[:200], size=round(int(length) / 1024 / 1024, 1), limit=max_bytes // 1024 // 1024))
            deadline = time.monotonic() + timeout * 3
            chunks, size = [], 0
            while size <= max_bytes:
                chunk = response.read(64 * 1024)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if time.monotonic() > deadline:
                    raise _error(_("The photo at {url} took too long to download.").format(url=url[:200]))
            data = b"".join(chunks)
    except TijaraError:
        raise
    except urllib.error.HTTPError as exc:
        raise _error(_("The photo at {url} could not be downloaded (HTTP {status}).").format(
            url=url[:200], status=exc.code)) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise _error(_("The photo at {url} could not be downloaded ({reason}).").format(
            url=url[:200], reason=str(reason)[:100])) from None
    if len(data) > max_bytes:
        raise _error(_("The photo at {url} is larger than {limit} MB.").format(
            url=url[:200], limit=max_bytes // 1024 // 1024))
    return data

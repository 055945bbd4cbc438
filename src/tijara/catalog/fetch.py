"""Fetch a photo by URL for the importer, guarded: http(s) only, public addresses only, timeout, size limit."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import urllib.parse

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


def _resolve_checked(host: str, port: int) -> str:
    """Resolve `host` once and return the address to connect to, after checking that every answer is public.

    The connection then goes to this very address (see _PinnedHTTPConnection): a DNS answer that changes between
    the check and the connection (DNS rebinding) cannot send the request to a private address.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise _error(_("The host {host} cannot be found.").format(host=host)) from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise _error(_("The host {host} cannot be found.").format(host=host))
    if not getattr(settings, "TIJARA_IMPORT_ALLOW_PRIVATE_URLS", False):
        for address in addresses:
            if not ipaddress.ip_address(address.split("%", 1)[0]).is_global:
                raise _error(_(
                    "The host {host} is a private or local address; only public addresses are fetched.").format(
                    host=host))
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to an address checked beforehand; the Host header still names the host."""

    def __init__(self, host, port, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to an address checked beforehand; SNI and certificate checks use the host name."""

    def __init__(self, host, port, *, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _open(url: str, timeout: float):
    """(connection, response) for one GET of `url`, connected to the checked address of its host."""
    parsed = urllib.parse.urlsplit(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    address = _resolve_checked(parsed.hostname, port)
    kind = _PinnedHTTPSConnection if parsed.scheme == "https" else _PinnedHTTPConnection
    connection = kind(parsed.hostname, port, address=address, timeout=timeout)
    path = urllib.parse.urlunsplit(("", "", parsed.path or "/", parsed.query, ""))
    connection.request("GET", path, headers={"User-Agent": "Tijara catalog importer", "Accept": "image/*",
                                             "Connection": "close"})
    return connection, connection.getresponse()


def fetch(url: str, *, max_bytes: int | None = None, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """Download `url` (at most `max_bytes`, default the upload limit); raises TijaraError naming the problem.

    Each hop (at most MAX_REDIRECTS redirects) is checked: http(s), no credentials, public addresses only, and
    the connection goes to the address that was checked.
    """
    max_bytes = max_bytes or settings.TIJARA_MAX_UPLOAD_MB * 1024 * 1024
    current = check_url(url)
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            connection, response = _open(current, timeout)
            try:
                if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                    current = check_url(urllib.parse.urljoin(current, response.getheader("Location")))
                    continue
                if response.status >= 400:
                    raise _error(_("The photo at {url} could not be downloaded (HTTP {status}).").format(
                        url=url[:200], status=response.status))
                return _read_body(response, url=url, max_bytes=max_bytes, timeout=timeout)
            finally:
                connection.close()
        raise _error(_("The photo at {url} redirects too many times.").format(url=url[:200]))
    except TijaraError:
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise _error(_("The photo at {url} could not be downloaded ({reason}).").format(
            url=url[:200], reason=str(exc)[:100] or exc.__class__.__name__)) from None


def _read_body(response, *, url: str, max_bytes: int, timeout: float) -> bytes:
    length = response.getheader("Content-Length")
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
    if len(data) > max_bytes:
        raise _error(_("The photo at {url} is larger than {limit} MB.").format(
            url=url[:200], limit=max_bytes // 1024 // 1024))
    return data

"""Photo by URL: the address checked is the address connected to (DNS rebinding), Host kept, redirects re-checked."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from tijara.catalog import fetch
from tijara.core.errors import TijaraError


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def local_server():
    """A real HTTP server on 127.0.0.1 that records each request's path and Host header."""
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            seen.append((self.path, self.headers.get("Host")))
            if self.path == "/hop":
                self.send_response(302)
                self.send_header("Location", f"http://127.0.0.1:{self.server.server_address[1]}/img")
                self.end_headers()
                return
            body = b"image-bytes"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], seen
    server.shutdown()


def test_rebinding_answer_after_the_check_is_never_connected_to(local_server, monkeypatch):
    # The resolver answers a public address first, then the loopback (what a rebinding DNS server does).
    port, seen = local_server
    answers = iter(["1.1.1.1"] + ["127.0.0.1"] * 10)
    calls = []
    real = socket.getaddrinfo

    def rebinding_getaddrinfo(host, port_, *args, **kwargs):
        if host != "rebind.example":
            return real(host, port_, *args, **kwargs)
        calls.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (next(answers), port_))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    with pytest.raises(TijaraError):
        fetch.fetch(f"http://rebind.example:{port}/img", timeout=1)
    assert seen == []  # the loopback server was never reached
    assert calls == ["rebind.example"]  # resolved once, for the check and the connection


def test_host_header_names_the_host_while_connecting_to_the_checked_address(local_server, settings):
    settings.TIJARA_IMPORT_ALLOW_PRIVATE_URLS = True
    port, seen = local_server
    assert fetch.fetch(f"http://localhost:{port}/img?x=1") == b"image-bytes"
    assert seen == [("/img?x=1", f"localhost:{port}")]


def test_redirect_to_a_private_address_is_refused(local_server, monkeypatch):
    port, seen = local_server
    # The first hop's host is let through (as a public host would be); the redirect's target is checked for real.
    original = fetch._resolve_checked

    def first_hop_allowed(host, port_):
        if host == "public.example":
            return "127.0.0.1"
        return original(host, port_)

    monkeypatch.setattr(fetch, "_resolve_checked", first_hop_allowed)
    with pytest.raises(TijaraError) as caught:
        fetch.fetch(f"http://public.example:{port}/hop")
    assert "private or local address" in caught.value.message
    assert [path for path, _host in seen] == ["/hop"]


@pytest.mark.parametrize("url", ["ftp://example.org/a.jpg", "http://user:pw@example.org/a.jpg", "file:///etc/passwd"])
def test_other_schemes_and_credentials_are_refused(url):
    with pytest.raises(TijaraError):
        fetch.fetch(url)


def test_https_sends_the_host_name_as_sni_while_connecting_to_the_checked_address(tmp_path, settings):
    """A real TLS listener on 127.0.0.1 records the SNI name; its self-signed certificate is then refused."""
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make a certificate")
    settings.TIJARA_IMPORT_ALLOW_PRIVATE_URLS = True
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "1", "-subj", "/CN=localhost"], check=True, capture_output=True)
    names = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def serve_once():
        conn, _addr = listener.accept()
        try:
            with context.wrap_socket(conn, server_side=True):
                pass
        except (ssl.SSLError, OSError):
            pass

    thread = threading.Thread(target=serve_once, daemon=True)
    thread.start()
    with pytest.raises(TijaraError) as caught:
        fetch.fetch(f"https://localhost:{port}/logo.jpg", timeout=5)
    thread.join(5)
    listener.close()
    assert names == ["localhost"]  # SNI carries the host name although the socket went to 127.0.0.1
    assert "could not be downloaded" in caught.value.message  # and the self-signed certificate is not trusted

"""Real processes for system tests: gunicorn app servers, task workers, a throwaway PostgreSQL cluster."""

from __future__ import annotations

import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from tijara.core.testing import process_env, run_cli  # noqa: F401 - run_cli is re-exported for the system tests

SECRET = "system-test-secret-key-shared-by-every-app-server-0123456789"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(database_url: str, data_dir: Path, **extra: str) -> dict:
    env = process_env()
    env.update({
        "DATABASE_URL": database_url, "SECRET_KEY": SECRET,
        "TIJARA_DATA_DIR": str(data_dir), "TIJARA_MEDIA_ROOT": str(data_dir / "media"), "TIJARA_DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    })
    env.update(extra)
    return env


class AppServer:
    """One gunicorn process; stopped by the fixture that started it."""

    def __init__(self, env: dict, workers: int = 1, fsize_limit: int | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"

        def limits():
            if fsize_limit is not None:
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
                resource.setrlimit(resource.RLIMIT_FSIZE, (fsize_limit, fsize_limit))

        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "tijara.wsgi", "-b", f"127.0.0.1:{self.port}", "-w", str(workers),
             "--timeout", "60", "--graceful-timeout", "5"],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=limits,  # noqa: PLW1509
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {self.process.stdout.read().decode(errors='replace')}")
            try:
                if requests.get(f"{self.url}/healthz", timeout=15).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def logged_in_session(server: AppServer, email: str, password: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{server.url}/accounts/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = session.post(f"{server.url}/accounts/login/", timeout=10, allow_redirects=False,
                            data={"csrfmiddlewaretoken": token, "email": email, "password": password})
    assert response.status_code == 302, response.text[:500]
    return session


def csrf_token(session: requests.Session, url: str) -> str:
    page = session.get(url, timeout=10)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


class Nginx:
    """A real nginx (Debian's package) on loopback, unprivileged paths in a temp dir, in front of `upstreams`, with
    the shipped deploy/nginx-locations.conf and the limit_req zones of deploy/nginx.conf."""

    def __init__(self, directory: Path, upstreams: list[str], static_root: Path | None = None):
        self.directory = directory
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (directory / sub).mkdir(parents=True, exist_ok=True)
        locations = (DEPLOY / "nginx-locations.conf").read_text()
        if static_root is not None:
            locations = locations.replace("/srv/tijara/static/", f"{static_root}/")
        (directory / "tijara-locations.conf").write_text(locations)
        zones = "\n".join(re.findall(r"^limit_req_zone .*;$", (DEPLOY / "nginx.conf").read_text(), re.MULTILINE))
        servers = "\n".join(f"    server {u} max_fails=3 fail_timeout=10s;" for u in upstreams)
        mime = "include /etc/nginx/mime.types;" if Path("/etc/nginx/mime.types").exists() else ""
        import os

        user = "user root;" if os.geteuid() == 0 else ""  # workers must read the test's private temp dir
        (directory / "nginx.conf").write_text(f"""{user}
worker_processes 1;
daemon off;
pid {directory}/nginx.pid;
error_log {directory}/error.log warn;
events {{ worker_connections 512; }}
http {{
    {mime}
    access_log {directory}/access.log;
    client_body_temp_path {directory}/body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    upstream tijara_app {{
        least_conn;
{servers}
        keepalive 8;
    }}
    {zones}
    server {{
        listen 127.0.0.1:{self.port};
        server_name localhost;
        include {directory}/tijara-locations.conf;
    }}
}}
""")
        binary = shutil.which("nginx") or "/usr/sbin/nginx"  # root's PATH has /usr/sbin; a user's may not
        self.process = subprocess.Popen([binary, "-c", str(directory / "nginx.conf"), "-p", str(directory)],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nginx exited: {self.process.stdout.read().decode(errors='replace')}")
            try:
                requests.get(f"{self.url}/healthz", timeout=5)
                return
            except requests.ConnectionError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("nginx did not answer within 20 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def session_from(source: str) -> requests.Session:
    """A requests session whose connections leave from `source` (another loopback address, e.g. 127.0.0.2): a
    second visitor as nginx sees it."""
    from requests.adapters import HTTPAdapter

    class SourceAdapter(HTTPAdapter):
        def init_poolmanager(self, *args, **kwargs):
            kwargs["source_address"] = (source, 0)
            super().init_poolmanager(*args, **kwargs)

    session = requests.Session()
    session.mount("http://", SourceAdapter())
    return session


PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None) if Path("/usr/lib/postgresql").exists() else None


class ThrowawayPostgres:
    """A PostgreSQL cluster of the test's own (initdb in a temp dir, its own port), so the test may stop and
    start it without touching the machine's server. Needs root (it runs the server as the postgres user)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.data = directory / "pgdata"
        self.socket_dir = directory / "sock"
        for path in (self.data, self.socket_dir):
            path.mkdir(parents=True)
        subprocess.run(["chown", "-R", "postgres:postgres", str(directory)], check=True)
        self._as_postgres([str(PG_BIN / "initdb"), "-D", str(self.data), "--auth=trust", "-U", "postgres", "-E", "UTF8"])
        self.start()
        self._as_postgres([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "tijara"])
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/tijara"

    def _as_postgres(self, args: list[str]) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *args], check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        self._as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-l", str(self.directory / "log"),
                           "-o", f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1", "start"])

    def stop(self) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast",
                        "-w", "stop"], capture_output=True, timeout=120)

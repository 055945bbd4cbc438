"""Crawl every same-site link the demo personas can reach: no page answers 500 or shows a traceback, and none shows a
fact ID as text (an internal key: pages name facts by their titles; the Django admin is staff's view of the keys).

`tijara demo`'s loaders build the data (for two of the six seller organisations); each persona logs in with the Django test
client and follows links breadth-first from its start pages, bounded by depth and a URL budget so the whole crawl
stays under about a minute. Logout and POST-only actions are never followed (links are GETs by construction);
PDF and ZIP downloads are skipped for time (their own apps test them).
"""

import io
import re
from collections import deque
from html import unescape
from importlib import import_module
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client

from tijara.accounts.demo import DEMO_PASSWORD
from tijara.accounts.models import Organisation
from tijara.catalog.models import Product
from tijara.core.management.commands.demo import ORDER
from tijara.core.testing import visible_text
from tijara.knowledge.ids import FACT_ID

HREF = re.compile(r"""\b(?:href|hx-get)\s*=\s*["']([^"']+)["']""")
SKIP = re.compile(r"^/(static|media|api)/|/logout/|/i18n/|/pdf/?$|\.pdf$|/zip/?$|\.zip$|/healthz|/readyz|/metrics")
# The Django admin, staff's view of the records, names them by their keys.
ADMIN = re.compile(r"^/admin/")
# Signs that an error page or a Python traceback reached the user.
LEAKS = ("Traceback (most recent call last)", "VariableDoesNotExist", "Exception Value:", "/site-packages/")

PERSONAS = [
    # (who, language, start pages)
    (None, "en", ["/", "/marketplace/", "/knowledge/", "/markets/", "/events/", "/assistant/classify/"]),
    ("fatima@demo.tijara.ma", "ar", ["/accounts/dashboard/", "/catalog/", "/channels/", "/plans/", "/training/"]),
    ("hassan@demo.tijara.ma", "fr", ["/accounts/dashboard/", "/plans/", "/marketplace/inquiries/", "/documents/"]),
    ("buyer@demo.tijara.ma", "en", ["/marketplace/", "/marketplace/inquiries/"]),
    ("advisor@demo.tijara.ma", "fr", ["/accounts/advisor/", "/training/cohort/", "/knowledge/review/"]),
    ("admin@demo.tijara.ma", "fr", ["/accounts/advisor/", "/marketplace/moderation/"]),
]
MAX_DEPTH = 3
MAX_URLS = 110          # per persona
MAX_QUERY_VARIANTS = 2  # per path: ?page=2, ?sort=… etc. add little after the first two


def visible(html: str) -> str:
    """The text a page shows to read (and not a form's textareas, where an advisor edits a fact's stored text with
    the IDs that make its links)."""
    return visible_text(html, skip=("script", "style", "textarea"))


def _links(html: str, base: str) -> list[str]:
    found = []
    for raw in HREF.findall(html):
        url = urldefrag(unescape(raw).strip())[0]
        if not url or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
            continue
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:  # absolute: same site only
            if parts.netloc not in ("testserver", ""):
                continue
            url = parts.path + (f"?{parts.query}" if parts.query else "")
        elif not url.startswith("/"):
            if url.startswith("?"):
                url = urlsplit(base).path + url
            else:
                continue
        found.append(url)
    return found


def crawl(client: Client, starts: list[str], language: str) -> tuple[list[str], list[str]]:
    """Breadth-first GETs from `starts`; returns (visited, problems)."""
    seen: set[str] = set()
    variants: dict[str, int] = {}
    queue = deque((url, 0) for url in starts)
    visited, problems = [], []
    while queue and len(visited) < MAX_URLS:
        url, depth = queue.popleft()
        path = urlsplit(url).path
        if url in seen or SKIP.search(path):
            continue
        if "?" in url:
            if variants.get(path, 0) >= MAX_QUERY_VARIANTS:
                continue
            variants[path] = variants.get(path, 0) + 1
        seen.add(url)
        try:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        except Exception as exc:  # noqa: BLE001 - the crawl reports every failing page, then fails once
            problems.append(f"{url}: {type(exc).__name__}: {exc}")
            continue
        visited.append(url)
        if response.status_code >= 500:
            problems.append(f"{url}: HTTP {response.status_code}")
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            location = response.headers.get("Location", "")
            if location.startswith("/") and depth < MAX_DEPTH:
                queue.append((location, depth + 1))
            continue
        if "html" not in response.headers.get("Content-Type", ""):
            continue
        html = response.content.decode("utf-8", "replace")
        for leak in LEAKS:
            if leak in html:
                problems.append(f"{url}: shows {leak!r}")
        if not ADMIN.match(path):
            shown = sorted(set(FACT_ID.findall(visible(html))))
            if shown:
                problems.append(f"{url}: shows fact IDs {', '.join(shown[:5])}")
        if depth < MAX_DEPTH:
            queue.extend((link, depth + 1) for link in _links(html, url) if link not in seen)
    return visited, problems


# The crawled personas' organisations; the demo catalog of the four others is not built (it takes a minute and
# adds pages of the same templates).
CRAWLED_SELLERS = ["demo-tazarbit-azilal", "demo-zellige-fes"]


def _demo_for_crawl() -> None:
    """`tijara demo`, loader by loader, with the product catalog built for the crawled sellers only."""
    stdout = io.StringIO()
    import_module("tijara.accounts.demo").load(stdout=stdout)
    others = Organisation.objects.filter(is_demo=True).exclude(kind=Organisation.Kind.BUYER).exclude(
        slug__in=CRAWLED_SELLERS)
    hidden = list(others.values_list("pk", flat=True))
    others.update(is_demo=False)  # the loaders build data for demo organisations only
    for app in ORDER[1:]:
        try:
            module = import_module(f"tijara.{app}.demo")
        except ModuleNotFoundError:
            continue
        module.load(stdout=stdout)
    Organisation.objects.filter(pk__in=hidden).update(is_demo=True)


@pytest.mark.django_db
def test_demo_personas_reach_no_server_error():
    _demo_for_crawl()
    assert Product.objects.filter(organisation__slug__in=CRAWLED_SELLERS).count() > 20
    report, total = [], 0
    for email, language, starts in PERSONAS:
        client = Client()
        if email:
            assert client.login(email=email, password=DEMO_PASSWORD), email
        visited, problems = crawl(client, starts, language)
        total += len(visited)
        assert len(visited) >= len(starts), f"{email}: crawled only {visited}"
        report += [f"{email or 'visitor'} ({language}) {p}" for p in problems]
    assert not report, "\n".join(report)
    assert total > 200, total  # its speed is no unit test's business (pages are timed by bench/)

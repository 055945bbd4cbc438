"""List the Latin-script words an Arabic page shows without saying their language (UX-GUIDE §6).

Logs in as the Arabic demo member (run `tijara demo` first) with Django's test client, opens the main pages and
prints, per page and per place (the nearest element with an id or a class), the visible Latin words that sit
outside an element with `lang`, `dir="ltr"`, `<bdi>`, `<code>`, `.code`, a script or a style, and how many of them
are not in the browser test's list of brand names and codes. Exit status 0; `--summary` prints only the counts.

Usage: TIJARA_DATA_DIR=... PYTHONPATH=src python scripts/latin_scan.py [--summary] [--email E] [--password P]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter, defaultdict
from html.parser import HTMLParser
from pathlib import Path

LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f][A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f'’\-]*")
SKIP_TAGS = {"script", "style", "code", "bdi", "kbd", "samp", "pre", "svg", "template", "noscript", "textarea",
             "title", "head"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Scanner(HTMLParser):
    """Collects (place, word) for Latin words outside marked elements."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, str]] = []  # (tag, marked, place)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        marked = (tag in SKIP_TAGS or "lang" in attrs and tag != "html" or attrs.get("dir") == "ltr"
                  or "code" in classes or "hidden" in attrs or attrs.get("aria-hidden") == "true"
                  or "visually-hidden" in classes or "sr-only" in classes)
        parent_place = self.stack[-1][2] if self.stack else ""
        place = f"{tag}#{attrs['id']}" if attrs.get("id") else (f"{tag}.{classes[0]}" if classes else parent_place)
        parent_marked = self.stack[-1][1] if self.stack else False
        self.stack.append((tag, marked or parent_marked, place))

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self.stack or self.stack[-1][1]:
            return
        data = re.sub(r"\u2068[^\u2069]*\u2069", " ", data)  # isolated fragments are codes kept as printed
        for word in LATIN_WORD.findall(data):
            self.found.append((self.stack[-1][2], word))


def pages(user) -> list[str]:
    from tijara.plans.models import ExportPlan

    org = user.memberships.first().organisation
    product = org.products.order_by("pk").first()
    plan = ExportPlan.objects.filter(organisation=org).order_by("pk").first()
    urls = ["/", f"/catalog/{org.slug}/", f"/channels/{org.slug}/", "/markets/finder/", "/markets/country/FRA/",
            "/pricing/calculator/", "/plans/", "/events/", "/training/", "/assistant/ask/"]
    if product:
        urls.insert(2, f"/catalog/{org.slug}/p/{product.sku}/")
    if plan:
        urls.insert(urls.index("/events/"), f"/plans/{plan.pk}/")
    return urls


def scan(email: str, password: str) -> dict[str, Counter]:
    from django.conf import settings
    from django.test import Client

    from tijara.accounts.models import User

    client = Client(HTTP_ACCEPT_LANGUAGE="ar")
    if not client.login(username=email, password=password):
        sys.exit(f"cannot log in as {email}: run `tijara demo` first")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    user = User.objects.get(email=email)
    out: dict[str, Counter] = defaultdict(Counter)
    for url in pages(user):
        response = client.get(url, follow=True)
        assert '<html lang="ar"' in response.content.decode()[:200], url
        scanner = Scanner()
        scanner.feed(response.content.decode())
        for place, word in scanner.found:
            out[f"{url} {place}"][word] += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--summary", action="store_true")
    parser.add_argument("--email", default="fatima@demo.tijara.ma")
    parser.add_argument("--password", default="demo-tijara-2026")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()
    found = scan(args.email, args.password)
    per_page: Counter = Counter()
    for key, words in found.items():
        per_page[key.split(" ")[0]] += sum(words.values())
    for key, words in sorted(found.items(), key=lambda item: -sum(item[1].values())):
        if not args.summary:
            print(f"{sum(words.values()):4d}  {key}: {', '.join(w for w, _ in words.most_common(12))}")
    print("per page:", dict(per_page))
    print("total:", sum(per_page.values()))
    allowed = brand_names()
    if allowed:
        left = sum(n for words in found.values() for word, n in words.items()
                   if len(word) > 1 and word.lower().strip("-'’") not in allowed)
        print("outside the browser test's brands and codes (tests/browser/test_i18n_pages.py LATIN_ALLOWED):", left)


def brand_names() -> frozenset[str]:
    """The brands, symbols and codes the browser test lets an Arabic page show as they are (one list, kept there)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    try:
        from tests.browser.test_i18n_pages import LATIN_ALLOWED
    except ImportError:  # the browser tests' dependencies are not installed
        return frozenset()
    return frozenset(LATIN_ALLOWED)


if __name__ == "__main__":
    main()

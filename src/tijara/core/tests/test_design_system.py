"""The shared layer: role navigation, the current page marked, icons and tags, a stylesheet without left/right."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from tijara.accounts.tests.fixtures import PASSWORD
from tijara.core.templatetags.tijara_ui import DIRECTIONAL, ICONS

STATIC = Path(__file__).resolve().parents[1] / "static" / "tijara"
SPRITE = Path(__file__).resolve().parents[1] / "templates" / "core" / "components" / "icons.svg"

SELLER_ONLY = ["/catalog/", "/channels/", "/plans/"]


def _nav(client: Client, path: str) -> str:
    html = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    return html.split('id="site-nav"', 1)[1].split("</nav>", 1)[0]


@pytest.mark.parametrize("who", ["visitor", "owner", "buyer", "advisor", "admin"])
def test_each_role_sees_its_own_menu(request, who):
    client = Client()
    if who != "visitor":
        user = {"owner": lambda: request.getfixturevalue("organisation").memberships.first().user,
                "buyer": lambda: request.getfixturevalue("buyer_organisation").memberships.first().user,
                "advisor": lambda: request.getfixturevalue("advisor_user"),
                "admin": lambda: request.getfixturevalue("admin_user")}[who]()
        assert client.login(email=user.email, password=PASSWORD)
    else:
        request.getfixturevalue("db")
    nav = _nav(client, "/marketplace/")
    links = re.findall(r'<a [^>]*href="([^"]+)"', nav)
    primary = re.findall(r'<a [^>]*href="([^"]+)"', nav.split('class="nav-primary"', 1)[1].split("</ul>", 1)[0])
    assert 1 <= len(primary) <= 5, primary
    seller_links = [p for p in SELLER_ONLY if any(link.startswith(p) for link in links)]
    if who == "owner":
        assert seller_links == SELLER_ONLY
    else:
        assert not seller_links, f"{who} sees seller menus {seller_links}"
    assert ("/training/cohort/" in links) == (who in ("advisor", "admin"))
    assert ("/admin/" in links) == (who == "admin")
    assert ("/accounts/logout/" in nav) == (who != "visitor")
    assert 'class="menu-toggle" aria-expanded="false" aria-controls="site-nav"' in client.get("/").content.decode()


def test_the_current_page_is_marked_once(organisation):
    client = Client()
    assert client.login(email=organisation.memberships.first().user.email, password=PASSWORD)
    nav = _nav(client, f"/catalog/{organisation.slug}/")
    marked = re.findall(r'<a class="nav-link" href="([^"]+)" aria-current="page"', nav)
    assert marked == ["/catalog/"]
    assert 'aria-current' not in _nav(client, "/accounts/tokens/")  # a page outside the menu marks nothing


def test_icons_exist_in_the_sprite_and_only_directional_ones_mirror():
    sprite = SPRITE.read_text()
    for name in ICONS:
        assert f'id="i-{name}"' in sprite, name
        html = Template('{% load tijara_ui %}{% icon name %}').render(Context({"name": name}))
        assert 'aria-hidden="true"' in html
        assert ("icon--dir" in html) == (name in DIRECTIONAL)
    css = (STATIC / "tijara.css").read_text()
    assert '[dir="rtl"] .icon--dir { transform:scaleX(-1); }' in css


def test_status_tag_says_the_word_not_the_key():
    with translation.override("en"):
        html = Template('{% load tijara_ui %}{% status_tag "needs_attention" %}').render(Context())
    assert html == '<strong class="tag tag--attention">Needs attention</strong>'
    with translation.override("ar"):
        assert "يحتاج" in Template('{% load tijara_ui %}{% status_tag "needs_attention" %}').render(Context())
    with pytest.raises(Exception, match="unknown icon"):
        Template('{% load tijara_ui %}{% icon "nope" %}').render(Context())


def test_stylesheet_is_logical_and_ships_its_fonts():
    css = (STATIC / "tijara.css").read_text()
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert not re.findall(r"(?<![\w-])(left|right)\s*:|(margin|padding|border)-(left|right)|float\s*:\s*(left|right)|"
                          r"text-align\s*:\s*(left|right)", rules)
    fonts = re.findall(r'url\("(fonts/[^"]+)"\)', css)
    assert len(fonts) == 4 and all((STATIC / f).stat().st_size > 10_000 for f in fonts)
    assert "SIL OPEN FONT LICENSE" in (STATIC / "fonts" / "OFL.txt").read_text()
    assert "cdn" not in css.lower() and "http" not in rules

"""The assistant page as its readers meet it: past conversations listed in the language they were asked in, the
place to ask named by its site rather than a raw address."""

from __future__ import annotations

import pytest

from tests.browser.reader import read_text
from tests.browser.test_i18n_pages import findings

pytestmark = pytest.mark.browser


def test_conversation_titles_keep_the_language_they_were_asked_in(logged_in_page, live_server, seller):
    from tijara.assistant.models import Conversation, Message

    user, _org = seller
    for text, lang in (("Quels documents pour exporter de l'huile d'argan vers l'UE ?", "fr"),
                       ("What is the VAT rate on rugs in Germany?", "en")):
        conversation = Conversation.objects.create(user=user, title=text)
        Message.objects.create(conversation=conversation, role=Message.Role.USER, text=text, language=lang)
    page = logged_in_page
    page.context.add_cookies([{"name": "tijara_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/assistant/ask/")
    titles = page.locator("main a[href*='?c='] [lang]")
    assert sorted(titles.evaluate_all("els => els.map(e => e.lang)")) == ["en", "fr"]
    assert not findings(read_text(page, "ar", root="main"), "ar")


def test_the_place_to_ask_is_named_by_its_site():
    from tijara.assistant.templatetags.ask_tags import url_host

    assert url_host("https://trade.ec.europa.eu/access-to-markets") == "trade.ec.europa.eu"
    assert url_host("https://www.customs.go.jp") == "customs.go.jp"
    assert url_host("") == ""

"""The ask faces: CLI contract, API, chat page, conversations and feedback permissions."""

import json
import re
from html import escape

import pytest
from django.core.management import CommandError, call_command

from tijara.assistant.models import Conversation, Feedback, Message

pytestmark = pytest.mark.django_db
ACTORS = ["anonymous", "outsider", "member", "manager", "owner", "advisor", "admin"]


def test_cli_json_contract(capsys):
    call_command("ask", "Quel est le délai de rapatriement des recettes d'exportation ?", "--json")
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"answer", "language", "confident", "citations"}
    assert data["language"] == "fr" and data["confident"] is True
    assert set(data["citations"][0]) == {"fact_id", "title", "url", "as_of"}
    assert data["citations"][0]["fact_id"] == "MA-FX-02"


def test_cli_forced_language_and_refusal(capsys):
    call_command("ask", "What is the deadline to repatriate export proceeds?", "--lang", "fr", "--json")
    assert json.loads(capsys.readouterr().out)["language"] == "fr"
    with pytest.raises(CommandError):
        call_command("ask", "   ")


def test_api_ask_anonymous_keeps_nothing(client):
    response = client.post("/api/v1/ask", json.dumps({"question": "ما هو أجل إرجاع عائدات التصدير إلى المغرب؟"}),
                           content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert data["language"] == "ar" and data["citations"][0]["fact_id"] == "MA-FX-02"
    assert data["conversation_id"] is None and not Conversation.objects.exists()


def test_api_ask_rejects_a_bad_language(client):
    response = client.post("/api/v1/ask", json.dumps({"question": "VAT?", "lang": "de"}),
                           content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "bad_language"


def test_signed_in_questions_are_kept_and_can_be_continued(client, member_user):
    client.force_login(member_user)
    first = client.post("/api/v1/ask", json.dumps({"question": "Do I need a certificate of origin for the US?"}),
                        content_type="application/json").json()
    second = client.post("/api/v1/ask", json.dumps({"question": "And for the EU?",
                                                    "conversation_id": first["conversation_id"]}),
                         content_type="application/json").json()
    assert second["conversation_id"] == first["conversation_id"]
    assert Message.objects.filter(conversation_id=first["conversation_id"]).count() == 4


def test_chat_page_answers_with_htmx(client):
    response = client.post("/assistant/ask/", {"question": "What is the limit of chromium VI in leather for the EU?"},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"EU-LEA-01" in response.content and b"<html" not in response.content


def state():
    return (sorted(Conversation.objects.values_list("pk", flat=True)),
            sorted(Feedback.objects.values_list("message_id", "value")))


CASES = [
    ("delete page", "post", "/assistant/ask/conversations/{conversation}/delete/", {},
     dict(anonymous=302, outsider=404, member=302, manager=404, owner=404, advisor=404, admin=404), {"member"}),
    ("api delete", "delete", "/api/v1/ask/conversations/{conversation}", None,
     dict(anonymous=401, outsider=404, member=204, manager=404, owner=404, advisor=404, admin=404), {"member"}),
    ("feedback page", "post", "/assistant/ask/answers/{answer}/feedback/", {"value": "-1"},
     dict(anonymous=302, outsider=404, member=302, manager=404, owner=404, advisor=404, admin=404), {"member"}),
    ("api feedback", "post-json", "/api/v1/ask/messages/{answer}/feedback", {"value": 1},
     dict(anonymous=401, outsider=404, member=200, manager=404, owner=404, advisor=404, admin=404), {"member"}),
    ("conversation page", "get", "/assistant/ask/?c={conversation}", None,
     dict(anonymous=200, outsider=404, member=200, manager=404, owner=404, advisor=404, admin=404), set()),
    ("staff feedback list", "get", "/assistant/ask/feedback/", None,
     dict(anonymous=302, outsider=404, member=404, manager=404, owner=404, advisor=200, admin=200), set()),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("case", "method", "path", "body", "expected", "writers"), CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(client, cast, ask_conversation, actor, case, method, path, body, expected, writers):
    answer = ask_conversation.messages.get(role=Message.Role.ASSISTANT)
    url = path.format(conversation=ask_conversation.pk, answer=answer.pk)
    if cast[actor] is not None:
        client.force_login(cast[actor])
    before = state()
    if method == "get":
        response = client.get(url)
    elif method == "post":
        response = client.post(url, body)
    elif method == "delete":
        response = client.delete(url)
    else:
        response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == expected[actor], (case, actor)
    assert (state() != before) == (actor in writers)


def test_a_which_documents_question_gets_the_sourced_procedure():
    from tijara.assistant import services

    result = services.answer_question(question="شنو هي الوثائق اللي خاصني باش نصدر الزرابي لأمريكا؟")
    assert result.mode == "procedure" and result.language == "ar"
    cited = {c.fact_id for c in result.citations}
    assert {"MA-CUS-01", "MA-FX-02", "US-MRK-01"} <= cited
    assert "الولايات المتحدة" in result.answer
    # every fact ID written in the answer is listed in its sources
    assert set(re.findall(r"\b[A-Z]{2,4}(?:-[A-Z0-9]{1,6}){1,3}\b", result.answer)) <= cited
    # a step sourced by an unverified (U) fact keeps the whole answer from being confident
    assert any(c.mark in "KLU" for c in result.citations) and not result.confident


@pytest.mark.parametrize(("question", "first_line"), [
    ("Quels documents pour exporter un tapis en France ?",
     "Étapes et documents pour exporter vers la France, d'après les procédures sourcées (famille de produits : Tapis) :"),
    ("What documents do I need to export a rug to France?",
     "Steps and documents for exporting to France, from the sourced procedures (product family: Rugs and carpets):"),
    ("ما هي الوثائق اللازمة لتصدير زربية إلى فرنسا؟",
     "الخطوات والوثائق اللازمة للتصدير إلى فرنسا، حسب المساطر الموثقة (فئة المنتجات: الزرابي):"),
])
def test_the_procedure_answer_names_the_product_family_in_a_sentence_of_its_language(question, first_line):
    """The family is said as such, not dropped in brackets into the verb's object ("pour exporter (Tapis) vers")."""
    from tijara.assistant import services

    result = services.answer_question(question=question)
    assert result.mode == "procedure"
    assert result.answer.splitlines()[0] == first_line


def test_a_documents_question_worded_as_a_facts_own_question_is_that_facts():
    """"Paperwork" is a procedure cue, but a question a fact answers confidently in its own handle's words (the
    declaration of compliance of ceramic tableware) gets that fact, as its French and Arabic twins do."""
    from tijara.assistant import services

    result = services.answer_question(question="What paperwork must accompany ceramic tableware in the EU?")
    assert result.mode != "procedure" and [c.fact_id for c in result.citations] == ["EU-CER-02"]


def test_background_and_weak_facts_never_make_an_answer_confident():
    from tijara.assistant import services

    for question in ("Who files the customs declaration, a broker or the exporter?",  # MA-CUS-04 is K
                     "Is thuya wood protected by CITES?"):  # MA-CIT-03 is U
        result = services.answer_question(question=question)
        assert result.citations, question
        if any(c.mark in "KLU" for c in result.citations):
            assert not result.confident, question
    sure = services.answer_question(question="What is the limit of chromium VI in leather for the EU?")
    assert sure.confident and [c.mark for c in sure.citations] == ["H"]


def test_the_answer_page_links_every_cited_fact_to_the_knowledge_base(client, settings):
    settings.SITE_URL = "https://tijara.example"  # the page links by path, whatever address it was reached by
    response = client.post("/assistant/ask/", {"question": "What is the limit of chromium VI in leather for the EU?"})
    html = response.content.decode()
    assert 'href="/knowledge/facts/EU-LEA-01/"' in html and "tijara.example" not in html
    assert "eur-lex.europa.eu" in html  # the source itself, next to the knowledge page
    api = client.post("/api/v1/ask", json.dumps({"question": "What is the limit of chromium VI in leather for the EU?"}),
                      content_type="application/json").json()
    assert api["citations"][0]["url"] == "https://tijara.example/knowledge/facts/EU-LEA-01/"


def test_an_answer_from_facts_not_all_verified_asks_to_check_them_and_an_abstention_says_no_answer(client):
    answered = client.post("/assistant/ask/", {"question": "Who files the customs declaration, a broker or the "
                                                           "exporter?", "lang": "en"}).content.decode()
    assert "Check the sources below before you rely on this answer" in answered
    assert "No confident answer" not in answered
    declined = client.post("/assistant/ask/", {"question": "What colour should my shop's sign be?", "lang": "en"})
    assert "No confident answer" in declined.content.decode()


def test_cited_facts_are_numbered_in_the_order_the_text_cites_them_and_link_to_their_sources():
    """A fact cited twice has one number; an uncited code stays as written; an ID no citation lists is not shown; a
    cited paragraph's date reads as in the sources, the source's own English wording marked English."""
    from django.utils import translation

    from tijara.assistant.templatetags.ask_tags import cited

    citations = [{"fact_id": "MA-FX-01", "title": "Contrat", "url": "/knowledge/facts/MA-FX-01/", "as_of": "undated"},
                 {"fact_id": "MA-CUS-01", "title": "DUM", "url": "/knowledge/facts/MA-CUS-01/", "as_of": "undated"},
                 {"fact_id": "MA-ORI-03", "title": "CCIS", "url": "/knowledge/facts/MA-ORI-03/",
                  "as_of": "2013 (IGOC cited)"}]
    with translation.override("ar"):
        answer = cited("صرّح بالبضاعة [MA-CUS-01, MA-CUS-02]. انظر MA-FX-01 و EUR-1. ثم [MA-CUS-01]\n\n"
                       "الشهادة [MA-ORI-03 · 2013 \u2068(IGOC cited)\u2069 · مصدر ثانوي]", citations, "turn", 7)
    assert [(s.number, s.anchor, s.citation["fact_id"]) for s in answer.sources] == [
        ("1", "turn-7-source-1", "MA-CUS-01"), ("2", "turn-7-source-2", "MA-FX-01"), ("3", "turn-7-source-3", "MA-ORI-03")]
    html = str(answer.html)
    assert ('<span class="cites">[<a class="cite-n" href="#turn-7-source-1" aria-label="المصدر 1" title="DUM">1</a>]'
            '</span>') in html  # MA-CUS-02 is cited by no source: left out
    assert html.count('href="#turn-7-source-1"') == 2 and 'href="#turn-7-source-2"' in html
    assert "<bdi>EUR-1</bdi>." in html  # an uncited code stays as written (isolated in an Arabic answer), no link
    assert not re.search(r">[^<]*\b[A-Z]{2,4}-[A-Z]{2,4}-\d+", html)  # no fact ID as text
    assert ('[<a class="cite-n" href="#turn-7-source-3" aria-label="المصدر 3" title="CCIS">3</a></span> · 2013 '
            '<bdi lang="en">(IGOC cited)</bdi> <small class="lang-mark">(بالإنجليزية)</small> · مصدر ثانوي]') in html


def test_the_answer_page_numbers_its_citations_and_each_number_links_to_its_source(client):
    """On the page and in a stored conversation: each number in the text links to the entry of the sources with the
    same number, which links to the fact's page; no fact ID is shown as text (the API keeps them)."""
    from tijara.accounts import services as accounts

    def check(html: str, prefix: str) -> None:
        entries = dict(re.findall(rf'<li class="source" id="({prefix}-source-\d+)">\s*<span class="source__line">'
                                  r'<span class="source__n badge \w*">(\d+)</span> <a href="/knowledge/facts/', html))
        assert entries and sorted(int(n) for n in entries.values()) == list(range(1, len(entries) + 1))
        markers = re.findall(r'<a class="cite-n" href="#([^"]+)"[^>]*>(\d+)</a>', html)
        assert markers and {anchor for anchor, _n in markers} == set(entries)
        assert all(entries[anchor] == number for anchor, number in markers)  # [3] leads to source 3
        visible = re.sub(r"<[^>]+>", " ", html.split("<main", 1)[-1])
        assert not re.findall(r"\b[A-Z]{2,4}-[A-Z]{2,4}-\d+\b", visible)

    question = "ما هي الوثائق اللازمة لتصدير زربية إلى الولايات المتحدة؟"
    page = client.post("/assistant/ask/", {"question": question, "lang": "ar"}).content.decode()
    check(page, "answer")
    api = client.post("/api/v1/ask", json.dumps({"question": question, "lang": "ar"}),
                      content_type="application/json").json()
    assert api["citations"][0]["fact_id"] == "MA-STA-01"  # the API's contract is unchanged
    assert "[MA-STA-01, MA-STA-02, MA-STA-03]" in api["answer"]

    user = accounts.user_create(email="numbers@coop.test", password="a-long-pass-2026", full_name="N", verified=True)
    client.force_login(user)
    client.post("/assistant/ask/", {"question": question, "lang": "ar"})
    conversation = Conversation.objects.get(user=user)
    page = client.get(f"/assistant/ask/?c={conversation.pk}", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    answer = Message.objects.get(conversation=conversation, role="assistant")
    history = page.split('<ol class="history">', 1)[1].split('<form', 1)[0]
    check(history, f"turn-{answer.pk}")
    assert "(بالإنجليزية)" in history and 'lang="en"' in history  # the stored sources say where they come from


def test_each_source_says_where_it_comes_from_when_and_how_sure_in_the_page_language(client):
    """An Arabic answer's sources: a source named in English is marked English (lang and a visible word), an
    approximate address says so, and the date and the confidence are in words, on lines of their own; a stored
    conversation shows the confidence in words too (not the badge colour alone)."""
    from tijara.accounts import services as accounts

    html = client.post("/assistant/ask/", {"question": "ما هي الوثائق اللازمة لتصدير زربية إلى الولايات المتحدة؟",
                                           "lang": "ar"}).content.decode()
    items = re.findall(r'<li class="source" id="answer-source-\d+">(.*?)</li>', html, re.S)
    assert items
    for item in items:
        lines = re.findall(r'<span class="source__line">(.*?)</span>\s*(?=<span class="source__line">|$)', item, re.S)
        assert len(lines) == 3, item
        if '<bdi lang="en">' in lines[1]:
            assert "(بالإنجليزية)" in lines[1], lines[1]
        assert re.search("مصدر ثانوي|غير مؤكد|موثّق", lines[2]), lines[2]
    assert "(العنوان تقريبي)" in html
    assert "(c. " not in html  # "circa" reads in Arabic

    user = accounts.user_create(email="reader@coop.test", password="a-long-pass-2026", full_name="R", verified=True)
    client.force_login(user)
    client.post("/assistant/ask/", {"question": "شنو هي شهادة المنشأ؟", "lang": "ar"})
    conversation = Conversation.objects.get(user=user)
    page = client.get(f"/assistant/ask/?c={conversation.pk}", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    history = page.split('<ol class="history">', 1)[1].split("</ol>", 1)[0]
    assert "مصدر ثانوي" in history or "غير مؤكد" in history
    assert '<div class="answer-text" lang="ar" dir="rtl">' in history  # each turn in its own language


def test_an_answer_in_another_language_than_the_page_says_so_in_the_page_language(client):
    client.cookies["tijara_language"] = "ar"
    html = client.post("/assistant/ask/", {"question": "Qu'est-ce qu'un certificat d'origine ?"}).content.decode()
    assert "الجواب باللغة الفرنسية، لغة سؤالك" in html and '<article class="card answer" lang="fr"' in html
    html = client.post("/assistant/ask/", {"question": "شنو هي شهادة المنشأ؟"}).content.decode()
    assert "الجواب باللغة" not in html  # same language as the page: nothing to say


def test_an_empty_question_says_what_to_do_with_or_without_htmx(client):
    client.cookies["tijara_language"] = "fr"
    page = client.post("/assistant/ask/", {"question": ""}).content.decode()
    assert page.count("Écrivez votre question, avec vos mots.") == 1 and "<title>Erreur" in page
    assert 'aria-describedby="id_question_error"' in page and 'id="id_question_error"' in page
    partial = client.post("/assistant/ask/", {"question": ""}, HTTP_HX_REQUEST="true").content.decode()
    assert "Écrivez votre question, avec vos mots." in partial


@pytest.mark.parametrize(("lang", "question", "page", "data"), [
    ("ar", "كم يكلف الاشتراك السنوي في بورتنت؟", "3.600 درهم", "3٬600 درهم"),
    ("fr", "Combien coûte l'abonnement annuel à PortNet ?", "3\u202f600 MAD", "3 600 MAD"),
])
def test_the_answer_page_writes_figures_as_the_answer_language_does_and_the_api_keeps_the_facts_text(
        client, capsys, lang, question, page, data):
    """The page (and a stored conversation) writes the answer's figures as its locale does; the API and the CLI keep
    the text as the facts state it, like the fact IDs (machine formats)."""
    from tijara.accounts import services as accounts

    html = client.post("/assistant/ask/", {"question": question, "lang": lang}).content.decode()
    answer = html.split('<div class="answer-text">', 1)[1].split("</div>", 1)[0]
    assert page in answer and data not in answer
    api = client.post("/api/v1/ask", json.dumps({"question": question, "lang": lang}),
                      content_type="application/json").json()
    assert api["citations"][0]["fact_id"] == "MA-PN-02" and data in api["answer"] and page not in api["answer"]
    call_command("ask", question, "--lang", lang, "--json")
    assert json.loads(capsys.readouterr().out)["answer"] == api["answer"]

    user = accounts.user_create(email="figures@coop.test", password="a-long-pass-2026", full_name="F", verified=True)
    client.force_login(user)
    client.post("/assistant/ask/", {"question": question, "lang": lang})
    conversation = Conversation.objects.get(user=user)
    stored = client.get(f"/assistant/ask/?c={conversation.pk}", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    history = stored.split('<ol class="history">', 1)[1].split('<form', 1)[0]
    assert page in history and data not in history  # in the answer's language, whatever the page's
@pytest.mark.django_db
def test_a_fact_named_in_an_answer_but_not_cited_reads_as_its_title_never_its_id():
    """A fact's text can name another fact by its ID ("see AGR-EU-03"): the answer quoting it names that fact by its
    title, a link to its page; a code that is no fact ID stays as written."""
    from django.utils import translation

    from tijara.assistant.templatetags.ask_tags import cited
    from tijara.knowledge.models import Fact

    citations = [{"fact_id": "MA-ORI-01", "title": "EUR.1", "url": "/knowledge/facts/MA-ORI-01/", "as_of": "2024"}]
    with translation.override("fr"):
        answer = cited("EUR.1 (voir AGR-EU-03) et HS-6. [MA-ORI-01]", citations)
        title = Fact.objects.get(fact_id="AGR-EU-03").title("fr")
    html = str(answer.html)
    assert f'<a href="/knowledge/facts/AGR-EU-03/">{escape(title)}</a>' in html and "HS-6." in html
    assert not re.search(r">[^<]*AGR-EU-03", html) and [s.citation["fact_id"] for s in answer.sources] == ["MA-ORI-01"]


def test_latin_names_in_an_arabic_answer_keep_their_own_direction():
    """A portal or document named in Latin letters inside an Arabic answer ("Access2Markets", "EUR.1") is isolated,
    an HTML entity's letters and the words of links are not touched; French and English answers are left as they are."""
    from django.utils import translation

    from tijara.assistant.templatetags.ask_tags import cited

    citations = [{"fact_id": "MA-CUS-05", "title": "وحدة", "url": "/knowledge/facts/MA-CUS-05/", "as_of": "undated"}]
    with translation.override("ar"):
        html = str(cited("تحقق لدى: بوابة Access2Markets الأوروبية & شهادة EUR.1 [MA-CUS-05]", citations, "a").html)
    assert "بوابة <bdi>Access2Markets</bdi> الأوروبية &amp; شهادة <bdi>EUR.1</bdi> " in html
    assert 'title="وحدة">١</a>' in html or 'title="وحدة">1</a>' in html
    with translation.override("fr"):
        html = str(cited("le portail Access2Markets [MA-CUS-05]", citations, "a").html)
    assert "<bdi>" not in html

"""Generative mode against a small OpenAI-compatible server started on 127.0.0.1: citations are checked."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tijara.assistant import services

QUESTION = "What is the limit of chromium VI in leather for the EU?"


class _Handler(BaseHTTPRequestHandler):
    reply: object = None
    status = 200
    seen: list = []

    def do_POST(self):  # noqa: N802 - http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append({"path": self.path, "body": body, "auth": self.headers.get("Authorization")})
        content = self.reply if isinstance(self.reply, str) else json.dumps(self.reply)
        payload = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):
        pass


@pytest.fixture
def llm_server(settings):
    _Handler.seen = []
    _Handler.status = 200
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.TIJARA_LLM_URL = f"http://127.0.0.1:{server.server_port}/v1"
    settings.TIJARA_LLM_MODEL = "test-model"
    settings.TIJARA_LLM_API_KEY = "secret-key"
    yield _Handler
    server.shutdown()
    server.server_close()


def _ask(user, question, django_capture_on_commit_callbacks):
    """Ask as a signed-in user; the task (immediate backend in tests) runs when the request's transaction commits."""
    with django_capture_on_commit_callbacks(execute=True):
        _conversation, message, result = services.question_ask(user=user, question=question)
    message.refresh_from_db()
    return message, result


@pytest.mark.django_db
def test_a_generated_answer_citing_retrieved_facts_replaces_the_stored_answer(
        llm_server, member_user, django_capture_on_commit_callbacks):
    llm_server.reply = {"answer": "In the EU, leather in contact with skin must contain less than 3 mg/kg of "
                                  "chromium VI.", "citations": ["EU-LEA-01"]}
    message, result = _ask(member_user, QUESTION, django_capture_on_commit_callbacks)
    assert result.mode == "extractive"  # the request answers at once, extractively
    assert message.mode == "generative"
    assert message.text.startswith("In the EU") and [c["fact_id"] for c in message.citations] == ["EU-LEA-01"]
    request = llm_server.seen[0]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer secret-key"
    assert "EU-LEA-01" in request["body"]["messages"][1]["content"]


@pytest.mark.django_db
def test_the_request_never_waits_for_the_llm(llm_server, member_user):
    llm_server.reply = {"answer": "In the EU the limit is 3 mg/kg.", "citations": ["EU-LEA-01"]}
    _conversation, message, result = services.question_ask(user=member_user, question=QUESTION)
    assert message.mode == "pending" and result.mode == "extractive" and llm_server.seen == []
    assert services.answer_question(question=QUESTION).mode == "extractive" and llm_server.seen == []


@pytest.mark.django_db
@pytest.mark.parametrize("reply", [
    {"answer": "The limit is 3 mg/kg.", "citations": ["SEC-01"]},  # cites a fact that was not retrieved
    {"answer": "The limit is 3 mg/kg.", "citations": []},  # cites nothing
    {"answer": "The limit is 5 mg/kg since 2019.", "citations": ["EU-LEA-01"]},  # invents figures
    "not json at all",
], ids=["foreign-citation", "no-citation", "invented-figure", "not-json"])
def test_a_generated_answer_breaking_the_rules_keeps_the_extractive_one(
        llm_server, member_user, django_capture_on_commit_callbacks, reply):
    llm_server.reply = reply
    message, _result = _ask(member_user, QUESTION, django_capture_on_commit_callbacks)
    assert message.mode == "extractive" and llm_server.seen
    assert message.citations[0]["fact_id"] == "EU-LEA-01" and "3 mg/kg" in message.text


@pytest.mark.django_db
def test_an_endpoint_error_keeps_the_extractive_answer(llm_server, member_user, django_capture_on_commit_callbacks):
    llm_server.status = 500
    llm_server.reply = {"error": "boom"}
    message, _result = _ask(member_user, QUESTION, django_capture_on_commit_callbacks)
    assert message.mode == "extractive"


@pytest.mark.django_db
def test_no_generation_when_the_facts_do_not_answer(llm_server, member_user, django_capture_on_commit_callbacks):
    llm_server.reply = {"answer": "DHL charges 40 EUR.", "citations": ["MA-POST-02"]}
    message, result = _ask(member_user, "How much does DHL charge for a 2 kg parcel to Paris?",
                           django_capture_on_commit_callbacks)
    assert not result.confident and message.mode == "extractive" and llm_server.seen == []


@pytest.mark.django_db
def test_the_user_polls_a_pending_answer_through_the_api(llm_server, member_user, client,
                                                          django_capture_on_commit_callbacks):
    llm_server.reply = {"answer": "In the EU, less than 3 mg/kg of chromium VI.", "citations": ["EU-LEA-01"]}
    message, _result = _ask(member_user, QUESTION, django_capture_on_commit_callbacks)
    client.force_login(member_user)
    data = client.get(f"/api/v1/ask/messages/{message.pk}").json()
    assert data["mode"] == "generative" and data["citations"][0]["fact_id"] == "EU-LEA-01"
    client.logout()
    assert client.get(f"/api/v1/ask/messages/{message.pk}").status_code in (401, 404)


def _doc(text: str):
    from tijara.knowledge.selectors import FactDoc

    return FactDoc(fact_id="T-1", topic="tax", markets=("MAR",), families=(), titles={"en": "t", "fr": "t", "ar": "t"},
                   texts={"en": text, "fr": text, "ar": text}, source="s", url="https://example.org", as_of="2025",
                   confidence="verified", mark="H", stale=False)


@pytest.mark.parametrize(("fact", "answer", "ok"), [
    ("The limit is 1.5 mg per litre.", "The limit is 1.5 mg.", True),
    ("The limit is 1.5 mg per litre.", "The limit is 15 mg.", False),  # "1.5" is not "15"
    ("The limit is 15 mg per litre.", "The limit is 1.5 mg.", False),
    ("The subscription costs 3,600 MAD.", "L'abonnement coûte 3 600 MAD.", True),
    ("La limite est de 1,5 mg.", "The limit is 1.5 mg.", True),
    ("Within 150 days.", "Within one hundred and fifty days.", False),  # number words absent from the fact
    ("Within fifteen days.", "Within fifteen days.", True),
])
def test_the_figure_check_compares_normalised_decimals_and_number_words(fact, answer, ok):
    from tijara.assistant.qa import llm

    reply = {"answer": answer, "citations": ["T-1"]}
    if ok:
        assert llm.check(reply, [_doc(fact)]).answer == answer
    else:
        with pytest.raises(llm.Rejected):
            llm.check(reply, [_doc(fact)])


@pytest.mark.django_db
def test_the_chat_page_polls_a_pending_answer_and_shows_the_generated_one(
        llm_server, member_user, client, django_capture_on_commit_callbacks):
    llm_server.reply = {"answer": "In the EU, less than 3 mg/kg of chromium VI.", "citations": ["EU-LEA-01"]}
    client.force_login(member_user)
    response = client.post("/assistant/ask/", {"question": QUESTION})
    assert b"hx-get=\"/assistant/ask/answers/" in response.content  # stored as pending, polled
    message_id = services.Message.objects.filter(role="assistant").latest("id").pk
    services.answer_generate(message_id=message_id)
    html = client.get(f"/assistant/ask/answers/{message_id}/").content.decode()
    assert "In the EU, less than 3 mg/kg" in html and "hx-get" not in html
    assert '/knowledge/facts/EU-LEA-01/' in html

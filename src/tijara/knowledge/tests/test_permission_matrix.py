"""Permission matrix for the knowledge base's staff pages, review API and checklist ticks."""

import json

import pytest

from tijara.knowledge.models import ChecklistTick, Fact, FactRevision
from tijara.knowledge.tests.fixtures import proposal_texts

ACTORS = ["anonymous", "outsider", "member", "manager", "owner", "advisor", "admin"]


def state():
    return (sorted(FactRevision.objects.values_list("pk", "status")),
            sorted(Fact.objects.filter(is_edited=True).values_list("fact_id", flat=True)),
            sorted(ChecklistTick.objects.values_list("organisation_id", "item_key")))


CASES = [
    ("stale report", "get", "/knowledge/stale/", None,
     dict(anonymous=404, outsider=404, member=404, manager=404, owner=404, advisor=200, admin=200), set()),
    ("review page", "get", "/knowledge/review/", None,
     dict(anonymous=404, outsider=404, member=404, manager=404, owner=404, advisor=200, admin=200), set()),
    ("publish from page", "post", "/knowledge/review/", {"revision": "{revision}", "action": "publish"},
     dict(anonymous=404, outsider=404, member=404, manager=404, owner=404, advisor=302, admin=302), {"admin"}),
    ("api publish", "post-json", "/api/v1/knowledge/revisions/{revision}/publish", {},
     dict(anonymous=401, outsider=403, member=403, manager=403, owner=403, advisor=403, admin=200), {"admin"}),
    ("api propose", "post-json", "/api/v1/knowledge/facts/MA-FX-02/revisions", "proposal",
     dict(anonymous=401, outsider=403, member=403, manager=403, owner=403, advisor=201, admin=201), {"advisor", "admin"}),
    ("api stale", "get", "/api/v1/knowledge/stale", None,
     dict(anonymous=401, outsider=404, member=404, manager=404, owner=404, advisor=200, admin=200), set()),
    ("api tick", "post-json", "/api/v1/knowledge/checklist/ticks",
     {"organisation": "{slug}", "subject": "hs:691200", "market": "FRA", "item_key": "req:EU-CER-02"},
     dict(anonymous=401, outsider=404, member=200, manager=200, owner=200, advisor=403, admin=403), {"member", "manager", "owner"}),
    ("page tick", "post", "/knowledge/checklist/tick/",
     {"organisation": "{slug}", "subject": "hs:691200", "market": "FRA", "item_key": "req:EU-CER-02", "done": "1"},
     dict(anonymous=302, outsider=404, member=302, manager=302, owner=302, advisor=404, admin=404), {"member", "manager", "owner"}),
    ("public checklist", "get", "/api/v1/knowledge/checklist?hs=691200&market=FRA", None,
     dict(anonymous=200, outsider=200, member=200, manager=200, owner=200, advisor=200, admin=200), set()),
]


def _fill(value, revision, slug):
    if isinstance(value, dict):
        return {k: _fill(v, revision, slug) for k, v in value.items()}
    if isinstance(value, str):
        return value.replace("{revision}", str(revision.pk)).replace("{slug}", slug)
    return value


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("case", "method", "path", "body", "expected", "writes"), CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(client, cast, organisation, knowledge_revision, actor, case, method, path, body,
                           expected, writes):
    user = cast[actor]
    if user is not None:
        client.force_login(user)
    if body == "proposal":
        body = proposal_texts(Fact.objects.get(fact_id="MA-FX-02"))
    body = _fill(body, knowledge_revision, organisation.slug)
    url = _fill(path, knowledge_revision, organisation.slug)
    before = state()
    if method == "get":
        response = client.get(url)
    elif method == "post":
        response = client.post(url, body)
    else:
        response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == expected[actor], (case, actor, response.content[:300])
    if actor in writes:
        assert state() != before
    else:
        assert state() == before

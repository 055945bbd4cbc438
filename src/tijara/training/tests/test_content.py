import pytest
from django.urls import reverse
from lxml import etree

from tijara.knowledge.selectors import fact_get
from tijara.training import charts, content, reference, scoring, selectors
from tijara.training.tests.fixtures import training_answers


def test_questionnaire_shape():
    spec = content.assessment()
    assert 18 <= len(spec.questions) <= 24
    dims = [d.code for d in spec.dimensions]
    assert dims == ["legal", "capacity", "quality", "pricing", "listings", "languages", "logistics",
                    "certifications"]
    for d in dims:
        assert sum(1 for q in spec.questions if q.dimension == d) >= 2


@pytest.mark.django_db
def test_every_cited_fact_exists():
    assert reference.missing_facts() == []
    for fact_id in content.all_fact_ids():
        assert fact_get(fact_id=fact_id).source_url


def test_every_page_action_reverses():
    for d in content.assessment().dimensions:
        for action in d.actions:
            if action.page:
                assert reverse(action.page)
    for name in ("catalog:index", "pricing:calculator", "assistant:classify", "knowledge:index", "channels:index"):
        assert reverse(name)


def test_every_lesson_step_cites_a_fact():
    assert len(content.lessons()) >= 3
    for lesson in content.lessons():
        assert lesson.steps and all(step.facts for step in lesson.steps)
        assert lesson.title.get("ar") and lesson.title.get("fr") and lesson.title.get("en")


def test_scoring():
    spec = content.assessment()
    scores, overall = scoring.score(spec, training_answers(2))
    assert overall == 100 and set(scores.values()) == {100} and scoring.weak(spec, scores) == []
    scores, overall = scoring.score(spec, training_answers(0))
    assert overall == 0 and len(scoring.weak(spec, scores)) == len(spec.dimensions)
    partly = scoring.score(spec, training_answers(1))[0]
    assert set(partly.values()) == {50}
    with pytest.raises(ValueError, match="not answered"):
        scoring.validate_answers(spec, {})
    with pytest.raises(ValueError, match="0, 1 or 2"):
        scoring.validate_answers(spec, {**training_answers(1), "legal-register": 3})
    with pytest.raises(ValueError, match="unknown question"):
        scoring.validate_answers(spec, {**training_answers(1), "nope": 1})


def test_radar_is_well_formed_svg_with_arabic_labels():
    labels = [d.name.get("ar") for d in content.assessment().dimensions]
    svg = charts.radar_svg(labels, [([10] * 8, "radar-previous"), ([80] * 8, "radar-latest")], title="جاهزية")
    root = etree.fromstring(svg.encode())
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert [t.text for t in root.findall("s:text", ns)] == labels
    polys = root.findall("s:polygon", ns)
    assert len(polys) == 4 + 2 and polys[-1].get("class") == "radar-latest"


@pytest.mark.django_db
def test_plan_links_only_to_existing_pages_and_facts(client, owner_user, organisation, training_weak_answers):
    spec = content.assessment()
    scores, _overall = scoring.score(spec, training_weak_answers)
    plan = selectors.plan_for(scores=scores, lang="fr")
    weak = scoring.weak(spec, scores)
    assert {i.dimension for i in plan} == set(weak) and "legal" not in weak
    client.force_login(owner_user)
    for item in plan:
        assert item.url.startswith("/")
        if item.kind == "fact":
            assert item.source and item.as_of and fact_get(fact_id=item.fact_id)
        assert client.get(item.url).status_code in (200, 302), item.url

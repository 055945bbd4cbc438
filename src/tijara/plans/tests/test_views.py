"""Plan pages: create from a description, read, recompute, share with an advisor, comment; who may do what."""

import pytest
from django.forms.models import model_to_dict

from tijara.accounts.tests.fixtures import make_user
from tijara.plans import services
from tijara.plans.models import ExportPlan, PlanComment, PlanShare
from tijara.plans.selectors import plan_warnings

ACTORS = ["anonymous", "outsider", "member", "manager", "owner", "advisor", "admin"]
LOGIN = 302


@pytest.fixture
def plan(organisation, owner_user):
    return services.plan_create(actor=owner_user, organisation=organisation, market="USA", language="en",
                                text="handmade Fez zellige glazed tiles")


def test_member_creates_plan_from_the_page(client, member_user, organisation):
    client.force_login(member_user)
    response = client.post("/plans/", {"text": "tapis berbère noué main", "market": "fra", "channel": "direct"},
                           HTTP_ACCEPT_LANGUAGE="fr")
    plan = ExportPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/plans/{plan.pk}/"
    assert plan.organisation == organisation and plan.market == "FRA" and plan.language == "fr"
    page = client.get(f"/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert page.status_code == 200 and b"570110" in page.content and b'id="section-events"' in page.content


def test_bad_market_is_a_form_error_and_nothing_saved(client, member_user, organisation):
    client.force_login(member_user)
    response = client.post("/plans/", {"text": "tapis", "market": "ZZZ"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200 and b"Unknown country code" in response.content
    assert not ExportPlan.objects.exists()


def test_shared_advisor_of_another_region_reads_and_comments(client, plan, owner_user):
    far_advisor = make_user("advisor@souss.test", staff_role="advisor", advisor_region="souss-massa")
    client.force_login(far_advisor)
    assert client.get(f"/plans/{plan.pk}/").status_code == 404
    services.plan_share(actor=owner_user, plan=plan, advisor_email=far_advisor.email)
    assert client.get(f"/plans/{plan.pk}/").status_code == 200
    client.post(f"/plans/{plan.pk}/comment/", {"text": "Ajoutez le certificat EUR.1"})
    assert PlanComment.objects.get(plan=plan).author == far_advisor
    assert client.post(f"/plans/{plan.pk}/recompute/").status_code == 403


def test_plan_says_when_a_fact_it_used_has_gone_stale(plan):
    from datetime import date

    from tijara.knowledge.models import Fact

    fact_id = next(ref["fact_id"] for ref in plan.result["checklist"]["sources"] if ref.get("fact_id"))
    assert plan_warnings(plan=plan) == []
    Fact.objects.filter(fact_id=fact_id).update(last_checked=date(2020, 1, 1))
    warnings = plan_warnings(plan=plan)
    assert any(fact_id in w for w in warnings)  # the API names the fact by its ID
    from django.utils import translation

    from tijara.knowledge.selectors import fact_get

    with translation.override("fr"):
        in_words = plan_warnings(plan=plan, in_words=True)
        title = fact_get(fact_id=fact_id).title("fr")
    assert any(f"« {title} » est périmée" in w for w in in_words) and not any(fact_id in w for w in in_words)
    Fact.objects.filter(fact_id=fact_id).update(is_published=False)
    with translation.override("fr"):
        assert any(w.startswith("Une règle utilisée par ce plan a été retirée (source :")
                   for w in plan_warnings(plan=plan, in_words=True))


def _state(plan):
    plan.refresh_from_db()
    return (model_to_dict(plan, exclude=["result"]), plan.computed_at, PlanComment.objects.count(),
            PlanShare.objects.count())


CASES = [
    ("detail", "get", "/plans/{pk}/", {}, dict(anonymous=LOGIN, outsider=404, member=200, manager=200, owner=200,
                                                advisor=200, admin=200)),
    ("pdf", "get", "/plans/{pk}/pdf/", {}, dict(anonymous=LOGIN, outsider=404, member=200, manager=200, owner=200,
                                                 advisor=200, admin=200)),
    ("recompute", "post", "/plans/{pk}/recompute/", {}, dict(anonymous=LOGIN, outsider=404, member=302, manager=302,
                                                              owner=302, advisor=403, admin=403)),
    ("share", "post", "/plans/{pk}/share/", {"advisor_email": "advisor@ministry.test"},
     dict(anonymous=LOGIN, outsider=404, member=403, manager=302, owner=302, advisor=403, admin=403)),
    ("comment", "post", "/plans/{pk}/comment/", {"text": "ok"},
     dict(anonymous=LOGIN, outsider=404, member=302, manager=302, owner=302, advisor=302, admin=302)),
    ("api detail", "get", "/api/v1/plans/{pk}", {}, dict(anonymous=401, outsider=404, member=200, manager=200,
                                                          owner=200, advisor=200, admin=200)),
]


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize(("case", "method", "path", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_permission_matrix(client, cast, plan, actor, case, method, path, body, expected):
    user = cast[actor]
    if user is not None:
        client.force_login(user)
    before = _state(plan)
    response = getattr(client, method)(path.format(pk=plan.pk), body)
    assert response.status_code == expected[actor], f"{case} as {actor}"
    if expected[actor] >= 400 or user is None or method == "get":
        assert _state(plan) == before, f"{case} as {actor} changed data"


@pytest.mark.parametrize(("lang", "words"), [("fr", "29 août 2025"), ("ar", "29 غشت 2025"), ("en", "August 29, 2025")])
def test_a_plan_page_writes_the_dates_of_its_notes_in_words(client, plan, owner_user, lang, words):
    """The notes are stored as composed, in the plan's language; the page writes their ISO dates in words of that
    language, whatever the page's language (the plan's body is rendered whole in the language it was written in)."""
    plan.result["unknowns"] = ["US de minimis suspended for all countries since 2025-08-29."]
    plan.language = lang
    plan.save(update_fields=["result", "language"])
    client.force_login(owner_user)
    for page_language in ("ar", "fr", "en"):
        html = client.get(f"/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE=page_language).content.decode()
        assert f"since {words}." in html and "2025-08-29" not in html
        assert f'<div lang="{lang}"' in html
        assert ('id="plan-language"' in html) == (page_language != lang)


def test_english_names_of_duties_and_sources_are_marked_on_a_french_plan(client, plan, owner_user):
    """Additional duties are named in English in the tariff data, and a market source carries no language: on a
    plan in French each is isolated, marked lang="en" and followed by "(en anglais)"; a bare address is not."""
    duties = plan.result["duties"]
    duties["with_origin_proof"].update(known=True, unknown_periods=[{"name": "Extra duties after 2026 unknown",
                                                                      "note": "Vérifiez."}])
    duties["sources"] = [{"source": "Research note: no source found for the period", "as_of": "2026-11-29"},
                         {"source": "example.org", "as_of": "2026-11-29"}]
    plan.language = "fr"
    plan.save(update_fields=["result", "language"])
    client.force_login(owner_user)
    html = client.get(f"/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    mark = ' <small class="lang-mark">(en anglais)</small>'
    assert f'<bdi lang="en">Extra duties after 2026 unknown</bdi>{mark}:' in html
    assert f'<bdi lang="en">Research note: no source found for the period</bdi>{mark}' in html
    assert "<bdi>example.org</bdi> ·" in html


def test_english_price_sources_are_marked_on_an_arabic_plan(client, plan, owner_user):
    """A price line's source named in English by the data (a tariff) is marked lang="en" with « (بالإنجليزية) » on a
    plan in Arabic; a cost the user entered, written in the plan's language, is not."""
    line = {"label": "رسوم جمركية", "amount": "120.00", "currency": "GBP", "paid_by": "buyer", "as_of": "2021-01-01"}
    plan.result["price"] = {
        "available": True, "warnings": [], "seller_receives_mad": "2500.00",
        "landed_cost": {"amount": "420.00", "currency": "GBP"}, "retail_price": {"amount": "300.00", "currency": "GBP"},
        "lines": [line | {"source": "UK Global Tariff 2021 (MFN), UK Department for International Trade (DIT)",
                          "entered": False},
                  line | {"source": "أدخلته أنت", "entered": True}]}
    plan.language = "ar"
    plan.save(update_fields=["result", "language"])
    client.force_login(owner_user)
    html = client.get(f"/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert ('<bdi lang="en">UK Global Tariff 2021 (MFN), UK Department for International Trade (DIT)</bdi> '
            '<small class="lang-mark">(بالإنجليزية)</small>') in html
    assert "<bdi>أدخلته أنت</bdi> ·" in html


@pytest.mark.parametrize(("lang", "label"), [("fr", "Sans preuve d'origine (NPF)\u202f: "),
                                             ("en", "Without proof of origin (MFN): ")])
def test_a_label_and_its_value_are_separated_as_the_language_writes_it(client, plan, owner_user, lang, label):
    """French puts a narrow no-break space before a colon (« Sans preuve d'origine (NPF) : 8,5 % »)."""
    plan.language = lang
    plan.save(update_fields=["language"])
    client.force_login(owner_user)
    page = client.get(f"/plans/{plan.pk}/", HTTP_ACCEPT_LANGUAGE=lang).content.decode().replace("&#x27;", "'")
    assert label in page
    assert ("Documents:" in page) == (lang == "en")

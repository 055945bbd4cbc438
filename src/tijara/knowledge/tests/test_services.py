"""Review workflow (advisor proposes, admin publishes, history kept) and checklist ticks."""

import pytest

from tijara.core.errors import NotFound, PermissionDenied, TijaraError
from tijara.knowledge import reference, selectors, services
from tijara.knowledge.models import ChecklistTick, Fact, FactRevision
from tijara.knowledge.tests.fixtures import proposal_texts

pytestmark = pytest.mark.django_db


def test_admin_publishes_an_advisor_revision_and_the_history_keeps_the_old_text(knowledge_revision, admin_user):
    before = Fact.objects.get(fact_id="EU-LEA-01").text_en
    fact = services.revision_publish(user=admin_user, revision_id=knowledge_revision.pk)
    assert fact.text_en == before + " (revised)" and fact.is_edited
    knowledge_revision.refresh_from_db()
    assert knowledge_revision.status == FactRevision.Status.PUBLISHED
    assert knowledge_revision.previous["text_en"] == before
    assert knowledge_revision.reviewed_by == admin_user


def test_reloading_the_pack_keeps_published_edits(knowledge_revision, admin_user):
    services.revision_publish(user=admin_user, revision_id=knowledge_revision.pk)
    reference.load()
    assert Fact.objects.get(fact_id="EU-LEA-01").text_en.endswith(" (revised)")


def test_an_advisor_cannot_publish_and_a_member_cannot_propose(knowledge_revision, advisor_user, member_user):
    with pytest.raises(PermissionDenied):
        services.revision_publish(user=advisor_user, revision_id=knowledge_revision.pk)
    fact = Fact.objects.get(fact_id="MA-FX-02")
    with pytest.raises(PermissionDenied):
        services.revision_propose(user=member_user, fact_id="MA-FX-02", texts=proposal_texts(fact))
    assert FactRevision.objects.count() == 1


def test_a_proposal_needs_every_language_and_a_change(advisor_user):
    fact = Fact.objects.get(fact_id="MA-FX-02")
    texts = proposal_texts(fact)
    texts["text_ar"] = "  "
    with pytest.raises(TijaraError) as caught:
        services.revision_propose(user=advisor_user, fact_id="MA-FX-02", texts=texts)
    assert caught.value.field == "text_ar"
    with pytest.raises(TijaraError) as caught:
        services.revision_propose(user=advisor_user, fact_id="MA-FX-02", texts=proposal_texts(fact, suffix=""))
    assert caught.value.code == "unchanged"
    assert not FactRevision.objects.exists()


def test_a_reviewed_revision_cannot_be_reviewed_again(knowledge_revision, admin_user):
    services.revision_reject(user=admin_user, revision_id=knowledge_revision.pk, note="Source not re-read")
    with pytest.raises(TijaraError):
        services.revision_publish(user=admin_user, revision_id=knowledge_revision.pk)
    assert Fact.objects.get(fact_id="EU-LEA-01").is_edited is False


def test_ticks_are_saved_per_organisation_subject_and_market(organisation, member_user, outsider_user):
    key = "req:EU-CER-02"
    services.checklist_tick(user=member_user, organisation_slug=organisation.slug, subject="hs:691200",
                            market="FRA", item_key=key, done=True)
    checklist = selectors.checklist_for_subject(organisation=organisation, subject="hs:691200", market="FRA")
    assert [i.key for i in checklist.items if i.done] == [key]
    assert not any(i.done for i in selectors.checklist_for(hs="691200", market="FRA").items)
    with pytest.raises(NotFound):
        services.checklist_tick(user=outsider_user, organisation_slug=organisation.slug, subject="hs:691200",
                                market="FRA", item_key=key, done=False)
    with pytest.raises(TijaraError):
        services.checklist_tick(user=member_user, organisation_slug=organisation.slug, subject="hs:691200",
                                market="FRA", item_key="req:NOT-A-FACT", done=True)
    services.checklist_tick(user=member_user, organisation_slug=organisation.slug, subject="hs:691200",
                            market="FRA", item_key=key, done=False)
    assert not ChecklistTick.objects.exists()

"""Fixtures for this app's tests; registered in the root conftest.py."""

import pytest

from tijara.knowledge import services
from tijara.knowledge.models import Fact


def proposal_texts(fact: Fact, suffix: str = " (revised)") -> dict[str, str]:
    return {f"{kind}_{lang}": getattr(fact, f"{kind}_{lang}") + (suffix if kind == "text" else "")
            for kind in ("title", "text") for lang in ("ar", "fr", "en")}


@pytest.fixture
def knowledge_revision(advisor_user):
    """A proposed revision of EU-LEA-01 by the advisor."""
    fact = Fact.objects.get(fact_id="EU-LEA-01")
    return services.revision_propose(user=advisor_user, fact_id=fact.fact_id, texts=proposal_texts(fact),
                                     note="Re-read on EUR-Lex")

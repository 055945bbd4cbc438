"""Fixtures for this app's tests; registered in the root conftest.py."""

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def ask_engine():
    """The question-answering engine over the shipped facts and question handles, with the real multilingual encoder
    (built once), as the service builds it: the confidence rule was calibrated on this evidence."""
    from django.conf import settings

    from tijara.assistant.qa import embed, handles
    from tijara.assistant.qa.engine import Engine
    from tijara.knowledge import reference, selectors

    docs = reference.shipped_docs()
    question_handles = handles.load()
    titles, texts = Engine.embedding_texts(docs)
    cache = settings.DATA_DIR / "cache"
    matrices = {"title": embed.cached_matrix(titles, cache), "text": embed.cached_matrix(texts, cache),
                "handles": embed.cached_matrix(Engine.handle_texts(docs, question_handles)[0], cache)}
    return Engine(docs, authorities=selectors.authorities(), encode=embed.encode_query, embeddings=matrices,
                  handles=question_handles)


@pytest.fixture
def ask_conversation(member_user):
    """A conversation of the member with one answered question."""
    from tijara.assistant import services

    conversation, message, _result = services.question_ask(
        user=member_user, question="What is the limit of chromium VI in leather for the EU?")
    return conversation

"""Fixtures for this app's tests; registered in the root conftest.py."""

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def ask_engine():
    """The question-answering engine over the shipped facts and question handles, with the real multilingual encoder
    (built once), as the service builds it: the confidence rule was calibrated on this evidence."""
    from tijara.assistant import services
    from tijara.knowledge import reference, selectors

    return services.build_engine(reference.shipped_docs(), selectors.authorities())


@pytest.fixture
def ask_conversation(member_user):
    """A conversation of the member with one answered question."""
    from tijara.assistant import services

    conversation, message, _result = services.question_ask(
        user=member_user, question="What is the limit of chromium VI in leather for the EU?")
    return conversation

"""Fixtures for the events tests; registered in the root conftest.py."""

import pytest

FAIRS_TODAY = "2026-11-29"  # "today" of the fairs research


@pytest.fixture
def events_today(time_machine):
    """Freeze the clock at the research date of the fairs pack."""
    time_machine.move_to(f"{FAIRS_TODAY}T10:00:00+00:00", tick=False)


@pytest.fixture
def events_staff(admin_user):
    return admin_user

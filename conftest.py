"""Root pytest configuration: registers every app's fixtures and the browser (Chromium) settings."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

APPS = ["core", "accounts", "markets", "knowledge", "assistant", "pricing", "catalog", "channels",
        "marketplace", "plans", "events", "training", "documents"]
pytest_plugins = [f"tijara.{app}.tests.fixtures" for app in APPS]


def pytest_addoption(parser):
    parser.addoption("--screenshots", action="store_true", help="Regenerate docs/screenshots/.")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped reference data once per test database (tests roll back to it)."""
    from django.core.management import call_command, get_commands

    if "load_reference_data" in get_commands():
        with django_db_blocker.unblock():
            call_command("load_reference_data", verbosity=0)


@pytest.fixture
def reference_data_reloaded(transactional_db):
    """Transactional tests flush every table when they end: load the reference packs again for the next one."""
    from django.core.management import call_command

    call_command("load_reference_data", verbosity=0)


@pytest.fixture(autouse=True)
def _default_language_each_test():
    """Each test starts in the default language: a request through the locale middleware (or `?lang=`) activates its
    language for the whole thread and Django never resets it, so a later test on the same worker would otherwise
    read messages in the language an earlier page was requested in."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()

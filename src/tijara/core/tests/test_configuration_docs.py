"""Every environment variable read by the code is documented in docs/configuration.md."""

import re
from pathlib import Path

import tijara

PACKAGE = Path(tijara.__file__).parent
DOC = PACKAGE.parent.parent / "docs" / "configuration.md"
READERS = re.compile(r"""(?:envbool|envint|envsecret|os\.environ\.get|os\.environ\[|os\.getenv|environ\.get)\(\s*["']([A-Z][A-Z0-9_]+)["']""")
IGNORED = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "CI", "RUN_MAIN"}  # RUN_MAIN: set by Django's autoreloader


def variables_read_by_code() -> set[str]:
    names = set()
    for path in PACKAGE.rglob("*.py"):
        if "tests" in path.parts:
            continue
        names.update(READERS.findall(path.read_text(encoding="utf-8")))
    return names - IGNORED


def test_every_environment_variable_is_documented():
    documented = set(re.findall(r"^\| `([A-Z][A-Z0-9_]+)`", DOC.read_text(encoding="utf-8"), re.MULTILINE))
    missing = sorted(variables_read_by_code() - documented)
    assert missing == [], f"undocumented environment variables: {missing}"


def test_scanner_finds_the_core_variables():
    assert {"DATABASE_URL", "SECRET_KEY", "TIJARA_DEBUG", "ALLOWED_HOSTS"} <= variables_read_by_code()

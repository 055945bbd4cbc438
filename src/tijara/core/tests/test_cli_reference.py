"""docs/cli.md is generated from the commands' --help (scripts/cli_reference.py) and must be up to date."""

import difflib
import importlib.util
import os
from pathlib import Path

import pytest

import tijara

ROOT = Path(tijara.__file__).resolve().parent.parent.parent
SCRIPT = ROOT / "scripts" / "cli_reference.py"
DOC = ROOT / "docs" / "cli.md"


@pytest.fixture(scope="module")
def cli_reference():
    spec = importlib.util.spec_from_file_location("cli_reference", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(cli_reference):
    return cli_reference.render()


def test_docs_cli_md_is_up_to_date(generated):
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    if current != generated:
        diff = "".join(list(difflib.unified_diff(current.splitlines(True), generated.splitlines(True),
                                                 "docs/cli.md (committed)", "docs/cli.md (generated)"))[:80])
        pytest.fail(f"docs/cli.md is out of date: run `make docs` and commit it.\n{diff}")


def test_every_tijara_command_has_a_section_and_only_those(cli_reference, generated):
    from django.core.management import get_commands

    names = set(cli_reference.tijara_commands())
    assert {"classify", "load_reference_data", "serve"} <= names
    for name in names:
        assert f"\n## tijara {name.replace('_', '-')}\n" in generated
        assert f"usage: tijara {name} " in generated
    documented = {line.removeprefix("## tijara ").replace("-", "_") for line in generated.splitlines()
                  if line.startswith("## tijara ")}
    assert documented == names
    django_own = {name for name, app in get_commands().items() if app.startswith("django.")}
    assert "migrate" in django_own and not documented & django_own


def test_every_contract_is_a_command_with_a_section(cli_reference, generated):
    commands = cli_reference.tijara_commands()
    for contract in cli_reference.CONTRACTS:
        words = contract.split()
        name = words[0].replace("-", "_")
        assert name in commands, f"CLI contract `tijara {contract}` has no command"
        heading = "#" * (1 + len(words)) + " tijara " + " ".join([name.replace("_", "-"), *words[1:]])
        assert f"\n{heading}\n" in generated, f"no section for `tijara {contract}`"
    assert "(not in this build)" not in generated


def test_output_does_not_depend_on_the_terminal_or_language(cli_reference, generated, monkeypatch):
    from django.utils import translation

    monkeypatch.setenv("COLUMNS", "41")
    with translation.override("ar"):
        assert cli_reference.render() == generated
    assert os.environ["COLUMNS"] == "41"

"""No Arabic or French sentence lives in the markets app's Python code: user text goes through the catalogues."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

APP = Path(__file__).resolve().parents[1]
ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3\uFB50-\uFDFF\uFE70-\uFEFF]")
FRENCH_LETTER = re.compile(r"[éèêëàâîïôûùçœÉÈÊÀÂÎÔÛÇŒ«»]")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _literals():
    for path in sorted(APP.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
                yield path.relative_to(APP), node.lineno, node.value


def test_no_arabic_or_french_text_in_python_string_literals():
    offenders = [f"{path}:{line}: {text[:60]!r}" for path, line, text in _literals()
                 if ARABIC_LETTER.search(text) or FRENCH_LETTER.search(text)]
    assert offenders == []


@pytest.mark.parametrize("lang, word", [("fr", "exigences"), ("ar", "المتطلبات")])
def test_component_names_come_from_the_catalogues(lang, word):
    from tijara.markets import explain

    with translation.override("en"):
        assert explain.component_label("burden", lang) == word

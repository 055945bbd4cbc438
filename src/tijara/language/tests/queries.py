"""Real mixed-language texts for the concurrency tests: the assistant's question set (en, fr, ar, Darija) and
the project-written product descriptions of the HS evaluation (ar, Darija, fr, en), read from the shipped packs."""

from __future__ import annotations

import csv
import io
import tomllib
from functools import cache
from importlib import resources

LANGS = ("en", "fr", "ar", "ary")


@cache
def mixed_texts() -> tuple[tuple[str, str], ...]:
    """(text, language) pairs, the language as ar/fr/en (Darija counted as ar), interleaved across languages."""
    data = resources.files("tijara.assistant").joinpath("data/eval")
    questions = tomllib.loads(data.joinpath("ask_set.toml").read_text("utf-8"))["g"]
    rows = list(csv.DictReader(io.StringIO(data.joinpath("hs_project_written.csv").read_text("utf-8"))))
    out: list[tuple[str, str]] = []
    for group in questions:
        out += [(group[lang], "ar" if lang == "ary" else lang) for lang in LANGS if group.get(lang)]
    out += [(row["text"], "ar" if row["lang"] == "ary" else row["lang"]) for row in rows]
    return tuple(out)

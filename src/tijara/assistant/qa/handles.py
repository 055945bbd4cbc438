"""The question handles of the facts (`data/qa_handles.toml`, project-written): questions users ask that a fact
answers, in en, fr, ar and Darija, indexed with the fact (lexically per language, and embedded)."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "data" / "qa_handles.toml"
LANGS = ("ar", "fr", "en")


@functools.cache
def load(path: Path = PATH) -> dict[str, dict[str, list[str]]]:
    """{fact_id: {language: [question, ...]}}; Darija handles sit under ar."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return {fact_id: {lang: list(entry.get(lang, [])) for lang in LANGS} for fact_id, entry in raw.items()}

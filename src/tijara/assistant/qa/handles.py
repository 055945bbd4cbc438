"""The question handles of the facts (`data/qa_handles.toml`, project-written): questions users ask that a fact
answers, in en, fr, ar and Darija, indexed with the fact (lexically per language, and embedded).

A Darija question is searched in its expanded form (Darija words turned into the MSA or French words the facts use,
`tijara.language.darija.expand`), so a Darija handle is also embedded in that form (under ``ary``, which the lexical
index and the per-language cosine offsets do not read): the question and the handle then meet in the same words."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from tijara.language.darija import expand

PATH = Path(__file__).resolve().parents[1] / "data" / "qa_handles.toml"
LANGS = ("ar", "fr", "en")


@functools.cache
def load(path: Path = PATH) -> dict[str, dict[str, list[str]]]:
    """{fact_id: {language: [question, ...]}}; Darija handles sit under ar, their expanded forms under ary."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    out = {fact_id: {lang: list(entry.get(lang, [])) for lang in LANGS} for fact_id, entry in raw.items()}
    for entry in out.values():
        expanded = [text for text, darija in map(expand, entry["ar"]) if darija]
        entry["ary"] = [text for text in dict.fromkeys(expanded) if text not in entry["ar"]]
    return out

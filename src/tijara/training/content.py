"""The assessment and the lessons shipped as data (`training/data/*.toml`), parsed and validated (no ORM)."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tijara.core.errors import TijaraError

DATA = Path(__file__).resolve().parent / "data"
LANGS = ("ar", "fr", "en")
SCALE = (0, 1, 2)  # no / partly / yes


def _lang(language: str | None) -> str:
    code = (language or "en")[:2]
    return code if code in LANGS else "en"


@dataclass(frozen=True)
class Texts:
    en: str
    fr: str
    ar: str

    def get(self, language: str | None) -> str:
        return getattr(self, _lang(language))


@dataclass(frozen=True)
class Action:
    label: Texts
    page: str = ""  # URL name
    fact: str = ""  # fact ID
    name: str = ""  # a programme's or brand's own name the labels quote as {name}, kept in its language
    name_lang: str = "en"  # the language that name is written in (marked on a page in another language)

    def text(self, language: str | None) -> str:
        """The label in `language` with the name in place of `{name}`."""
        return self.label.get(language).replace("{name}", self.name)


@dataclass(frozen=True)
class Dimension:
    code: str
    name: Texts
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class Question:
    id: str
    dimension: str
    text: Texts
    fact: str = ""


@dataclass(frozen=True)
class Step:
    text: Texts
    facts: tuple[str, ...]


@dataclass(frozen=True)
class Lesson:
    slug: str
    dimension: str
    minutes: int
    title: Texts
    steps: tuple[Step, ...]

    @property
    def fact_ids(self) -> list[str]:
        return list(dict.fromkeys(f for s in self.steps for f in s.facts))


@dataclass(frozen=True)
class Assessment:
    version: int
    weak_below: int
    dimensions: tuple[Dimension, ...]
    questions: tuple[Question, ...]

    def dimension(self, code: str) -> Dimension:
        return next(d for d in self.dimensions if d.code == code)


def _texts(entry: dict, where: str) -> Texts:
    values = {}
    for lang in LANGS:
        value = " ".join(str(entry.get(lang) or "").split())
        if not value:
            raise TijaraError("bad_pack", f"{where}: missing {lang} text")
        values[lang] = value
    return Texts(**values)


@functools.cache
def assessment() -> Assessment:
    """The self-assessment questionnaire (validated)."""
    data = tomllib.loads((DATA / "assessment.toml").read_text(encoding="utf-8"))
    dims = []
    for d in data["dimension"]:
        actions = []
        for i, a in enumerate(d.get("actions", [])):
            if bool(a.get("page")) == bool(a.get("fact")):
                raise TijaraError("bad_pack", f"assessment.toml: {d['code']} action {i + 1}: give page or fact")
            label = _texts(a, f"{d['code']} action {i + 1}")
            if bool(a.get("name")) != all("{name}" in label.get(code) for code in LANGS):
                raise TijaraError("bad_pack", f"assessment.toml: {d['code']} action {i + 1}: a name is quoted as "
                                              "{name} in every language, and {name} needs a name")
            actions.append(Action(label=label, page=a.get("page", ""), fact=a.get("fact", ""),
                                  name=a.get("name", ""), name_lang=a.get("name_lang", "en")))
        if not actions:
            raise TijaraError("bad_pack", f"assessment.toml: {d['code']}: no action")
        dims.append(Dimension(code=d["code"], name=_texts(d, d["code"]), actions=tuple(actions)))
    codes = {d.code for d in dims}
    questions, seen = [], set()
    for q in data["question"]:
        if q["dimension"] not in codes or q["id"] in seen:
            raise TijaraError("bad_pack", f"assessment.toml: question {q['id']}: unknown dimension or duplicate id")
        seen.add(q["id"])
        questions.append(Question(id=q["id"], dimension=q["dimension"], text=_texts(q, q["id"]),
                                  fact=q.get("fact", "")))
    return Assessment(version=int(data["version"]), weak_below=int(data["weak_below"]), dimensions=tuple(dims),
                      questions=tuple(questions))


@functools.cache
def lessons() -> tuple[Lesson, ...]:
    """The learning modules (validated: every step cites at least one fact)."""
    data = tomllib.loads((DATA / "lessons.toml").read_text(encoding="utf-8"))
    out = []
    for entry in data["lesson"]:
        steps = []
        for i, s in enumerate(entry.get("step", [])):
            facts = tuple(s.get("facts") or ())
            if not facts:
                raise TijaraError("bad_pack", f"lessons.toml: {entry['slug']} step {i + 1}: cites no fact")
            steps.append(Step(text=_texts(s, f"{entry['slug']} step {i + 1}"), facts=facts))
        out.append(Lesson(slug=entry["slug"], dimension=entry["dimension"], minutes=int(entry["minutes"]),
                          title=_texts(entry, entry["slug"]), steps=tuple(steps)))
    return tuple(out)


def lesson(slug: str) -> Lesson | None:
    return next((x for x in lessons() if x.slug == slug), None)


def all_fact_ids() -> set[str]:
    """Every fact ID the questionnaire and the lessons cite."""
    a = assessment()
    ids = {q.fact for q in a.questions if q.fact} | {x.fact for d in a.dimensions for x in d.actions if x.fact}
    return ids | {f for les in lessons() for f in les.fact_ids}

"""Scoring of the assistant on the project-written question set (`data/eval/ask_set.toml`), split dev/test.

The split is decided by a hash of each question group's id, before any tuning: the same question asked in en, fr,
ar and Darija stays on one side. Each split is reported per language next to a naive baseline on the same rows
(plain BM25 over the facts in the question's language, top fact, never abstains).
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import re
import statistics
import time
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ASK_SET = Path(__file__).resolve().parents[1] / "data" / "eval" / "ask_set.toml"
LANGUAGES = ("en", "fr", "ar", "ary")  # ary: Darija (Arabic letters or Arabizi); answered in Arabic
SPLITS = ("dev", "test")
_THOUSANDS = re.compile(r"(?<=\d)[\s,\u00a0\u202f\u066c](?=\d{3}\b)")
_DIGIT = re.compile(r"(?<![A-Za-z])[0-9\u0660-\u0669]")  # a figure, not a digit inside a name (Access2Markets)


def _key(group_id: str) -> str:
    return hashlib.sha256(group_id.encode()).hexdigest()


def splits_of(groups: list[dict]) -> dict[str, str]:
    """{group id: dev or test}, fixed before any tuning. A group that carries ``split`` keeps it (the first 92
    groups were dealt alternately by hash and frozen so); a group added later goes by the parity of its id's hash,
    so adding questions never moves an existing one to the other side."""
    return {g["id"]: g.get("split") or SPLITS[int(_key(g["id"]), 16) % 2] for g in groups}


@dataclass(frozen=True)
class Question:
    group: str
    language: str  # en / fr / ar / ary
    text: str
    split: str
    answerable: bool = True
    expected: frozenset[str] = frozenset()
    contains: str = ""
    authority: str = ""


def load(path: Path = ASK_SET) -> list[Question]:
    """Every question of the set, one per group and language."""
    groups = tomllib.loads(path.read_text(encoding="utf-8"))["g"]
    split = splits_of(groups)
    out = []
    for group in groups:
        for language in LANGUAGES:
            if group.get(language):
                out.append(Question(group=group["id"], language=language, text=group[language],
                                    split=split[group["id"]], answerable=group.get("answerable", True),
                                    expected=frozenset(group.get("expected", [])), contains=group.get("contains", ""),
                                    authority=group.get("authority", "")))
    return out


def _plain_digits(text: str) -> str:
    return _THOUSANDS.sub("", text.replace("\u00a0", " "))


@dataclass
class Row:
    question: Question
    cited: list[str]
    confident: bool
    correct: bool
    answered: bool
    authority: str
    ms: float
    baseline_top: str = ""
    baseline_correct: bool = False
    top5: list[str] = field(default_factory=list)
    evidence: dict = field(default_factory=dict)  # what the engine's confidence decision weighed
    sure: bool = False  # every fact cited was re-read at its source (marks H, M, V, S)


def score(question: Question, *, cited: list[str], confident: bool, answer: str, authority: str) -> tuple[bool, bool]:
    """(correct, answered). Answerable: a right fact is cited (and the figure stated, when one is expected).
    Unanswerable: nothing cited as an answer, not confident, no figure, and the expected authority named."""
    answered = bool(cited)
    if question.answerable:
        figure_ok = not question.contains or question.contains in _plain_digits(answer)
        return answered and bool(set(cited) & question.expected) and figure_ok, answered
    declined = not answered and not confident and not _DIGIT.search(answer)
    return declined and authority == question.authority, answered


def causes(rows: list[Row]) -> dict[str, int]:
    """Why unanswerable questions failed: answered (a fact cited), declined naming another authority than the one
    expected, declined naming none, or declined but confident or with a figure."""
    out = {"answered": 0, "wrong_authority": 0, "no_authority": 0, "other": 0}
    for r in rows:
        if r.question.answerable or r.correct:
            continue
        key = ("answered" if r.answered else "no_authority" if not r.authority
               else "wrong_authority" if r.authority != r.question.authority else "other")
        out[key] += 1
    return out


def _rate(rows: list[Row], attr: str) -> float | None:
    return round(sum(getattr(r, attr) for r in rows) / len(rows), 3) if rows else None


def summarise(rows: list[Row]) -> dict:
    """Figures for one split: overall, answerable, unanswerable, per language, each next to the baseline."""
    def block(subset: list[Row]) -> dict:
        return {"n": len(subset), "correct": _rate(subset, "correct"), "baseline": _rate(subset, "baseline_correct")}

    answerable = [r for r in rows if r.question.answerable]
    unanswerable = [r for r in rows if not r.question.answerable]
    times = sorted(r.ms for r in rows)
    return {
        "all": block(rows),
        "answerable": block(answerable),
        "unanswerable_declined_with_authority": block(unanswerable),
        "unanswerable_failures": causes(unanswerable),
        "confident_and_wrong": sum(1 for r in answerable if r.confident and not r.correct)
        + sum(1 for r in unanswerable if r.confident),
        "recall_at_5": round(sum(bool(set(r.top5) & r.question.expected) for r in answerable)
                             / max(len(answerable), 1), 3),
        "by_language": {lang: block([r for r in answerable if r.question.language == lang]) for lang in LANGUAGES},
        "ms_p50": round(statistics.median(times), 1) if times else None,
        "ms_p95": round(times[int(0.95 * (len(times) - 1))], 1) if times else None,
    }


def run(answer: Callable, baseline: Callable | None = None, *, path: Path = ASK_SET,
        splits: tuple[str, ...] = SPLITS, languages: tuple[str, ...] = LANGUAGES) -> dict:
    """Answer every question with `answer(text) -> Answer` and score it; `baseline(text) -> fact_id` on the same rows."""
    rows: list[Row] = []
    for question in load(path):
        if question.split not in splits or question.language not in languages:
            continue
        started = time.perf_counter()
        result = answer(question.text)
        ms = (time.perf_counter() - started) * 1000
        cited = [c.fact_id for c in result.citations]
        correct, answered = score(question, cited=cited, confident=result.confident, answer=result.answer,
                                  authority=getattr(result, "authority", ""))
        row = Row(question=question, cited=cited, confident=result.confident, correct=correct, answered=answered,
                  authority=getattr(result, "authority", ""), ms=ms, top5=[h.fact_id for h in result.hits[:5]],
                  evidence=dict(getattr(result, "evidence", {}) or {}),
                  sure=bool(cited) and all(getattr(c, "mark", "") in "HMVS" and getattr(c, "mark", "")
                                           for c in result.citations))
        if baseline is not None:
            row.baseline_top = baseline(question.text) or ""
            row.baseline_correct = question.answerable and row.baseline_top in question.expected
        rows.append(row)
    figures = {s: summarise([r for r in rows if r.question.split == s]) for s in splits}
    for s in splits:
        figures[s]["same_facts_in_3_languages"] = same_facts([r for r in rows if r.question.split == s])
        figures[s]["same_facts_causes"] = same_facts_causes([r for r in rows if r.question.split == s])
    return {"splits": figures, "rows": rows}


@contextmanager
def words_left_out(share: float, seed: int) -> Iterator[None]:
    """A generalisation check on dev alone: the word lists that tell a question's topic (`data/qa_named.toml`, the
    groups with a topic) with a random `share` of their entries left out, as if the questions used words no list
    holds. A mechanism that leans on the listed words of the dev questions loses much here; a general one little."""
    from tijara.assistant.qa import named

    rng = random.Random(seed)
    named.use_groups(tuple(
        dataclasses.replace(g, phrases=tuple(p for p in g.phrases if rng.random() >= share)) if g.topic else g
        for g in named.groups()))
    try:
        yield
    finally:
        named.use_groups(None)


def darija_held_out(answer: Callable, *, share: float = 0.3, seeds: int = 10) -> dict:
    """Darija answerable questions of dev, answered again with a random ``share`` of the Darija word lists left out
    (``seeds`` draws, tijara.language.darija.held_out): a change that reads Darija in general keeps its gain here;
    one that adds the words of the dev questions loses it, as on the test split."""
    from tijara.language.darija import held_out

    rates = []
    for seed in range(seeds):
        with held_out(share, seed):
            rows = run(answer, splits=("dev",), languages=("ary",))["rows"]
        rates.append(_rate([r for r in rows if r.question.answerable], "correct"))
    return {"share": share, "seeds": seeds, "correct_by_seed": rates, "mean": round(statistics.mean(rates), 3)}


# The grid the confidence rule is chosen on: `near` (cosine of the question with the answering fact's nearest
# question handle or text) and `margin` (lead of its score over the best fact not cited); see Engine.evidence.
NEAR_GRID = tuple(round(0.40 + 0.05 * i, 2) for i in range(10))
MARGIN_GRID = tuple(round(0.05 * i, 2) for i in range(9))


def _confident_by(rule: tuple[float, float], rows: list[Row]) -> list[Row]:
    near, margin = rule
    return [r for r in rows if r.evidence.get("near", -1.0) >= near and r.evidence.get("margin", -1.0) >= margin]


def _right(row: Row) -> bool:
    return row.question.answerable and row.correct


def _fit(rows: list[Row], target: float) -> tuple[float, float] | None:
    """The rule of the grid with the most confident answers whose pessimistic precision (as if one more confident
    answer were wrong: right / (confident + 1)) is >= target; ties: the stricter rule."""
    best, best_key = None, None
    for rule in ((n, m) for n in NEAR_GRID for m in MARGIN_GRID):
        chosen = _confident_by(rule, rows)
        if chosen and sum(map(_right, chosen)) / (len(chosen) + 1) >= target:
            key = (len(chosen), rule[0] + rule[1])
            if best_key is None or key > best_key:
                best, best_key = rule, key
    return best


def calibrate(rows: list[Row], *, target: float = 0.98, rounds: int = 20, seed: int = 0) -> dict:
    """Calibrate `confident` on the rows given (the dev split only): among answers citing only re-read facts (the
    only ones that may be confident), the precision of "confident when near >= a and margin >= b" over a grid, the
    rule with the most confident answers at (pessimistic) precision >= target, and a leave-groups-out check: fit on a
    random half of the question groups, measure on the other half (both ways, `rounds` halvings), pooled."""
    eligible = [r for r in rows if r.cited and r.sure and r.evidence]
    rule = _fit(eligible, target)
    groups = sorted({r.question.group for r in eligible})
    rng = random.Random(seed)
    held = [0, 0]
    for _ in range(rounds):
        rng.shuffle(groups)
        half = set(groups[: len(groups) // 2])
        for fit_on in (True, False):
            fit_rows = [r for r in eligible if (r.question.group in half) == fit_on]
            check = [r for r in eligible if (r.question.group in half) != fit_on]
            fitted = _fit(fit_rows, target)
            if fitted is None:
                continue
            confident = _confident_by(fitted, check)
            held[0] += len(confident)
            held[1] += sum(map(_right, confident))
    chosen = _confident_by(rule, eligible) if rule else []
    table = {f"near>={n:.2f}": {f"margin>={m:.2f}": [len(c := _confident_by((n, m), eligible)), sum(map(_right, c))]
                                 for m in MARGIN_GRID} for n in NEAR_GRID}
    return {"eligible": len(eligible), "right": sum(map(_right, eligible)), "rule": rule,
            "confident": len(chosen), "precision": round(sum(map(_right, chosen)) / len(chosen), 3) if chosen else None,
            "held_out_precision": round(held[1] / held[0], 3) if held[0] else None,
            "held_out_confident_per_half": round(held[0] / (2 * rounds), 1),
            "table_confident_and_right": table}


def _parallel(rows: list[Row]) -> list[dict[str, list[str]]]:
    """The facts cited for each answerable group asked in en, fr and ar ({language: cited, in order})."""
    by_group: dict[str, dict[str, list[str]]] = {}
    for r in rows:
        if r.question.answerable and r.question.language in ("en", "fr", "ar"):
            by_group.setdefault(r.question.group, {})[r.question.language] = list(r.cited)
    return [g for g in by_group.values() if len(g) == 3]


def same_facts(rows: list[Row]) -> float | None:
    """Share of answerable groups asked in en, fr and ar whose three answers cite the same set of facts."""
    complete = _parallel(rows)
    return round(sum(len({frozenset(c) for c in g.values()}) == 1 for g in complete) / len(complete), 3) \
        if complete else None


def same_facts_causes(rows: list[Row]) -> dict[str, int]:
    """Why the three answers of a parallel group differ, each group counted once: the same facts; a decline in one or
    two languages; the same fact answering first but other further facts joined; another fact answering first."""
    out = {"same": 0, "declined_in_some": 0, "other_facts_joined": 0, "other_first_fact": 0}
    for group in _parallel(rows):
        cited = list(group.values())
        if len({frozenset(c) for c in cited}) == 1:
            out["same"] += 1
        elif not all(cited):
            out["declined_in_some"] += 1
        elif len({c[0] for c in cited}) == 1:
            out["other_facts_joined"] += 1
        else:
            out["other_first_fact"] += 1
    return out


def bm25_baseline(engine) -> Callable[[str], str]:
    """The naive baseline: plain BM25 over each fact's title and text (no handles, no embeddings, no scope), in the
    question's search language with the same analyser; the top fact, never abstains."""
    import bm25s

    from tijara.assistant.qa import lang as lang_mod
    from tijara.assistant.qa.text import analyse

    indexes = {}
    for language in ("ar", "fr", "en"):
        index = bm25s.BM25()
        index.index([analyse(f"{d.titles[language]} {d.texts[language]}", language) or [""] for d in engine.docs],
                    show_progress=False)
        indexes[language] = index

    def top(text: str) -> str:
        language = lang_mod.detect(text).search_language
        terms = list(dict.fromkeys(analyse(text, language)))
        if not terms:
            return ""
        scores = indexes[language].get_scores(terms)
        best = int(scores.argmax())
        return engine.docs[best].fact_id if scores[best] > 0 else ""

    return top


def row_dict(row: Row) -> dict:
    q = row.question
    return {"group": q.group, "split": q.split, "language": q.language, "question": q.text,
            "answerable": q.answerable, "expected": sorted(q.expected), "authority_expected": q.authority,
            "cited": row.cited, "authority": row.authority, "confident": row.confident, "correct": row.correct,
            "baseline_top": row.baseline_top, "baseline_correct": row.baseline_correct, "top5": row.top5,
            "evidence": row.evidence, "sure": row.sure, "ms": round(row.ms, 1)}


def fit_decline(answer: Callable) -> dict:
    """Fit the learned last check (qa/decline.py) on the dev split only: every dev question answered with the check
    off, the answers given by the engine (with its evidence) kept as samples: a right answer, an answerable question
    answered with a wrong fact, or an unanswerable question answered. Returns the model with its cross-validation
    inside dev by question group."""
    from tijara.assistant.qa import decline

    with decline.disabled():
        rows = run(answer, splits=("dev",))["rows"]
    samples = [(r.question.group, "U" if not r.question.answerable else "R" if r.correct else "W", r.evidence)
               for r in rows if r.cited and "handle" in r.evidence]
    return decline.fit(samples, n_unanswerable=sum(not r.question.answerable for r in rows),
                       n_answerable=sum(r.question.answerable for r in rows))


def _phrases_named(text: str) -> set[tuple[str, tuple[str, ...]]]:
    """(group key, phrase) of every listed phrase (qa_named.toml) a text holds, as `named.named_in` reads them."""
    from tijara.assistant.qa import named
    from tijara.language.normalise import words as folded_words

    sets = [named._variants(t) for t in folded_words(text)]
    return {(g.key, p) for g in named.groups() for p in g.phrases
            if any(len(p) <= len(sets) - i and all(p[j] in sets[i + j] for j in range(len(p)))
                   for i in range(len(sets)))}


def grouped_cv(answer: Callable, *, topic_of_fact: Callable[[str], str], reset: Callable[[], None], folds: int = 6,
               seeds: int = 2, rows: bool = False) -> dict:
    """An estimate on dev of how the assistant does on questions written apart from the ones it was tuned on: dev
    split by whole topics (an answerable question by the topic of its expected fact, an unanswerable one by the
    authority expected), each part held out in turn. On a held-out part the word lists (qa_named.toml) lose every
    phrase only its questions hold (as if the lists had been written without them), and the learned last check
    (qa/decline.py) is fitted on the other parts. `reset` rebuilds the engine (it reads the lists when built).
    Figures per language; `answered` and `wrong_authority` count the unanswerable questions failed, per seed. With
    `rows`, every held-out question failed is listed too (seed, question, what was cited, whom it named)."""
    from tijara.assistant.qa import decline, named
    from tijara.assistant.qa.text import expand_darija

    questions = [q for q in load() if q.split == "dev"]

    def part(q: Question) -> str:
        return f"authority:{q.authority}" if not q.answerable else f"topic:{topic_of_fact(sorted(q.expected)[0])}"

    def rows_of(qs: list[Question]) -> list[tuple[Question, bool, bool, str, dict]]:
        out = []
        with decline.disabled():
            for q in qs:
                result = answer(q.text)
                cited = [c.fact_id for c in result.citations]
                correct, _answered = score(q, cited=cited, confident=result.confident, answer=result.answer,
                                           authority=result.authority)
                out.append((q, cited, correct, result.authority, dict(result.evidence or {})))
        return out

    phrases = {q: _phrases_named(q.text) | _phrases_named(expand_darija(q.text)[0]) for q in questions}
    full = {row[0]: row for row in rows_of(questions)}
    base = named.groups()
    counts = {lang: {"answerable": [0, 0], "unanswerable": [0, 0]} for lang in LANGUAGES}
    failed = {"answered": 0, "wrong_authority": 0}
    failures: list[dict] = []
    for seed in range(seeds):
        keys = sorted({part(q) for q in questions})
        random.Random(seed).shuffle(keys)
        fold_of = {k: i % folds for i, k in enumerate(keys)}
        for k in range(folds):
            held = [q for q in questions if fold_of[part(q)] == k]
            train = [full[q] for q in questions if fold_of[part(q)] != k]
            samples = [(q.group, "U" if not q.answerable else "R" if ok else "W", e)
                       for q, cited, ok, _a, e in train if cited and "handle" in e]
            kind = [s[1] for s in samples]
            n_u = sum(not r[0].answerable for r in train)
            model = decline.fit(samples, n_unanswerable=n_u, n_answerable=len(train) - n_u, rounds=0) \
                if "U" in kind and "R" in kind else None
            used = set().union(*(phrases[r[0]] for r in train))
            drop = set().union(*(phrases[q] for q in held)) - used
            named.use_groups(tuple(dataclasses.replace(g, phrases=tuple(p for p in g.phrases if (g.key, p) not in drop))
                                   for g in base))
            reset()
            try:
                held_rows = rows_of(held)
            finally:
                named.use_groups(None)
                reset()
            for q, cited, ok, authority, evidence in held_rows:
                p = decline.probability(evidence, model) if cited and "handle" in evidence and model else None
                declined = p is not None and p >= model["threshold"]
                if q.answerable:
                    right = ok and not declined
                else:
                    right = (not cited or declined) and authority == q.authority
                    if not right:
                        failed["answered" if cited and not declined else "wrong_authority"] += 1
                if rows and not right:
                    failures.append({"seed": seed, "group": q.group, "language": q.language, "question": q.text,
                                     "answerable": q.answerable, "expected": sorted(q.expected),
                                     "authority_expected": q.authority, "authority": authority,
                                     "cited": [] if declined else cited, "declined_by_check": declined})
                tally = counts[q.language]["answerable" if q.answerable else "unanswerable"]
                tally[0] += 1
                tally[1] += right

    def rate(key: str, langs=LANGUAGES) -> float | None:
        n = sum(counts[lang][key][0] for lang in langs)
        return round(sum(counts[lang][key][1] for lang in langs) / n, 3) if n else None

    return {"folds": folds, "seeds": seeds, "answerable": rate("answerable"),
            "unanswerable_declined_with_authority": rate("unanswerable"),
            "unanswerable_failures_per_seed": {k: round(v / seeds, 1) for k, v in failed.items()},
            "by_language": {lang: {"answerable": rate("answerable", (lang,)),
                                   "unanswerable": rate("unanswerable", (lang,))} for lang in LANGUAGES},
            **({"failures": failures} if rows else {})}

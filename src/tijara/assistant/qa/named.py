"""What a question names that its answer must name too (a sales channel, a carrier, a transport mode), and topic
words that tell whom to ask (`data/qa_named.toml`, project-written).

A fact close to a question in meaning does not answer it when the question asks about something the fact never
names: the fees of Amazon are not in a VAT-rates fact, a voyage by sea is not a port's dwell time."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tijara.language.normalise import words as folded_words
from tijara.language.stemming import strip_article

PATH = Path(__file__).resolve().parents[1] / "data" / "qa_named.toml"


@dataclass(frozen=True)
class Group:
    key: str
    topic: str
    must_cite: str  # always / figure / never
    phrases: tuple[tuple[str, ...], ...]  # each phrase as folded words


def _variants(token: str) -> set[str]:
    """A folded word and its forms without an Arabic article or one-letter proclitic."""
    out = {token}
    bare = strip_article(token)
    out.add(bare)
    if len(token) > 3 and token[0] in "فبلو":
        out.add(token[1:])
        out.add(strip_article(token[1:]))
    return out


@functools.cache
def groups(path: Path = PATH) -> tuple[Group, ...]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))["group"]
    return tuple(Group(key=g["key"], topic=g["topic"], must_cite=str(g.get("must_cite", "never")),
                       phrases=tuple(tuple(folded_words(w)) for w in g["words"] if folded_words(w)))
                 for g in raw)


def named_in(text: str) -> frozenset[str]:
    """Keys of the groups a text names."""
    tokens = folded_words(text.replace(".", " . "))
    sets = [_variants(t) for t in tokens]
    found = set()
    for group in groups():
        for phrase in group.phrases:
            n = len(phrase)
            if any(all(phrase[j] in sets[i + j] for j in range(n)) for i in range(len(tokens) - n + 1)):
                found.add(group.key)
                break
    return frozenset(found)


def must_cite(keys: frozenset[str], *, figure: bool) -> frozenset[str]:
    """The groups among `keys` that an answering fact must name too (`figure`: the question asks for a quantity)."""
    wanted = {"always", "figure"} if figure else {"always"}
    return frozenset(g.key for g in groups() if g.key in keys and g.must_cite in wanted)


def topic_of(keys: frozenset[str]) -> str | None:
    """The authority topic of the first group (in file order) among `keys`."""
    for group in groups():
        if group.key in keys:
            return group.topic
    return None

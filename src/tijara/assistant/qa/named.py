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
    texts_only: bool = False  # a fact names the group only in its own titles and texts, not in its question handles


def _variants(token: str) -> set[str]:
    """A folded word and its forms without an Arabic article or one-letter proclitic."""
    out = {token}
    bare = strip_article(token)
    out.add(bare)
    if len(token) > 3 and token[0] in "فبلو":
        out.add(token[1:])
        out.add(strip_article(token[1:]))
    return out


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A listed phrase as the folded words a question's words are matched with: an Arabic article off, as it is off
    one of the forms of every question word (`_variants`), so "الطرود" listed also finds "طرود" and "للطرود"."""
    return tuple(strip_article(w) for w in folded_words(phrase))


_override: list[tuple[Group, ...]] = []  # groups set by `use_groups` (the evaluation's hold-out check), none in use


def groups(path: Path = PATH) -> tuple[Group, ...]:
    return _override[-1] if _override and path == PATH else _load(path)


def use_groups(replacement: tuple[Group, ...] | None) -> None:
    """Read `replacement` instead of the file's groups (None: the file's again); an engine built afterwards names
    facts with them too. For the evaluation's check with part of the word lists left out (qa/evaluate.py)."""
    _override.clear()
    if replacement is not None:
        _override.append(replacement)
    for cached in (_by_first_word, side_marks, topics, phrase_stems):
        cached.cache_clear()


@functools.cache
def _load(path: Path) -> tuple[Group, ...]:
    raw = tomllib.loads(path.read_text(encoding="utf-8"))["group"]
    return tuple(Group(key=g["key"], topic=g["topic"], must_cite=str(g.get("must_cite", "never")),
                       phrases=tuple(phrase_words(w) for w in g["words"] if folded_words(w)),
                       texts_only=bool(g.get("texts_only", False)))
                 for g in raw)


def texts_only() -> frozenset[str]:
    """Keys of the groups a fact names only in its own titles and texts (a handle asking for today's rate is a
    question the fact answers by saying where to look, not by stating today's figure)."""
    return frozenset(g.key for g in groups() if g.texts_only)


@functools.cache
def _by_first_word() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """{first folded word of a phrase: ((group key, phrase), ...)}."""
    index: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for group in groups():
        for phrase in group.phrases:
            index.setdefault(phrase[0], []).append((group.key, phrase))
    return {word: tuple(entries) for word, entries in index.items()}


def named_in(text: str) -> frozenset[str]:
    """Keys of the groups a text names."""
    index = _by_first_word()
    sets = [_variants(t) for t in folded_words(text)]
    found = set()
    for i, forms in enumerate(sets):
        for form in forms:
            for key, phrase in index.get(form, ()):
                if key not in found and len(phrase) <= len(sets) - i and all(
                        phrase[j] in sets[i + j] for j in range(1, len(phrase))):
                    found.add(key)
    return frozenset(found)


def mentions(text: str, phrases: tuple[str, ...]) -> bool:
    """Does a text hold one of the phrases (folded words, an Arabic article or one-letter proclitic off)?"""
    sets = [_variants(t) for t in folded_words(text)]
    for phrase in (tuple(folded_words(p)) for p in phrases):
        if phrase and any(len(phrase) <= len(sets) - i and all(phrase[j] in sets[i + j] for j in range(len(phrase)))
                          for i in range(len(sets))):
            return True
    return False


@functools.cache
def side_marks() -> frozenset[str]:
    """Keys of the groups that neither tell whom to ask nor must be cited (no topic, must_cite "never"): they only
    mark which side a question is about (the exporter's), so a question naming them names nothing to look up."""
    return frozenset(g.key for g in groups() if not g.topic and g.must_cite == "never")


def must_cite(keys: frozenset[str], *, figure: bool) -> frozenset[str]:
    """The groups among `keys` that an answering fact must name too (`figure`: the question asks for a quantity)."""
    wanted = {"always", "figure"} if figure else {"always"}
    return frozenset(g.key for g in groups() if g.key in keys and g.must_cite in wanted)


def topic_of(keys: frozenset[str]) -> str | None:
    """The authority topic of the first group (in file order) among `keys`; a topic word (must_cite "never": an
    exchange rate, income tax) before a channel or carrier the question names only as its context."""
    for group in sorted(groups(), key=lambda g: g.must_cite != "never"):
        if group.key in keys and group.topic:
            return group.topic
    return None


def other_of_same_topic(question_keys: frozenset[str], fact_keys: frozenset[str]) -> bool:
    """Does a fact name, instead of a channel or carrier the question names, only another one of the same topic?
    (Etsy's fee is no answer about eBay; a fact about Amana none about DHL.) Topic words (must_cite "never") and
    transport modes, which a fact may name next to each other, do not count."""
    by_key = {g.key: g for g in groups()}
    for key in question_keys:
        group = by_key.get(key)
        if group is None or group.must_cite != "figure" or key in fact_keys:
            continue
        same = {k for k in fact_keys if k in by_key and by_key[k].topic == group.topic
                and by_key[k].must_cite == "figure"}
        if same and not same & question_keys:  # a fact naming another channel the question names too is no other
            return True
    return False


def about_unnamed(question_keys: frozenset[str], fact_keys: frozenset[str], fact_topic: str) -> bool:
    """Is a fact about a channel or carrier (it names one, and its topic is theirs: PayPal's fees) that the question
    names nothing of the kind for? Such a fact tells that channel's or carrier's terms, not a general rule."""
    own = {g.key for g in groups() if g.must_cite == "figure" and g.topic == fact_topic and g.key in fact_keys}
    return bool(own) and not any(g.key in question_keys for g in groups()
                                 if g.must_cite == "figure" and g.topic == fact_topic)


def topics_asked(keys: frozenset[str]) -> dict[str, str]:
    """{group key: topic} of the topic words (must_cite "never") among `keys`: a question naming income tax, CITES
    or a children's product asks about that topic."""
    return {g.key: g.topic for g in groups() if g.key in keys and g.must_cite == "never" and g.topic}


def topics_of(keys: frozenset[str]) -> frozenset[str]:
    """The authority topics of the groups among `keys`."""
    return frozenset(g.topic for g in groups() if g.key in keys and g.topic)


@functools.cache
def topics() -> frozenset[str]:
    """Every topic the groups tell (channels, postal, tax, food_contact, ...)."""
    return frozenset(g.topic for g in groups() if g.topic)


@functools.cache
def phrase_stems(language: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """((group key, the stems of a listed phrase in `language`, in order), ...): a question whose stems hold those of
    a phrase one after the other names its group (Engine.named_near). Only phrases every word of which keeps a stem
    of three letters or more: a phrase whose stop words are dropped ("is holding") would be read from a broader one
    ("hold")."""
    from tijara.assistant.qa.text import analyse

    out = []
    for group in groups():
        for phrase in group.phrases:
            stems = tuple(analyse(" ".join(phrase), language))
            if len(stems) == len(phrase) and all(len(s) > 2 for s in stems):
                out.append((group.key, stems))
    return tuple(dict.fromkeys(out))


# The uses of the language core's concepts (`tijara.language.vocabulary`, attribute values of use concepts and of the
# products that carry them) that are an authority topic: a product for children, for food, electric.
USE_TOPICS = {"use:children": "children", "use:food": "food_contact", "electric:electric": "electrical"}


def use_topics(text: str, language: str | None = None) -> tuple[str, ...]:
    """The authority topics of the uses a question's words name through the language core's concepts, in every
    language the core reads (a child's room, "للأطفال", "dyal drari", "pour la cuisine", an electric lamp), in the
    order they occur."""
    from tijara.language.vocabulary import vocabulary

    found = [USE_TOPICS[a] for m in vocabulary().find(text, language if language in ("en", "fr") else None)
             for a in m.concept.attributes if a in USE_TOPICS]
    return tuple(dict.fromkeys(found))

"""Markets and craft families named in a question (in ar, fr, en, Darija), used to weigh facts by scope.

Craft families come from the language core's one vocabulary (`tijara.language.vocabulary`); destination markets,
which are not craft words, from the knowledge pack's market words (`knowledge/data/market_words.toml`)."""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from tijara.assistant.qa.text import analyse, normalise_arabic, raw_tokens
from tijara.knowledge import scope
from tijara.language.normalise import is_arabic
from tijara.language.normalise import words as folded_words
from tijara.language.stemming import stem_arabic
from tijara.language.vocabulary import vocabulary

TRADE_SENSES = Path(__file__).resolve().parents[1] / "data" / "trade_senses.json"
_US = re.compile(r"\bU\.?S\.?A?\b")
# A French word after the reflexive pronoun s' is a verb ("la règle s'applique"), never a product ("une applique").
_REFLEXIVE_VERB = re.compile(r"\bs['’]\s*\w+", re.IGNORECASE)


def _key(token: str) -> str:
    return normalise_arabic(token.lower())


@functools.cache
def _lookup() -> dict[str, str]:
    return {_key(w): code for code, words in scope.market_words().items() for w in words}


@functools.cache
def _stem_lookup() -> dict[str, str]:
    """{light stem: market} of the Arabic market words, so a demonym or a plural names its market too (الأمريكيين،
    أمريكيون → أمريكي; الهولنديين → هولندي). Only stems that are the word without an ending (a name beginning with
    ال, ألبانيا, is not cut to باني), of four letters or more, and of one market."""
    found: dict[str, set[str]] = {}
    for word, code in _lookup().items():
        stem = stem_arabic(word) if " " not in word and is_arabic(word) else ""
        if stem and word.startswith(stem):
            found.setdefault(stem, set()).add(code)
    return {stem: codes.pop() for stem, codes in found.items() if len(stem) >= 4 and len(codes) == 1}


_PROCLITICS = ("ل", "ب", "و", "ف", "لل", "وال", "بال", "فال")


@functools.cache
def context_stems(language: str) -> frozenset[str]:
    """Search terms (in `language`) that only name a market or a family."""
    stems: set[str] = set()
    for words in list(scope.pack_market_words().values()) + list(vocabulary().family_words().values()):
        for word in words:
            stems.update(analyse(word, language))
    return frozenset(stems)


@functools.cache
def _trade_senses() -> frozenset[str]:
    """Folded words the craft vocabulary reads as a product that in a trade question mean something else (a bank, an
    office, money: data/trade_senses.json)."""
    listed = json.loads(TRADE_SENSES.read_text(encoding="utf-8"))["words"]
    return frozenset(" ".join(folded_words(w)) for w in listed)


def families_in(text: str, language: str | None = None) -> set[str]:
    """Craft families of the product concepts a question names, but not by a word of trade alone (the bank is no
    stool, the customs office no desk); with the question's language (fr, en), a word of that language names what it
    means in it (English "baskets" are baskets, French ones sneakers)."""
    senses = _trade_senses()
    return {f for m in vocabulary().find(text, language) if m.concept.kind == "product" and m.phrase not in senses
            for f in m.concept.families}


def scope_of(question: str, language: str | None = None) -> tuple[set[str], set[str]]:
    """(market groups, families) named in the question; a member state also names the EU."""
    markets_by_word = _lookup()
    # a French elision before a name (l'angleterre, d'espagne, l'amerique) is not part of it
    tokens = [t.replace("’", "'").rpartition("'")[2] or t for t in raw_tokens(question)]
    keys = [_key(t) for t in tokens]
    pairs = list(zip(keys, keys[1:], strict=False))
    bigrams = [f"{a} {b}" for a, b in pairs] + [f"{a}-{b}" for a, b in pairs]
    trigrams = [" ".join(t) for t in zip(keys, keys[1:], keys[2:], strict=False)]  # United Arab Emirates
    markets = {markets_by_word[k] for k in keys + bigrams + trigrams if k in markets_by_word}
    for k in keys + bigrams:  # an Arabic proclitic (لأمريكا, ففرنسا, بالمغرب, بالمملكة المتحدة) still names the market
        for prefix in _PROCLITICS:
            if k.startswith(prefix) and k[len(prefix):] in markets_by_word:
                markets.add(markets_by_word[k[len(prefix):]])
    by_stem = _stem_lookup()
    markets |= {by_stem[s] for s in (stem_arabic(k) for k in keys if is_arabic(k)) if s in by_stem}
    if _US.search(question) or "united states" in question.lower() or "الولايات المتحدة" in question:
        markets.add("USA")
    markets |= scope.markets_in_addresses(question)
    if markets & scope.EU_MEMBERS:
        markets.add("EU")
    return markets, families_in(_REFLEXIVE_VERB.sub(" ", question), language)


_WORD = re.compile(r"[^\W\d_]+")
_IN = ("في", "ف")  # "in" written on to an Arabic or Darija name (فمدريد)


def cities_in(question: str) -> set[str]:
    """Markets of the cities a question names (scope.city_markets), for a question that names no country: a name in
    Latin letters only when written with a capital (Paris, not "des paris"), an Arabic one also after a proclitic
    (فمدريد، بباريس، للندن). The engine weighs facts by them and asks their market's authority, as for a country."""
    cities = scope.city_markets()
    capitalised = {w.lower() for w in _WORD.findall(question) if w[0].isupper()}
    keys = [_key(t.replace("’", "'").rpartition("'")[2] or t) for t in raw_tokens(question)]
    found = set()
    for n in (1, 2, 3):
        for phrase in (" ".join(words) for words in zip(*(keys[i:] for i in range(n)), strict=False)):
            if not is_arabic(phrase):
                if phrase in cities and phrase.split(" ")[0].split("-")[0] in capitalised:
                    found.add(cities[phrase])
                continue
            found |= {cities[phrase[len(p):]] for p in ("", *_PROCLITICS, *_IN) if phrase[len(p):] in cities}
    return found | {scope.market_group(m) for m in found}  # a member state's city also names the EU


def compatible_markets(doc_markets, question_markets: set[str]) -> bool | None:
    """True when a fact is about a market the question names, False when it is about another destination only,
    None when neutral (the question names no market, or the fact is about the Moroccan side, which always applies)."""
    if not question_markets:
        return None
    doc = set(doc_markets)
    if "*" in doc:
        return None  # a fact for every market
    if doc & question_markets:
        return True
    return None if doc <= {"MAR"} else False


def compatible_families(doc_families, question_families: set[str]) -> bool | None:
    if not question_families:
        return None
    doc = set(doc_families)
    if not doc:
        return True  # a rule for every product
    return bool(doc & question_families)

"""The one craft vocabulary (``data/vocabulary.json``): concepts with their words in every language.

A concept is a product type, material, technique, use or attribute, with its words in ar, Darija (Arabic and
Latin letters), fr, en and es, the craft families and HS headings it points to, the attribute values it
states (``group:key``) and its source. Every app that reads human text looks words up here instead of
keeping a list of its own:

    voc = vocabulary()
    voc.find("tapis berbère en laine")      # [Match(concept=berber_rug …), Match(concept=wool …)]
    voc.families_in("زربية وطاجين")          # {"rugs", "pottery"}
    voc.synonyms("tapis")                   # every word of every concept "tapis" names, in every language
    voc.family_words()                      # {"rugs": [...], ...} for scope matching
    voc.attribute_words("material", "wool") # trigger words of an attribute value
    voc.families_for_hs("570110")           # ("rugs", True)
    voc.families_for_word("home-decor")     # fairs' category words → families
    [c for c in voc.concepts if c.hs_prior] # the HS classifier's craft priors (subheadings, wording, verify)

Matching folds the text (:func:`normalise.fold`), drops Arabic articles and proclitics, and accepts Latin
plurals (s/x/es) and French feminines (e), so "الزرابي", "بالزربية", "Tapis" and "rugs" all find their concept. Pure Python; built
once per process.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from importlib import resources

from .normalise import fold, is_arabic, words
from .stemming import pattern_singulars, singular_forms

LANGUAGES = ("ar", "ary", "ary_latn", "fr", "en", "es")
KINDS = ("product", "material", "technique", "use", "attribute")
# article and proclitics; "دال" is Darija's short "ديال" (of) glued to the article ("زربية دالصوف")
_AR_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "دال", "لل", "ال", "و", "ب", "ل", "ف")
_AR_ENDINGS = ("هم", "ها", "نا", "ات", "ي")  # possessives and the feminine plural
_LATIN_SUFFIXES = ("es", "s", "x", "e")  # plurals; French feminine (ajourée → ajouré)
ENGLISH_WORDS = 3  # English words of a concept a translation gives (its first words are its usual names)


@dataclass(frozen=True, eq=False)
class Concept:
    id: str
    kind: str
    families: tuple[str, ...]
    hs4: tuple[str, ...]
    attributes: tuple[str, ...]  # "group:key"
    words: dict[str, tuple[str, ...]]
    source: str
    # the HS classifier's prior: {"hs6": [...], "expand": str, "verify": bool, "implies": {group: key}, "source"}
    hs_prior: dict | None = None

    def all_words(self) -> tuple[str, ...]:
        """Every word of the concept, in every language, without repeats."""
        return tuple(dict.fromkeys(w for lang in LANGUAGES for w in self.words.get(lang, ())))


@dataclass(frozen=True)
class Match:
    concept: Concept
    phrase: str  # the vocabulary words found (folded)
    start: int  # token span in the text
    end: int


def keys(token: str) -> frozenset[str]:
    """The forms under which a folded token can match a vocabulary word (article, proclitic, plural off; an
    Arabic broken or sound feminine plural also as its singular)."""
    out = {token}
    if is_arabic(token):
        for prefix in _AR_PREFIXES:
            if token.startswith(prefix) and len(token) - len(prefix) >= 2:
                out.add(token[len(prefix):])
        # a possessive or the feminine plural off, then a plural to its singular (فوانيسي → فوانيس → فانوس,
        # زرابيهم → زرابي → زربيه, الصاكات → صاك, طاولات → طاوله): users name their own products
        for form in list(out):
            out.update(form[: -len(s)] for s in _AR_ENDINGS if form.endswith(s) and len(form) - len(s) >= 3)
        for form in list(out):
            out |= singular_forms(form)
    elif not token.isdigit():
        for suffix in _LATIN_SUFFIXES:
            if token.endswith(suffix) and len(token) - len(suffix) >= 3:
                out.add(token[: -len(suffix)])
    return frozenset(out)


def _nisba_nouns(form: str) -> set[str]:
    """The noun a nisba adjective is made from, masculine or feminine (جلدية، جلدي → جلد), and the masculine
    nisba a word list may hold itself (صوفية → صوفي, فضية → فضي): a material named as an adjective ("حقيبة
    جلدية", "علبة خشبية")."""
    for ending in ("يه", "ي"):
        rest = form[: -len(ending)]
        if form.endswith(ending) and len(rest) >= 2:
            return {rest, rest + "ي"} if len(rest) >= 3 else {rest + "ي"}
    return set()


_AR_MORE_PREFIXES = ("فبال", "وكال", "فكال", "ولل", "فلل", "وب", "ول", "فب", "فل")
# possessive pronouns, the second person and "his" too (ملاعقك، صحونكم، سكاكينه): only tried on an unknown word
_AR_PRONOUNS = ("هما", "هم", "هن", "كما", "كم", "كن", "نا", "ها", "ي", "ك", "ه")
_AR_NUMBER_ENDINGS = ("ان", "ين", "ون")  # dual and sound masculine plural


def more_keys(token: str) -> frozenset[str]:
    """Further forms of a folded Arabic token, for a word :func:`keys` does not find: two proclitics (فللسجادة),
    a pronoun or a dual after the taa marbuta (حقيبتي، حقيبتك، طاولتين، سلتين → حقيبه، طاوله، سله), a dual or
    sound plural ending (مصباحين → مصباح), the singulars of a broken plural's pattern (ملاعق → ملعقه,
    :func:`pattern_singulars`), the noun of a nisba adjective (خشبية → خشب, :func:`_nisba_nouns`). Only tried
    when none of the token's :func:`keys` is a vocabulary word, so a word that ends like a dual (زيتون، كرتون)
    keeps its own sense."""
    if not is_arabic(token):
        return frozenset()
    forms = {token} | {token[len(p):] for p in _AR_MORE_PREFIXES + _AR_PREFIXES
                       if token.startswith(p) and len(token) - len(p) >= 3}
    out = set(forms)
    for form in forms:
        for suffix in _AR_PRONOUNS + _AR_NUMBER_ENDINGS:
            rest = form[: -len(suffix)]
            if form.endswith(suffix) and len(rest) >= 3:
                out.add(rest[:-1] + "ه" if rest.endswith("ت") and not rest.endswith("ات") and len(rest) >= 3 else rest)
    for form in list(out):
        out |= singular_forms(form) | pattern_singulars(form)
    for form in forms:
        out |= _nisba_nouns(form)
    return frozenset(out)


class Vocabulary:
    """The concepts, indexed by the first word of each of their phrases."""

    def __init__(self, data: dict):
        self.about = data.get("about", "")
        self.vintage = data.get("vintage", "")
        self.attribute_groups: dict[str, tuple[str, ...]] = {g: tuple(k) for g, k in data["attribute_groups"].items()}
        self.hs_families = {k: v for k, v in data["hs_families"].items() if not k.startswith("_")}
        self.chapter_families = {k: v for k, v in data["chapter_families"].items() if not k.startswith("_")}
        self._family_words = {k: tuple(v) for k, v in data["family_words"].items() if not k.startswith("_")}
        self.concepts: tuple[Concept, ...] = tuple(
            Concept(c["id"], c["kind"], tuple(c["families"]), tuple(c["hs4"]), tuple(c["attributes"]),
                    {lang: tuple(c["words"].get(lang, ())) for lang in LANGUAGES}, c["source"], c.get("hs_prior"))
            for c in data["concepts"])
        self.by_id = {c.id: c for c in self.concepts}
        # first token of a phrase → [(phrase tokens, concept)]
        self._phrases: dict[str, list[tuple[tuple[str, ...], Concept]]] = {}
        for concept in self.concepts:
            for word in concept.all_words():
                toks = tuple(words(word))
                if toks:
                    entry = (toks, concept)
                    bucket = self._phrases.setdefault(toks[0], [])
                    if entry not in bucket:
                        bucket.append(entry)

    def __len__(self) -> int:
        return len(self.concepts)

    def find(self, text: str, lang: str | None = None) -> list[Match]:
        """Concepts named in a text, in text order; inside a longer phrase, only concepts of another kind stay
        ("boîte en thuya" is a thuya box and states the material thuya; "berber rug" is not also a "rug").
        With the text's language (``fr``/``en``), words that are a word of that language name what they mean
        in it: a concept reached only through another language's word drops where a concept has those words
        in the text's language (French "baskets" are sneakers, not the English baskets)."""
        tokens = words(text)
        token_keys = [keys(t) for t in tokens]
        token_keys = [tk if any(k in self._phrases for k in tk) else tk | more_keys(t)
                      for t, tk in zip(tokens, token_keys, strict=True)]
        found: list[Match] = []
        for i, tk in enumerate(token_keys):
            for key in tk:
                for phrase, concept in self._phrases.get(key, ()):
                    n = len(phrase)
                    if i + n <= len(tokens) and all(phrase[k] in token_keys[i + k] for k in range(1, n)):
                        found.append(Match(concept, " ".join(phrase), i, i + n))
        if lang in ("fr", "en"):
            native = {(m.start, m.end) for m in found if m.phrase in self._native(m.concept, lang)}
            found = [m for m in found if (m.start, m.end) not in native or m.phrase in self._native(m.concept, lang)]
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Match] = []
        for m in found:
            inside = any(k.start <= m.start and m.end <= k.end and (k.end - k.start) > (m.end - m.start)
                         and k.concept.kind == m.concept.kind for k in kept)
            if not inside and not any(k.concept is m.concept and k.start == m.start for k in kept):
                kept.append(m)
        return kept

    def knows(self, token: str) -> bool:
        """Whether a folded token (in any of its forms, :func:`keys` and :func:`more_keys`) starts a vocabulary
        phrase."""
        return any(k in self._phrases for k in keys(token) | more_keys(token))

    def _native(self, concept: Concept, lang: str) -> frozenset[str]:
        """The concept's phrases in one language, as :meth:`find` reports them (folded tokens)."""
        return frozenset(" ".join(words(w)) for w in concept.words.get(lang, ()))

    def concepts_in(self, text: str, lang: str | None = None) -> list[Concept]:
        """The distinct concepts a text names, in text order."""
        return list(dict.fromkeys(m.concept for m in self.find(text, lang)))

    def english(self, text: str, lang: str | None = None) -> str:
        """The English words of the concepts a text names, to search English texts (the nomenclature, labelled
        examples) with a description written in another language: "أقلام حبر" → "pen pens ink"; "" when no
        concept is named."""
        out: dict[str, None] = {}
        for concept in self.concepts_in(text, lang):
            for w in concept.words["en"][:ENGLISH_WORDS]:
                out.setdefault(w)
        return " ".join(out)

    def families_in(self, text: str) -> set[str]:
        """Craft families of the product concepts a text names (materials alone do not name a family)."""
        return {f for c in self.concepts_in(text) if c.kind == "product" for f in c.families}

    def synonyms(self, word: str) -> list[str]:
        """Every word of every concept a single word belongs to (for query expansion), the word's own first."""
        folded = fold(word)
        out: dict[str, None] = {}
        for key in keys(folded):
            for phrase, concept in self._phrases.get(key, ()):
                if len(phrase) == 1:
                    for w in concept.all_words():
                        out.setdefault(w)
        return list(out)

    def family_words(self, kinds: tuple[str, ...] = ("product",)) -> dict[str, list[str]]:
        """Words naming each craft family: the words of its concepts of the given kinds."""
        out: dict[str, dict[str, None]] = {}
        for concept in self.concepts:
            if concept.kind in kinds:
                for family in concept.families:
                    bucket = out.setdefault(family, {})
                    for w in concept.all_words():
                        bucket.setdefault(w)
        return {f: list(ws) for f, ws in out.items()}

    def attribute_words(self, group: str, key: str) -> list[str]:
        """Words that state an attribute value (e.g. material:wool), from every concept carrying it. A product's
        name states only its construction (a Beni Ourain rug is knotted, a hanbel flat-woven, a sweater knitted): its
        other attributes are what such products usually are, not what this one is said to be."""
        value = f"{group}:{key}"
        out: dict[str, None] = {}
        for concept in self.concepts:
            if value in concept.attributes and (concept.kind != "product" or group == "construction"):
                for w in concept.all_words():
                    out.setdefault(w)
        return list(out)

    def family_word_map(self) -> dict[str, tuple[str, ...]]:
        """Every craft-category word ("rugs", "tiles", "home-decor") with the families it names."""
        return dict(self._family_words)

    def families_for_word(self, word: str) -> tuple[str, ...]:
        """Families a craft-category word names ("home-decor", "tiles", "jewellery"); () when unknown."""
        return self._family_words.get(word.strip().lower(), ())

    def families_for_hs(self, digits: str) -> tuple[str | None, bool]:
        """(family, exact) for an HS code given as digits; exact is False when only the chapter matched."""
        for length in range(min(len(digits), 6), 1, -1):
            family = self.hs_families.get(digits[:length])
            if family:
                return family, True
        return self.chapter_families.get(digits[:2]), False


_lock = threading.Lock()
_vocabulary: Vocabulary | None = None


def vocabulary() -> Vocabulary:
    """The shipped vocabulary, loaded once per process."""
    global _vocabulary
    if _vocabulary is None:
        with _lock:
            if _vocabulary is None:
                raw = resources.files("tijara.language").joinpath("data/vocabulary.json").read_text("utf-8")
                _vocabulary = Vocabulary(json.loads(raw))
    return _vocabulary

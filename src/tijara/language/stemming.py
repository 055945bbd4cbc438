"""Snowball stemming per language, safe under threads, and the Arabic light stemmer. Pure Python.

Arabic is not stemmed by Snowball: its Arabic stemmer strips some proclitics and not others (وثيقة → ثيق but
فاتورة → فاتور), leaves ``ات`` half removed (عملات → عملا, عملة → عمل) and cuts pronouns inconsistently, so forms of one
word got different stems. :func:`stem_arabic` is a light stemmer in the manner of Larkey's Light10: article and
proclitics off (و ف + ب ك ل + ال, لل), then one possessive pronoun, then one plural or feminine ending, with broken
plurals mapped to their singular from ``data/arabic.json``. Every form of a word goes through the same steps in the
same order, so وثيقة, الوثيقة, والوثائق and وثيقتي give one stem.

``snowballstemmer`` stemmers keep the word being stemmed in the object: one stemmer shared by two threads
mixes their words (16 parallel searches gave HTTP 500s and wrong stems that a cache then kept). Here every
thread gets its own stemmer objects (``threading.local``), so a stem depends only on the word and the language
and the caches in front of it can never store a wrong one.
"""

from __future__ import annotations

import json
import threading
from functools import cache, lru_cache
from importlib import resources

import snowballstemmer

SNOWBALL = {
    "ar": "arabic", "en": "english", "fr": "french", "es": "spanish", "de": "german", "it": "italian",
    "pt": "portuguese", "nl": "dutch",
}
# Raised whenever a stem may change for some word (the buyers' search index stores stems and rebuilds on change).
ANALYSER_VERSION = "3"  # 2: Arabic light stemmer (clitics, pronouns, plurals) instead of Snowball's Arabic; 3: more broken plurals (product words, Darija, trade), ݣ and ڥ folded
ARTICLE_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
# Proclitics with the article, longest first: conjunction (و ف) + preposition (ب ك ل) + article (ال; ل + ال = لل).
_ARTICLE_CLITICS = ("وبال", "فبال", "وكال", "فكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال")
# Proclitics without the article and the letters that must remain: ب and ك are often the first letter of a word
# (بطاقة، كتاب), so they come off only a longer word; ل (لزبون، لسلامة) when 4 letters remain (لباس، لون stay).
_CLITICS = (("وب", 5), ("ول", 5), ("وك", 5), ("فب", 5), ("فل", 5), ("فك", 5), ("و", 4), ("ف", 4), ("ب", 5), ("ك", 5),
            ("ل", 4))
# Possessive pronouns (ه is left to _ENDINGS; ك and كم are left on: too many words end with them, جمرك، حكم).
_PRONOUNS = ("هما", "هم", "هن", "نا", "ها", "ي")
# Plural, dual, nisba and feminine endings (ة is folded to ه), and the alef of the accusative tanween (حنبلاً → حنبل,
# يوماً → يوم: the tanween mark itself is removed by normalisation).
_ENDINGS = ("ات", "ون", "ين", "ان", "يه", "ه", "ي", "ا")
_local = threading.local()


def stemmer(language: str):
    """This thread's Snowball stemmer for a language (English when the language has none)."""
    cache = getattr(_local, "stemmers", None)
    if cache is None:
        cache = _local.stemmers = {}
    name = SNOWBALL.get(language, "english")
    found = cache.get(name)
    if found is None:
        found = cache[name] = snowballstemmer.stemmer(name)
    return found


@lru_cache(maxsize=400_000)
def snowball(word: str, language: str) -> str:
    """The Snowball stem of one word in a language (cached; every thread stems with its own stemmer)."""
    return stemmer(language).stemWord(word)


def strip_article(word: str, min_rest: int = 3) -> str:
    """An Arabic word without its article and proclitic (ال، وال، بال، كال، فال، لل) when min_rest letters remain."""
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= min_rest:
            return word[len(prefix):]
    return word


@cache
def _plurals() -> dict[str, str]:
    from .normalise import normalise_arabic

    data = json.loads(resources.files("tijara.language").joinpath("data/arabic.json").read_text("utf-8"))
    return {normalise_arabic(k): normalise_arabic(v) for k, v in data["broken_plurals"].items()}


def _article_off(word: str) -> str:
    """The article with its proclitics (وال، بال، لل، وبال…) off, when 2 letters remain."""
    for prefix in _ARTICLE_CLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            return word[len(prefix):]
    return word


def _clitic_off(word: str) -> str:
    """A proclitic without the article (و ف ب ك ل, وب، فل…) off, when enough letters remain."""
    for prefix, remain in _CLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= remain:
            return word[len(prefix):]
    return word


def _pronoun_off(word: str) -> str:
    """One possessive pronoun off, the taa marbuta restored before it (شهادتي → شهاده)."""
    for suffix in _PRONOUNS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            rest = word[: -len(suffix)]
            if rest.endswith("ت") and not rest.endswith("ات") and len(rest) >= 4:
                rest = rest[:-1] + "ه"
            return rest
    return word


def _ending_off(word: str) -> str:
    """One plural, dual, nisba or feminine ending off (ون ين ان only when 4 letters remain: قانون، تعاون)."""
    for suffix in _ENDINGS:
        need = 4 if suffix in ("ون", "ين", "ان") else 2 if suffix in ("ه", "ي") else 3
        if word.endswith(suffix) and len(word) - len(suffix) >= need:
            return word[: -len(suffix)]
    return word


def ending_cuts(word: str) -> frozenset[str]:
    """The normalised Arabic word without each plural, dual, nisba, feminine or possessive ending it has (جلديه →
    جلد، جلدي; صوفها → صوف), at least 3 letters left; a last letter that is no ending stays (اليد is no اليّ)."""
    return frozenset(word[: -len(e)] for e in _ENDINGS + _PRONOUNS if word.endswith(e) and len(word) - len(e) >= 3)


def singular_forms(word: str) -> frozenset[str]:
    """Singulars a normalised Arabic word may stand for, for matching it against word lists that hold the
    singular: a broken plural's singular (حقائب → حقيبه) and, for a sound feminine plural, the word with ات
    turned back into the taa marbuta (طاولات → طاوله, بلوزات → بلوزه); empty when the word is no plural."""
    out = set()
    plural = _plurals().get(word)
    if plural:
        out.add(plural)
    if word.endswith("ات") and len(word) >= 5:
        out.add(word[:-2] + "ه")
    return frozenset(out)


# Broken plural patterns (general morphology: the pattern of the plural → the patterns of its singular), on folded
# words (ة → ه, ئ → ي): أفعال → فعل (أثواب → ثوب); أفعلة → فعال (أجهزة → جهاز, أغطية → غطاء); أفعُل → فعل (أطقم → طقم);
# فواعل → فاعل/فاعلة/فوعل (خواتم, نوافذ, جوارب); فعائل → فعالة/فعيلة (قلائد, حقائب); فعالل/مفاعل → فعللة/مفعل
# (ملاعق, مخازن); فعالي → فعلية/فعلي (زرابي, كراسي); فعاليل/مفاعيل → فعلال/فعلول/فاعول(ة) (صناديق, فوانيس, قوارير);
# فعول → فعل (قلوب, صحون). A pattern fits many words that are no plurals: its forms are only ever looked up in a word
# list, never taken as a stem, and فعال, as often a singular as a plural (فراش, قماش), is left out.
_PLURAL_PATTERNS = (
    (r"^ا(.)(.)ا(.)$", (r"\1\2\3",)),
    (r"^ا(.)(.)(.)ه$", (r"\1\2ا\3", r"\1\2\3")),
    (r"^ا(.)(.)ي?ه$", (r"\1\2ا",)),
    (r"^ا(.)(.)(.)$", (r"\1\2\3",)),
    (r"^(.)وا(.)(.)$", (r"\1ا\2\3", r"\1ا\2\3ه", r"\1و\2\3")),
    (r"^(.)(.)اي(.)$", (r"\1\2ا\3ه", r"\1\2ي\3ه", r"\1\2ي\3", r"\1\2ا\3")),
    (r"^(.)(.)ا(.)([^ه])$", (r"\1\2\3\4ه", r"\1\2\3\4")),
    (r"^(.)(.)ا(.)ي$", (r"\1\2\3يه", r"\1\2\3ي")),
    (r"^(.)(.)ا(.)ي(.)$", (r"\1\2\3ا\4", r"\1\2\3و\4", r"\1\2\3ي\4")),
    (r"^(.)وا(.)ي(.)$", (r"\1ا\2و\3", r"\1ا\2و\3ه")),
    (r"^(.)(.)و(.)$", (r"\1\2\3",)),
)


@cache
def _plural_patterns() -> tuple:
    import re

    return tuple((re.compile(p), forms) for p, forms in _PLURAL_PATTERNS)


def pattern_singulars(word: str) -> frozenset[str]:
    """The singulars a folded Arabic word would have if it were a broken plural (:data:`_PLURAL_PATTERNS`), for a
    word no word list knows: قوارير → قارورة, ملاعق → ملعقة, أوشحة → وشاح."""
    return frozenset(m.expand(f) for p, forms in _plural_patterns() if (m := p.match(word)) for f in forms) - {word}


def _singular(word: str) -> str:
    plural = _plurals().get(word)
    return plural if plural else word


def singular(word: str) -> str:
    """The singular of a normalised Arabic broken plural (فوانيس → فانوس), other words unchanged."""
    return _singular(word)


@lru_cache(maxsize=200_000)
def stem_arabic(word: str) -> str:
    """Light stem of a normalised Arabic word: article off, one pronoun off, a broken plural to its singular, a
    bare proclitic off, then an ending (a second one after a plural: تعاونيات → تعاوني → تعاون). Forms of one word
    give one stem: وثيقة، الوثيقة، والوثائق، وثيقتي → ثيق."""
    plurals = _plurals()
    bare = _article_off(word)
    if bare not in plurals:
        bare = _pronoun_off(bare)
    bare = _singular(_clitic_off(_singular(bare)))
    once = _ending_off(bare)
    if once != bare and bare[len(once):] in ("ات", "ين", "ون") and len(once) >= 4:
        return _ending_off(once)
    return once

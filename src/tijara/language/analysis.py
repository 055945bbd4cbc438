"""Tokens, stop words and stems: the analysis every index and every query goes through. Pure Python.

``terms(text, language, stop=...)`` is what the HS classifier, the market finder's HS search and the buyers'
search index store and look up; ``question_terms`` is the assistant's variant (numbers such as 3.5 kept whole,
French elisions and English possessives dropped). Both fold with :func:`normalise.fold` and stem with
:func:`stem`, so one word gives one stem everywhere, whichever thread asks.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from .normalise import ascii_digits, fold, is_arabic, strip_arabic_marks, words
from .stemming import SNOWBALL, snowball, stem_arabic, strip_article

_QUESTION_TOKEN = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*", re.UNICODE)
_GLUED = re.compile(r"^(وال|بال|فال|ال|لل|و|ف|ب|ل|ك)([a-z0-9][a-z0-9.]*)$")
_ELISIONS = {"l", "d", "j", "n", "s", "c", "qu", "m", "t", "jusqu", "lorsqu", "puisqu"}


def stem(word: str, language: str) -> str:
    """The stem of one folded word: digits kept; Arabic script → Arabic light stem whatever ``language`` says;
    other words → the Snowball stemmer of ``language`` (English when it has none)."""
    if word.isdigit():
        return word
    if is_arabic(word):
        glued = _GLUED.match(word)  # an Arabic proclitic glued to a Latin word or a figure: وEXW, و40, فEtsy
        if glued:
            return stem(glued.group(2), language)
        return stem_arabic(word)
    return snowball(word, language if language in SNOWBALL and language != "ar" else "en") or word


@cache
def _stop_data() -> dict:
    return json.loads(resources.files("tijara.language").joinpath("data/stopwords.json").read_text("utf-8"))


@cache
def stopwords(profile: str, language: str | None = None) -> frozenset[str]:
    """Folded stop words of a profile (product, filler, question, search, nomenclature, product_hint), of one
    language or of all its languages."""
    data = _stop_data()[profile]
    if isinstance(data, dict):
        data = data[language] if language else [w for ws in data.values() for w in ws]
    return frozenset(fold(w) for w in data)


def terms(text: str, language: str, *, stop: frozenset[str] = frozenset(), min_len: int = 2) -> list[str]:
    """Stems of a text's words in ``language``, stop words and words shorter than ``min_len`` left out."""
    return [stem(w, language) for w in words(text) if w not in stop and len(w) >= min_len]


def question_tokens(text: str) -> list[str]:
    """Lower-cased tokens of a question, numbers such as 3.5 or 1,000 and apostrophe words kept whole."""
    return [t.lower() for t in _QUESTION_TOKEN.findall(strip_arabic_marks(ascii_digits(text)))]


# Arabic verb morphology for the fallback of `question_terms` (general grammar, not words): a question says what the
# asker does (أصدّر، نرسل، يدفع، كنصيفطو، صنعت) where facts name the act (تصدير، إرسال، الدفع، صنع). Proclitics the
# light stemmer leaves on short words (وكم، بثمن); the future سـ, the Darija present ك/كا/كي and future غا; the
# imperfect prefixes أ ي ت ن; subject and object endings; then the root of three letters and its verbal nouns of
# forms II (تفعيل: صدر → تصدير) and IV (إفعال: رسل → إرسال).
_AR_PROCLITICS = ("وب", "وك", "ول", "فب", "فل", "و", "ف", "ب", "ك", "ل")
_AR_TENSE = ("سا", "سي", "ست", "سن", "كا", "كي", "كن", "كت", "غا", "غن", "غي", "غت")
_AR_PERSON = ("ا", "ي", "ت", "ن")
_AR_VERB_ENDINGS = ("ونها", "ونهم", "وها", "وهم", "وني", "ونا", "تها", "تهم", "ون", "وا", "ها", "هم", "ني", "نا", "و", "ه",
                    "ت")


def _arabic_variants(word: str) -> list[str]:
    """Other readings of a folded Arabic word, simplest first: without a proclitic, then as a verb (its stem without
    tense and person prefixes and endings, and the verbal nouns of a three-letter root)."""
    bare = [word[len(p):] for p in _AR_PROCLITICS if word.startswith(p) and len(word) - len(p) >= 3][:1]
    out = list(bare)
    for w in [word, *bare]:
        forms = [w] + [w[len(t) - 1:] for t in _AR_TENSE if w.startswith(t) and len(w) - len(t) >= 3]
        stems = [f[1:] for f in forms if f[0] in _AR_PERSON and len(f) >= 4]
        stems += [f[: -len(e)] for f in [w, *stems] for e in _AR_VERB_ENDINGS if f.endswith(e) and len(f) - len(e) >= 3]
        stems += [s[1:] for s in stems if s[0] in _AR_PERSON and len(s) >= 4]
        roots = [s for s in stems if len(s) == 3]
        out += stems + [f"ت{r[:2]}ي{r[2]}" for r in roots] + [f"ا{r[:2]}ا{r[2]}" for r in roots]
    return list(dict.fromkeys(v for v in out if v != word))


# Prepositions with a pronoun glued on (general grammar, MSA and Darija): مني، عليها، فيهم، بيها، ليهم، معاه، عندو.
# They say to whom or from whom, never what a question is about, as the stop words they extend.
_AR_PREPOSITIONS = ("من", "عن", "على", "علي", "في", "ب", "بي", "ل", "لي", "مع", "معا", "عند")
_AR_PRONOUNS = ("ي", "يا", "ك", "ه", "و", "ها", "هم", "هوم", "هما", "نا", "كم")
_AR_OWN_WORDS = frozenset({"بني", "بيو", "بنا", "معني"})  # brown, organic (bio), building, concerned


@cache
def _preposition_pronouns() -> frozenset[str]:
    return frozenset(fold(p + s) for p in _AR_PREPOSITIONS for s in _AR_PRONOUNS if len(p + s) >= 3) - _AR_OWN_WORDS


def question_terms(text: str, language: str, known: frozenset[str] | set[str] | dict | None = None) -> list[str]:
    """Search terms of a question in a language: folded, elisions dropped, stop words out, stemmed. With ``known``
    (the stems an index holds), an Arabic word whose stem the index lacks takes the first of its other readings
    (:func:`_arabic_variants`) whose stem it holds, so a verb finds the verbal noun facts are written with."""
    stop = stopwords("question", language)
    stop_ar = stopwords("question", "ar")
    stop_ary = stopwords("question", "ary")  # Darija function words in Latin letters (Arabizi)
    out = []
    for token in question_tokens(text):
        if "'" in token or "’" in token:
            head, _sep, tail = token.replace("’", "'").partition("'")
            # French elision (l'origine → origine); English possessive (children's → children)
            token = tail if language == "fr" and head in _ELISIONS else head if language == "en" else tail or head
        if token.replace(".", "").replace(",", "").isdigit():
            out.append(token.replace(",", ""))
            continue
        token = fold(token)
        if token in stop or token in stop_ar or token in stop_ary or (len(token) < 2 and not token.isdigit()):
            continue
        if is_arabic(token) and (strip_article(token) in stop_ar or token in _preposition_pronouns()
                                 or (token[0] in "وف" and len(token) >= 3 and token[1:] in stop_ar)):
            continue  # a stop word, a preposition with a pronoun (عليها), a stop word after و or ف (وأنا، فما)
        term = stem(token, language)
        if known is not None and term not in known and is_arabic(token):
            term = next((s for s in map(stem_arabic, _arabic_variants(token)) if s in known), term)
        elif known is not None and term not in known and token[0] == "l" and len(token) >= 5 and token.isascii():
            # Darija glues its article to a French word (lclient, lfacture): the word the index holds
            term = next((s for s in (stem(token[1:], language),) if s in known), term)
        out.append(term)
    return out

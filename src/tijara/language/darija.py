"""Moroccan Darija, in Arabic letters and in Latin letters (Arabizi: 3 = ع, 7 = ح, 9 = ق, 2 = ء, 8 = ه).

Two uses: tell that a text is Darija (:func:`markers`, :func:`is_arabizi_token`), and turn a Darija question
into search words the facts are written with (:func:`expand`): Darija words in Arabic letters become Modern
Standard Arabic, Darija in Latin letters becomes French. Words Darija shares with MSA or with French and English
(``ambiguous_arabic``, ``ambiguous_latin``) are expanded in a Darija question but never reveal one; a Standard Arabic
question reads the shared Arabic ones with their equivalent too (أمريكا, الولايات المتحدة). Function and
trade words come from ``data/darija.json``; craft words come from the one craft vocabulary (``vocabulary.json``).

The ``arabizi`` package (PyPI) was tried for Latin-letter Darija and left out: it transliterates letter by
letter, so craft words come out as spellings no index holds (zarbia → زاربيا, tajine → تاجيني,
belgha → بيلغا), while the vocabulary maps them to the words the facts and listings use.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources

from .analysis import question_tokens
from .normalise import normalise_arabic
from .stemming import strip_article

_CODE_TOKEN = re.compile(r"^[a-z]+\d{2,}$")  # a product code (sku27), not Darija
# a quantity or a pack size (12gm, 42oz, 2xpillows, 3pk: no vowel), not Darija
_QUANTITY_TOKEN = re.compile(r"^\d{2,}[a-z]|^\d+x|^[^aeiou]+$")
# two letters at least, a 2/3/7/9 next to a letter, not a size (200x300)
_ARABIZI_TOKEN = re.compile(r"^(?!\d+x\d+$)(?=(?:.*[a-z]){2})(?=.*[a-z][2379]|.*[2379][a-z])[a-z0-9']+$")


@cache
def _file() -> dict:
    return json.loads(resources.files("tijara.language").joinpath("data/darija.json").read_text("utf-8"))


_HELD_OUT: list[tuple[float, int]] = []  # (share, seed) while `held_out` is on


@cache
def _data() -> dict:
    data = _file()
    if not _HELD_OUT:
        return data
    share, seed = _HELD_OUT[-1]
    # drawn per entry (seed and word), so adding entries leaves out the same old ones
    return {**data, **{key: {k: v for k, v in data[key].items() if random.Random(f"{seed}:{k}").random() >= share}
                       for key in ("expand_arabic", "expand_latin")}}


@contextmanager
def held_out(share: float, seed: int) -> Iterator[None]:
    """The Darija word lists (``expand_arabic``, ``expand_latin``) with a random ``share`` of their entries left out,
    for the evaluation: a change that reads Darija in general holds up when words it was not given are missing; one
    that only adds the words of the questions it was tried on does not."""
    _HELD_OUT.append((share, seed))
    _clear()
    try:
        yield
    finally:
        _HELD_OUT.pop()
        _clear()


def _clear() -> None:
    for cached in (_data, _markers, _maps, _skeletons_of, _cores, _shared, _crafts):
        cached.cache_clear()


def markers(script: str) -> frozenset[str]:
    """Frequent Darija words that reveal Darija: script "arabic" (normalised) or "latin"."""
    return _markers(script)


@cache
def _markers(script: str) -> frozenset[str]:
    words = _data()[f"markers_{script}"]
    return frozenset(normalise_arabic(w) for w in words) if script == "arabic" else frozenset(words)


def is_arabizi_token(token: str) -> bool:
    """A Latin word spelled with the Arabizi digits (3ndi, ch7al, l9dim), not a product code (abc123)."""
    return bool(_ARABIZI_TOKEN.match(token)) and not _CODE_TOKEN.match(token) and not _QUANTITY_TOKEN.match(token)


@cache
def _latin_stop() -> frozenset[str]:
    from .analysis import stopwords

    return stopwords("question", "ary")


@cache
def _french_stop() -> frozenset[str]:
    from .analysis import stopwords

    return stopwords("question", "fr")


def ambiguous_latin() -> frozenset[str]:
    """Darija words in Latin letters that are also English or French words (wash, fin, dial, export …)."""
    return frozenset(_data()["ambiguous_latin"])


@cache
def _places() -> frozenset[str]:
    """Words of the names of Morocco's twelve regions (tijara.core's crafts data: فاس مكناس, Fès-Meknès, مراكش آسفي …),
    Arabic ones normalised with and without their article, Latin ones lower case without accents: the cities a
    Darija question names (من فاس، ففاس) are places, not craft words written the same (فاس, an axe)."""
    from .normalise import fold

    regions = json.loads(resources.files("tijara.core").joinpath("data/crafts.json").read_text("utf-8"))["regions"]
    out = set()
    for row in regions["rows"]:
        for word in re.findall(r"[^\W\d_]+", fold(row["ar"]) + " " + fold(row["latin"])):
            if len(word) >= 3:
                out |= {word, strip_article(word)}
    return frozenset(w for w in out if len(w) >= 3)


@cache
def _maps() -> tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str]]:
    from .vocabulary import vocabulary

    data = _data()
    arabic = {normalise_arabic(k): v for k, v in data["expand_arabic"].items()}
    latin = dict(data["expand_latin"])
    # a craft word that is the name of a Moroccan place is the place (فاس, Fes, is not the axe): not expanded as a craft
    places = _places()
    for concept in vocabulary().concepts:
        words = concept.words
        # the concept's one-word Arabic names first (صينية, حقيبة): a name with its material (صينية نحاسية, حقيبة
        # جلدية) would add a material the Darija word does not say
        names = words.get("ar", [])
        msa = " ".join(([w for w in names if " " not in w] or list(names))[:2])
        french = next((w for w in words.get("fr", []) if " " not in w), (words.get("fr") or [""])[0])
        # a craft word that is also a Darija function word (باش, a tarpaulin, and "so that") is read as the function
        # word: a question stop word, not a craft to search for
        # a place name the concept's Standard Arabic writes the same, letter for letter, is that word too (ذهب, gold, of
        # وادي الذهب); فاس is written فأس in Standard Arabic
        standard = {strip_article(w) for w in names}
        for w in words.get("ary", []):
            key = normalise_arabic(w)
            place = key in places and strip_article(w) not in standard
            if " " not in key and msa and key not in _arabic_stop() and not place:
                arabic.setdefault(key, msa)
        for w in words.get("ary_latn", []):
            key = w.lower()
            if " " not in w and french and key not in _latin_stop() and key not in places:
                latin.setdefault(key, french)
    ambiguous = frozenset(data["ambiguous_latin"])
    # words that reveal Darija: every Darija entry but those that are also MSA (ambiguous_arabic)
    shared = frozenset(normalise_arabic(w) for w in data["ambiguous_arabic"])
    function_words = (frozenset(normalise_arabic(k) for k in data["expand_arabic"]) - shared) | frozenset(
        data["expand_latin"])
    return arabic, latin, ambiguous, function_words


# Darija verb morphology (general grammar, not words): the present prefix ك (كنبيع → نبيع, kanbi3 → nbi3), the
# future غا (غانصيفط → نصيفط), the negation ما…ش (مانخلصش → نخلص, mankhallsch → nkhalls), object and dative
# pronouns (كيخلصوني → كيخلصو, صيفطوها → صيفطو, قطعات ليا), the plural ending و (نصيفطو → نصيفط), and in Latin
# letters the article l-/el- glued to a noun (lflouss → flouss, lmaghrib → maghrib) or assimilated to a sun letter
# (rrsas → rsas, ssel3a → sel3a, ddiwana → diwana).
_AR_VERB = (re.compile(r"^ك(?=[نيت]..)"), re.compile(r"^كا(?=..)"), re.compile(r"^غا(?=[نيت]..)"))
_LATIN_VERB = (re.compile(r"^ka(?=[nyt]..)"), re.compile(r"^ki(?=[nyt]..)"), re.compile(r"^gha(?=[nyt]..)"),
               re.compile(r"^(?:el|l)(?=[a-z0-9]{3})"), re.compile(r"^([tdszrn])(?=\1[a-z0-9]{3})"),
               re.compile(r"^c(?=ch[a-z0-9]{3})"))
_AR_OBJECT = ("ليهم", "ليها", "ليه", "ليا", "لي", "وني", "وها", "وهم", "ني", "ها", "هم")
_LATIN_OBJECT = ("lihom", "liha", "lih", "lia", "liya", "ni", "ha", "hom", "houm")


def _verb_forms(word: str, script: str) -> list[str]:
    """Forms of a Darija word without its verb prefix, negation or plural ending (to look up in the word lists)."""
    prefixes = _AR_VERB if script == "arabic" else _LATIN_VERB
    neg = ("ما", "ش") if script == "arabic" else ("ma", "ch")
    forms = [word]
    if word.startswith(neg[0]) and word.endswith(neg[1]) and len(word) >= 5:
        forms.append(word[len(neg[0]):-len(neg[1])])
    for form in list(forms):
        forms.extend(pattern.sub("", form, count=1) for pattern in prefixes if pattern.match(form))
    marked = len(forms) > 1  # a Darija present, future or negation
    # One object pronoun off, the subject's و kept (كيخلصوني → يخلصو → يخلص below): only from a form already read as
    # Darija (its prefix or negation off), or a dative ليا/ليه, so an MSA verb with a pronoun (نصدرها) stays MSA.
    objects = _AR_OBJECT if script == "arabic" else _LATIN_OBJECT
    for i, form in enumerate(list(forms)):
        forms.extend(form[: len(form) - len(o)] + ("و" if o.startswith("و") else "") for o in objects
                     if form.endswith(o) and len(form) - len(o) >= 3 and (i > 0 or o.startswith("li") or o.startswith("لي")))
    plural = "و" if script == "arabic" else "o"
    forms.extend(f[:-1] for f in list(forms) if f.endswith(plural) and len(f) >= 4)
    if script == "latin" and is_arabizi_token(word):
        # the same in Arabizi, and a verb without ka/ki (ghadi yrj3o → rj3, nrj3): its digits tell Darija already
        forms.extend(p + f[1:] for f in list(forms) if f[0] in "ynt" and len(f) >= 4 for p in ("n", ""))
    if script == "arabic" and marked:
        # The word lists hold a verb in one person (نخلص، ندير): a Darija present in another one (كيخلص → يخلص →
        # نخلص, كتدير → تدير → ندير).
        forms.extend("ن" + f[1:] for f in list(forms[1:]) if f[0] in "يت" and len(f) >= 4)
    return forms[1:]


# The core of a Darija word, for words the lists do not hold in that form (general grammar, not words): without the
# negation ما…ش, the article, the present or future prefix with its person (كنبيع، كيبيع، غانبيع، تنبيع → بيع), and one
# ending (subject و, object or dative pronoun, past ت/ات, feminine ة). Every entry of the lists is reduced the same way,
# so an entry serves the other forms of its word: كيصيفطوها finds صيفطت's meaning when neither form is listed.
_AR_CORE_PREFIX = re.compile(r"^(?:ال|لل|ل(?=[^ا]...)|(?:(?:كا|غا|تا|ك|غ|ت)(?=[نيت]))?(?:[نيتا](?=...))?)")
_AR_CORE_ENDINGS = ("ليهم", "ليها", "ليه", "ليا", "ليك", "لينا", "وهم", "وها", "وني", "ونا", "وكم", "وك", "هم", "ها",
                    "ني", "نا", "كم", "ات", "تي", "ين", "و", "ت", "ك", "ه")
_LATIN_CORE_PREFIX = re.compile(
    r"^(?:el|l(?=[^aeiou])|([tdszrn])(?=\1))?(?:ka|ki|kan|kay|kat|ta|tan|tay|gha|ghan|ghay|ghat|ghadi|gh)?"
    r"(?:[nyt](?=[^aeiou]))?")
# (the adjective and participle endings -iyin, -iyat, -iya, -in too: maghribiya, mnsoujin read as maghrib, mnsouj)
_LATIN_CORE_ENDINGS = ("lihom", "liha", "lih", "lia", "liya", "lik", "hom", "houm", "iyin", "iyat", "iya", "in", "ha",
                       "ni", "na", "kom", "ou", "at", "o", "a", "k", "i", "e")


# A Darija verb the lists do not hold keeps its meaning for the encoder, which reads Standard Arabic, once written as
# the Standard Arabic imperfect (general grammar, not words): the present prefix ك/كا and the future غا off
# (كيطبع → يطبع، كنجبد → نجبد، غانبدل → نبدل), the subject plural و as ون in the second and third person
# (كيشربو → يشربون, and without a prefix يحترمو → يحترمون) and off in the first (كنصاوبو → نصاوب), the negation
# ما…ش as لا (ماكيقبلوش → لا يقبلون; ما تحركش → ما تحرك). A word ending with ة is a noun (كتابة، كيفية), never a verb.
_AR_TENSE_PREFIX = re.compile(r"^(?:كا|غا|ك)(?=[نيت]...)")


def _imperfect(word: str, raw: str, after_ma: bool) -> str | None:
    """The Standard Arabic imperfect of a Darija verb form (see above), or None when the word shows no Darija verb
    morphology (a present or future prefix, a negation) or is a stop word."""
    if raw.endswith("ة") or len(word) < 4 or word in _arabic_stop():
        return None
    inner = _without_negation(word, "arabic")
    if inner is None and after_ma and word.endswith("ش") and len(word) >= 5:  # ما تحركش: the ما is written apart
        inner, negated = word[:-1], False
    else:
        negated = inner is not None
    verb = inner or word
    prefix = _AR_TENSE_PREFIX.match(verb)
    if prefix:
        verb = verb[prefix.end():]
    elif inner is None and not (verb[0] in "يت" and verb.endswith("و") and len(verb) >= 5):
        return None  # no Darija mark: neither a prefix, a negation nor the plural و of an imperfect (يحترمو)
    if verb.endswith("و") and len(verb) >= 4:
        verb = verb + "ن" if verb[0] in "يت" else verb[:-1] if verb[0] == "ن" else verb
    return f"لا {verb}" if negated else verb


# The Darija article glued to a word the lists do not hold (lmagasin, lmahkama, l3olya; ssel3a, ddiwana with a sun
# letter doubled) is left off, so the encoder reads the word (general grammar, not words). Only before a consonant:
# an English or French word starting with l and a vowel (label, lead, local) keeps its l; el- is left alone (electric).
_LATIN_ARTICLE = re.compile(r"^(?:l(?=[^aeiouy'\d])|l(?=[379])|([dnrstz])(?=\1))")


def _article_off(token: str) -> str:
    """A Latin-letter word without its glued Darija article, when four letters or more remain; else the word."""
    article = _LATIN_ARTICLE.match(token)
    return token[article.end():] if article and len(token) - article.end() >= 4 and token.isalnum() else token


def _without_negation(word: str, script: str) -> str | None:
    """The word inside a Darija negation ما…ش / ma…ch (ma…sh), when three letters or more remain; else None."""
    head, tails = ("ما", ("ش",)) if script == "arabic" else ("ma", ("ch", "sh"))
    tail = next((t for t in tails if word.endswith(t)), "")
    if tail and word.startswith(head) and len(word) - len(head) - len(tail) >= 3:
        return word[len(head):-len(tail)]
    return None


def _core(word: str, script: str) -> str:
    """The core of a word (see above); the word itself when too little would remain."""
    word = _without_negation(word, script) or word
    prefix = (_AR_CORE_PREFIX if script == "arabic" else _LATIN_CORE_PREFIX).match(word)
    rest = word[prefix.end():] if prefix and len(word) - prefix.end() >= 3 else word
    for ending in (_AR_CORE_ENDINGS if script == "arabic" else _LATIN_CORE_ENDINGS):
        if rest.endswith(ending) and len(rest) - len(ending) >= 3:
            rest = rest[: -len(ending)]
            break
    if script == "arabic":  # one spelling of a loanword's letters written two ways (كونطرا كونترا، صيفط سيفط، بوسطا بوسطة)
        return re.sub("ا$", "", rest.translate(_ARABIC_FOLD))
    return _skeleton(_fold_arabizi(rest))


_ARABIC_FOLD = str.maketrans({"ط": "ت", "ص": "س"})


_ARABIZI_FOLD = (("7", "h"), ("9", "q"), ("5", "kh"), ("8", "h"), ("2", ""), ("sh", "ch"), ("ou", "u"), ("o", "u"))


def _fold_arabizi(word: str) -> str:
    """One spelling of the Arabizi letters written two ways (ch7al chhal, 9anoun qanoun, lougha logha)."""
    for written, one in _ARABIZI_FOLD:
        word = word.replace(written, one)
    return word


@cache
def _crafts() -> frozenset[str]:
    """The entries of the word lists that come from the craft vocabulary (nouns), not from ``darija.json``."""
    arabic, latin, _ambiguous, _function = _maps()
    data = _data()
    listed = {normalise_arabic(k) for k in data["expand_arabic"]} | set(data["expand_latin"])
    return frozenset((set(arabic) | set(latin)) - listed)


# A craft word is a noun: a word with a verb's present or future prefix or the negation ما…ش (كتطبق "is applied",
# كنرسمو "we draw", ماكيخيطوش) is a verb, not a form of a craft word of the same letters (طبق a bread basket, رسمة a
# drawing, خيط thread): it is read by the function and trade words only (general grammar, not words).
_LATIN_TENSE_PREFIX = re.compile(r"^(?:ka|ki|ta|gha)(?=[nyt][a-z0-9]{3})")


def _verb_marked(word: str, script: str) -> bool:
    """Does a word carry a Darija present or future prefix or the negation ما…ش (ma…ch)?"""
    prefix = _AR_TENSE_PREFIX if script == "arabic" else _LATIN_TENSE_PREFIX
    return bool(prefix.match(word)) or _without_negation(word, script) is not None


@cache
def _cores(script: str, verbs: bool = False, nouns: bool = False) -> dict[str, str]:
    """{core: search words} of the word lists, for the cores whose entries all mean one thing; with ``verbs``, of the
    function and trade words of ``darija.json`` only (no craft word), for a word marked as a verb; with ``nouns``, of
    the entries written with the article and the craft words (nouns), for an Arabic word written with the article
    (الطلب is the request, not طلبو "they asked")."""
    arabic, latin, _ambiguous, _function = _maps()
    craft_keys = _crafts() if verbs else frozenset()
    by: dict[str, list[str]] = {}
    for key, value in sorted((arabic if script == "arabic" else latin).items(), key=lambda kv: (len(kv[0]), kv[0])):
        if nouns and not (key.startswith("ال") or key in _crafts()):
            continue
        if " " not in key and key not in craft_keys:
            by.setdefault(_core(key, script), []).append(value)
    language = "ar" if script == "arabic" else "fr"
    out = {}
    for core, values in by.items():
        # one meaning: the values share a stem (folded, and in Arabic read as verbs too: غيروا، تغير، اغير share
        # غير; ارسل، ارسلت، ارسال شحن share رسل), or one value holds half the entries (بيع، نبيع، يبيعون); the most
        # frequent value, else the shortest key's
        best = max(values, key=values.count)
        if 2 * values.count(best) >= len(values) or set.intersection(*(_value_stems(v, language) for v in values)):
            out[core] = best
    return out


@cache
def _conjugated(script: str) -> frozenset[str]:
    """The cores of ``_cores`` that hold one meaning only as conjugations of one Standard Arabic verb (غيروا، تغير،
    اغير: no entry's value holds half of them, their words share no stem but a verb reading's): for them the chosen
    entry's person and tense are the list's, not the question's."""
    if script != "arabic":
        return frozenset()
    from .analysis import stem
    from .normalise import fold

    by: dict[str, list[str]] = {}
    for key, value in _maps()[0].items():
        if " " not in key:
            by.setdefault(_core(key, script), []).append(value)
    return frozenset(core for core in _cores(script) if core in by and (values := by[core])
                     and 2 * max(values.count(v) for v in values) < len(values)
                     and not set.intersection(*({stem(w, "ar") for w in fold(v).split()} for v in values)))


def _value_stems(value: str, language: str) -> set[str]:
    """The stems of a listed meaning's words, folded; in Arabic also the stems of their verb readings (a conjugated
    verb and its verbal noun: ارسلت، ارسال → رسل), so the conjugations of one Standard Arabic verb count as one
    meaning."""
    from .analysis import _arabic_variants, stem
    from .normalise import fold

    out = set()
    for word in fold(value).split():
        out.add(stem(word, language))
        if language == "ar":
            out.update(stem(v, language) for v in _arabic_variants(word))
    return out


def _core_meaning(word: str, script: str) -> str | None:
    """The search words of a word the lists hold in another form (same core), also after a proclitic و ف ب."""
    if len(word) < 4 or (script == "latin" and not word.isalnum()):
        return None
    if word in (_arabic_stop() if script == "arabic" else _latin_stop()) or _core(word, script) in _stop_cores(script):
        return None  # يكون، تكون are no form of كونت, kayn none of makaynch, ghadi none of ghedda
    article = script == "arabic" and strip_article(word) != word
    cores = _cores(script, verbs=_verb_marked(word, script), nouns=article)
    found = cores.get(_core(word, script))
    if found is None and script == "arabic" and _proclitic(word) and len(word) >= 5:
        found = cores.get(_core(word[1:], script))
    if (found and script == "arabic" and _core(word, script) in _conjugated(script)
            and _value_stems(word, "ar") & _value_stems(found, "ar")):
        # a form of the very Standard Arabic verb the entries conjugate (يطلب, of طلبوا، أطلب): its own person and
        # tense are kept (written as the Standard Arabic imperfect when it carries a Darija prefix, see expand)
        return None
    return found


@cache
def _stop_cores(script: str) -> frozenset[str]:
    """The cores of the question stop words: another form of a stop word (تكون of يكون) is no form of a listed word."""
    return frozenset(_core(w, script) for w in (_arabic_stop() if script == "arabic" else _latin_stop()))


@cache
def _arabic_stop() -> frozenset[str]:
    from .analysis import stopwords

    return frozenset(normalise_arabic(w) for w in stopwords("question", "ar"))


def _proclitic(word: str) -> bool:
    """Does an Arabic word start with a one-letter proclitic: و ف ب ل, or the possessive د before an article (دالمغرب،
    دلبلاد)?"""
    return word[0] in "وفبل" or (word[0] == "د" and (word[1:3] == "ال" or word[1:2] == "ل"))


def _skeleton(word: str) -> str:
    """An Arabizi spelling without its short vowels (a, e) and doubled letters: n3ammer, n3amer, n3mer → n3mr."""
    return re.sub(r"(.)\1+", r"\1", re.sub(r"(?<=[^aeiou])[ae](?=[^aeiou])", "", word))


@cache
def _skeletons_of(keys: frozenset[str]) -> dict[str, str]:
    by: dict[str, list[str]] = {}
    for key in sorted(keys):
        if is_arabizi_token(key):
            by.setdefault(_skeleton(key), []).append(key)
    return {s: words[0] for s, words in by.items() if len({_maps()[1][w] for w in words}) == 1}


def _skeletons(latin: dict[str, str]) -> dict[str, str]:
    """Arabizi words of the lists by skeleton, when one skeleton means one thing."""
    return _skeletons_of(frozenset(latin))


def _negated(meaning: str, script: str) -> str:
    """The search words of a negated word: its meaning after "not" (لا، ne … pas), unless the list gave it one."""
    if script == "arabic":
        return meaning if meaning.split()[0] in ("لا", "لم", "ليس", "لن", "ما") else f"لا {meaning}"
    return meaning if meaning.split()[0] in ("ne", "pas", "sans") else f"pas {meaning}"


def _listed(bare: str, table: dict[str, str]) -> str:
    """The listed entry an Arabic word is, through a one-letter proclitic (ف ب ل و, and the possessive د before an
    article: فالديوانة → الديوانة, دالسلعة → السلعة) or its article (البلغة → بلغة, بالزربية → زربية); else the word."""
    if bare not in table and len(bare) > 3:
        # Darija writes the article as ل, and ل + ال as لل (لبنكة، للبنكة, دلبلاد: البنكة، البلاد): a word the lists
        # hold with its article (a trade word, البنكة the bank) is that word, not a craft word they hold bare
        # (بنكة, a bench); the preposition ل is read as before (لميريكان → ميريكان)
        article = "ال" + bare[2:] if bare.startswith("لل") else "ال" + bare[1:] if bare[0] == "ل" else (
            "ال" + bare[2:] if bare.startswith("دل") and not bare.startswith("دال") else "")
        rest = bare[2:] if bare.startswith("لل") else bare[1:]
        if article in table and len(article) > 4 and (rest not in table or rest in _crafts()):
            return article
        if _proclitic(bare) and bare[1:] in table:
            return bare[1:]
    if bare not in table and strip_article(bare) in table:
        return strip_article(bare)
    return bare


@cache
def _shared() -> dict[str, str]:
    """{word: Standard Arabic equivalent} of the entries Darija shares with Standard Arabic (``ambiguous_arabic``),
    question stop words and entries read as nothing (شي) aside."""
    arabic = _maps()[0]
    shared = (normalise_arabic(w) for w in _data()["ambiguous_arabic"])
    return {w: arabic[w] for w in shared if arabic.get(w, "").strip() and w not in _arabic_stop()}


def _standard(text: str) -> str:
    """A question that is not Darija, with the words Standard Arabic shares with Darija read by their listed
    equivalent as well (أمريكا → أمريكا الولايات المتحدة, بالمئة → بالمئة في المئة نسبة): the equivalent is
    knowledge of Arabic, not of Darija. The word is kept (in Standard Arabic خاص is also "private", not only "must");
    no other Darija reading (forms, cores, function words) applies, and the question is not told Darija."""
    shared = _shared()
    out = []
    changed = False
    for token in question_tokens(text):
        bare = _listed(normalise_arabic(token), shared)
        if bare in shared:
            changed = True
            out.append(f"{token} {shared[bare]}")
        else:
            out.append(token)
    return " ".join(out) if changed else text


def expand(text: str) -> tuple[str, bool]:
    """(search text, whether Darija was seen). Whole Darija words are replaced by MSA (Arabic letters) or French
    (Latin letters) search words; other words stay as written; a text without Darija comes back unchanged but for
    the words it shares with Darija, read with their Standard Arabic equivalent too (:func:`_standard`)."""
    arabic, latin, ambiguous, function_words = _maps()
    crafts = _crafts()
    marker_ar = markers("arabic")
    out = []
    seen = False
    previous = ""
    for token in question_tokens(text):
        bare = normalise_arabic(token)
        previous, word_before = bare, previous
        # a Darija negation ما…ش (ماباغيش، مايخلصش; mabghitch) read by its verb keeps its "not" for the encoder
        negation = _without_negation(bare, "arabic") is not None or _without_negation(token, "latin") is not None
        bare = _listed(bare, arabic)
        if bare not in arabic:
            verb_marked = _verb_marked(bare, "arabic")
            bare = next((f for f in _verb_forms(bare, "arabic") if f in arabic and not (verb_marked and f in crafts)),
                        bare)
        # the passive or reflexive ت of a Darija verb (تصاوبو → صاوب, تصيفطات → صيفط): searched as the verb, but it
        # does not tell Darija by itself (MSA has the same prefix)
        passive = next((f for f in _verb_forms(bare[1:], "arabic") + [bare[1:]] if f in arabic), None) if (
            bare not in arabic and bare.startswith("ت") and len(bare) >= 5) else None
        if token not in latin and token.isascii():
            verb_marked = _verb_marked(token, "latin")
            token = next((f for f in _verb_forms(token, "latin") if f in latin and not (verb_marked and f in crafts)),
                         token)
        if token not in latin and is_arabizi_token(token):  # n3ammer → n3mer: short vowels and doubled letters vary
            token = _skeletons(latin).get(_skeleton(token), token)
        if bare in arabic:
            out.append(_negated(arabic[bare], "arabic") if negation else arabic[bare])
            seen = seen or bare in function_words
        elif passive:
            out.append(arabic[passive])
        elif core := _core_meaning(bare, "arabic"):  # another form of a listed word: searched, reveals nothing
            out.append(_negated(core, "arabic") if negation else core)
        elif token in latin:
            # a Darija function word (ila, ghadi) whose French is no stop word (si, va) is left out: it would count
            # as a word of the question the facts lack
            if token not in _latin_stop() or latin[token] in _french_stop():
                out.append(_negated(latin[token], "latin") if negation else latin[token])
            seen = seen or (token in function_words and token not in ambiguous)
        elif token.isascii() and (core := _core_meaning(token, "latin")):
            out.append(_negated(core, "latin") if negation else core)
            seen = seen or is_arabizi_token(token)
        else:
            # a Darija function word in Latin letters the lists do not read (mn, 3la, dyali, kayn) is left out, as
            # one they read is when its French is no stop word: the encoder reads French, not Arabizi
            verb = _imperfect(bare, token, word_before == "ما") if not token.isascii() else None
            out.append(verb or ("" if token in _latin_stop() else _article_off(token) if token.isascii() else token))
            seen = seen or bare in marker_ar or is_arabizi_token(token)
    return (" ".join(w for w in out if w) if seen else _standard(text)), seen

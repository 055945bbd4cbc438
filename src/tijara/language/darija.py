"""Moroccan Darija, in Arabic letters and in Latin letters (Arabizi: 3 = ع, 7 = ح, 9 = ق, 2 = ء, 8 = ه).

Two uses: tell that a text is Darija (:func:`markers`, :func:`is_arabizi_token`), and turn a Darija question
into search words the facts are written with (:func:`expand`): Darija words in Arabic letters become Modern
Standard Arabic, Darija in Latin letters becomes French. Function and trade words come from
``data/darija.json``; craft words come from the one craft vocabulary (``vocabulary.json``).

The ``arabizi`` package (PyPI) was tried for Latin-letter Darija and left out: it transliterates letter by
letter, so craft words come out as spellings no index holds (zarbia → زاربيا, tajine → تاجيني,
belgha → بيلغا), while the vocabulary maps them to the words the facts and listings use.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from .analysis import question_tokens
from .normalise import normalise_arabic
from .stemming import strip_article

_CODE_TOKEN = re.compile(r"^[a-z]+\d{2,}$")  # a product code (sku27), not Darija
# two letters at least, a 2/3/7/9 next to a letter, not a size (200x300)
_ARABIZI_TOKEN = re.compile(r"^(?!\d+x\d+$)(?=(?:.*[a-z]){2})(?=.*[a-z][2379]|.*[2379][a-z])[a-z0-9']+$")


@cache
def _data() -> dict:
    return json.loads(resources.files("tijara.language").joinpath("data/darija.json").read_text("utf-8"))


def markers(script: str) -> frozenset[str]:
    """Frequent Darija words that reveal Darija: script "arabic" (normalised) or "latin"."""
    return _markers(script)


@cache
def _markers(script: str) -> frozenset[str]:
    words = _data()[f"markers_{script}"]
    return frozenset(normalise_arabic(w) for w in words) if script == "arabic" else frozenset(words)


def is_arabizi_token(token: str) -> bool:
    """A Latin word spelled with the Arabizi digits (3ndi, ch7al, l9dim), not a product code (abc123)."""
    return bool(_ARABIZI_TOKEN.match(token)) and not _CODE_TOKEN.match(token)


@cache
def _maps() -> tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str]]:
    from .vocabulary import vocabulary

    data = _data()
    arabic = {normalise_arabic(k): v for k, v in data["expand_arabic"].items()}
    latin = dict(data["expand_latin"])
    for concept in vocabulary().concepts:
        words = concept.words
        msa = " ".join(words.get("ar", [])[:2])
        french = (words.get("fr") or [""])[0]
        for w in words.get("ary", []):
            key = normalise_arabic(w)
            if " " not in key and msa:
                arabic.setdefault(key, msa)
        for w in words.get("ary_latn", []):
            if " " not in w and french:
                latin.setdefault(w.lower(), french)
    ambiguous = frozenset(data["ambiguous_latin"])
    function_words = frozenset(normalise_arabic(k) for k in data["expand_arabic"]) | frozenset(data["expand_latin"])
    return arabic, latin, ambiguous, function_words


def expand(text: str) -> tuple[str, bool]:
    """(search text, whether Darija was seen). Whole Darija words are replaced by MSA (Arabic letters) or French
    (Latin letters) search words; other words stay as written; a text without Darija comes back unchanged."""
    arabic, latin, ambiguous, function_words = _maps()
    marker_ar = markers("arabic")
    out = []
    seen = False
    for token in question_tokens(text):
        bare = normalise_arabic(token)
        # a one-letter proclitic (ف ب ل و) glued to a Darija word: فالديوانة → ف + الديوانة
        if bare not in arabic and len(bare) > 3 and bare[0] in "فبلو" and bare[1:] in arabic:
            bare = bare[1:]
        if bare not in arabic and strip_article(bare) in arabic:  # البلغة → بلغة, بالزربية → زربية
            bare = strip_article(bare)
        if bare in arabic:
            out.append(arabic[bare])
            seen = seen or bare in function_words
        elif token in latin:
            out.append(latin[token])
            seen = seen or (token in function_words and token not in ambiguous)
        else:
            out.append(token)
            seen = seen or bare in marker_ar or is_arabizi_token(token)
    return (" ".join(out) if seen else text), seen

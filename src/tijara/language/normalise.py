"""Unicode and Arabic normalisation, accent folding, script tests, safe input, word tokens. Pure Python.

One definition for every app: the classifier, the assistant, the buyers' search, the HS search of the market
finder, the events matcher and the knowledge scope all fold text here, so the same word always gives the
same key whichever app reads it.
"""

from __future__ import annotations

import re
import unicodedata

# Harakat, Quranic marks, superscript alef and tatweel: removed.
_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",  # alef variants
    "ى": "ي", "ی": "ي", "ئ": "ي",  # alef maksura, Persian yeh, yeh with hamza
    "ؤ": "و",  # waw with hamza
    "ة": "ه",  # taa marbuta
    "ء": None,  # lone hamza
    # Maghrebi and Persian letters written in Darija (ڭ and the Moroccan ݣ for the hard g, ڤ and ڥ for v)
    "ک": "ك", "گ": "ك", "ڭ": "ك", "ݣ": "ك", "ڤ": "ف", "ڥ": "ف", "پ": "ب", "چ": "ج",
    # Arabic-Indic and Eastern Arabic-Indic digits
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    "۰": "0", "۱": "1", "۲": "2", "۳": "3", "۴": "4", "۵": "5", "۶": "6", "۷": "7", "۸": "8", "۹": "9",
})
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
ARABIC_CHARS = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
MAX_CHARS = 2000  # longer inputs are cut: a product description or a question never needs more


def normalise_arabic(text: str) -> str:
    """Remove diacritics and tatweel; unify alef, yaa, taa marbuta and hamza carriers; drop a lone hamza;
    Maghrebi letters (ڭ ڤ) and Arabic-Indic digits to their common forms. Other scripts are left as they are."""
    return _AR_DIACRITICS.sub("", text).translate(_AR_MAP)


def strip_arabic_marks(text: str) -> str:
    """Harakat, shadda, tanween and tatweel off, nothing else changed: a mark inside a word (حوّل، منتجاً) is not a
    letter, so a tokeniser would otherwise cut the word there (حوّل → حو + ل)."""
    return _AR_DIACRITICS.sub("", text)


def ascii_digits(text: str) -> str:
    """Arabic-Indic and Eastern Arabic-Indic digits to 0-9, nothing else changed."""
    return text.translate(_DIGITS)


def strip_accents(text: str) -> str:
    """Latin accents off (é → e, ç → c); Arabic letters are not touched (their marks go in normalise_arabic)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def fold(text: str) -> str:
    """The comparison form of any text: NFKC, case-folded, Arabic normalised, Latin accents and ligatures off."""
    if text.isascii():
        return text.lower()
    text = normalise_arabic(unicodedata.normalize("NFKC", text).casefold())
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", text).replace("œ", "oe").replace("æ", "ae")


def is_arabic(word: str) -> bool:
    """True when the word holds an Arabic letter."""
    return bool(ARABIC_CHARS.search(word))


def arabic_ratio(text: str) -> float:
    """Share of the letters of a text written in Arabic script (0 when it has no letter)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if ARABIC_CHARS.match(c)) / len(letters)


def clean_input(text: str | None, limit: int = MAX_CHARS) -> str:
    """Make any user input safe to process: a str, no control characters, white space folded, bounded length."""
    if text is None:
        return ""
    text = str(text)[: limit * 4]
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:limit]


def words(text: str) -> list[str]:
    """Folded word tokens: letters and digits; hyphens, apostrophes and punctuation split (l'huile → l, huile)."""
    return _WORD.findall(fold(text))

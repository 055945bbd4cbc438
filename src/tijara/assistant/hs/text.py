"""Text normalisation for HS matching: Arabic letters, French accents, plurals, stemming. Pure Python."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

_AR_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_AR_MAP = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ـ": "",
    "گ": "ك", "ڭ": "ك", "ڤ": "ف", "پ": "ب", "چ": "ج",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
})
_ARABIC_CHAR = re.compile("[\u0600-\u06ff]")
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
MAX_CHARS = 2000  # longer inputs are cut: a product description never needs more

STOP = {
    "en": {"a", "an", "and", "or", "the", "of", "for", "with", "without", "in", "on", "at", "to", "from", "by", "as", "is", "are", "be", "this", "that", "these", "those", "it", "its", "not", "nor", "other", "than", "whether", "made", "n", "e", "s", "c", "etc", "i", "ii", "iii", "kind", "used", "type", "which", "their", "such", "all", "any", "each", "per", "new", "set", "pcs", "pc", "piece", "pieces", "size", "cm", "mm", "m", "inch", "inches", "x", "t", "very", "our", "your", "my", "we", "you"},
    "fr": {"un", "une", "des", "de", "du", "d", "la", "le", "les", "l", "et", "ou", "en", "au", "aux", "pour", "par", "avec", "sans", "sur", "sous", "dans", "ce", "cet", "cette", "ces", "est", "sont", "a", "à", "non", "autres", "autre", "que", "qui", "même", "leur", "leurs", "tout", "tous", "toute", "toutes", "n", "s", "excl", "ex", "pièce", "pièces", "taille", "très", "notre", "nos", "votre", "vos", "mon", "ma", "mes", "neuf", "neuve"},
    "ar": {"من", "في", "على", "الى", "إلى", "عن", "مع", "او", "أو", "و", "ب", "ل", "هذا", "هذه", "ذلك", "التي", "الذي", "غير", "كل", "بدون", "ديال", "ديالي", "لل", "ال", "هاد", "هادي", "هدا", "واحد", "شي"},
}
# Words of marketplace titles and customs rulings that never decide a subheading (but match odd lines:
# "handmade" → handmade paper). Removed from queries and documents alike.
FILLER = {"handmade", "handcrafted", "moroccan", "morocco", "marocain", "marocaine", "marocains", "marocaines", "maroc", "vintage", "gift", "cadeau", "boho", "bohemian", "boheme", "authentic", "authentique", "unique", "beautiful", "gorgeous", "free", "shipping", "sale", "ft", "feet", "inch", "inches", "merchandise", "item", "items", "product", "products", "produit", "produits", "sample", "submitted", "importer", "spp", "inn", "dci", "iso"}
_STEMMER_NAME = {"en": "english", "fr": "french", "ar": "arabic"}


def normalize_arabic(text: str) -> str:
    """Remove diacritics and tatweel, unify alef/yaa/taa-marbuta/hamza variants, Arabic-Indic digits."""
    return _AR_DIACRITICS.sub("", text).translate(_AR_MAP)


def fold(text: str) -> str:
    """Lower-case and strip Latin accents (é→e, ç→c); Arabic letters are normalised, not folded."""
    if text.isascii():
        return text.lower()
    text = normalize_arabic(unicodedata.normalize("NFC", text)).lower()
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn" and not _ARABIC_CHAR.match(ch):
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out)).replace("œ", "oe").replace("æ", "ae")


def arabic_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if _ARABIC_CHAR.match(c)) / len(letters)


def clean_input(text: str | None) -> str:
    """Make any user input safe to process: str, no control characters, bounded length."""
    if text is None:
        return ""
    text = str(text)[: MAX_CHARS * 4]
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:MAX_CHARS]


def raw_tokens(text: str) -> list[str]:
    """Folded word tokens (hyphenated words split, apostrophe elisions dropped: l'huile → huile)."""
    return [t for t in _TOKEN.findall(fold(text)) if t]


@lru_cache(maxsize=8)
def _stemmer(lang: str):
    return snowballstemmer.stemmer(_STEMMER_NAME.get(lang, "english"))


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str) -> str:
    """Snowball stem of a folded word; Arabic words also lose the article and the conjunction wa-."""
    if _ARABIC_CHAR.match(word):
        w = word
        for prefix in ("وال", "بال", "كال", "فال", "لل", "ال"):
            if w.startswith(prefix) and len(w) - len(prefix) >= 3:
                w = w[len(prefix):]
                break
        return _stemmer("ar").stemWord(w) if len(w) > 3 else w
    if word.isdigit():
        return word
    s = _stemmer(lang if lang in ("en", "fr") else "en").stemWord(word)
    return s


def content_words(text: str, lang: str = "en") -> list[str]:
    """Folded tokens minus stop words of every supported language and one-letter tokens."""
    stops = STOP["en"] | {fold(w) for w in STOP["fr"]} | {normalize_arabic(w) for w in STOP["ar"]}
    return [t for t in raw_tokens(text) if t not in stops and (len(t) > 1 or t.isdigit())]


@lru_cache(maxsize=4)
def _all_stops() -> frozenset[str]:
    return frozenset(STOP["en"] | {fold(w) for w in STOP["fr"]} | {normalize_arabic(w) for w in STOP["ar"]} | FILLER)


def index_tokens(text: str, lang: str) -> list[str]:
    """Stemmed content tokens of a text written in ``lang`` (en/fr/ar)."""
    stops = _all_stops()
    return [stem(t, lang) for t in raw_tokens(text) if t not in stops and len(t) > 1]


_EXCL = re.compile(
    r"\((?:excl\.|excluding|other than|not |à l['’]excl|a l['’]excl|autres? que|sauf|non )[^()]*(?:\([^()]*\)[^()]*)*\)",
    re.IGNORECASE,
)


def strip_exclusions(text: str) -> str:
    """Drop parenthesised exclusions ("(excl. …)", "(à l'excl. …)", "(other than …)") from an official text.

    The words of an exclusion name what the line is *not*; indexing them would match the wrong products.
    """
    return _EXCL.sub(" ", text)

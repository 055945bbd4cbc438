"""Language detection for product descriptions: ar, fr, en (Darija in Arabic or Latin letters → ar).

Uses ``lingua`` (optional ``ai`` extra) built only for the supported languages plus a few others, so that a
text in an unsupported language is recognised as such. Without lingua a small stop-word vote decides
between French and English. Pure Python; the detector is built once per process, lazily.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from .text import arabic_ratio, raw_tokens

SUPPORTED = ("ar", "fr", "en")
_lock = threading.Lock()
_detector = None
_OTHERS = ("SPANISH", "GERMAN", "ITALIAN", "PORTUGUESE", "DUTCH", "TURKISH")

# Frequent Darija words (Latin letters, Arabizi). Digits 2/3/5/7/9 inside words stand for Arabic letters.
DARIJA_LATIN = {"dyal", "dial", "diali", "dyali", "dyalna", "dialna", "bzaf", "bzzaf", "zwin", "zwina", "zwine", "mzyan", "mezyan", "mezyana", "hadi", "hada", "hadchi", "wach", "wash", "chhal", "ch7al", "chno", "chnou", "bghit", "bghina", "3ndi", "3andi", "3ndna", "kayn", "kayna", "fin", "mn", "bla", "m3a", "wla", "ghir", "drari", "bnat", "lbnat", "lmghrib", "maghribi", "beldi", "beldia", "tqlidi", "taqlidi", "l9dim", "jdid", "khdma", "sou9", "souk"}
DARIJA_ARABIC = {"ديال", "ديالي", "ديالنا", "بزاف", "زوين", "زوينة", "مزيان", "هادي", "هادا", "هادشي", "واش", "شحال", "شنو", "بغيت", "كاين", "كاينة", "ماشي", "دابا", "بلدي", "بلدية", "تقليدي"}
_ARABIZI = re.compile(r"^(?!\d+x\d+$)(?=(?:.*[a-z]){2})(?=.*[a-z][2379]|.*[2379][a-z])[a-z0-9]+$")
EN_STOP = {"the", "and", "of", "with", "for", "in", "made", "hand", "handmade", "from", "this", "set", "pair", "size", "new", "vintage", "a", "an", "is"}
FR_STOP = {"le", "la", "les", "des", "du", "de", "et", "en", "avec", "pour", "fait", "main", "fabrique", "une", "un", "au", "aux", "sur", "cette", "paire"}


@dataclass(frozen=True)
class Detected:
    lang: str  # ar | fr | en, or the ISO code of an unsupported language, or "und"
    supported: bool
    darija: bool = False
    arabizi: bool = False
    method: str = "script"


def _lingua():
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:
                try:
                    from lingua import Language, LanguageDetectorBuilder
                except ImportError:
                    _detector = False
                else:
                    langs = [Language.ARABIC, Language.FRENCH, Language.ENGLISH] + [
                        getattr(Language, n) for n in _OTHERS]
                    # models preloaded once: lazy loading made the first texts of each language slow
                    _detector = LanguageDetectorBuilder.from_languages(*langs).with_preloaded_language_models().build()
    return _detector or None


def lingua_available() -> bool:
    return _lingua() is not None


def detect(text: str, hint: str | None = None) -> Detected:
    """Detect the language of a product description; ``hint`` (ar/fr/en) wins when given."""
    tokens = raw_tokens(text)
    if hint in SUPPORTED:
        return Detected(hint, True, darija=bool(set(tokens) & (DARIJA_LATIN | DARIJA_ARABIC)), method="given")
    if not tokens:
        return Detected("und", False, method="empty")
    if arabic_ratio(text) >= 0.3:
        return Detected("ar", True, darija=bool(set(tokens) & DARIJA_ARABIC), method="script")
    letters = [c for c in text if c.isalpha()]
    if letters and sum(1 for c in letters if "a" <= c.lower() <= "z" or c in "àâäçéèêëîïôöùûüÿœæ") / len(letters) < 0.5:
        return Detected("und", False, method="script")  # Cyrillic, CJK, Greek … not supported
    darija_hits = sum(1 for t in tokens if t in DARIJA_LATIN or _ARABIZI.match(t))
    if darija_hits and darija_hits >= max(1, len(tokens) // 4):
        return Detected("ar", True, darija=True, arabizi=True, method="darija-words")
    det = _lingua()
    if det is not None:
        values = det.compute_language_confidence_values(text)
        best = values[0]
        code = best.language.iso_code_639_1.name.lower()
        if code in SUPPORTED:
            return Detected(code, True, method="lingua")
        # an unsupported language needs real evidence; short product titles are often misread
        supported_conf = sum(v.value for v in values if v.language.iso_code_639_1.name.lower() in SUPPORTED)
        if len(tokens) >= 4 and best.value >= 0.6:
            return Detected(code, False, method="lingua")
        if supported_conf > 0.15 or len(tokens) < 4:
            ranked = [v for v in values if v.language.iso_code_639_1.name.lower() in SUPPORTED]
            if ranked:
                return Detected(ranked[0].language.iso_code_639_1.name.lower(), True, method="lingua-weak")
        return Detected(code, False, method="lingua")
    en = sum(1 for t in tokens if t in EN_STOP)
    fr = sum(1 for t in tokens if t in FR_STOP)
    return Detected("fr" if fr > en else "en", True, method="stopwords")

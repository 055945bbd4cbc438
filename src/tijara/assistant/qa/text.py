"""Text normalisation for questions and facts: Arabic normalisation, Darija lexicon, stemming, stop words."""

from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

ARABIC_CHARS = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
_DIACRITICS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")
_ALEF = re.compile(r"[\u0622\u0623\u0625\u0671]")
_TOKEN = re.compile(r"[^\W_]+(?:[.,'’][^\W_]+)*", re.UNICODE)
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")

STOP = {
    "en": {"a", "an", "the", "of", "to", "in", "on", "for", "from", "by", "with", "and", "or", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that", "these", "those", "what", "which", "who", "whom", "how", "when", "where", "why", "do", "does", "did", "i", "we", "you", "he", "she", "they", "my", "our", "your", "their", "me", "us", "can", "could", "should", "would", "will", "shall", "may", "might", "must", "have", "has", "had", "there", "here", "as", "at", "about", "into", "than", "then", "so", "if", "not", "no", "yes", "any", "some", "all", "please", "tell", "know", "need", "want", "get", "much", "many", "morocco", "moroccan"},
    "fr": {"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "et", "ou", "en", "au", "aux", "a", "à", "est", "sont", "était", "être", "il", "elle", "ils", "elles", "on", "je", "tu", "nous", "vous", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs", "ce", "cet", "cette", "ces", "quel", "quelle", "quels", "quelles", "qui", "que", "quoi", "qu", "comment", "quand", "où", "pourquoi", "est-ce", "ne", "pas", "plus", "pour", "par", "sur", "dans", "avec", "sans", "faut", "dois", "doit", "peut", "peux", "veux", "j", "me", "m", "se", "s", "y", "il-y", "svp", "combien", "maroc", "marocain", "marocaine", "marocains"},
    "ar": {"في", "من", "على", "الى", "إلى", "عن", "مع", "هل", "ما", "ماذا", "متى", "كيف", "اين", "أين", "لماذا", "هو", "هي", "هم", "انا", "أنا", "نحن", "انت", "أنت", "التي", "الذي", "الذين", "هذا", "هذه", "ذلك", "تلك", "كان", "كانت", "يكون", "او", "أو", "و", "ثم", "لا", "لم", "لن", "ان", "أن", "إن", "كل", "بعض", "اي", "أي", "عند", "بين", "قد", "لقد", "به", "بها", "له", "لها", "ديال", "ديالي", "ديالنا", "واش", "شنو", "اش", "آش", "باش", "غادي", "راه", "را", "فين", "علاش", "كيفاش", "ياك", "المغرب", "المغربية", "المغربي"},
}

# Darija (Arabic script) → Modern Standard Arabic search terms. Expansion only: the original words stay.
DARIJA_AR = {
    "شحال": "كم", "بشحال": "كم ثمن", "فلوس": "اموال عائدات", "الفلوس": "اموال عائدات", "لفلوس": "اموال عائدات",
    "الديوانة": "الجمارك جمركي", "ديوانة": "الجمارك", "لاديوان": "الجمارك", "الديوان": "الجمارك",
    "نصيفط": "ارسال شحن", "صيفط": "ارسال شحن", "نسيفط": "ارسال شحن", "نصدر": "تصدير", "نخرج": "تصدير",
    "خاص": "يجب", "خاصني": "يجب", "خصني": "يجب", "خاصك": "يجب", "لازم": "يجب", "بغيت": "اريد",
    "السلعة": "البضائع", "سلعة": "البضائع", "السلعه": "البضائع", "الزربية": "زرابي", "زربية": "زرابي",
    "البلغة": "بلاغي", "بلغة": "بلاغي", "البلاغي": "بلاغي", "الطاجين": "طواجين", "طاجين": "طواجين",
    "فرانسا": "فرنسا", "ميريكان": "الولايات المتحدة", "مريكان": "الولايات المتحدة", "امريكا": "الولايات المتحدة",
    "نجليز": "المملكة المتحدة", "انجلترا": "المملكة المتحدة", "الكاغط": "وثائق", "الوراق": "وثائق",
    "لوراق": "وثائق", "الاوراق": "وثائق", "نخلص": "اداء", "نرجع": "ارجاع", "نرجعو": "ارجاع", "رجوع": "ارجاع",
    "البانكا": "بنك", "لبانكا": "بنك", "البنكة": "بنك", "الوقت": "اجل مدة", "قداش": "كم", "امتى": "متى",
    "إمتى": "متى", "فوقاش": "متى", "كيفاش": "كيف", "علاش": "لماذا", "فين": "اين", "الطين": "فخار",
    "الجلد": "جلد", "الزليج": "زليج", "الخشب": "خشب", "الفضة": "فضة", "الدراهم": "درهم", "دراهم": "درهم",
    "الكليان": "المشتري", "كليان": "المشتري", "الشاري": "المشتري", "التيكيت": "وسم بطاقة", "الإتيكيت": "وسم بطاقة",
    "شكون": "من", "اللي": "الذي", "كيدير": "يقوم يودع", "كندير": "اقوم", "نديرو": "نقوم", "ندير": "اقوم",
    "بلا": "بدون", "كيفاش نصدر": "كيف تصدير", "الشهادة": "شهادة", "كيخلص": "يؤدي", "كيصيفط": "ارسال",
    "بيعة": "بيع", "نبيع": "بيع", "كنبيع": "بيع", "نبيعو": "بيع", "كتاخد": "تاخذ عموله", "كياخد": "ياخذ عموله",
    "كياخدو": "ياخذون عموله", "ناخد": "احصل", "نجيب": "احصل", "كيخلصو": "يؤدون", "الصيفطة": "الشحن", "صيفطة": "الشحن",
    "البوسطة": "البريد", "لابوسط": "البريد", "البوسطا": "البريد", "الكارطة": "بطاقة", "كارطة": "بطاقة",
}
# Darija and French loanwords in Latin letters (Arabizi) → French search terms.
DARIJA_LATIN = {
    "chhal": "combien", "ch7al": "combien", "bch7al": "combien prix", "bchhal": "combien prix", "flous": "argent rapatriement",
    "lflous": "argent rapatriement", "diwana": "douane", "ddiwana": "douane", "ladwan": "douane", "nsift": "envoyer expédition",
    "nsifet": "envoyer expédition", "sift": "envoyer", "nsayft": "envoyer expédition", "khass": "faut", "khassni": "faut",
    "khasni": "faut", "bghit": "veux", "sel3a": "marchandise", "sl3a": "marchandise", "zarbia": "tapis", "zerbia": "tapis",
    "zrabi": "tapis", "blgha": "babouches", "belgha": "babouches", "bel8a": "babouches", "tajin": "tajine",
    "fransa": "france", "mirikan": "états-unis", "amrika": "états-unis", "lwra9": "documents", "lwraq": "documents",
    "wra9": "documents", "lkaghet": "documents", "nkhelles": "payer", "nrje3": "rapatrier", "nrj3": "rapatrier",
    "lbanka": "banque", "banka": "banque", "wa9t": "délai", "lwa9t": "délai", "imta": "quand", "fo9ach": "quand",
    "kifach": "comment", "kifash": "comment", "3lach": "pourquoi", "fin": "où", "jeld": "cuir", "jild": "cuir",
    "zlij": "zellige", "khachab": "bois", "lbosta": "poste", "bosta": "poste", "ndir": "faire", "wach": "est-ce",
    "wash": "est-ce", "chno": "quoi", "chnou": "quoi", "dyal": "de", "dial": "de", "bach": "pour", "lmghrib": "maroc",
    "chahada": "certificat", "chahadat": "certificat", "chhada": "certificat", "chhadat": "certificat",
    "chkoun": "qui", "chkon": "qui", "li": "qui", "kaydir": "fait", "kandir": "fais", "bla": "sans",
    "nsdder": "exporter", "tasdir": "exportation", "export": "exporter", "l'export": "exportation",
}
DARIJA_AR_MARKERS = set(DARIJA_AR) | {"ديال", "ديالي", "ديالنا", "واش", "شنو", "باش", "غادي", "دابا", "بزاف", "كاين", "كاينة", "راه", "ماشي"}
# Latin words that are also ordinary French or English: they expand a Darija question but do not reveal one.
DARIJA_LATIN_AMBIGUOUS = {"fin", "export", "l'export", "wash", "dial", "sift", "bach", "banka", "tajin", "bosta"}
_CODE_TOKEN = re.compile(r"^[a-z]+\d{2,}$")
_ARABIZI_TOKEN = re.compile(r"^(?=.*[a-z])(?=.*[a-z][2379]|.*[2379][a-z])[a-z0-9']+$")

STEMMERS = {"en": "english", "fr": "french", "ar": "arabic"}


@functools.cache
def _stemmer(language: str):
    return snowballstemmer.stemmer(STEMMERS[language])


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def normalise_arabic(text: str) -> str:
    """Remove diacritics and tatweel; unify alef, yaa, taa marbuta, hamza carriers; Eastern digits → 0-9."""
    text = _DIACRITICS.sub("", text.translate(_DIGITS))
    text = _ALEF.sub("ا", text)
    return text.replace("ى", "ي").replace("ة", "ه").replace("ؤ", "و").replace("ئ", "ي").replace("ء", "")


_STOP_AR = {normalise_arabic(w) for w in STOP["ar"]}


def arabic_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if ARABIC_CHARS.match(c)) / len(letters)


def raw_tokens(text: str) -> list[str]:
    """Lower-cased word tokens (numbers such as 3.5 or 1,000 kept whole)."""
    return [t.lower() for t in _TOKEN.findall(text.translate(_DIGITS))]


def is_arabizi_token(token: str) -> bool:
    return bool(_ARABIZI_TOKEN.match(token)) and not _CODE_TOKEN.match(token)


_NORMALISED_DARIJA = {normalise_arabic(k): v for k, v in DARIJA_AR.items()}


def expand_darija(text: str) -> tuple[str, bool]:
    """Replace Darija words by MSA / French equivalents; returns (search text, whether Darija was seen).

    Only whole Darija words are replaced; every other word is kept as written.
    """
    out = []
    seen = False
    for token in raw_tokens(text):
        bare = normalise_arabic(token)
        # a one-letter proclitic (ف ب ل و) glued to a Darija word: فالديوانة → ف + الديوانة
        if bare not in _NORMALISED_DARIJA and len(bare) > 3 and bare[0] in "فبلو" and bare[1:] in _NORMALISED_DARIJA:
            bare = bare[1:]
        if token in DARIJA_AR or bare in _NORMALISED_DARIJA:
            out.append(DARIJA_AR.get(token) or _NORMALISED_DARIJA[bare])
            seen = True
        elif token in DARIJA_LATIN:
            out.append(DARIJA_LATIN[token])
            seen = seen or token not in DARIJA_LATIN_AMBIGUOUS
        else:
            out.append(token)
            seen = seen or token in DARIJA_AR_MARKERS or is_arabizi_token(token)
    return (" ".join(out) if seen else text), seen


_ELISIONS = {"l", "d", "j", "n", "s", "c", "qu", "m", "t", "jusqu", "lorsqu", "puisqu"}


def analyse(text: str, language: str) -> list[str]:
    """Search terms of a text in a language: normalised, stop words removed, stemmed (accents dropped)."""
    stemmer = _stemmer(language)
    out = []
    for token in raw_tokens(text):
        if "'" in token or "’" in token:
            head, _sep, tail = token.replace("’", "'").partition("'")
            # French elision (l'origine → origine); English possessive (children's → children)
            token = tail if language == "fr" and head in _ELISIONS else head if language == "en" else tail or head
        if language == "ar":
            token = normalise_arabic(token)
            if token in _STOP_AR:
                continue
            # the Arabic stemmer keeps the article on short words; drop it first
            if token.startswith("ال") and len(token) > 4:
                token = token[2:]
            elif token.startswith(("وال", "بال", "كال", "فال", "لل")) and len(token) > 5:
                token = token[3:] if not token.startswith("لل") else token[2:]
            if token in _STOP_AR:
                continue
        if token in STOP[language] or (len(token) < 2 and not token.isdigit()):
            continue
        if token.replace(".", "").replace(",", "").isdigit():
            out.append(token.replace(",", ""))
            continue
        stem = stemmer.stemWord(token)
        out.append(strip_accents(stem) if language != "ar" else normalise_arabic(stem))
    return out

"""Structural attributes that decide an HS code: material, construction, precious vs imitation, electric,
knitted vs woven, footwear upper and sole, gender.

Each value has trigger words in every language (to read the user's text), read from the language core's
craft vocabulary (``attribute_words(group, key)``), and the English words the HS 2022 texts use for it (to
read the candidates), kept here. A candidate whose own text names
another value of the same group, or excludes the user's value ("other than …", "excl. …", "not …"),
contradicts the description and ranks down. Pure Python.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tijara.language.stemming import ending_cuts, singular_forms
from tijara.language.vocabulary import vocabulary

from .text import fold, normalize_arabic, raw_tokens


@dataclass(frozen=True)
class Value:
    group: str
    key: str
    label: str  # English label used in evidence and questions
    triggers: tuple[str, ...]  # words/phrases in any supported language (folded at compile time)
    nom: tuple[str, ...]  # English phrases used by the nomenclature


def _v(group: str, key: str, label: str, nom: str) -> Value:
    """A value whose trigger words are the vocabulary's words for ``group:key`` (every language)."""
    return Value(group, key, label, tuple(vocabulary().attribute_words(group, key)), tuple(nom.split("|")))


# (group, key, English label, the English phrases the HS 2022 texts use); the words users write are in the
# language core's vocabulary (concepts carrying the attribute "group:key")
VALUES: tuple[Value, ...] = (
    # material
    _v("material", "wool", "wool", "wool|fine animal hair|woollen|woolen"),
    _v("material", "cotton", "cotton", "cotton"),
    _v("material", "silk", "silk", "silk"),
    _v("material", "linen", "linen or flax", "flax|linen"),
    # Chapter 54 Note 1: synthetic fibres are made by polymerisation of organic monomers (polyester, nylon …),
    # artificial fibres by transforming natural polymers (regenerated cellulose: viscose, cupro, modal, lyocell;
    # cellulose acetate); "man-made" covers both, and the apparel subheadings separate them (6204.43 / 6204.44)
    _v("material", "synthetic", "synthetic fibres",
       "synthetic|man-made|polyester|nylon|polypropylene|polyamides"),
    _v("material", "artificial", "artificial fibres (viscose, rayon)",
       "artificial fibre|artificial filament|artificial staple|man-made|viscose|rayon"),
    _v("material", "leather", "leather", "leather|composition leather"),
    _v("material", "fur", "fur", "furskin|fur"),
    _v("material", "wood", "wood", "wood|wooden"),
    _v("material", "bamboo", "bamboo", "bamboo"),
    _v("material", "rattan", "rattan", "rattan"),
    _v("material", "plaiting", "vegetable plaiting materials",
       "plaiting materials|vegetable materials|straw|vegetable plaiting"),
    _v("material", "paper", "paper", "paper|paperboard"),
    _v("material", "glass", "glass", "glass"),
    _v("material", "porcelain", "porcelain or china", "porcelain|china"),
    _v("material", "ceramic", "ceramic (earthenware, stoneware, terracotta)", "ceramic|earthenware|stoneware|pottery"),
    _v("material", "stone", "stone or marble", "stone|marble|granite|slate|travertine|alabaster"),
    _v("material", "iron", "iron or steel", "iron|steel|base metal"),
    _v("material", "copper", "copper or brass", "copper|brass|bronze|base metal"),
    _v("material", "aluminium", "aluminium", "aluminium"),
    _v("material", "silver", "silver", "silver|precious metal"),
    _v("material", "gold", "gold", "gold|precious metal"),
    _v("material", "plastic", "plastics", "plastics|plastic"),
    _v("material", "rubber", "rubber", "rubber"),
    # construction
    _v("construction", "knotted", "knotted", "knotted"),
    _v("construction", "woven", "woven", "woven"),
    _v("construction", "tufted", "tufted", "tufted"),
    _v("construction", "knitted", "knitted or crocheted", "knitted|crocheted|knitted or crocheted"),
    _v("construction", "felt", "felt", "felt"),
    # precious vs imitation
    _v("precious", "precious", "precious metal", "precious metal|silver|gold|platinum"),
    _v("precious", "imitation", "imitation (base metal, plated)", "imitation"),
    # electric
    _v("electric", "electric", "electric", "electric|electrical"),
    _v("electric", "nonelectric", "non-electric (candle)", "non-electrical|non-electric"),
    # state (food, animals, plants)
    _v("state", "live", "live", "live"),
    _v("state", "fresh", "fresh or chilled", "fresh|chilled"),
    _v("state", "frozen", "frozen", "frozen"),
    _v("state", "dried", "dried, salted or smoked", "dried|salted|smoked|brine"),
    # what kind of goods: parts, waste and scrap (the nomenclature gives them their own subheadings)
    _v("kind", "parts", "parts", "parts"),
    _v("kind", "waste", "waste and scrap", "waste|scrap"),
    # gender (apparel)
    _v("gender", "men", "men or boys", "men's|men|boys|boys'"),
    _v("gender", "women", "women or girls", "women's|women|girls|girls'"),
)

GROUP_QUESTIONS = {
    "construction": "Is it knotted (pile), woven (flat-woven), tufted or knitted?",
    "material": "What is it mainly made of: {options}?",
    "precious": "Is it solid silver or gold (precious metal), or imitation jewellery (base metal, plated)?",
    "electric": "Is it electric (bulb, wiring) or for candles (non-electric)?",
    "gender": "Is it for men/boys or for women/girls?",
    "sole": "What is the outer sole made of: leather, rubber/plastics, or textile/other material?",
    "upper": "Is the upper (the part above the sole) leather, textile or another material?",
}

_NEG = re.compile(r"\b(other than|excl\.?|excluding|except|not)\b([^;:(),]*)", re.IGNORECASE)
# a parenthesis opened by a negation negates every item it lists: "(other than wool, fine animal hair, cotton or
# synthetic fibres)", "(not printed, knitted or crocheted)"
_NEG_PAREN = re.compile(r"\((?:other than|excl\.?|excluding|except|not)\b([^()]*)\)", re.IGNORECASE)


def _compile(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    out = []
    for p in phrases:
        toks = tuple(raw_tokens(p))
        if toks:
            out.append(toks)
    return tuple(out)


_COMPILED = {v: (_compile(v.triggers), _compile(v.nom)) for v in VALUES}
_SYNTAX_FILE = Path(__file__).resolve().parent.parent / "data" / "hs" / "decision_rules.json"
_CLAUSE = re.compile(r"[,;:.!?()\[\]{}|/\u060c\u061b\u061f\n]+|\s[-\u2013\u2014]\s")
NEGATION_WINDOW = 3  # a negation reaches this many words back, over function words only


@lru_cache(maxsize=1)
def syntax() -> dict[str, frozenset[str]]:
    """Function words of the reading (``syntax`` of the rules file): negations, components, noun-phrase breaks."""
    raw = json.loads(_SYNTAX_FILE.read_text(encoding="utf-8")).get("syntax", {})
    out: dict[str, frozenset[str]] = {}
    for key, by_lang in raw.items():
        if isinstance(by_lang, dict):
            out[key] = frozenset(t for ws in by_lang.values() for w in ws for t in raw_tokens(w)[:1])
    return out


@lru_cache(maxsize=1)
def syntax_by_language() -> dict[str, dict[str, frozenset[str]]]:
    """The same function words per language, for a word whose sense depends on it (the French "or" is gold)."""
    raw = json.loads(_SYNTAX_FILE.read_text(encoding="utf-8")).get("syntax", {})
    return {key: {lg: frozenset(t for w in ws for t in raw_tokens(w)[:1]) for lg, ws in by_lang.items()}
            for key, by_lang in raw.items() if isinstance(by_lang, dict)}


def clause_tokens(text: str) -> tuple[list[str], list[int]]:
    """The text's tokens and, for each, the number of its clause (clauses end at punctuation)."""
    tokens: list[str] = []
    clause_of: list[int] = []
    for n, clause in enumerate(_CLAUSE.split(text or "")):
        toks = raw_tokens(clause)
        tokens += toks
        clause_of += [n] * len(toks)
    return tokens, clause_of


def negated(span: tuple[int, int], tokens: list[str], clause_of: list[int]) -> bool:
    """True when a negation word precedes the span in the same clause, with only "of/made of" between
    ("not knitted", "not of terry fabric", "غير مصنوع من التريكو"; not "non rembourrée en cuir", nor the
    Darija "غير ديال الصوف" = only of wool)."""
    words = syntax()
    negations, bridges = words.get("negations", frozenset()), words.get("negation_bridges", frozenset())
    after_made = words.get("negation_bridges_after_made", frozenset())
    s = span[0]
    for j in range(s - 1, max(-1, s - 1 - NEGATION_WINDOW), -1):
        if clause_of[j] != clause_of[s]:
            return False
        if tokens[j] in negations:
            return True
        if tokens[j] in bridges or (tokens[j] in after_made and j > 0 and tokens[j - 1] in bridges):
            continue
        return False
    return False
# the man-made materials: an imitation marker next to them names the material itself ("synthetic rubber" is rubber)
_MAN_MADE = frozenset({"synthetic", "plastic", "rubber"})


def imitated(span: tuple[int, int], tokens: list[str], clause_of: list[int]) -> bool:
    """True when an imitation marker stands right before the span (or before it and "of/en/de") or right after
    it, in the same clause ("faux suede", "imitation of leather", "cuir synthétique", "الشمواه الصناعي"): the
    material word then names what the goods imitate, not what they are made of."""
    words = syntax()
    markers, bridges = words.get("imitations", frozenset()), words.get("negation_bridges", frozenset())
    s, e = span
    j = s - 1
    while j >= 0 and clause_of[j] == clause_of[s] and tokens[j] in bridges and j > s - 3:
        j -= 1
    near = [k for k in (j, e) if 0 <= k < len(tokens) and clause_of[k] == clause_of[s]]
    return any(_keys(tokens[k]) & markers for k in near)


# article and proclitics; "دال" is Darija's short "ديال" (of) glued to the article ("زربية دالصوف")
_AR_PREFIXES = ("وبال", "وال", "بال", "كال", "فال", "دال", "لل", "ال", "و", "ب", "ل", "ف")


_LATIN_SUFFIXES = ("s", "es", "x", "e", "ed", "a", "ies")


@lru_cache(maxsize=50_000)
def _keys(tok: str) -> frozenset[str]:
    """Forms under which a user's token can match a trigger (plural/feminine endings, Arabic prefixes)."""
    out = {tok}
    if re.match("[\u0600-\u06ff]", tok):
        variants = {tok} | {tok[len(p):] for p in _AR_PREFIXES if tok.startswith(p) and len(tok) - len(p) >= 2}
        variants |= {f for v in variants for f in singular_forms(v)}  # أقلام → قلم, طاولات → طاوله
        for v in variants:  # real endings only: any last letter cut read باليد (by hand) as آلي (machine-made)
            out.add(v)
            out |= ending_cuts(v)
    else:
        for suf in _LATIN_SUFFIXES:
            if tok.endswith(suf) and len(tok) - len(suf) >= 3:
                out.add(tok[: -len(suf)])
    return frozenset(out)


def _find(tokens: list[str], phrases) -> list[tuple[int, int]]:
    """Spans of ``tokens`` where one of the compiled ``phrases`` occurs."""
    keys = [_keys(t) for t in tokens]
    allkeys = set().union(*keys) if keys else set()
    spans = []
    for ph in phrases:
        if ph[0] not in allkeys:
            continue
        n = len(ph)
        for i in range(len(tokens) - n + 1):
            if all(ph[k] in keys[i + k] for k in range(n)):
                spans.append((i, i + n))
    return spans


@dataclass
class Attributes:
    """Attribute values read from a user's text, with the words that triggered them."""

    values: dict[str, set[str]] = field(default_factory=dict)  # group -> keys
    words: dict[tuple[str, str], str] = field(default_factory=dict)  # (group,key) -> trigger word
    footwear: bool = False
    sole: str | None = None  # leather | rubber | other
    upper: str | None = None

    def has(self, group: str) -> bool:
        return bool(self.values.get(group))

    def describe(self) -> list[str]:
        out = [f"{g}: {k} ('{self.words.get((g, k), '')}')" for g, ks in self.values.items() for k in sorted(ks)]
        if self.upper:
            out.append(f"upper: {self.upper}")
        if self.sole:
            out.append(f"sole: {self.sole}")
        return out


_FOOTWEAR = _compile(("shoe", "shoes", "slipper", "slippers", "sandal", "sandals", "boot", "boots", "babouche", "babouches", "mule", "mules", "footwear", "sneaker", "chaussure", "chaussures", "pantoufle", "pantoufles", "sandale", "sandales", "botte", "bottes", "bottine", "espadrille", "mocassin", "بلغة", "بلغه", "بلاغي", "حذاء", "احذية", "صندل", "نعال", "شبشب", "belgha", "balgha", "bolgha", "sebbat", "sbabet", "sandala"))
_SOLE_EN = _compile(("sole", "soles", "soled"))  # material comes before: "rubber sole"
_SOLE_FR = _compile(("semelle", "semelles", "نعل", "سميلة", "smila"))  # material comes after: "semelle en cuir"
_UPPER_EN = _compile(("upper", "uppers"))
_UPPER_FR = _compile(("tige", "dessus", "empeigne", "الوجه"))
_SOLE_MAP = {"leather": "leather", "rubber": "rubber", "plastic": "rubber", "cotton": "other",
             "wool": "other", "synthetic": "other", "artificial": "other", "plaiting": "other", "wood": "other"}
_TEXTILE_KEYS = {"cotton", "wool", "silk", "linen", "synthetic", "artificial"}
# Fibres a composition line names that the vocabulary's material words leave out or read otherwise: synthetic
# fibres by Chapter 54 Note 1(a) (acrylic, modacrylic, elastane/spandex, aramid are polymerisation products),
# fine animal hair by Chapter 51 Note 1(b) (alpaca, mohair, angora, yak, vicuna, camel); "other" (hemp, ramie,
# metallised yarn) is a textile that only competes for the predominant share. Read only next to a share.
_COMPOSITION_FIBRES = {
    "acrylic": "synthetic", "acrylics": "synthetic", "modacrylic": "synthetic", "polyacrylic": "synthetic",
    "elastane": "synthetic", "spandex": "synthetic", "elasthane": "synthetic", "aramid": "synthetic",
    "polyamid": "synthetic", "acrylique": "synthetic", "polyamide": "synthetic",
    "alpaca": "wool", "mohair": "wool", "angora": "wool", "yak": "wool", "vicuna": "wool", "camel": "wool",
    "hemp": "other", "ramie": "other", "metallic": "other", "metallised": "other", "metallized": "other",
}
# English names of kinds of fabric that state the construction (see ``extract``); words with another common sense
# ("duck", "lawn", "oxford" shoes) and kinds made both ways (jacquard, velour) are left out
_FABRIC_KINDS = dict.fromkeys(("poplin", "broadcloth", "twill", "satin", "sateen", "denim", "voile", "batiste",
                               "cheesecloth", "printcloth"), "woven")
_FABRIC_KINDS.update(dict.fromkeys(("interlock", "raschel", "jersey", "jerseys"), "knitted"))
# Section XI Note 2(A): with no single textile predominating, the one of the heading last in numerical order among
# those that equally merit consideration (silk 50, wool 51, cotton 52, flax 53, man-made 54/55); Note 2(B)(c):
# chapters 54 and 55 count as one chapter against any other, so synthetic and artificial shares add up there
_TEXTILE_ORDER = {"silk": 50, "wool": 51, "cotton": 52, "linen": 53, "other": 53, "synthetic": 54, "artificial": 55}


def _predominant(shares: dict[str, int]) -> str:
    """(``shares`` in the order the text states them.) The material a composition's shares classify the goods by (Section XI Note 2): man-made fibres together
    against each other textile, then the larger of synthetic and artificial; on equal shares, the textile of the
    last heading, unless each share is the whole of a separate part ("shell 100% polyester, lining 100% cotton":
    the first stated, the outer part)."""
    man_made = shares.get("synthetic", 0) + shares.get("artificial", 0)
    others = {k: v for k, v in shares.items() if k not in ("synthetic", "artificial")}
    if man_made and (not others or man_made > max(others.values())) and max(shares.values()) < 100:
        # on equal shares the artificial fibres (5408, 5516 after 5407, 5515)
        return "artificial" if shares.get("artificial", 0) >= shares.get("synthetic", 0) else "synthetic"
    top = max(shares.values())
    tied = [k for k, v in shares.items() if v == top]
    if len(tied) == 1 or top == 100 or not all(k in _TEXTILE_ORDER for k in tied):
        return tied[0]
    return max(tied, key=lambda k: _TEXTILE_ORDER[k])


def extract(text: str) -> Attributes:
    """Read the attribute values stated in a user's text (any supported language)."""
    tokens, clause_of = clause_tokens(text)
    attrs = Attributes()
    spans_by_value: dict[Value, list[tuple[int, int]]] = {}
    look_after, look_before = syntax().get("appearance_after", frozenset()), syntax().get("appearance_before", frozenset())
    blends = syntax().get("blends", frozenset())
    for v in VALUES:
        # a negated word states the opposite ("not knitted", "غير إسفنجية"): it is not read as the value
        spans = [sp for sp in _find(tokens, _COMPILED[v][0]) if not negated(sp, tokens, clause_of)]
        if (v.group == "material" and v.key not in _MAN_MADE) or (v.group, v.key) == ("precious", "precious"):
            spans = [sp for sp in spans if not imitated(sp, tokens, clause_of)]  # "faux suede", "جلد صناعي"
        if v.group in ("material", "precious"):
            # "gold colour", "couleur or", "لون ذهبي", "wool look": a colour or a look, not the material
            spans = [(a, b) for a, b in spans
                     if not (a > 0 and tokens[a - 1] in look_before) and not (b < len(tokens) and tokens[b] in look_after)]
        if v.group == "material":
            # "linen blend": one fibre of a mixture, not the one that predominates (Section XI Subheading Note 2(A))
            spans = [(a, b) for a, b in spans if not (b < len(tokens) and tokens[b] in blends)]
        if spans:
            spans_by_value[v] = spans
            attrs.values.setdefault(v.group, set()).add(v.key)
            s = spans[0]
            attrs.words[(v.group, v.key)] = " ".join(tokens[s[0]:s[1]])
    # "60% cotton 40% polyester", "Polyester 65%, Cotton 35%": the material that predominates by weight decides
    # (Section XI Subheading Note 2); the share is the number on the side the text writes its numbers
    before: dict[str, int] = {}
    after: dict[str, int] = {}

    first_at: dict[str, int] = {}

    def share(key: str, a: int, b: int) -> None:
        for j, side in ((a - 1, before), (b, after)):
            if (0 <= j < len(tokens) and clause_of[j] == clause_of[a] and tokens[j].isdigit()
                    and 0 < int(tokens[j]) <= 100):
                side[key] = max(side.get(key, 0), int(tokens[j]))
                first_at[key] = min(first_at.get(key, a), a)

    for v, spans in spans_by_value.items():
        if v.group != "material":
            continue
        for a, b in spans:
            share(v.key, a, b)
    # fibres named only with their share ("70% acrylic", "5% elastane", "20% mohair"): read there and nowhere
    # else ("acrylic paint" is no fibre); a fibre of no value of its own ("hemp", "metallic") only competes
    for i, tok in enumerate(tokens):
        key = _COMPOSITION_FIBRES.get(tok)
        if key is not None:
            share(key, i, i + 1)
    shares = before if len(before) >= len(after) else after
    if len(shares) >= 2 or (shares and max(shares.values()) > 50):
        top_key = _predominant(dict(sorted(shares.items(), key=lambda kv: first_at[kv[0]])))
        # a material without a share stays when it is not a textile ("100% cotton tote with leather handles")
        kept = {k for k in attrs.values.get("material", set())
                if k == top_key or (k not in shares and k not in _TEXTILE_KEYS)}
        if top_key in _TEXTILE_KEYS and top_key not in kept:  # a fibre read from its share alone
            kept.add(top_key)
            attrs.words[("material", top_key)] = next(t for t in tokens if _COMPOSITION_FIBRES.get(t) == top_key)
        if kept:
            attrs.values["material"] = kept
        else:
            attrs.values.pop("material", None)
    # a fabric named by its kind states how it is made, when the text does not say it: the kinds of woven fabric the
    # nomenclature's woven-fabric lines name (5208-5212, 5407-5408, 5512-5516: poplin, twill, denim …) and of
    # knitted fabric its Chapter 60 lines or Chapter 61 headings name (interlock, raschel; jerseys, 6110)
    if not attrs.has("construction"):
        for i, tok in enumerate(tokens):
            key = _FABRIC_KINDS.get(tok)
            if key is not None and not negated((i, i + 1), tokens, clause_of):
                attrs.values["construction"] = {key}
                attrs.words[("construction", key)] = tok
                break
    # "non-electric" also contains "electric"
    if "nonelectric" in attrs.values.get("electric", set()):
        attrs.values["electric"] = {"nonelectric"}
    # French "or" is a conjunction: only count gold when the trigger was not the bare word.
    if _find(tokens, _FOOTWEAR):
        attrs.footwear = True
        sole_en = [s[0] for s in _find(tokens, _SOLE_EN)]
        sole_fr = [s[0] for s in _find(tokens, _SOLE_FR)]
        upper_en = [s[0] for s in _find(tokens, _UPPER_EN)]
        upper_fr = [s[0] for s in _find(tokens, _UPPER_FR)]

        def _near(i: int, before: list[int], after: list[int]) -> bool:
            return any(0 < p - i <= 2 for p in before) or any(0 < i - p <= 3 for p in after)

        for v, spans in spans_by_value.items():
            if v.group != "material":
                continue
            for s in spans:
                near_sole = _near(s[0], sole_en, sole_fr)
                near_upper = _near(s[0], upper_en, upper_fr)
                if near_sole and not near_upper:
                    attrs.sole = _SOLE_MAP.get(v.key, "other")
                elif attrs.upper is None:
                    attrs.upper = "textile" if v.key in _TEXTILE_KEYS else v.key
    return attrs


@dataclass(frozen=True)
class CandidateAttributes:
    pos: frozenset[tuple[str, str]]
    neg: frozenset[tuple[str, str]]
    sole: frozenset[str]
    upper: frozenset[str]


# Footwear structure of chapter 64 (HS 2022 texts of headings 6401-6405 and their subheadings).
_UPPER_BY_HS = {"6401": {"rubber"}, "6402": {"rubber"}, "6403": {"leather"}, "6404": {"textile"},
                "640510": {"leather"}, "640520": {"textile"}, "640590": {"other"}}
_SOLE_BY_HS = {"6401": {"rubber"}, "6402": {"rubber"}, "640312": {"rubber", "leather"},
               "640319": {"rubber", "leather"}, "640320": {"leather"}, "640340": {"rubber", "leather"},
               "640351": {"leather"}, "640359": {"leather"}, "640391": {"rubber"}, "640399": {"rubber"},
               "640411": {"rubber"}, "640419": {"rubber"}, "640420": {"leather"}, "6405": {"other"}}


def _sing(tok: str) -> str:
    if len(tok) > 4 and tok.endswith("ies"):
        return tok[:-3] + "y"
    if len(tok) > 3 and tok.endswith("s") and not tok.endswith("ss"):
        return tok[:-1]
    return tok


_NOM_PADDED = {v: tuple(" " + " ".join(_sing(t) for t in ph) + " " for ph in _COMPILED[v][1]) for v in VALUES}


def _padded(text: str) -> str:
    return " " + " ".join(_sing(t) for t in raw_tokens(text)) + " "


@lru_cache(maxsize=20000)
def candidate_attributes(hs6: str, text: str) -> CandidateAttributes:
    """Attribute values that an HS text names (pos) or excludes (neg)."""
    folded = re.sub(r"\bwhether or not\b", " ", fold(text))
    listed = [m.group(1) for m in _NEG_PAREN.finditer(folded)]
    folded_rest = _NEG_PAREN.sub(" ", folded)
    neg_text = _padded(" ".join(listed + [m.group(2) for m in _NEG.finditer(folded_rest)]))
    pos_text = _padded(_NEG.sub(" ", folded_rest))
    pos, neg = set(), set()
    for v in VALUES:
        nom = _NOM_PADDED[v]
        if any(p in pos_text for p in nom):
            pos.add((v.group, v.key))
        if any(p in neg_text for p in nom):
            neg.add((v.group, v.key))
    # parts/waste only when the subheading *is* parts or waste ("Cycles; parts thereof"), not "… and parts thereof"
    pos.discard(("kind", "parts"))
    pos.discard(("kind", "waste"))
    head, _sep, rest = folded.partition(";")
    if re.search(r"\bparts\b", head) or re.match(r"\s*(parts|parts and accessories)\b", rest):
        pos.add(("kind", "parts"))
    if re.search(r"\b(waste|scrap)\b", head) or re.match(r"\s*(waste|scrap)\b", rest):
        pos.add(("kind", "waste"))
    if "non-electric" in folded or "non-electrical" in folded:
        pos.discard(("electric", "electric"))
        pos.add(("electric", "nonelectric"))
    upper = _UPPER_BY_HS.get(hs6) or _UPPER_BY_HS.get(hs6[:4]) or set()
    sole = _SOLE_BY_HS.get(hs6) or _SOLE_BY_HS.get(hs6[:4]) or set()
    return CandidateAttributes(frozenset(pos), frozenset(neg), frozenset(sole), frozenset(upper))


def compare(attrs: Attributes, cand: CandidateAttributes) -> tuple[int, int, list[str]]:
    """(matches, contradictions, notes) between the user's attributes and a candidate's text."""
    match = contra = 0
    notes: list[str] = []
    for group, keys in attrs.values.items():
        cand_keys = {k for g, k in cand.pos if g == group}
        cand_neg = {k for g, k in cand.neg if g == group}
        if keys & cand_keys:
            match += 1
            notes.append(f"+{group}:{','.join(sorted(keys & cand_keys))}")
        elif keys & cand_neg or (cand_keys and not keys & cand_keys):
            if group == "material" and attrs.footwear and (cand.upper or cand.sole):
                continue  # footwear materials are judged on upper and sole below
            contra += 1
            notes.append(f"-{group}:{','.join(sorted(keys))}")
    if attrs.footwear:
        if attrs.upper and cand.upper:
            if attrs.upper in cand.upper:
                match += 1
                notes.append(f"+upper:{attrs.upper}")
            else:
                contra += 1
                notes.append(f"-upper:{attrs.upper}")
        if attrs.sole and cand.sole:
            if attrs.sole in cand.sole:
                match += 1
                notes.append(f"+sole:{attrs.sole}")
            else:
                contra += 1
                notes.append(f"-sole:{attrs.sole}")
    return match, contra, notes


def normalise_trigger(word: str) -> str:
    return normalize_arabic(fold(word))


def _version() -> str:
    import hashlib

    # a candidate's attributes depend on the nomenclature phrases only, not on the user-side trigger words
    spec = repr(([(v.group, v.key, v.nom) for v in VALUES], sorted(_UPPER_BY_HS.items()), sorted(_SOLE_BY_HS.items()),
                 _NEG.pattern, _NEG_PAREN.pattern))
    return hashlib.sha256(spec.encode()).hexdigest()[:16]


ATTR_VERSION = _version()


def dump_candidate_attributes(texts: dict[str, str]) -> dict:
    """Candidate attributes of every subheading, for shipping with the corpus (read back by ``load_…``)."""
    data = {}
    for code, text in texts.items():
        ca = candidate_attributes(code, text)
        data[code] = [sorted(map(list, ca.pos)), sorted(map(list, ca.neg)), sorted(ca.sole), sorted(ca.upper)]
    return {"version": ATTR_VERSION, "data": data}


class ShippedAttributes(dict):
    """Subheading → its shipped :class:`CandidateAttributes`, each built from the payload when first asked (building
    all of them at start was ≈ 0.05 s of a cold process's first call, which reads a few dozen)."""

    def __init__(self, rows: dict[str, list]):
        super().__init__()
        self._rows = rows

    def get(self, code, default=None):
        found = super().get(code)
        if found is None and code in self._rows:
            pos, neg, sole, upper = self._rows[code]
            found = self.setdefault(code, CandidateAttributes(frozenset(map(tuple, pos)), frozenset(map(tuple, neg)),
                                                              frozenset(sole), frozenset(upper)))
        return default if found is None else found


def load_candidate_attributes(payload: dict | None) -> dict[str, CandidateAttributes]:
    """The shipped candidate attributes (read with ``get``), or {} when they were built from other attribute
    definitions."""
    if not payload or payload.get("version") != ATTR_VERSION:
        return {}
    return ShippedAttributes(payload["data"])

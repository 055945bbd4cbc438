"""Decision layer: product type × material × use/finish → HS 2022 subheading, as data
(``data/hs/decision_rules.json``), each rule citing the legal text it rests on. Pure Python.

``read`` finds the product types a text names (in English, French, Arabic, Darija, Spanish — the rules' own
words plus the words of the mapped concepts of the language core's vocabulary) and the extra
attributes the rules need (pearls cultured or imitation, stuffed or not, ceiling or table fitting, cosmetic or
food use …); the material, construction, precious/imitation, electric and gender groups and the footwear
sole and upper come from :mod:`.attributes`. ``apply`` returns, per subheading, the rules that lead to it and
whether every condition is stated in the text (``full``) or some is still open (``open`` → a question).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .attributes import _AR_PREFIXES, Attributes, _compile, _find, clause_tokens, imitated, negated, syntax
from .text import raw_tokens

_NATIVE_LANGS = ("fr", "en")  # Latin-script languages whose words can be false friends of each other
RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "hs" / "decision_rules.json"


@dataclass(frozen=True)
class TypeDef:
    id: str
    phrases: tuple
    hs4: tuple[str, ...]
    rank: int
    expand: str
    own: frozenset = frozenset()  # the rules file's own phrases (the vocabulary's concepts may be broader)
    concepts: frozenset[str] = frozenset()  # the vocabulary's concepts whose words the type reads
    ornamental: str = ""  # the type the goods are when stated to be decorative (a plate for display: an ornament)


@dataclass(frozen=True)
class Rule:
    type: str
    when: tuple[tuple[str, frozenset[str]], ...]
    unless: tuple[tuple[str, frozenset[str]], ...]
    hs6: tuple[str, ...]
    cite: str
    why: str


@dataclass
class Reading:
    """What the text says: product types (main first) and attribute values, with the words that gave them."""

    types: list[str] = field(default_factory=list)
    type_words: dict[str, str] = field(default_factory=dict)
    type_spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # where each type's word stands
    typed: set[tuple[int, int]] = field(default_factory=set)  # every span a type's word reads
    values: dict[str, set[str]] = field(default_factory=dict)
    words: dict[tuple[str, str], str] = field(default_factory=dict)
    modifiers: set[str] = field(default_factory=set)  # words of product types that only qualify the product
    # the text's tokens, the noun phrase of each and whether a phrase names a part ("with …"): the classifier
    # reads the head of the first noun phrase of any description from them (not only of the craft types)
    tokens: list[str] = field(default_factory=list)
    chunk_of: list[int] = field(default_factory=list)
    component: dict[int, bool] = field(default_factory=dict)

    @property
    def main(self) -> str | None:
        return self.types[0] if self.types else None

    def has(self, group: str) -> bool:
        return bool(self.values.get(group))


@dataclass
class Outcome:
    hs6: str
    weight: float  # 1 for the main type, less for the others
    full: bool  # every condition stated in the text
    rule: Rule
    open_groups: tuple[str, ...] = ()
    stated: float = 1.0  # share of the rule's conditions the text states


class Rules:
    def __init__(self, path: Path = RULES_FILE):
        raw = json.loads(path.read_text(encoding="utf-8"))
        self.types: dict[str, TypeDef] = {}
        concepts = _vocabulary_concepts()
        by_lang = _vocabulary_concepts(by_language=True)
        # per language of the text (fr, en): every type's words in that language, and every product word of it
        self.native: dict[str, dict[str, tuple]] = {lg: {} for lg in _NATIVE_LANGS}
        self.native_all: dict[str, tuple] = {}
        for lg in _NATIVE_LANGS:
            for tid, t in raw["types"].items():
                own = list(t["words"].get(lg, ()))
                own += [w for cid in t.get("vocabulary", ()) for w in by_lang.get(cid, {}).get(lg, ())]
                self.native[lg][tid] = _compile(tuple(dict.fromkeys(own)))
            product_words = [w for ws in by_lang.values() for w in ws.get(lg, ())]
            self.native_all[lg] = tuple(dict.fromkeys(
                [ph for phs in self.native[lg].values() for ph in phs] + list(_compile(tuple(product_words)))))
        for tid, t in raw["types"].items():
            words = tuple(w for ws in t["words"].values() for w in ws)
            # the language core's craft vocabulary (one word list for every app) names the same products
            for cid in t.get("vocabulary", ()):
                if cid in concepts:
                    words += tuple(w for w in concepts[cid] if w not in words)
            own = frozenset(_compile(tuple(w for ws in t["words"].values() for w in ws)))
            self.types[tid] = TypeDef(tid, _compile(words), tuple(t["hs4"]), int(t.get("rank", 1)), t.get("expand", ""),
                                      own, frozenset(t.get("vocabulary", ())), t.get("ornamental", ""))
        self.grammar = {lg: frozenset(t for w in raw.get("syntax", {}).get("breaks", {}).get(lg, ()) for t in raw_tokens(w))
                        for lg in _NATIVE_LANGS}
        self.attributes: dict[str, dict[str, tuple]] = {
            g: {k: _compile(tuple(ws)) for k, ws in vals.items()} for g, vals in raw["attributes"].items()}
        self.exclusive: frozenset[str] = frozenset(raw.get("exclusive", ()))
        self.rules: list[Rule] = [
            Rule(r["type"], tuple((g, frozenset(v)) for g, v in r["when"].items()),
                 tuple((g, frozenset(v)) for g, v in r.get("unless", {}).items()), tuple(r["hs6"]), r["cite"], r["why"])
            for r in raw["rules"]]
        self.by_type: dict[str, list[Rule]] = {}
        for rule in self.rules:
            self.by_type.setdefault(rule.type, []).append(rule)

    def read(self, text: str, attrs: Attributes, lang: str = "en") -> Reading:
        tokens, clause_of = clause_tokens(text)
        reading = Reading()
        matches: list[tuple[int, int, str]] = []
        exact: set[tuple[int, int, str]] = set()
        named = _vocabulary_products(tokens)
        # words of the text's language name what they mean in it: a type reached only through another language's
        # word drops where some product has those words in the text's language (French "baskets" are sneakers)
        native = set(_find(tokens, self.native_all[lang])) if self.written_in(tokens, lang) else set()
        for tid, t in self.types.items():
            for s, e in _find(tokens, t.phrases):
                if (s, e) in native and (s, e) not in _find(tokens, self.native[lang][tid]):
                    continue
                # a type's word inside a longer name of another product is not that type ("tapis de course" is
                # a treadmill, not a rug; "سروال داخلي" is underwear, not trousers)
                if any(vs <= s and e <= ve and ve - vs > e - s and cid not in t.concepts for vs, ve, cid in named):
                    continue
                matches.append((s, e, tid))
                if _written_out(tokens[s:e], t.phrases):
                    exact.add((s, e, tid))
        # a phrase inside a longer matched phrase does not count ("dog collar" hides "collar"), and on the same
        # words a type whose word is written out beats one reached through an ending cut ("سلهام" is not "سلة")
        kept = [m for m in matches if not any(o[0] <= m[0] and m[1] <= o[1] and (o[1] - o[0]) > (m[1] - m[0])
                                              for o in matches)
                and (m in exact or not any(o[:2] == m[:2] for o in exact))]
        chunk_of, component = _noun_phrases(tokens, clause_of, kept)
        reading.typed = {m[:2] for m in kept}
        reading.tokens, reading.chunk_of, reading.component = tokens, chunk_of, component
        if lang != "en":
            # head first (Arabic, French): a type's word after another product's name in the same phrase
            # qualifies that product ("جمبسوت تريكو" is a knitted jumpsuit, not a jumper), when no type reads it
            # (or when a type reads it, in Arabic, whose words qualify a noun after it, "زربية صوف بالعقد": a
            # type whose headings the head's type does not share; in French a noun after a noun is a new product)
            typed = {i for s, e, _t in kept for i in range(s, e)}
            heads = [(vs, ve, cid) for vs, ve, cid in named if not typed & set(range(vs, ve))]
            qualifying = [m for m in kept if any(ve <= m[0] and chunk_of[vs] == chunk_of[m[0]]
                                                 and cid not in self.types[m[2]].concepts for vs, ve, cid in heads)]
            if lang in ("ar", "ary"):
                # the prepositional form ("بالعقد", by knotting) reaches over "ديال" to the product of its clause
                def prepositional(m: tuple[int, int, str]) -> bool:
                    tok = tokens[m[0]]
                    return tok.startswith("ب") and tok not in {ph[0] for ph in self.types[m[2]].phrases}
                qualifying += [m for m in kept if m not in qualifying and any(
                    h[1] <= m[0] and h not in qualifying and not set(self.types[h[2]].hs4) & set(self.types[m[2]].hs4)
                    and (chunk_of[h[0]] == chunk_of[m[0]] or (clause_of[h[0]] == clause_of[m[0]] and prepositional(m)))
                    for h in kept)]
            for s, e, _t in qualifying:
                reading.modifiers.update(tokens[s:e])
            kept = [m for m in kept if m not in qualifying]
        # product words side by side form one compound, whose head is its last word in English ("kilim pillow
        # cover", "lantern candle holder") and its first in French and Arabic ("pouf kilim"); words that only
        # state an attribute (material, construction, frame …) between them leave the compound whole ("zellige
        # framed mirror", "زربية صوف بالعقد"); the other words of the compound only qualify its head. The product is the first compound of the text (a seller's title
        # names it first, a ruling right after "is a"); a compound in a phrase opened by "with/avec/مع" names
        # a part ("with leather handles", "avec cadre"), not the product.
        head_last = lang == "en"
        # (not a material: a noun that often starts the next phrase of a seller's title, "dress cotton jersey")
        attr_words = {t for (g, _k), w in attrs.words.items() if w and g != "material" for t in w.split()}
        attr_at = {i for i, t in enumerate(tokens) if t in attr_words}
        attr_at |= {i for g, vals in self.attributes.items() if g != "material" for ph in vals.values()
                    for a, b in _find(tokens, ph) for i in range(a, b)}
        compounds: list[list[tuple[int, int, str]]] = []
        for m in sorted(kept):
            last = compounds[-1][-1] if compounds else None
            if last is not None and chunk_of[m[0]] == chunk_of[last[0]] and (
                    m[0] <= last[1] or (len({c[:2] for c in compounds[-1]}) == 1 and all(i in attr_at for i in range(last[1], m[0])))):
                compounds[-1].append(m)
            else:
                compounds.append([m])
        firsts: dict[str, tuple] = {}
        order = {tid: n for n, tid in enumerate(self.types)}

        def preference(m: tuple[int, int, str]) -> tuple[int, int]:
            # on the same words, the type whose own words name them first ("chaise" is a seat before furniture)
            return (0 if tuple(tokens[m[0]:m[1]]) in self.types[m[2]].own else 1, order[m[2]])

        own_en = {tid: set(_find(tokens, self.native["en"][tid])) for _s, _e, tid in kept} if head_last else {}
        for comp in compounds:
            edge = comp[-1] if head_last else comp[0]
            head = min((m for m in comp if m[:2] == edge[:2]), key=preference)
            if component.get(chunk_of[head[0]], False):
                reading.modifiers.update(w for s, e, _t in comp for w in tokens[s:e])
                continue  # a part named after "with/avec/مع", not the product
            # a word of the compound whose type shares a heading with the head's names a kind of it ("kilim
            # rug", "زربية حنبل"): it stays, and the narrower type (fewer headings) leads; any other qualifies
            # the head ("kilim pillow cover") and is not a product type of the text
            heads_hs4 = set(self.types[head[2]].hs4)
            # (in English, only through an English word of its type: the French "short" before "jacket" is an
            # adjective, not shorts)
            english = {m for m in comp if m[:2] in own_en.get(m[2], ())} if head_last else set(comp)
            kinds = [m for m in comp if m[2] == head[2] or m[:2] == head[:2]
                     or (set(self.types[m[2]].hs4) & heads_hs4 and m in english)]
            for s, e, tid in comp:
                if (s, e, tid) not in kinds:
                    reading.modifiers.update(tokens[s:e])
            width = len(self.types[head[2]].hs4)
            kinds.sort(key=lambda m: (width, 0, preference(m)) if m[:2] == head[:2]
                       else (len(self.types[m[2]].hs4), 1, preference(m)))
            for n, (s0, e0, tid) in enumerate(kinds):
                # a word reached by cutting an ending comes after one written out
                pos = (int((s0, e0, tid) not in exact), comp[0][0], n)
                if tid not in firsts or pos < firsts[tid]:
                    firsts[tid] = pos
                    reading.type_words[tid] = " ".join(tokens[s0:e0])
                    reading.type_spans[tid] = (s0, e0)
        # a type that is also a head elsewhere is not a modifier
        reading.modifiers -= {w for tid in firsts for w in reading.type_words[tid].split()}
        reading.types = sorted(firsts, key=lambda tid: (self.types[tid].rank, firsts[tid]))
        for g, ks in attrs.values.items():
            reading.values[g] = set(ks)
            for k in ks:
                reading.words[(g, k)] = attrs.words.get((g, k), "")
        if attrs.sole:
            reading.values["sole"] = {attrs.sole}
        if attrs.upper:
            reading.values["upper"] = {attrs.upper}
        # a word that names a product whose rules never read an attribute is not that attribute ("عقد" is a
        # necklace, or the knotting of a rug when it qualifies the rug: "زربية صوف بالعقد"; "table lamp" names
        # a lamp and its fitting, which the lamp's rules read)
        for g, vals in self.attributes.items():
            product_at = {i for tid in reading.types if g not in self.groups_read(tid)
                          for i in range(*reading.type_spans[tid])}
            spans = {k: [sp for sp in _find(tokens, ph) if not negated(sp, tokens, clause_of)
                         and not (g == "material" and imitated(sp, tokens, clause_of))
                         and not (g != "material" and set(range(*sp)) <= product_at)] for k, ph in vals.items()}
            found: dict[str, tuple[int, int]] = {}
            for k, sp in spans.items():
                # "non rembourré" hides "rembourré": a value whose every span sits inside another value's span drops
                others = [o for kk, osp in spans.items() if kk != k for o in osp]
                live = [x for x in sp if not any(o[0] <= x[0] and x[1] <= o[1] and o != x for o in others)]
                if live:
                    found[k] = min(live)
            if g in self.exclusive and len(found) > 1:
                # one value only (stuffed or not, framed or not): the first stated describes the goods as
                # presented ("unstuffed pouf cover …, filled after importation")
                first = min(found, key=found.get)
                found = {first: found[first]}
            for k, (a, b) in found.items():
                reading.values.setdefault(g, set()).add(k)
                reading.words[(g, k)] = " ".join(tokens[a:b])
        # an article stated to be decorative, ornamental or for display, and to no use at the table, is an
        # ornament (headings 6911-6912 against 6913, 4419 against 4420, 7013.49 against 7013.99)
        if "decorative" in reading.values.get("display", ()) and "table" not in reading.values.get("table_use", ()):
            for tid in list(reading.types):
                orn = self.types[tid].ornamental
                if orn and orn in self.types:
                    reading.types = list(dict.fromkeys(orn if t == tid else t for t in reading.types))
                    reading.type_words.setdefault(orn, reading.type_words.get(tid, ""))
                    if tid in reading.type_spans:
                        reading.type_spans.setdefault(orn, reading.type_spans[tid])
        return reading

    def groups_read(self, tid: str) -> set[str]:
        """The attribute groups some rule of the type reads (in ``when`` or ``unless``)."""
        return {g for rule in self.by_type.get(tid, []) for g, _v in rule.when + rule.unless}

    def qualify(self, reading: Reading, heads: dict[int, int], lang: str = "en") -> None:
        """A product type whose word only qualifies the head of its noun phrase, a product noun no type reads,
        is not the product ("belt sanders" are sanders, "drum crushers" crushers): its rules do not fire and its
        word counts as a modifier. ``heads``: noun phrase number → position of its head, the last word of the
        phrase in English, the first in French and Arabic (``syntax.breaks`` cut the phrases); a head that a
        type or an attribute reads ("kilim rug", "leather pouf") leaves every type in place."""
        tokens, chunk_of = reading.tokens, reading.chunk_of
        read = {i for s, e in reading.typed for i in range(s, e)}
        attr_words = {t for w in reading.words.values() if w for t in w.split()}
        head_last = lang == "en"
        drop = []
        for tid, (s, e) in reading.type_spans.items():
            head = heads.get(chunk_of[s])
            if (tid in reading.types and head is not None and head not in read and tokens[head] not in attr_words
                    and (head >= e if head_last else head < s)):
                drop.append(tid)
        for tid in drop:
            s, e = reading.type_spans[tid]
            reading.modifiers.update(tokens[s:e])
        reading.types = [t for t in reading.types if t not in drop]

    def written_in(self, tokens: list[str], lang: str) -> bool:
        """Whether the text is written in ``lang`` (fr or en), not only detected as it: one of its grammar words
        (``syntax.breaks``: "en", "de", "pour"; "of", "for") is there. Names alone ("velvet culottes") leave the
        language open, and then every language's sense of a word stays."""
        return lang in _NATIVE_LANGS and bool(set(tokens) & self.grammar.get(lang, frozenset()))

    def apply(self, reading: Reading) -> list[Outcome]:
        """Every rule of the types read that the text does not contradict."""
        out: list[Outcome] = []
        for n, tid in enumerate(reading.types[:3]):
            weight = 1.0 if n == 0 else 0.5
            for rule in self.by_type.get(tid, []):
                open_groups = []
                ok = not any(reading.values.get(g, set()) & vals for g, vals in rule.unless)
                for g, allowed in rule.when:
                    have = reading.values.get(g)
                    if not have:
                        open_groups.append(g)
                    elif not have & allowed:
                        ok = False
                        break
                if ok:
                    stated = 1 - len(open_groups) / len(rule.when) if rule.when else 1.0
                    for code in rule.hs6:
                        out.append(Outcome(code, weight, not open_groups, rule, tuple(open_groups), stated))
        return out


    def excluded(self, reading: Reading, outcomes: list[Outcome] | None = None) -> set[str]:
        """Subheadings that only contradicted rules of the main product type lead to (argan oil for the skin
        is not the food oil of 1515.90; a bone box is not the wooden box of 4420.90)."""
        main = reading.main
        if main is None:
            return set()
        live = {o.hs6 for o in (self.apply(reading) if outcomes is None else outcomes)}
        out: set[str] = set()
        for rule in self.by_type.get(main, []):
            against = any(reading.values.get(g, set()) & vals for g, vals in rule.unless) or any(
                reading.values.get(g) and not reading.values[g] & allowed for g, allowed in rule.when)
            if against:
                out.update(c for c in rule.hs6 if c not in live)
        return out


def _written_out(words: list[str], phrases) -> bool:
    """The words are one of the phrases as written, an Arabic article or preposition aside ("الزربية");
    not a form reached by cutting an ending ("plated" is not the French "plat")."""
    def same(tok: str, p: str) -> bool:
        return tok == p or any(tok.startswith(pre) and tok[len(pre):] == p for pre in _AR_PREFIXES)
    return any(len(ph) == len(words) and all(same(t, p) for t, p in zip(words, ph, strict=True)) for ph in phrases)


def _noun_phrases(tokens: list[str], clause_of: list[int], matches: list[tuple[int, int, str]]
                  ) -> tuple[list[int], dict[int, bool]]:
    """Noun phrase number of each token and whether the phrase is a component ("with …", "avec …", "مع …").

    A phrase ends at punctuation, a function word or a number ("Rug 6x9 ft", "bowl for the table"), except
    inside a matched product phrase ("hand of fatima", "housse de coussin")."""
    words = syntax()
    breaks, components = words.get("breaks", frozenset()), words.get("components", frozenset())
    inside = {i for s, e, _t in matches for i in range(s + 1, e)}
    chunk_of: list[int] = []
    component: dict[int, bool] = {}
    n = 0
    for i, tok in enumerate(tokens):
        if i not in inside and i > 0 and (clause_of[i] != clause_of[i - 1] or tok in breaks or tok in components
                                          or any(ch.isdigit() for ch in tok)):
            n += 1
            if tok in components:
                component[n] = True
        chunk_of.append(n)
    return chunk_of, component


def _vocabulary_products(tokens: list[str]) -> list[tuple[int, int, str]]:
    """Spans of the product names of the language core's vocabulary in the tokens: (start, end, concept id)."""
    try:
        from tijara.language.vocabulary import vocabulary
    except ImportError:
        return []
    return [(m.start, m.end, m.concept.id) for m in vocabulary().find(" ".join(tokens)) if m.concept.kind == "product"]


def _vocabulary_concepts(by_language: bool = False) -> dict:
    """Words of every concept of the language core's vocabulary ({} when it is not available); by language, only
    of the product concepts."""
    try:
        from tijara.language.vocabulary import vocabulary
    except ImportError:
        return {}
    if by_language:
        return {c.id: c.words for c in vocabulary().concepts if c.kind == "product"}
    return {c.id: c.all_words() for c in vocabulary().concepts}


@lru_cache(maxsize=1)
def get_rules() -> Rules:
    return Rules()

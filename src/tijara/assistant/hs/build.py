"""Build the shipped HS corpus, the held-out development set and the embedding matrix.

Run once by a maintainer (never at request time)::

    DJANGO_SETTINGS_MODULE=tijara.settings python -m tijara.assistant.hs.build --shared ../shared/data
    DJANGO_SETTINGS_MODULE=tijara.settings python -m tijara.assistant.hs.build --examples-only   # only re-embed data/hs/labelled/*.csv

Inputs (public data, see ``data/hs/SOURCES.md``): the HS 2022 nomenclature (UN Comtrade texts), the EU
Combined Nomenclature 2023 CN8 lines in English and French (Eurostat) and the US HTS 2024 lines
(USITC). A deterministic slice of the CN8 and HTS lines is held out as development data: those lines are
written to ``data/eval/`` after a seller-style rewrite and are never put in the index.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import re
from pathlib import Path

from .attributes import dump_candidate_attributes
from .text import content_words, strip_exclusions

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"
HOLDOUT_MODULUS = 10  # one line in ten is held out


def _bucket(key: str) -> int:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)


def is_held_out(key: str) -> bool:
    """A line is held out when its code hashes into bucket 0 (deterministic, label-blind)."""
    return _bucket(key) % HOLDOUT_MODULUS == 0


def split_of(key: str) -> str:
    """Held-out lines are split again: 'dev' for tuning, 'test' for the reported figures."""
    return "dev" if (_bucket(key) // HOLDOUT_MODULUS) % 2 == 0 else "test"


_PAREN = re.compile(r"\([^()]*\)")
_DROP = re.compile(
    r"\b(whether or not made up|whether or not [a-z-]+(?: or [a-z-]+)?|n\.e\.s\.?|n\.e\.c\.?|thereof|and the like|of a kind used"
    r"|même [a-zé-]+|non dénommés? ni compris ailleurs|n\.d\.a\.?|simil\.?)\b",
    re.IGNORECASE,
)
_STARTS_BAD = re.compile(
    r"^(other|others|autres?|of |with |for |valued|containing|in |weighing|measuring|imported|certified|not |"
    r"n\.e\.s|having|subject|described|the |\$|described|entered|excluding)",
    re.IGNORECASE,
)


def seller_rewrite(text: str) -> str:
    """Rewrite an official line the way a seller would type it (deterministic).

    Parenthesised exclusions, legal fillers ("whether or not …", "n.e.s.") and punctuation go, the text
    is lower-cased and cut to 14 words.
    """
    t = text
    for _ in range(3):
        t = _PAREN.sub(" ", t)
    t = _DROP.sub(" ", t)
    t = re.sub(r"[;:,\"“”]", " ", t)
    t = re.sub(r"\s+", " ", t).strip(" .-").lower()
    words = t.split()
    return " ".join(words[:14])


def _holdout_set(rows: list[dict], key_of) -> set[str]:
    """Keys of the lines to hold out: hashed into bucket 0, and only where the subheading keeps at least one
    other line of the same source in the index (so no subheading loses its only French or US text)."""
    by_hs6: dict[str, list[str]] = {}
    for r in rows:
        by_hs6.setdefault(r["hs6"], []).append(key_of(r))
    held: set[str] = set()
    for keys in by_hs6.values():
        if len(keys) < 2:
            continue
        chosen = [k for k in keys if is_held_out(k)]
        if len(chosen) == len(keys):
            chosen = chosen[1:]
        held.update(chosen)
    return held


def _usable(text: str) -> bool:
    if not text or _STARTS_BAD.match(text.strip()):
        return False
    if re.search(r"[\d$%]", text):
        return False
    return len(content_words(seller_rewrite(text))) >= 2


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def build(shared: Path, *, embed: bool = True) -> dict:
    hs_rows = [r for r in _rows(shared / "hs/hs2022_nomenclature_en.csv")
               if r["section"] != "TOTAL" and r["level"] in {"2", "4", "6"}]
    chapters = {r["hscode"]: r["description"] for r in hs_rows if r["level"] == "2"}
    headings = {r["hscode"]: r["description"] for r in hs_rows if r["level"] == "4"}
    hs6 = {r["hscode"]: {"en": r["description"], "fr": [], "section": r["section"]}
           for r in hs_rows if r["level"] == "6"}
    docs: list[list[str]] = []  # [hs6, kind, lang, text]
    indexed_lines: list[str] = []  # cn8:/hts: keys of the official lines put in the index
    for code, rec in hs6.items():
        docs.append([code, "hs", "en", rec["en"]])
    eval_rows: list[dict] = []
    cn_rows = [r for r in _rows(shared / "hs/cn2023_cn8_en_fr.csv") if r["hs6"] in hs6]
    cn_hold = _holdout_set(cn_rows, lambda r: "cn8:" + r["cn8"])
    for r in cn_rows:
        code = r["hs6"]
        hs6[code]["fr"].append(r["description_fr"])
        key = "cn8:" + r["cn8"]
        if key in cn_hold:
            for lang, col in (("en", "description_en"), ("fr", "description_fr")):
                if _usable(r[col]):
                    eval_rows.append({"id": f"{key}:{lang}", "split": split_of(key), "lang": lang,
                                      "text": seller_rewrite(r[col]), "hs6": code,
                                      "source": "EU CN 2023 " + r["cn8"]})
            continue
        indexed_lines.append(key)
        docs.append([code, "cn8", "en", r["description_en"]])
        docs.append([code, "cn8", "fr", r["description_fr"]])
    hts_rows = [r for r in _rows(shared / "tariffs/us_hts_2024_handicraft_chapters.csv")
                if r["level_digits"] in {"8", "10"} and r["hs6"] in hs6]
    hts_hold = _holdout_set([r for r in hts_rows if r["level_digits"] == "10"], lambda r: "hts:" + r["hts_code"])
    for r in hts_rows:
        code = r["hs6"]
        segs = [s.strip().rstrip(":") for s in r["description_path"].split(" > ")]
        own = segs[-1]
        parents = [s for s in segs[1:-1] if not re.match(r"^other\b", s, re.IGNORECASE)]
        key = "hts:" + r["hts_code"]
        if key in hts_hold:
            if _usable(own):
                text = own if len(own.split()) >= 4 or not parents else f"{own}, {parents[-1]}"
                eval_rows.append({"id": key, "split": split_of(key), "lang": "en",
                                  "text": seller_rewrite(text), "hs6": code,
                                  "source": "US HTS 2024 " + r["hts_dotted"]})
            continue
        if re.match(r"^other\b", own, re.IGNORECASE) and not parents:
            continue
        indexed_lines.append(key)
        tail = ([] if re.match(r"^other\b", own, re.IGNORECASE) else [own]) + parents[::-1][:2]
        docs.append([code, "hts", "en", "; ".join(tail)])
    for d in docs:
        d[3] = " ".join(strip_exclusions(d[3]).split())
    # de-duplicate identical (hs6, lang, text)
    seen: set[tuple[str, str, str]] = set()
    uniq = []
    for d in docs:
        k = (d[0], d[2], d[3].lower())
        if k not in seen:
            seen.add(k)
            uniq.append(d)
    corpus = {
        "sources": {
            "hs": "UN Comtrade HS 2022 nomenclature via datasets/harmonized-system (PDDL), commit 905e5a0",
            "cn8": "Eurostat / European Commission, Combined Nomenclature 2023 (CN8 self-explanatory texts)",
            "hts": "USITC Harmonized Tariff Schedule of the United States 2024 (public domain)",
        },
        "chapters": chapters,
        "headings": headings,
        "hs6": {k: {"en": v["en"], "fr": " | ".join(v["fr"][:3]), "section": v["section"]}
                for k, v in hs6.items()},
        "docs": uniq,
        "indexed_lines": indexed_lines,
        "candidate_attributes": dump_candidate_attributes({k: v["en"] for k, v in hs6.items()}),
    }
    DATA.joinpath("hs").mkdir(parents=True, exist_ok=True)
    payload = json.dumps(corpus, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with open(DATA / "hs/corpus.json.gz", "wb") as raw, \
            gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fh:
        fh.write(payload)
    DATA.joinpath("eval").mkdir(parents=True, exist_ok=True)
    with open(DATA / "eval/hs_dev.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "split", "lang", "text", "hs6", "source"])
        w.writeheader()
        w.writerows(eval_rows)
    if embed:
        from .embeddings import build_matrix

        build_matrix(corpus["docs"], DATA / "hs")
    from .engine import write_doc_tokens

    write_doc_tokens(DATA / "hs")
    if embed:
        embed_examples()
    return {"docs": len(uniq), "eval": len(eval_rows), "hs6": len(hs6)}


def embed_examples() -> dict[str, int]:
    """Embed the shipped labelled examples (``data/hs/labelled/*.csv``) and write their int8 vectors next to
    them, so no process embeds them at start (rerun whenever an example file changes)."""
    from .examples import LABELLED_DIR, write_vectors

    out = {}
    for path in sorted(LABELLED_DIR.glob("*.csv")):
        m = write_vectors(path)
        out[path.name] = 0 if m is None else len(m)
    return out


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--shared", type=Path)
    p.add_argument("--no-embed", action="store_true")
    p.add_argument("--examples-only", action="store_true", help="only embed the shipped labelled examples")
    a = p.parse_args()
    if a.examples_only:
        print(embed_examples())
        return
    if a.shared is None:
        p.error("--shared is required")
    print(build(a.shared, embed=not a.no_embed))


if __name__ == "__main__":
    main()

"""Language detection accuracy on the project's labelled evaluation rows, per language, short texts apart.

Rows: the HS classifier's evaluation rows (``tijara.assistant.hs.evaluate.load_rows``: HMRC parcel declarations
in English, the project's ar/ary/fr/en descriptions) read by ``detect_text``, and the assistant's questions
(``tijara.assistant.qa.evaluate.load``: en/fr/ar/ary) read by ``detect_question``. Darija (ary) is right when it
is read as Arabic (the answer language) with the Darija flag; Arabic when read as Arabic without it. Neither set
was used to build the detector (its word and letter statistics come from the shipped nomenclature texts).

Printed next to each figure: the naive baseline (the script decides Arabic, every Latin-script text is English)
and how many texts asked lingua (each kind loads lingua's models in a cold process).

Usage: ``PYTHONPATH=src python scripts/language_detection_eval.py [dev|test] [--json OUT]`` (tune on dev; test
once, to report).
"""

from __future__ import annotations

import json
import os
import sys
from collections import defaultdict

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")

import django  # noqa: E402

django.setup()

from tijara.assistant.hs.evaluate import load_rows  # noqa: E402
from tijara.assistant.qa import evaluate as qa_evaluate  # noqa: E402
from tijara.language import detect  # noqa: E402
from tijara.language.normalise import arabic_ratio, words  # noqa: E402

SHORT = 4  # words


def _naive(text: str, lang: str) -> bool:
    """The naive reading (Arabic by script, never Darija; else English) is right."""
    got = "ar" if arabic_ratio(text) >= 0.3 else "en"
    return got == lang

def main(split: str, out: str | None) -> None:
    asked: list = []
    confidences = detect.confidences

    def counted(*args, **kwargs):
        asked.append(args[1:])
        return confidences(*args, **kwargs)

    detect.confidences = counted
    results = []
    try:
        for kind, items in (
            ("description", [(r["text"], r["lang"], r["group"]) for r in load_rows(split=split)]),
            ("question", [(q.text, q.language, "ask_set") for q in qa_evaluate.load() if q.split == split]),
        ):
            for text, lang, group in items:
                asked.clear()
                if kind == "description":
                    got = detect.detect_text(text)
                    got_lang, darija, method = got.lang, got.darija, got.method
                else:
                    got = detect.detect_question(text)
                    got_lang, darija, method = got.language, got.darija, got.method
                expected = "ar" if lang == "ary" else lang
                right = got_lang == expected and (lang not in ("ar", "ary") or darija == (lang == "ary"))
                results.append({"kind": kind, "text": text, "lang": lang, "group": group, "got": got_lang,
                                "darija": darija, "method": method, "right": right,
                                "naive": _naive(text, lang), "lingua": bool(asked),
                                "short": len(words(text)) <= SHORT})
    finally:
        detect.confidences = confidences
    report(results, split)
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            json.dump(results, fh, ensure_ascii=False, indent=0)


def report(results: list[dict], split: str) -> None:
    print(f"language detection, {split} split ({len(results)} texts): right / n (naive baseline: Arabic by script, "
          f"else English) [texts that asked lingua]")
    for kind in ("description", "question"):
        groups = defaultdict(list)
        for r in results:
            if r["kind"] != kind:
                continue
            groups[(r["lang"], "all")].append(r)
            groups[(r["lang"], "≤4 words" if r["short"] else ">4 words")].append(r)
        print(f"  {kind}s:")
        for (lang, size), rows in sorted(groups.items()):
            n = len(rows)
            right = sum(r["right"] for r in rows)
            naive = sum(r["naive"] for r in rows)
            lingua = sum(r["lingua"] for r in rows)
            print(f"    {lang:4} {size:9} {right:5}/{n:<5} {right / n:6.1%}  (naive {naive / n:6.1%})  "
                  f"[lingua {lingua}]")
        rows = [r for r in results if r["kind"] == kind]
        wrong = defaultdict(int)
        for r in rows:
            if not r["right"]:
                wrong[(r["lang"], r["got"], r["darija"])] += 1
        print("    wrong (expected, got, darija flag): "
              + ", ".join(f"{k} {v}" for k, v in sorted(wrong.items(), key=lambda kv: -kv[1])))
        methods = defaultdict(int)
        for r in rows:
            methods[r["method"]] += 1
        print("    methods: " + ", ".join(f"{k} {v}" for k, v in sorted(methods.items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    args = sys.argv[1:]
    out = None
    if "--json" in args:
        i = args.index("--json")
        out = args[i + 1]
        del args[i:i + 2]
    main(args[0] if args else "dev", out)

"""`tijara eval_assistant`: run the shipped question set and report recall@5, correctness and abstention accuracy."""

import json
import re
import time
import tomllib
from pathlib import Path

from django.core.management.base import BaseCommand

from tijara.assistant import services

QUESTIONS = Path(__file__).resolve().parents[2] / "data" / "eval" / "ask_questions.toml"
_DIGIT = re.compile(r"\d")


def evaluate(path: Path = QUESTIONS) -> dict:
    """Answer every question and score it; returns the figures and the per-question rows."""
    questions = tomllib.loads(path.read_text(encoding="utf-8"))["q"]
    services.warm()
    rows = []
    for item in questions:
        answerable = item.get("answerable", True)
        expected = set(item.get("expected", []))
        started = time.perf_counter()
        result = services.answer_question(question=item["text"], language=item.get("lang"))
        elapsed = (time.perf_counter() - started) * 1000
        top5 = [h.fact_id for h in result.hits[:5]]
        cited = {c.fact_id for c in result.citations}
        if answerable:
            # A fact that itself says "not confirmed" is rightly cited with confident = false.
            unconfirmed = bool(result.citations) and all(c.confidence == "unverified" for c in result.citations)
            correct = (result.confident or unconfirmed) and bool(cited & expected) and (
                item.get("contains", "") in result.answer.replace("\u00a0", " "))
            abstention_ok = result.confident or unconfirmed
        else:
            correct = not result.confident and not _DIGIT.search(result.answer)
            abstention_ok = correct
        rows.append({"question": item["text"], "answerable": answerable, "language": result.language,
                     "recall5": bool(expected & set(top5)) if answerable else None, "correct": correct,
                     "abstention_ok": abstention_ok, "confident": result.confident, "cited": sorted(cited),
                     "expected": sorted(expected), "top5": top5, "ms": round(elapsed, 1)})
    answerable_rows = [r for r in rows if r["answerable"]]
    return {
        "questions": len(rows),
        "answerable": len(answerable_rows),
        "unanswerable": len(rows) - len(answerable_rows),
        "recall_at_5": round(sum(r["recall5"] for r in answerable_rows) / max(len(answerable_rows), 1), 3),
        "answer_correctness": round(sum(r["correct"] for r in rows) / max(len(rows), 1), 3),
        "abstention_accuracy": round(sum(r["abstention_ok"] for r in rows) / max(len(rows), 1), 3),
        "by_language": {lang: round(sum(r["correct"] for r in rows if r["language"] == lang)
                                    / max(sum(1 for r in rows if r["language"] == lang), 1), 3)
                        for lang in ("ar", "fr", "en")},
        "rows": rows,
    }


class Command(BaseCommand):
    help = "Evaluate the assistant on the shipped question set (ar, fr, en, Darija, unanswerable questions)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print every row as JSON.")

    def handle(self, *args, json: bool = False, **options):
        report = evaluate()
        if json:
            self.stdout.write(_dumps(report))
            return
        for row in report["rows"]:
            mark = "ok " if row["correct"] else "XX "
            self.stdout.write(f"{mark}[{row['language']}] {row['question'][:70]} → cited {row['cited']} "
                              f"expected {row['expected']} top5 {row['top5'][:3]}")
        for key in ("questions", "answerable", "unanswerable", "recall_at_5", "answer_correctness",
                    "abstention_accuracy", "by_language"):
            self.stdout.write(f"{key}: {report[key]}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)

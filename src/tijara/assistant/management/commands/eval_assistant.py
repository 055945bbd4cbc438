"""`tijara eval_assistant [--split dev|test|all] [--json] [--rows] [--calibrate] [--words-left-out SHARE]
[--darija-held-out SHARE] [--seeds N] [--fit-decline] [--grouped-cv]`: score the assistant on the project-written
question set, per split and language, next to a naive BM25 baseline on the same rows (scoring: qa/evaluate.py)."""

import json

from django.core.management.base import BaseCommand

from tijara.assistant import services
from tijara.assistant.qa import evaluate


class Command(BaseCommand):
    help = "Evaluate the assistant on the project-written question set (dev and test, per language, with a baseline)."

    def add_arguments(self, parser):
        parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
        parser.add_argument("--json", action="store_true", help="Print the figures (and rows) as JSON.")
        parser.add_argument("--rows", action="store_true", help="Also list every question with what was cited (with --grouped-cv: every "
                                                      "held-out question failed).")
        parser.add_argument("--calibrate", action="store_true",
                            help="Calibrate the confidence rule on the dev split (precision of confident answers by "
                                 "evidence, leave-groups-out check).")
        parser.add_argument("--words-left-out", type=float, default=0.0, metavar="SHARE",
                            help="Generalisation check on the dev split: score it with this share of the topic word "
                                 "lists' entries left out at random, once per seed.")
        parser.add_argument("--darija-held-out", type=float, default=0.0, metavar="SHARE",
                            help="Score the answerable Darija questions of dev with a random SHARE (e.g. 0.3) of the "
                                 "Darija word lists left out, over --seeds draws (does a change generalise?).")
        parser.add_argument("--fit-decline", action="store_true",
                            help="Fit the learned last check of an answer (qa/decline.py) on the dev split, print its "
                                 "cross-validation inside dev and write data/qa_decline.json.")
        parser.add_argument("--grouped-cv", action="store_true",
                            help="Estimate on dev how the assistant does on questions written apart: whole topics held "
                                 "out in turn, the word lists without the phrases only they hold, the last check "
                                 "fitted on the rest (qa/evaluate.py grouped_cv).")
        parser.add_argument("--seeds", type=int, default=None,
                            help="Random draws for --words-left-out (default 3), --darija-held-out (default 10) or "
                                 "--grouped-cv (default 2).")

    def handle(self, *args, split: str, json: bool = False, rows: bool = False, calibrate: bool = False,
               words_left_out: float = 0.0, darija_held_out: float = 0.0, seeds: int | None = None,
               fit_decline: bool = False, grouped_cv: bool = False, **options):
        services.warm()
        if grouped_cv:  # on dev only, whatever --split says
            built = services.engine()
            report = evaluate.grouped_cv(lambda text: services.answer_question(question=text),
                                         topic_of_fact=lambda fact_id: built.docs[built.by_id[fact_id]].topic
                                         if fact_id in built.by_id else "", reset=services.forget_engine,
                                         seeds=seeds or 2, rows=rows)
            self.stdout.write(_dumps(report))
            return
        if fit_decline:  # on dev only, whatever --split says
            from tijara.assistant.qa import decline

            model = evaluate.fit_decline(lambda text: services.answer_question(question=text))
            decline.PATH.write_text(_dumps(model) + "\n", encoding="utf-8")
            decline.reload()
            self.stdout.write(_dumps({k: v for k, v in model.items() if k in ("threshold", "fitted_on",
                                                                              "cross_validation")}))
            return
        if darija_held_out:  # on dev only, whatever --split says
            report = evaluate.darija_held_out(lambda text: services.answer_question(question=text),
                                              share=darija_held_out, seeds=seeds or 10)
            self.stdout.write(_dumps(report))
            return
        if words_left_out:  # on dev only, whatever --split says
            for seed in range(1, (seeds or 3) + 1):
                with evaluate.words_left_out(words_left_out, seed):
                    services.forget_engine()
                    figures = evaluate.run(lambda text: services.answer_question(question=text),
                                           splits=("dev",))["splits"]["dev"]
                services.forget_engine()
                self.stdout.write(f"dev, {words_left_out:.0%} of topic words left out (seed {seed}): answerable "
                                  f"{figures['answerable']['correct']}, unanswerable declined with authority "
                                  f"{figures['unanswerable_declined_with_authority']['correct']} "
                                  f"{figures['unanswerable_failures']}")
            return
        if calibrate:  # on dev only, whatever --split says
            report = evaluate.run(lambda text: services.answer_question(question=text), splits=("dev",))
            self.stdout.write(_dumps(evaluate.calibrate(report["rows"])))
            return
        splits = evaluate.SPLITS if split == "all" else (split,)
        report = evaluate.run(lambda text: services.answer_question(question=text),
                              evaluate.bm25_baseline(services.engine()), splits=splits)
        if json:
            data = {"splits": report["splits"]}
            if rows:
                data["rows"] = [evaluate.row_dict(r) for r in report["rows"]]
            self.stdout.write(_dumps(data))
            return
        if rows:
            for r in report["rows"]:
                q = r.question
                mark = "ok " if r.correct else "XX "
                want = sorted(q.expected) if q.answerable else f"decline, ask {q.authority}"
                self.stdout.write(f"{mark}{q.split} [{q.language}] {q.text[:70]} → cited {r.cited} "
                                  f"({r.authority}) want {want} top5 {r.top5[:3]}")
        for name, figures in report["splits"].items():
            self.stdout.write(f"== {name} (engine / naive BM25 top fact)")
            for key in ("all", "answerable", "unanswerable_declined_with_authority"):
                f = figures[key]
                self.stdout.write(f"{key}: {f['correct']} / {f['baseline']} (n={f['n']})")
            self.stdout.write(f"unanswerable failures: {figures['unanswerable_failures']}")
            for lang, f in figures["by_language"].items():
                self.stdout.write(f"  answerable [{lang}]: {f['correct']} / {f['baseline']} (n={f['n']})")
            causes = figures["same_facts_causes"]
            self.stdout.write(f"same cited facts in en/fr/ar: {figures['same_facts_in_3_languages']} (groups: same "
                              f"{causes['same']}, declined in some {causes['declined_in_some']}, other facts joined "
                              f"{causes['other_facts_joined']}, another fact first {causes['other_first_fact']})")
            self.stdout.write(f"recall@5: {figures['recall_at_5']}  confident and wrong: "
                              f"{figures['confident_and_wrong']}  ms p50 {figures['ms_p50']} p95 {figures['ms_p95']}")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)

"""Does the vocabulary's Arabic coverage generalise? Drop a random share of its Arabic and Darija words (``ar`` and
``ary`` of every concept, 30 % by default), classify the dev rows of one language with what is left, and print
HS6 top-1/top-3 per seed and their mean (all rows, and the parallel real items). Words added for the rows of the
split reach the full figure but not this one; coverage that generalises raises both.

    PYTHONPATH=src python scripts/hs_vocabulary_holdout.py --lang ar --seeds 0 1 2 3 4
"""

import argparse
import json
import os
import random
import statistics
from importlib import resources

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")

import django  # noqa: E402

django.setup()

import tijara.language.vocabulary as vocabulary_module  # noqa: E402
from tijara.assistant.hs import attributes, engine, rules  # noqa: E402
from tijara.assistant.hs.evaluate import evaluate, load_rows  # noqa: E402


def _use(data: dict) -> None:
    """Make ``data`` the process's vocabulary and drop everything built from the previous one."""
    vocabulary_module._vocabulary = vocabulary_module.Vocabulary(data)
    for module in (engine, rules, attributes):
        for name in dir(module):
            if hasattr(getattr(module, name), "cache_clear"):
                getattr(module, name).cache_clear()
    engine._index = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="ar", choices=["ar", "ary"])
    parser.add_argument("--share", type=float, default=0.3)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    args = parser.parse_args()
    raw = json.loads(resources.files("tijara.language").joinpath("data/vocabulary.json").read_text("utf-8"))
    rows = load_rows("dev", args.lang)
    scores = []
    for seed in args.seeds:
        rnd = random.Random(seed)
        data = json.loads(json.dumps(raw))
        for concept in data["concepts"]:
            for lang in ("ar", "ary"):
                concept["words"][lang] = [w for w in concept["words"].get(lang, []) if rnd.random() >= args.share]
        _use(data)
        report = evaluate(rows, baselines=False)["classifier"]
        every, parallel = report[f"lang:{args.lang}"], report.get(f"project-parallel:{args.lang}", {})
        scores.append((every["hs6@1"], every["hs6@3"], parallel.get("hs6@1", 0.0), parallel.get("hs6@3", 0.0)))
        print(f"seed {seed}: all {every['hs6@1']:.3f}/{every['hs6@3']:.3f}  "
              f"parallel {parallel.get('hs6@1', 0.0):.3f}/{parallel.get('hs6@3', 0.0):.3f}", flush=True)
    means = [statistics.mean(column) for column in zip(*scores, strict=True)]
    print(f"mean: all {means[0]:.3f}/{means[1]:.3f}  parallel {means[2]:.3f}/{means[3]:.3f}")


if __name__ == "__main__":
    main()

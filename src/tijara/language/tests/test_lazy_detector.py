"""lingua loads only when and what a text needs: Arabic letters, words the English/French model (``enfr``) reads
surely and a description under four words or a question it is unsure of (read by the model's lean) need no
detector; from four words, a description with words the product's texts do not know, or that the model is unsure
of, meets every recognised language's trigram models, and the full detector confirms an unsupported language they
and a detector of English, French and that language name (an unsupported one is still named)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tijara.language import detect, enfr

pytest.importorskip("lingua")


@pytest.fixture
def no_detector(monkeypatch):
    """A process that has built no detector yet (the real ones are kept aside, not replaced)."""
    fresh: dict = {}
    monkeypatch.setattr(detect, "_detectors", fresh)
    return fresh


@pytest.mark.parametrize(("text", "lang"), [("leather handbag for women", "en"), ("sac à main en cuir", "fr"),
                                            ("زربية أمازيغية من الصوف", "ar"), ("men pants", "en"),
                                            ("Nike Air Max 90 trainers size 9", "en")])
def test_a_surely_read_description_builds_no_detector(no_detector, text, lang):
    assert detect.detect_text(text).lang == lang
    assert no_detector == {}


def test_a_short_description_the_model_is_unsure_of_builds_no_detector(no_detector):
    assert enfr.read("bracelet").lang is None  # the same word in both languages' texts
    got = detect.detect_text("bracelet")
    assert got.supported and got.lang in ("en", "fr") and got.method == "words-model-lean"
    assert no_detector == {}


def test_a_question_the_model_is_unsure_of_builds_no_detector(no_detector):
    assert enfr.read("incoterms DAP?").lang is None
    assert detect.detect_question("incoterms DAP?").method == "words-model-lean"
    assert no_detector == {}


def test_a_longer_description_the_model_is_unsure_of_meets_the_screen_only(no_detector):
    assert enfr.read("blouse sport collection capsule").lang is None
    got = detect.detect_text("blouse sport collection capsule")
    assert got.supported and got.lang in ("en", "fr")
    assert list(no_detector) == [(detect.RECOGNISED, True)]


@pytest.mark.parametrize(("text", "lang"), [("handgeknüpfter Teppich aus reiner Wolle", "de"),
                                            ("alfombra bereber de lana hecha a mano", "es"),
                                            ("tappeto berbero annodato a mano in lana", "it"),
                                            ("handgeknoopt berber tapijt van wol", "nl"),
                                            ("tapete berbere de lã feito à mão", "pt"),
                                            ("el yapımı yün berber halısı", "tr")])
def test_a_longer_description_in_another_language_is_confirmed_by_every_language(no_detector, text, lang):
    got = detect.detect_text(text)
    assert (got.lang, got.supported) == (lang, False)
    assert list(no_detector) == [(detect.RECOGNISED, True), (("en", "fr", lang), False), (detect.RECOGNISED, False)]


def test_a_longer_description_the_trigram_models_read_as_english_loads_no_other_language(no_detector):
    got = detect.detect_text("Nike Zoomx Vaporfly running shoes")  # three words the texts do not know
    assert (got.lang, got.supported, got.method) == ("en", True, "words-model")
    assert list(no_detector) == [(detect.RECOGNISED, True)]


@pytest.mark.parametrize("languages", [("en", "fr"), detect.SUPPORTED])
@pytest.mark.parametrize("text", ["zellige tiles", "brass lamp", "nappe lin", "What is an EUR.1 certificate?",
                                  "Quels documents pour exporter un tapis ?", "Nike Air Max 90"])
def test_a_detector_of_fewer_languages_keeps_their_shares(text, languages):
    full = {v.language.iso_code_639_1.name.lower(): v.value
            for v in detect.detector().compute_language_confidence_values(text)}
    total = sum(full[c] for c in languages)
    restricted = dict(detect.confidences(text, languages))
    assert set(restricted) == set(languages)
    for c in languages:
        assert restricted[c] == pytest.approx(full[c] / total, abs=1e-9)


_AFTER_WARM = """
import time
from tijara.language import detect
detect.warm()
start = time.perf_counter()
german = "Handgeknüpfter Teppich aus reiner Seide und Wolle"
print(detect.confidences(german)[0][0], detect.confidences(german, low_accuracy=True)[0][0],
      detect.confidences("brass lamp", ("en", "fr"))[0][0], time.perf_counter() - start)
"""


def test_warm_loads_the_models_every_detector_uses():
    """In a fresh process (this one has loaded models already): after warm(), no detector loads anything (the
    trigram models of the low-accuracy detector included)."""
    src = str(Path(detect.__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (src, os.environ.get("PYTHONPATH"))))}
    out = subprocess.run([sys.executable, "-c", _AFTER_WARM], env=env, capture_output=True, text=True, check=True)
    de, de_trigrams, en_or_fr, seconds = out.stdout.split()
    assert de == de_trigrams == "de" and en_or_fr in ("en", "fr")
    assert float(seconds) < 0.3  # loading the models they need takes a second or more

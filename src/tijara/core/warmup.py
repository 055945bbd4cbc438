"""Load what a request would otherwise load lazily: the HS classifier index and encoder, the assistant's engine,
the search encoder and language detectors. Called by the gunicorn master before it forks (tijara.core.gunicorn_conf)
so that every worker shares these pages; each part is optional and a failure only logs (a database not yet
migrated must not keep the server from starting)."""

from __future__ import annotations

import logging
import time

logger = logging.getLogger(__name__)


def _hs_classifier() -> None:
    from tijara.assistant import hs_services
    from tijara.assistant.hs import embeddings, engine

    engine.get_index()
    if embeddings.available():
        embeddings.model()
    for text in ("tapis berbère en laine nouée main", "hand-painted ceramic tagine", "زربية صوف"):
        hs_services.classify(text=text)  # the rest of what a first classification loads lazily


def _assistant() -> None:
    from tijara.assistant import services

    services.warm()
    for question, language in (("Quels documents pour exporter un tapis vers la France ?", "fr"),
                               ("What is an EUR.1 certificate?", "en")):
        services.answer_question(question=question, language=language)  # nothing is stored for an anonymous answer


def _search_encoder() -> None:
    from tijara.marketplace.search import embed

    embed.encode(["warm up"])


def _search_index() -> None:
    from tijara.marketplace import index_store

    index_store.sync_now()  # this machine's index file, complete before any request
    index_store.forget()  # a forked worker opens its own connection to the file


PARTS = [("hs classifier", _hs_classifier), ("assistant", _assistant), ("search encoder", _search_encoder),
         ("search index", _search_index)]


def warm() -> dict[str, float]:
    """Load every part now; seconds spent per part (a part that failed is logged and left lazy)."""
    spent: dict[str, float] = {}
    for name, load in PARTS:
        start = time.perf_counter()
        try:
            load()
        except Exception:  # noqa: BLE001 - optional: the request path loads it later
            logger.warning("warm-up of the %s failed; it will load on first use", name, exc_info=True)
            continue
        spent[name] = round(time.perf_counter() - start, 2)
    logger.info("models loaded before serving: %s", spent)
    return spent

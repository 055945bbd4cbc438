"""Load what a request would otherwise load lazily: the HS classifier index and encoder, the assistant's engine,
the search encoder and language detectors. Called by the gunicorn master before it forks (tijara.core.gunicorn_conf)
so that every worker shares these pages, and (models only) by the development server and task workers that
`tijara serve` starts (:func:`warm_at_start`); each part is optional and a failure only logs (a database not yet
migrated must not keep the server from starting)."""

from __future__ import annotations

import logging
import os
import sys
import time

logger = logging.getLogger(__name__)


def _hs_classifier() -> None:
    from tijara.assistant import hs_services
    from tijara.assistant.hs import embeddings, engine
    from tijara.language import detect

    engine.loanword_reader(engine.get_index(), frozenset())
    detect.warm()  # every language model, which a process that only classifies loads when a text needs them
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


# Set by `tijara serve` for the development server and the task workers it starts (gunicorn warms in its master).
WARM_AT_START = "TIJARA_WARM_MODELS_AT_START"
MODEL_PARTS = ("hs classifier", "search encoder")  # no database access: safe while Django starts


def warm(parts: tuple[str, ...] | None = None) -> dict[str, float]:
    """Load every part (or the named ones) now; seconds spent per part (a part that failed is logged and left
    lazy)."""
    spent: dict[str, float] = {}
    for name, load in PARTS:
        if parts is not None and name not in parts:
            continue
        start = time.perf_counter()
        try:
            load()
        except Exception:  # noqa: BLE001 - optional: the request path loads it later
            logger.warning("warm-up of the %s failed; it will load on first use", name, exc_info=True)
            continue
        spent[name] = round(time.perf_counter() - start, 2)
    logger.info("models loaded before serving: %s", spent)
    return spent


def warm_at_start() -> None:
    """When Django starts in a process `tijara serve` started as its development server or a task worker
    (``TIJARA_WARM_MODELS_AT_START=1``): load the models before the first request or task, not inside it. The
    development server's file watcher (the autoreloader's parent process) serves nothing and skips it."""
    if os.environ.get(WARM_AT_START) != "1":
        return
    if "runserver" in sys.argv and os.environ.get("RUN_MAIN") != "true" and "--noreload" not in sys.argv:
        return
    warm(MODEL_PARTS)

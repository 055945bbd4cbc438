"""API face of assistant (mounted in tijara/api.py)."""

from ninja import Router

router = Router(tags=["assistant"])

from .api_classify import classify_router  # noqa: E402

router.add_router("", classify_router)

from .api_ask import ask_router  # noqa: E402

router.add_router("", ask_router)

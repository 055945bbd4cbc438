"""API face of markets (mounted in tijara/api.py)."""

from ninja import Router

router = Router(tags=["markets"])

from tijara.markets.api_finder import finder_router  # noqa: E402  (market finder, issue 13)

router.add_router("/finder", finder_router)

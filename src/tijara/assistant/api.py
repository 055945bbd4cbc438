"""API face of assistant (mounted in tijara/api.py)."""

from ninja import Router

router = Router(tags=["assistant"])

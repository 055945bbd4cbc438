"""API face of markets (mounted in tijara/api.py)."""

from ninja import Router

router = Router(tags=["markets"])

"""API face of channels (mounted in tijara/api.py)."""

from ninja import Router

router = Router(tags=["channels"])

"""API face of knowledge (mounted in tijara/api.py)."""

from ninja import Router

router = Router(tags=["knowledge"])

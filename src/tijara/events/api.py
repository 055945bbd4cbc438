"""API face of events (mounted in tijara/api.py)."""

from ninja import Router

router = Router(tags=["events"])

"""API face of marketplace (mounted in tijara/api.py)."""

from ninja import Router

router = Router(tags=["marketplace"])

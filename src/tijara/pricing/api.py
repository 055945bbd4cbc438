"""API face of pricing (mounted in tijara/api.py)."""

from ninja import Router

router = Router(tags=["pricing"])

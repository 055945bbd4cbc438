"""API face of plans (mounted in tijara/api.py)."""

from ninja import Router

router = Router(tags=["plans"])

"""API face of accounts (mounted in tijara/api.py)."""

from ninja import Router

router = Router(tags=["accounts"])

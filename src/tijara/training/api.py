"""API face of training (mounted in tijara/api.py)."""

from ninja import Router

router = Router(tags=["training"])

"""API face of catalog (mounted in tijara/api.py)."""

from ninja import Router

router = Router(tags=["catalog"])

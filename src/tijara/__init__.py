"""Tijara: export platform for Moroccan handicrafts."""

__version__ = "0.1.0"

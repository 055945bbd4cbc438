"""Fixtures for plans tests."""

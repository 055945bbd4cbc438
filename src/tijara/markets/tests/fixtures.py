"""Fixtures for this app's tests; registered in the root conftest.py."""

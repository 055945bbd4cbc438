"""HS 2022 classification of product descriptions (ar, Darija, fr, en). Pure Python, no ORM."""

from .engine import Candidate, Classification, classify, get_index

__all__ = ["Candidate", "Classification", "classify", "get_index"]

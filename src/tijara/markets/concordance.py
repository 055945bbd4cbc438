"""HS 2017 → HS 2022 conversion weights (shipped pack, read once per process).

Each HS 2017 subheading's trade is split over its HS 2022 successors by weight (the weights of one HS 2017 code
sum to 1): 940510 → 940511 (0.664), 940519 (0.305), 853951 (0.031). Source: Harvard Growth Lab
"comtrade-conversion-weights" (H5 → H6), shipped in the PyPI package atlas-common-data 1.1.1
(data/conversion_weights/conversion_weights_H5_to_H6.csv); rows with weight 0 dropped, numbers unchanged.
"""

from __future__ import annotations

import csv
import gzip
import threading
from pathlib import Path

FILE = Path(__file__).resolve().parent / "data" / "hs2017_to_hs2022_weights.csv.gz"
PROVENANCE = {
    "source": "Harvard Growth Lab, comtrade-conversion-weights H5→H6 (atlas-common-data 1.1.1)",
    "source_location": "PyPI atlas-common-data 1.1.1, data/conversion_weights/conversion_weights_H5_to_H6.csv "
                       "(wheel sha256 333f4f6d71865642aa4f64165821f4aeb52f8cc570cd9418d74b79a46dd97620)",
    "licence": "Apache-2.0 (package)",
    "as_of": "HS 2017 → HS 2022",
}

_LOCK = threading.Lock()
_FORWARD: dict[str, list[tuple[str, float]]] | None = None
_BACKWARD: dict[str, list[tuple[str, float]]] | None = None


def _load() -> tuple[dict[str, list[tuple[str, float]]], dict[str, list[tuple[str, float]]]]:
    global _FORWARD, _BACKWARD
    with _LOCK:
        if _FORWARD is None or _BACKWARD is None:
            forward: dict[str, list[tuple[str, float]]] = {}
            backward: dict[str, list[tuple[str, float]]] = {}
            with gzip.open(FILE, "rt", encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    weight = float(row["weight"])
                    if weight <= 0:
                        continue
                    forward.setdefault(row["hs2017"], []).append((row["hs2022"], weight))
                    backward.setdefault(row["hs2022"], []).append((row["hs2017"], weight))
            _FORWARD, _BACKWARD = forward, backward
        return _FORWARD, _BACKWARD


def to_hs2022(hs2017: str) -> list[tuple[str, float]]:
    """The HS 2022 successors of an HS 2017 subheading with their weights; [] when the code is not in the table."""
    return list(_load()[0].get(hs2017, []))


def from_hs2022(hs2022: str) -> list[tuple[str, float]]:
    """The HS 2017 predecessors of an HS 2022 subheading, with the share of each predecessor's trade it receives."""
    return sorted(_load()[1].get(hs2022, []), key=lambda item: -item[1])


def forward_table() -> dict[str, list[tuple[str, float]]]:
    """The whole HS 2017 → HS 2022 table (shared; do not modify)."""
    return _load()[0]

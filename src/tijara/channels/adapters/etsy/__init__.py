"""Etsy Open API v3: draft-listing payloads (exported as JSON lines) and the HTTP client that publishes them."""

from __future__ import annotations

import json
from typing import BinaryIO

from .mapping import map_listing

KIND = "etsy"
LABEL = "Etsy"
FORMATS = ("jsonl",)
CONTENT_TYPES = {"jsonl": "application/x-ndjson; charset=utf-8"}
EXTENSIONS = {"jsonl": "jsonl"}


def write_feed(mapped, out: BinaryIO, *, ctx, fmt: str = "jsonl") -> int:
    """One JSON object per ready listing: {"sku", "payload" (createDraftListing form fields), "images"}."""
    count = 0
    for entry in mapped:
        if entry.blocked:
            continue
        out.write(json.dumps({"sku": entry.sku, "payload": entry.fields["payload"], "images": entry.fields["images"]},
                             ensure_ascii=False).encode("utf-8") + b"\n")
        count += 1
    return count


__all__ = ["KIND", "LABEL", "FORMATS", "map_listing", "write_feed"]

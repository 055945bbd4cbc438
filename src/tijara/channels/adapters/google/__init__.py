"""Google Merchant Center: RSS 2.0 XML (g: namespace) and tab-separated feeds, one per (country, language, currency)."""

from __future__ import annotations

from typing import BinaryIO

from .mapping import map_listing
from .writer import write_tsv, write_xml

KIND = "google"
LABEL = "Google Merchant Center"
FORMATS = ("xml", "tsv")
CONTENT_TYPES = {"xml": "application/xml; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8"}
EXTENSIONS = {"xml": "xml", "tsv": "txt"}


def write_feed(mapped, out: BinaryIO, *, ctx, fmt: str = "xml") -> int:
    return write_xml(mapped, out, ctx=ctx) if fmt == "xml" else write_tsv(mapped, out, ctx=ctx)


__all__ = ["KIND", "LABEL", "FORMATS", "map_listing", "write_feed"]

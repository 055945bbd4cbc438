"""CSV writing shared by the CSV-based adapters (UTF-8, comma, RFC 4180 quoting, CRLF line ends)."""

from __future__ import annotations

import csv
import io
from contextlib import contextmanager
from typing import BinaryIO

from tijara.channels.text import clean


@contextmanager
def csv_writer(out: BinaryIO, header: list[str], *, bom: bool = False, spreadsheet: bool = False):
    """A csv.writer on `out` that has already written `header`; values are cleaned of control characters.

    With `spreadsheet` (files people open in Excel before importing them), a text cell that would run as a
    formula gets an apostrophe in front (tijara.core.spreadsheet); machine-fetched feeds stay byte-exact.
    """
    from tijara.core.spreadsheet import spreadsheet_safe

    cell = spreadsheet_safe if spreadsheet else (lambda text: text)
    text = io.TextIOWrapper(out, encoding="utf-8-sig" if bom else "utf-8", newline="", write_through=True)
    writer = csv.writer(text, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(header)

    class _Rows:
        @staticmethod
        def row(values: dict) -> None:
            writer.writerow([cell(clean(str(values.get(column, "") if values.get(column) is not None else "")))
                             for column in header])

    try:
        yield _Rows
        text.flush()
    finally:
        text.detach()

"""Cells that a spreadsheet would run as formulas (CSV injection), made inert; and undone on import.

A cell that starts with = + - @ (or a tab or carriage return, which some spreadsheets skip before looking) is
read as a formula by Excel, LibreOffice and Google Sheets. Prefixing an apostrophe makes every one of them show
the text as typed, and it is the convention WooCommerce's own exporter and importer use. Plain numbers such as
-1 or +2.5 are left alone: they are not formulas, and feeds need them as numbers.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")


def spreadsheet_safe(value: str) -> str:
    """`value` with an apostrophe in front when a spreadsheet would take it for a formula."""
    if value and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_unescape(value: str) -> str:
    """The reverse of spreadsheet_safe, for text read back from a sheet this platform wrote."""
    if len(value) > 1 and value[0] == "'" and value[1:].startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(
            value[1:]):
        return value[1:]
    return value


# What Excel refuses in a sheet (tab) name, and its length limit.
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_TITLE_MAX = 31


def sheet_title(text: str) -> str:
    """A (translated) sheet name Excel accepts: none of []:*?/\\ (each becomes a space), at most 31 characters, no
    apostrophe at either end; "Sheet" when nothing is left."""
    title = " ".join(_SHEET_TITLE_FORBIDDEN.sub(" ", str(text)).split())[:SHEET_TITLE_MAX].strip("' ")
    return title or "Sheet"

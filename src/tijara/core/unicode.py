"""Text hygiene for names and titles people type: no bidirectional embedding, override or isolate controls.

U+202A-U+202E (LRE, RLE, PDF, LRO, RLO) and U+2066-U+2069 (LRI, RLI, FSI, PDI) change how the text around them
is ordered on screen: a name could show "cod.exe" while holding "exe.doc", or push the next words of a page out
of order. Arabic and Latin mix correctly without them (pages isolate user text with <bdi>); the left-to-right
and right-to-left marks (U+200E, U+200F) only affect neutral characters and stay.
"""

from __future__ import annotations

import re

BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# C0 and C1 control characters but tab, line feed and carriage return: never part of a value a person typed (a
# spreadsheet cell can carry them from another program), and PostgreSQL refuses NUL outright.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def strip_bidi_controls(text: str) -> str:
    """`text` without bidi embedding, override and isolate characters."""
    return BIDI_CONTROLS.sub("", text) if text else text


def strip_control_characters(text: str) -> str:
    """`text` without C0/C1 control characters (tab, line feed and carriage return stay)."""
    return CONTROL_CHARACTERS.sub("", text) if text else text

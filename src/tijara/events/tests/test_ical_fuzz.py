"""Any input gives either events or an IcalError with a line and a reason — never another exception."""

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tijara.events import ical

VALID = (Path(__file__).parent / "data" / "fairs-valid.ics").read_bytes()
LINES = VALID.split(b"\r\n")


def _check(data: bytes) -> None:
    try:
        items = ical.parse(data)
    except ical.IcalError as exc:
        assert exc.line >= 1 and exc.reason
    else:
        assert all(i.start <= i.end and len(i.country) == 3 for i in items)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes(data):
    _check(data)


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(LINES) - 1), st.sampled_from(["drop", "dup", "garble", "swap"]), st.text(max_size=20))
def test_mutated_valid_file(index, how, junk):
    lines = list(LINES)
    if how == "drop":
        del lines[index]
    elif how == "dup":
        lines.insert(index, lines[index])
    elif how == "garble":
        lines[index] = lines[index][: len(lines[index]) // 2] + junk.encode()
    else:
        lines[index], lines[-2] = lines[-2], lines[index]
    _check(b"\r\n".join(lines))

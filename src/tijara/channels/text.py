"""Small pure helpers shared by the adapters: prices, URLs, HTML, control characters, GTINs."""

from __future__ import annotations

import html
import re
from decimal import Decimal
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

from stdnum import ean
from stdnum.exceptions import ValidationError

from tijara.pricing.money import minor_units

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
_WS = re.compile(r"[ \t\r\n]+")
IMAGE_EXTENSIONS = {"jpg", "jpeg", "webp", "png", "gif", "bmp", "tif", "tiff"}


def clean(value: str) -> str:
    """Drop characters XML 1.0 and CSV consumers reject (C0 controls except tab/newline, U+FFFE/FFFF)."""
    return _CONTROL.sub("", value or "")


def one_line(value: str) -> str:
    """Collapse whitespace (tabs and newlines included) to single spaces: safe for a TSV cell."""
    return _WS.sub(" ", clean(value)).strip()


def group_part(value: str) -> str:
    """One sub-attribute of a `COUNTRY:REGION:SERVICE:PRICE` cell (Google TSV, Meta): one line, with the group
    separator `,` and the sub-attribute separator `:` replaced by spaces so the cell keeps its parts."""
    return re.sub(" {2,}", " ", one_line(value).replace(":", " ").replace(",", " ")).strip()


class _TextOnly(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag in {"br", "p", "li", "div"}:
            self.parts.append("\n")


def plain_text(value: str) -> str:
    """Text without HTML tags (for channels that take plain text only)."""
    if "<" not in (value or ""):
        return clean(value).strip()
    parser = _TextOnly()
    parser.feed(clean(value))
    parser.close()
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.parts)).strip()


def html_tags(value: str) -> list[tuple[str, bool]]:
    """(tag name, has attributes) for each HTML tag in the text."""
    return [(m.group(2).lower(), bool(m.group(3).strip().strip("/"))) for m in _TAG.finditer(value or "")]


def html_paragraphs(value: str) -> str:
    """Plain text turned into simple HTML paragraphs (escaped); HTML input is kept as it is."""
    if _TAG.search(value or ""):
        return clean(value)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", clean(value or "")) if b.strip()]
    return "".join("<p>{}</p>".format(html.escape(b).replace("\n", "<br>")) for b in blocks)


@lru_cache(maxsize=64)
def _quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-minor_units(currency))


def decimals(currency: str) -> int:
    return minor_units(currency)


def amount(value: Decimal, currency: str) -> str:
    """`890.00` — dot decimal, as many decimals as the currency's minor unit (ISO 4217), no grouping."""
    return format(value.quantize(_quantum(currency)), "f")


def price_text(value: Decimal, currency: str) -> str:
    """`890.00 USD` (Google/Meta price format)."""
    return f"{amount(value, currency)} {currency}"


def is_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def is_ascii(value: str) -> bool:
    return value.isascii()


@lru_cache(maxsize=8192)
def ascii_url(value: str) -> str:
    """Percent-encode non-ASCII characters and spaces of a URL (RFC 3986), keeping its structure."""
    return quote(value, safe=":/?#[]@!$&'()*+,;=%~")


@lru_cache(maxsize=8192)
def feed_url(value: str) -> str:
    """A URL safe inside comma-separated feed cells: `,` → `%2C` (GMC/6324370)."""
    return ascii_url(value).replace(",", "%2C")


def url_extension(value: str) -> str:
    path = urlsplit(value).path
    last = path.rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[-1].lower() if "." in last else ""


def gtin_valid(value: str) -> bool:
    """Digits only (spaces/dashes ignored), 8/12/13/14 long, GS1 check digit valid (stdnum.ean)."""
    digits = re.sub(r"[\s-]", "", value or "")
    if not digits.isdigit() or len(digits) not in (8, 12, 13, 14):
        return False
    try:
        ean.validate(digits)
    except ValidationError:
        return False
    return True


def is_all_caps(value: str) -> bool:
    """At least 8 cased letters, all upper case."""
    return value.isupper() and sum(1 for c in value if c.isupper()) >= 8


def truncate(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[:limit]

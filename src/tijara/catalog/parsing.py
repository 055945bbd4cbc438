"""Pure parsing and checking of catalog values (no ORM): numbers, booleans, materials, tags, GTIN, HS codes.

Each parser returns the clean value or raises ValueError with a translated message naming the problem.
Spreadsheet conventions of French and Arabic users are accepted (decimal comma, "oui"/"نعم").
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _
from stdnum import ean
from stdnum.exceptions import ValidationError as StdnumError

from tijara.core.l10n import isolate, num

SKU_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$")
TRUE_WORDS = {"1", "true", "yes", "y", "oui", "o", "vrai", "نعم", "x"}
FALSE_WORDS = {"0", "false", "no", "n", "non", "faux", "لا"}
ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩٫٬", "0123456789.,")


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean_sku(value) -> str:
    """A SKU: 1–64 characters, letters, digits, '.', '_', '-', '/'; starts with a letter or digit."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    sku = str(value or "").strip()
    if not sku:
        raise ValueError(_("The SKU is missing."))
    if not SKU_RE.match(sku):
        raise ValueError(
            _("“{sku}” is not a valid SKU: use 1 to 64 letters, digits, dots, dashes or underscores, "
              "starting with a letter or digit.").format(sku=isolate(sku[:80]))
        )
    return sku


def parse_decimal(value, *, places: int = 2, minimum: Decimal | None = None, positive: bool = False,
                  maximum: Decimal | None = None) -> Decimal:
    """A decimal number; accepts '1 250,50', '1,250.50', '12.5', Arabic-Indic digits and numeric cells."""
    if isinstance(value, bool):
        raise ValueError(_("“{value}” is not a number.").format(value=isolate(value)))
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        text = str(value).strip().translate(ARABIC_DIGITS)
        text = re.sub(r"[\s\u00a0\u202f']", "", text)
        text = re.sub(r"(?i)(mad|dh|dhs|درهم|kg|cm)$", "", text)
        if "," in text and "." in text:
            if text.rfind(",") > text.rfind("."):
                text = text.replace(".", "").replace(",", ".")
            else:
                text = text.replace(",", "")
        elif text.count(",") == 1:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(_("“{value}” is not a number.").format(value=isolate(str(value)[:40]))) from None
    if not number.is_finite():
        raise ValueError(_("“{value}” is not a number.").format(value=isolate(str(value)[:40])))
    try:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    except InvalidOperation:  # more digits than a decimal holds (1e9999): no price or measure is that large
        raise ValueError(_("“{value}” is too large.").format(value=isolate(str(value)[:40]))) from None
    # the figures in the messages are written as the page's language writes numbers (1.250,5 · 1 250,5 · 1,250.5)
    if positive and number <= 0:
        raise ValueError(_("{value} must be greater than zero.").format(value=num(number)))
    if minimum is not None and number < minimum:
        raise ValueError(_("{value} is below the minimum of {minimum}.").format(value=num(number), minimum=num(minimum)))
    if maximum is not None and number > maximum:
        raise ValueError(_("{value} is above the maximum of {maximum}.").format(value=num(number), maximum=num(maximum)))
    return number


def parse_int(value, *, minimum: int = 0, maximum: int = 10_000_000) -> int:
    """A whole number between minimum and maximum."""
    number = parse_decimal(value, places=6)
    if number != number.to_integral_value():
        raise ValueError(_("“{value}” is not a whole number.").format(value=isolate(value)))
    result = int(number)
    if result < minimum:
        raise ValueError(_("{value} is below the minimum of {minimum}.").format(value=num(result), minimum=num(minimum)))
    if result > maximum:
        raise ValueError(_("{value} is above the maximum of {maximum}.").format(value=num(result), maximum=num(maximum)))
    return result


def parse_bool(value) -> bool | None:
    """yes/no in English, French or Arabic (1/0, true/false); blank → None (unknown)."""
    if isinstance(value, bool):
        return value
    if is_blank(value):
        return None
    text = str(value).strip().lower()
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ValueError(_("“{value}” is not yes or no.").format(value=isolate(str(value)[:40])))


def parse_list(value) -> list[str]:
    """A list written as 'a; b; c' or 'a, b, c' or 'a | b'."""
    if is_blank(value):
        return []
    if isinstance(value, list | tuple):
        return [str(v).strip() for v in value if str(v).strip()]
    parts = re.split(r"[;|،\n]" if re.search(r"[;|،\n]", str(value)) else r",", str(value))
    seen, result = set(), []
    for part in parts:
        part = part.strip()
        if part and part.lower() not in seen:
            seen.add(part.lower())
            result.append(part)
    return result


MATERIAL_AFTER = re.compile(r"^(?P<name>.+?)\s*[:=]?\s*(?P<pct>\d+(?:[.,]\d+)?)\s*%$")
MATERIAL_BEFORE = re.compile(r"^(?P<pct>\d+(?:[.,]\d+)?)\s*%\s*(?P<name>.+)$")


def parse_materials(value) -> list[dict]:
    """'wool 80%; cotton 20%' → [{"name": "wool", "percent": 80.0}, …]; a material without a share keeps percent None.

    Shares must lie in (0, 100]; if every material has a share they must add up to 100 %, otherwise to at most 100 %.
    """
    if is_blank(value):
        return []
    if isinstance(value, list):
        items = []
        for item in value:
            if isinstance(item, dict):
                pct = item.get("percent")
                items.append({"name": str(item.get("name", "")).strip(),
                              "percent": float(pct) if pct not in (None, "") else None})
            else:
                items.extend(parse_materials(str(item)))
    else:
        items = []
        for part in re.split(r"[;|،\n]|,(?!\d)", str(value)):
            part = part.strip()
            if not part:
                continue
            match = MATERIAL_AFTER.match(part) or MATERIAL_BEFORE.match(part)
            if match:
                items.append({"name": match.group("name").strip(" :-"),
                              "percent": float(match.group("pct").replace(",", "."))})
            else:
                items.append({"name": part, "percent": None})
    for item in items:
        if not item["name"]:
            raise ValueError(_("A material has no name."))
        pct = item["percent"]
        if pct is not None and not 0 < pct <= 100:
            raise ValueError(_("The share of {material} must be between 0 and 100 %.").format(material=isolate(item["name"])))
    shares = [i["percent"] for i in items if i["percent"] is not None]
    total = sum(shares)
    if shares and len(shares) == len(items) and abs(total - 100) > 0.5:
        raise ValueError(_("The material shares add up to {total:g} %, not 100 %.").format(total=total))
    if total > 100.5:
        raise ValueError(_("The material shares add up to {total:g} %, more than 100 %.").format(total=total))
    return items


def materials_to_text(materials: list[dict]) -> str:
    parts = []
    for m in materials or []:
        pct = m.get("percent")
        parts.append(f"{m['name']} {pct:g}%" if pct is not None else m["name"])
    return "; ".join(parts)


def clean_gtin(value) -> str:
    """A GTIN (EAN-8, UPC-12, EAN-13, GTIN-14) with a valid check digit; blank → ''."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"[\s-]", "", str(value))
    try:
        return ean.validate(text)
    except StdnumError:
        raise ValueError(
            _("“{gtin}” is not a valid GTIN: it needs 8, 12, 13 or 14 digits with a correct check digit.").format(
                gtin=isolate(str(value)[:20]))
        ) from None


def normalise_hs(value) -> str:
    """'6305.90' / '6305 90 00' → '63059000'; raises when it is not 4–10 digits."""
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = re.sub(r"[\s.\-]", "", str(value))
    if not re.fullmatch(r"\d{4,10}", text) or len(text) % 2:
        raise ValueError(_("“{code}” is not an HS code (4, 6, 8 or 10 digits).").format(code=isolate(str(value)[:20])))
    return text


def format_hs(code: str) -> str:
    """'63059000' → '6305.90.00'."""
    if not code:
        return ""
    return ".".join([code[:4]] + [code[i:i + 2] for i in range(4, len(code), 2)])

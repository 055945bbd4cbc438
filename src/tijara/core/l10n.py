"""Locale formatting on Babel: numbers, money, percentages, dates, units, the figures inside a sentence (`figures`),
and translated labels.

One small set for every app (templates load them as built-in filters, see `core/templatetags/tijara_l10n.py`).
The page's language picks the CLDR locale: ar → ar_MA (Western digits 0–9, Moroccan month names, as Moroccan print
does), fr → fr_FR, en → en (see ../shared/design/UX-GUIDE.md §6). Feeds, CSV and the API keep machine formats:
these helpers are for text a person reads.
"""

from __future__ import annotations

import datetime
import decimal
import itertools
import re
from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton, format_time
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
    get_currency_name,
    get_currency_symbol,
)
from babel.units import format_unit
from django.utils.translation import get_language, gettext, pgettext

LOCALES = {"ar": "ar_MA", "fr": "fr_FR", "en": "en"}
FSI, PDI = "\u2068", "\u2069"  # first-strong isolate / pop directional isolate
NBSP = "\u00a0"

# Units people type or our data carries → CLDR unit identifiers.
UNITS = {
    "kg": "mass-kilogram", "g": "mass-gram", "t": "mass-tonne", "lb": "mass-pound",
    "m": "length-meter", "cm": "length-centimeter", "mm": "length-millimeter", "in": "length-inch",
    "km": "length-kilometer", "m2": "area-square-meter", "m²": "area-square-meter", "cm2": "area-square-centimeter",
    "m3": "volume-cubic-meter", "m³": "volume-cubic-meter", "l": "volume-liter",
    "day": "duration-day", "days": "duration-day", "week": "duration-week", "month": "duration-month",
    "year": "duration-year", "h": "duration-hour",
}

# Incoterms® 2020 rule names (ICC); codes stay as they are, the name is said in the page's language.
INCOTERM_NAMES = {
    "EXW": lambda: pgettext("incoterm", "Ex Works"),
    "FCA": lambda: pgettext("incoterm", "Free Carrier"),
    "CPT": lambda: pgettext("incoterm", "Carriage Paid To"),
    "CIP": lambda: pgettext("incoterm", "Carriage and Insurance Paid To"),
    "DAP": lambda: pgettext("incoterm", "Delivered at Place"),
    "DPU": lambda: pgettext("incoterm", "Delivered at Place Unloaded"),
    "DDP": lambda: pgettext("incoterm", "Delivered Duty Paid"),
    "FAS": lambda: pgettext("incoterm", "Free Alongside Ship"),
    "FOB": lambda: pgettext("incoterm", "Free On Board"),
    "CFR": lambda: pgettext("incoterm", "Cost and Freight"),
    "CIF": lambda: pgettext("incoterm", "Cost, Insurance and Freight"),
}

# Exchange-rate kinds of the pricing packs (PRC-FX-05: Bank Al-Maghrib's buy/sell table as republished).
RATE_TYPE_NAMES = {
    "BAM_buy_from_customer": lambda: pgettext("exchange rate", "Bank Al-Maghrib buying rate"),
    "BAM_sell_to_customer": lambda: pgettext("exchange rate", "Bank Al-Maghrib selling rate"),
    "transfer": lambda: pgettext("exchange rate", "transfer rate"),
    "reference": lambda: pgettext("exchange rate", "reference rate"),
    "imported": lambda: pgettext("exchange rate", "imported rate"),
}

# Exchange-rate sources the project itself writes (pricing.reference.SHIPPED_RATE_SOURCE), by their stored English
# wording; a source typed by an operator is shown as written, its language told (`rate_source_parts`).
RATE_SOURCE_NAMES = {
    "Bank Al-Maghrib buy/sell table, republished by Moroccan news sites": lambda: pgettext(
        "exchange-rate source", "Bank Al-Maghrib buy/sell table, republished by Moroccan news sites"),
}

ROLE_NAMES = {
    "owner": lambda: pgettext("membership role", "owner"),
    "manager": lambda: pgettext("membership role", "manager"),
    "member": lambda: pgettext("membership role", "member"),
    "advisor": lambda: pgettext("staff role", "advisor"),
    "admin": lambda: pgettext("staff role", "administrator"),
}


def language(lang: str | None = None) -> str:
    """The two-letter language to format for: the given one, else the active one, else English."""
    code = (lang or get_language() or "en")[:2].lower()
    return code if code in LOCALES else "en"


LATIN_LETTER = re.compile(r"[A-Za-z]")


def locale_for(lang: str | None = None) -> str:
    """The CLDR locale used for a language (ar → ar_MA, fr → fr_FR, en → en)."""
    return LOCALES[language(lang)]


def _number(value) -> decimal.Decimal | float | int | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, (int, float, decimal.Decimal)):
        return value
    try:
        return decimal.Decimal(str(value).strip())
    except (decimal.InvalidOperation, ValueError):
        return None


def _fixed(digits: int | None) -> str | None:
    return None if digits is None else "#,##0" + ("." + "0" * digits if digits > 0 else "")


def num(value, digits: int | None = None, *, lang: str | None = None) -> str:
    """A number with the locale's grouping and decimal signs; `digits` fixes the decimals (else up to 3)."""
    number = _number(value)
    if number is None:
        return "" if value is None else str(value)
    return format_decimal(number, format=_fixed(digits), locale=locale_for(lang))


def input_number(value, digits: int | None = None, *, places: int = 3, lang: str | None = None) -> str:
    """A number as a form field shows it for editing: the locale's decimal sign, no grouping (`236,5` in French and
    Arabic, `236.5` in English); `digits` fixes the decimals (a price: `2720,00`), else up to `places` are shown."""
    number = _number(value)
    if number is None:
        return "" if value is None else str(value)
    pattern = "0." + ("0" * digits if digits is not None else "#" * places) if (digits or places) else "0"
    return format_decimal(number, format=pattern, locale=locale_for(lang))


def money(value, currency: str = "MAD", *, digits: int | None = None, lang: str | None = None) -> str:
    """An amount with its currency as the locale writes it (`378,45 €` in French, `‏378,45 €` in Arabic)."""
    number = _number(value)
    if number is None:
        return "" if value is None else str(value)
    code = (currency or "MAD").strip().upper()
    fmt = None
    if digits is not None:
        fmt = Locale.parse(locale_for(lang)).currency_formats["standard"].pattern
        fmt = fmt.replace("#,##0.00", _fixed(digits) or "#,##0")
    text = format_currency(number, code, format=fmt, locale=locale_for(lang), currency_digits=digits is None)
    return _space_letter_symbol(_symbol_named(text, code, lang))


def _symbol_named(text: str, code: str, lang: str | None) -> str:
    """On a page in a non-Latin script, a currency symbol spelt in Latin letters (`US$`, `UK£`, `CHF` in Arabic) is
    replaced by the currency's name in the page's language (`دولار أمريكي`); `€` and `د.م.` stay as CLDR writes them."""
    locale = locale_for(lang)
    if Locale.parse(locale).character_order == "left-to-right":
        return text
    try:
        symbol = get_currency_symbol(code, locale=locale)
        name = get_currency_name(code, locale=locale)
    except (UnknownLocaleError, ValueError):
        return text
    if not symbol or not LATIN_LETTER.search(symbol) or not name or LATIN_LETTER.search(name):
        return text
    return text.replace(symbol, name)


def _space_letter_symbol(text: str) -> str:
    """Babel glues letter symbols to the digits in English (`MAD12.50`): add a no-break space."""
    for index, char in enumerate(text):
        if char.isdigit():
            if index and text[index - 1].isalpha():
                return text[:index] + NBSP + text[index:]
            return text
    return text


def pct(value, digits: int = 1, *, lang: str | None = None) -> str:
    """A percentage given in percent points (12.5 → `12,5 %` in French); trailing zero decimals dropped."""
    number = _number(value)
    if number is None:
        return "" if value is None else str(value)
    fraction = decimal.Decimal(str(number)) / 100
    pattern = Locale.parse(locale_for(lang)).percent_formats[None].pattern
    pattern = pattern.replace("#,##0", "#,##0" + ("." + "#" * digits if digits > 0 else ""), 1)
    return format_percent(fraction, format=pattern, locale=locale_for(lang))


def compact(value, currency: str | None = None, *, lang: str | None = None) -> str:
    """A large figure in short form (`2,2 Md $US` in French); with a currency, a compact amount."""
    number = _number(value)
    if number is None:
        return "" if value is None else str(value)
    if abs(number) < 10_000:
        return money(number, currency, digits=0, lang=lang) if currency else num(number, 0, lang=lang)
    if currency:
        code = currency.strip().upper()
        text = format_compact_currency(number, code, locale=locale_for(lang), fraction_digits=1)
        return _space_letter_symbol(_symbol_named(text, code, lang))
    return format_compact_decimal(number, locale=locale_for(lang), fraction_digits=1)


def unit(value, name: str, digits: int | None = None, *, lang: str | None = None) -> str:
    """A measure with its unit in the locale's words and order (`9,8 kg`, `12 m²`)."""
    number = _number(value)
    if number is None:
        return "" if value is None else str(value)
    measure = UNITS.get((name or "").strip(), (name or "").strip())
    try:
        return format_unit(number, measure, length="short", locale=locale_for(lang), format=_fixed(digits))
    except (ValueError, KeyError, UnknownLocaleError):
        return f"{num(number, digits, lang=lang)}{NBSP}{name}"


def measure(value, kind: str | None, *, lang: str | None = None) -> str:
    """A figure with an internal unit key (`usd`, `share_pct`, `pct`, `pp`, `km`, `kg`, `weighted_requirements` …)
    in the page's words: `2,2 Md $US`, `12,5 %`, `3,5 pts`, `1 850 km`; never the key itself."""
    number = _number(value)
    if number is None:
        return "" if value is None else str(value)
    key = (kind or "").strip().lower()
    if len(key) == 3 and key.isalpha() and key not in UNITS and key not in ("pct",):
        return compact(number, key.upper(), lang=lang)  # a currency code: usd, eur, mad
    if key in ("pct", "share_pct", "percent", "%", "rate_pct"):
        return pct(number, lang=lang)
    if key in ("pp", "points"):
        return pgettext("percentage points", "%(n)s pts") % {"n": num(number, 1, lang=lang)}
    if key == "weighted_requirements":
        return pgettext("unit", "%(n)s (weighted requirements)") % {"n": num(number, 1, lang=lang)}
    if key in UNITS:
        return unit(number, key, 0 if abs(number) >= 100 else None, lang=lang)
    return num(number, lang=lang)


def date_l10n(value, fmt: str = "medium", *, lang: str | None = None) -> str:
    """A date with the month spelled in the page's language (`6 دجنبر 2026`, `6 déc. 2026`); None → "undated".

    `fmt`: "medium" (day, short month, year), "long" (full month), "month" (month and year), "year",
    "datetime" (medium date and 24-hour time, in the active time zone). What a source adds in its own words
    ("2013 (IGOC cited)") follows, isolated.
    """
    words, own = date_parts(value, fmt, lang=lang)
    return f"{words} {isolate(own)}".strip() if own else words


def period(text, year: int | None = None, *, lang: str | None = None) -> str:
    """A reporting period stored as "2025-01-01..2025-12-31" in words: `janv.–déc. 2025`, `يناير–دجنبر 2025`;
    a single year as is; a text that is not a period of ISO dates is returned unchanged ("" → the year or "")."""
    text = str(text or "")
    if ".." not in text:
        return text or (str(year) if year else "")
    start_text, end_text = text.split("..", 1)
    try:
        start, end = datetime.date.fromisoformat(start_text), datetime.date.fromisoformat(end_text)
    except ValueError:
        return text
    from babel.dates import format_date as babel_format_date

    locale = locale_for(lang)
    if (start.year, start.month) == (end.year, end.month):  # one month: "janv. 2023", not "janv.–janv. 2023"
        return babel_format_date(start, "MMM yyyy", locale=locale)
    if start.year == end.year:
        return f"{babel_format_date(start, 'MMM', locale=locale)}–{babel_format_date(end, 'MMM yyyy', locale=locale)}"
    return f"{babel_format_date(start, 'MMM yyyy', locale=locale)}–{babel_format_date(end, 'MMM yyyy', locale=locale)}"


def date_parts(value, fmt: str = "medium", *, lang: str | None = None) -> tuple[str, str]:
    """`date_l10n` in two parts: the date in the page's language, and what the source adds in its own wording, as
    written ("(IGOC cited)", "US 2024; EU 2020"; "" when nothing), for a page to isolate and mark as English."""
    if value in (None, ""):
        return pgettext("date", "undated"), ""
    if isinstance(value, str):
        text = value.strip()
        try:
            rest = text[10:]  # a time may follow; another date ("2025-07-30 / 2026-06-24") is the source's words
            iso = (len(text) >= 10 and text[4] == "-" and text[7] == "-"
                   and (not rest or rest[0] == "T" or re.match(r" \d{1,2}:\d{2}", rest) is not None))
            value = datetime.date.fromisoformat(text[:10]) if iso else None
        except ValueError:
            value = None
        if value is None:
            return _date_words(text)
    locale = locale_for(lang)
    if fmt == "datetime" and isinstance(value, datetime.datetime):
        from django.utils import timezone

        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return f"{format_skeleton('yMMMd', value.date(), locale=locale)} {format_time(value, 'HH:mm', locale=locale)}", ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    skeleton = {"medium": "yMMMd", "long": "yMMMMd", "month": "yMMMM", "year": "y"}.get(fmt, "yMMMd")
    return format_skeleton(skeleton, value, locale=locale), ""


def _date_words(text: str) -> tuple[str, str]:
    """A date as a source writes it ("2024", "undated (c. 2019-2021)", "2013 (IGOC cited)"): the year and the
    "undated" word in the page's language, and the rest, the source's own wording."""
    head, _sep, rest = text.partition(" ")
    words, own = _source_words(rest)
    if head.lower() == "undated":
        return f"{undated()} {words}".strip(), own
    if len(head) == 4 and head.isdigit():
        return f"{head} {words}".strip(), own
    if len(head) == 7 and head[:4].isdigit() and head[4] == "-" and head[5:].isdigit():  # 2025-05
        try:
            month = format_skeleton("yMMMM", datetime.date(int(head[:4]), int(head[5:]), 1), locale=locale_for())
        except ValueError:
            return "", text
        return f"{month} {words}".strip(), own
    # "2022-09-12 (change date stated)": the day in words, the source's comment as written (a rest of figures only,
    # "2025-07-30 / 2026-06-24", stays whole: the page writes each of its dates in words)
    if len(head) == 10 and head[4] == "-" and head[7] == "-" and re.search("[A-Za-z]", rest):
        try:
            day = format_skeleton("yMMMd", datetime.date.fromisoformat(head), locale=locale_for())
        except ValueError:
            return "", text
        return f"{day} {words}".strip(), own
    return "", text


_CIRCA = re.compile(r"\(c\.\s*(\d{4}(?:\s*[-\u2013]\s*\d{4})?)\)")


def _source_words(rest: str) -> tuple[str, str]:
    """What follows a source's date: "(c. 2019-2021)" (circa, a Latin abbreviation) reads "around" in the page's
    language; anything else is the source's own wording, kept as written."""
    circa = _CIRCA.fullmatch(rest.strip())
    if circa:
        return "(" + pgettext("date", "around %(years)s") % {"years": isolate(circa.group(1))} + ")", ""
    return "", rest.strip()


@cache
def _pycountry_alpha2(code: str) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else pycountry.countries.get(alpha_2=code)
    return found.alpha_2 if found else None


# Codes of the reference data that name no country but a group CLDR names: the world total of trade figures
# (UN "WLD") and the European Union as one customs market ("EUR" in the tariff data, "EUN" in WITS).
AGGREGATES = {"WLD": "001", "EUR": "EU", "EUN": "EU"}


def country_name(code, *, lang: str | None = None) -> str:
    """A country's everyday name in the page's language from CLDR (`هولندا`, `Pays-Bas`) by ISO-2 or ISO-3 code."""
    if code is None:
        return ""
    raw = getattr(code, "iso3", None) or getattr(code, "alpha_3", None) or str(code)
    key = raw.strip().upper()
    alpha2 = AGGREGATES.get(key) or (key if len(key) == 2 else _pycountry_alpha2(key) if len(key) == 3 else None)
    if alpha2 is None:
        return raw
    name = Locale.parse(locale_for(lang)).territories.get(alpha2)
    if name and key in AGGREGATES:  # CLDR writes "world" in lower case (a name mid-sentence); it heads a cell here
        name = name[:1].upper() + name[1:]
    return name or raw


def language_name(code, *, lang: str | None = None) -> str:
    """A language's name in the page's language (`fr` → « français », `ar` → « العربية »)."""
    key = str(code or "").strip().replace("-", "_")
    if not key:
        return ""
    try:
        return Locale.parse(locale_for(lang)).languages.get(key) or Locale.parse(locale_for(lang)).languages.get(
            key.split("_")[0]) or str(code)
    except (UnknownLocaleError, ValueError):
        return str(code)


def currency_name(code, *, lang: str | None = None) -> str:
    """A currency's name in the page's language (`USD` → « dollar des États-Unis », « دولار أمريكي »); an unknown
    code as given."""
    from babel.numbers import get_currency_name

    key = str(code or "").strip().upper()
    if not key:
        return ""
    try:
        return get_currency_name(key, locale=locale_for(lang)) or key
    except (UnknownLocaleError, ValueError):
        return key


# ISO 3166 lists Western Sahara apart; for exports from Morocco it is no separate customs territory or market (its
# goods clear Moroccan customs), so no list of countries offers it.
NOT_LISTED = frozenset({"ESH"})


def country_choices(*, lang: str | None = None, codes: list[str] | None = None, alpha: int = 3,
                    destinations: bool = False) -> list[tuple[str, str]]:
    """(ISO code, name in the page's language) for every ISO country (or the given codes), sorted by name; with
    `destinations`, the markets an export from Morocco can go to (Morocco itself left out)."""
    import pycountry

    left_out = NOT_LISTED | ({"MAR"} if destinations else set())
    rows = [(c.alpha_3 if alpha == 3 else c.alpha_2, country_name(c.alpha_2, lang=lang)) for c in pycountry.countries
            if (codes is None or c.alpha_3 in codes or c.alpha_2 in codes) and c.alpha_3 not in left_out]
    return sorted(rows, key=lambda pair: (sort_key(pair[1]), pair[1]))


def sort_key(text: str) -> str:
    """A name's place in an alphabetical list as a reader expects it: accents and case set aside (« Bénin » between
    « Belgique » and « Bhoutan », not after « Burundi », as code-point order puts it)."""
    from tijara.language.normalise import strip_accents

    return strip_accents(text).casefold()


def region_label(code: str | None, *, lang: str | None = None) -> str:
    """A Moroccan region's name (`Fès-Meknès`, `فاس مكناس`) for its slug; never the slug itself when known."""
    from tijara.core.crafts import REGIONS

    for slug, latin, arabic in REGIONS:
        if code in (slug, latin, arabic):
            return arabic if language(lang) == "ar" else latin
    return code or ""


def craft_label(code: str | None, *, lang: str | None = None) -> str:
    """A craft family's name in the page's language (`ceramics` → « Céramique décorative »)."""
    from tijara.core.crafts import craft_name

    return craft_name(code or "", language(lang)) if code else ""


def craft_labels(codes, *, lang: str | None = None) -> str:
    """Craft family codes as their names in the page's language, joined (`rugs, leather` → « الزرابي، الجلد »)."""
    return joined((craft_label(code, lang=lang) for code in codes or []), lang=lang)


def joined(names, *, lang: str | None = None) -> str:
    """Names joined with the language's comma (« ، » in Arabic)."""
    return ("، " if language(lang) == "ar" else ", ").join(names)


DUTY_FREE_WORDS = {"free", "0", "0%", "0 %", "0.0%", "exempt", "duty-free", "duty free"}


def duty_rate(text) -> str:
    """A duty rate as a tariff states it: "Free" in the page's language, a rate with the locale's decimal sign."""
    if text is None or text == "":
        return ""
    raw = str(text).strip()
    if raw.lower() in DUTY_FREE_WORDS:
        return pgettext("duty rate", "Free")
    number = _number(raw.rstrip("%").strip()) if raw.endswith("%") else None
    if number is not None:
        return pct(number, 2)
    return isolate(raw)


def role_label(code: str | None) -> str:
    """A membership or staff role in the page's language."""
    label = ROLE_NAMES.get((code or "").strip().lower())
    return label() if label else (code or "")


def incoterm_label(code: str | None, place: str | None = None) -> str:
    """`FOB — Free On Board` in the page's language (the code stays as ICC writes it)."""
    key = (code or "").strip().upper()
    name = INCOTERM_NAMES.get(key)
    text = f"{key} — {name()}" if name else key
    return f"{text} {place}".strip() if place else text


def rate_type_label(code: str | None) -> str:
    """An exchange-rate kind in words (never `BAM_buy_from_customer`)."""
    label = RATE_TYPE_NAMES.get((code or "").strip())
    return label() if label else pgettext("exchange rate", "rate")


def rate_source_parts(text: str | None) -> list[tuple[str, str | None]]:
    """An exchange rate's source (one, or several joined by " + " for a cross rate) as (words, language) parts: a
    source the project names in the page's language, language None; any other as stored, with the language it is
    written in ("" when it cannot be told)."""
    parts = []
    for part in [p.strip() for p in str(text or "").split(" + ") if p.strip()]:
        name = RATE_SOURCE_NAMES.get(part)
        if name:
            parts.append((name(), None))
            continue
        from tijara.language.detect import detect_text

        found = detect_text(part)
        parts.append((part, found.lang if found.supported and found.lang in WRITTEN_IN else ""))
    return parts


def source_language(ref) -> str:
    """The language a source line (a dict or an object with `source` and maybe `source_language`, or a text) is in:
    the one it carries, else what the detector tells of its words (market and tariff data name their sources in
    English); "" for a bare address or a name the detector cannot tell (a domain is in no language)."""
    if isinstance(ref, str):
        ref = {"source": ref}
    get = ref.get if isinstance(ref, dict) else (lambda key, default=None: getattr(ref, key, default))
    carried = get("source_language") or ""
    if carried:
        return carried
    text = str(get("source") or "").strip()
    return _detected(text) if len(text.split()) >= 2 else ""


def _detected(text: str) -> str:
    """The language the detector tells `text` is in, when it is one a page can name (`WRITTEN_IN`); else ""."""
    from tijara.language.detect import detect_text

    found = detect_text(text)
    return found.lang if found.supported and found.lang in WRITTEN_IN else ""


# A word of a free-text value that is not a proper name: it starts with a lower-case letter ("varies", "with",
# "host city rotates"); names (a capital initial), figures and codes are set aside.
COMMON_WORD = re.compile(r"(?<![\w'’.-])[^\W\d_A-Z\u00C0-\u00DE][\w'’.-]*")


def words_language(text: str | None) -> str:
    """The language a free-text value of the data (a fair's city, venue or organiser) is written in, told by its
    common words alone (proper names, years and codes say nothing of it); "" when it has fewer than four letters of
    them — a place name ("Villepinte (Paris)", "Frankfurt am Main") is in no language — or the detector cannot tell."""
    common = " ".join(COMMON_WORD.findall(str(text or "")))
    return _detected(common) if sum(ch.isalpha() for ch in common) >= 4 else ""


def rate_source(text: str | None) -> str:
    """An exchange rate's source as plain text in the page's language where the project names it."""
    return " + ".join(words for words, _lang in rate_source_parts(text))


def price_or_free(value, currency: str = "MAD", *, lang: str | None = None) -> str:
    """An amount, or "Free" when it is zero (an unknown price reads "price not given")."""
    number = _number(value)
    if number is None:
        return pgettext("price", "price not given")
    if number == 0:
        return pgettext("price", "Free")
    return money(number, currency, lang=lang)


def isolate(text) -> str:
    """Plain text (e-mail, PDF, CLI, SVG) with its direction isolated by U+2068 … U+2069."""
    if text is None or text == "":
        return ""
    return f"{FSI}{text}{PDI}"


# What a page in another language says after a text left in the language it was written in (marked with
# `gettext_noop` in the templatetags, whose catalogue translates them).
WRITTEN_IN = {"en": "in English", "fr": "in French", "ar": "in Arabic"}


def written_in(code: str | None) -> str:
    """"in French" (translated) for a text written in `code` (ar/fr/en; blank reads as English, the knowledge
    files' language) on a page in another language; "" on a page in its language or for a language not named."""
    code = (code or "en")[:2]
    if code == language() or code not in WRITTEN_IN:
        return ""
    return gettext(WRITTEN_IN[code])


def written(text, code: str | None) -> str:
    """Plain text (e-mail, a note inside a sentence) of `text` written in `code`: isolated, and followed on a page in
    another language by that language in words (`⁨gov.uk guidance⁩ (en anglais)`); no mark for a blank code (a
    language that cannot be told is not guessed)."""
    return isolate(text) + (lang_note(code) if code else "")


def rate_source_written(text: str | None) -> str:
    """An exchange rate's source for plain text: named in the page's language where the project names it, else as
    stored, isolated and said to be in its language on a page in another one (`written`)."""
    return " + ".join(isolate(words) if code is None else written(words, code)
                      for words, code in rate_source_parts(text))


def counts(parts) -> str:
    """Counts said in one sentence, each in its own plural phrase: `parts` are (phrase, n), the phrase chosen by
    `ngettext` for n (Arabic has six forms) and holding `%(n)s`; n written with the locale's grouping (`num`:
    "1,234", "1 234", "1.234"), the phrases joined by the page language's comma and ended by a full stop."""
    return comma().join(phrase % {"n": num(n)} for phrase, n in parts) + "."


def lang_note(code: str | None, *, inside: bool = False) -> str:
    """The language mark after a text written in `code` on a page in another language (`written_in`): ` (in
    English)`, or — when the text already sits inside brackets — `, in English` with the page language's comma, so
    the bracket reads `(UK Global Tariff, in English)` and never `(UK Global Tariff (in English))`; "" on a page in
    the text's language."""
    words = written_in(code)
    if not words:
        return ""
    return f"{comma()}{words}" if inside else f" ({words})"


def tidy_marks(text) -> str:
    """A composed sentence with its language marks read cleanly (`lang_note`): a mark in its own bracket that sits
    inside another bracket (`(UK Global Tariff (in English), 2025)`) or right after one (`(CEPII GeoDist 2011) (in
    English)`) joins that bracket after the page language's comma: `(UK Global Tariff, in English, 2025)`,
    `(CEPII GeoDist 2011, in English)`, `(…، بالإنجليزية)`. A bracket inside an isolated name (U+2068 … U+2069,
    `⁨Tariff (HMRC)⁩ (in English)`) is the name's own: the mark after it stays as it is."""
    text = "" if text is None else str(text)
    marks = sorted({gettext(words) for words in WRITTEN_IN.values()}, key=len, reverse=True)
    if not any(f"({m})" in text for m in marks):
        return text
    alt = "|".join(re.escape(m) for m in marks)
    out, depth, at = [], 0, 0
    for match in re.finditer(rf"(?P<close>\))?\s\((?P<mark>{alt})\)", text):
        before = text[at:match.start()]
        depth = max(0, depth + before.count("(") - before.count(")"))
        if match.group("close"):  # "(… 2011) (in English)": into the bracket just closed
            out.append(before + comma() + match.group("mark") + ")")
        elif depth > 0:  # "(… (in English)…": inside an open bracket
            out.append(before + comma() + match.group("mark"))
        else:
            out.append(text[at:match.end()])
        at = match.end()
    return "".join(out) + text[at:]


def comma() -> str:
    """The separator between two items of a list in the page's language (`، ` in Arabic, `, ` in French and English)."""
    return pgettext("list separator", ", ")


def colon() -> str:
    """What follows a label before its value: `: ` in English and Arabic, a narrow no-break space before the colon
    in French (`Droits : exempté`)."""
    return pgettext("label separator", ": ")


def undated() -> str:
    """The word shown for a missing date."""
    return pgettext("date", "undated")


def free() -> str:
    """The word shown for a zero price."""
    return pgettext("price", "Free")


def not_given() -> str:
    """The words shown for a missing value."""
    return gettext("Not given")


# Figures in prose --------------------------------------------------------------------------------------------------
# How a text in each language separates digit groups and decimals. "," and "." are read by the language; "both" when
# either is written (French texts quote "1.5"; Arabic texts write the decimal "0.5" and Moroccan print groups
# "3.600"). Spaces (plain before three digits, no-break, narrow, thin) and U+066C always group, U+066B is a decimal.
_SIGNS = {"en": {",": ("group",), ".": ("decimal",)},
          "fr": {",": ("decimal",), ".": ("group", "decimal")},
          "ar": {",": ("group", "decimal"), ".": ("group", "decimal")}}
_SPACES = " \u00a0\u202f\u2009"
# Digits with one sign between digit groups; a plain space only before a group of exactly three digits.
NUMBER = re.compile(r"\d+(?:(?:[.,\u066b\u066c\u00a0\u202f\u2009]| (?=\d{3}(?!\d)))\d+)*")
# Beside these a number is part of a code, a name, a date, a time, a range or a signed value (CN22, EUR.1, m2,
# 2021-01-01, 10:30, 50-1000, +212 …): it stays as written. A digit and a space before, or a space and a digit
# after, are a number written in pairs (a phone number).
_CODE_BEFORE = re.compile(r"(?:[A-Za-z\u00c0-\u024f_#+\-\u2010-\u2015\u2212/:§°.,\u066b\u066c]|\d[ \u00a0])$")
_CODE_AFTER = re.compile(r"[A-Za-z\u00c0-\u024f_\-\u2010-\u2015\u2212/:°]| \d")
# After a number sign or an upper-case abbreviation (19 CFR 10.764, CPG 545.450, n° 11.19, رقم 11.19) a number is a
# reference; a currency code (EUR 2.80) is not an abbreviation of that kind.
_REFERENCE = re.compile(r"(?:\b(?P<code>[A-Z]{2,}[A-Z0-9]*)|[Nn][°º]|[Nn]o\.|№|#|§|\u0631\u0642\u0645)[ \u00a0]*$")
_PROTECTED = re.compile(r"\u2068[^\u2069]*\u2069|(?:https?://|www\.)\S+|[^\s@]+@[^\s@]+\.\w+")


# An ISO date in prose ("since 2025-08-29", "from 2025-05"), not glued to a code, a path, a range or a time.
ISO_DATE = re.compile(r"(?<![\w\-\u2010-\u2015/.:])(\d{4})-(\d{2})(?:-(\d{2}))?(?![\w\-\u2010-\u2015/]|[.,:]\d|\.\.)")


def _iso_date_words(match: re.Match, lang: str | None) -> str:
    """The date of an ISO_DATE match in words ("29 août 2025"; a month "août 2025"); as written when it is not a date,
    or when a year and month could also be a range of years ("2011-12": 2011–2012)."""
    year, month, day = match.groups()
    try:
        if day:
            return format_skeleton("yMMMMd", datetime.date(int(year), int(month), int(day)), locale=locale_for(lang))
        if int(month) > int(year[2:]):  # "2011-12" may be 2011–2012; "2025-08" is a month
            return match.group(0)
        return format_skeleton("yMMMM", datetime.date(int(year), int(month), 1), locale=locale_for(lang))
    except ValueError:
        return match.group(0)


def _dates_in_words(text: str, protected: list[tuple[int, int]], lang: str | None) -> str:
    return ISO_DATE.sub(lambda m: m.group(0) if any(a <= m.start() < b for a, b in protected)
                        else _iso_date_words(m, lang), text)


@dataclass(frozen=True)
class Reading:
    """One way to read a written number: its value, the decimals written, and whether its thousands are grouped."""

    value: decimal.Decimal
    places: int
    grouped: bool


def number_readings(token: str, *, lang: str | None = None) -> set[Reading]:
    """The values a number written in a text of `lang` can have ("3,600" en → 3600; "3 600", "3٬600" → 3600 in any
    language; "0.5" ar → 0.5; "3.600" ar → 3600 or 3.6: two readings). Empty when no reading is valid ("1.5.2")."""
    groups = re.split(r"\D", token)
    signs = re.findall(r"\D", token)
    if not signs:
        return {Reading(decimal.Decimal(token), 0, False)}
    table = _SIGNS[language(lang)]

    def roles(sign: str) -> tuple[str, ...]:
        if sign in _SPACES or sign == "\u066c":
            return ("group",)
        return ("decimal",) if sign == "\u066b" else table[sign]

    kinds = sorted(set(signs))
    readings = set()
    for choice in itertools.product(*(roles(k) for k in kinds)):
        role = dict(zip(kinds, choice, strict=True))
        decimals = [i for i, sign in enumerate(signs) if role[sign] == "decimal"]
        if len(decimals) > 1 or (decimals and decimals[0] != len(signs) - 1):
            continue
        if len({"space" if s in _SPACES else s for s in signs if role[s] == "group"}) > 1:
            continue
        whole = groups[:len(signs) - len(decimals) + 1]
        if len(whole) > 1 and (not 1 <= len(whole[0]) <= 3 or whole[0].startswith("0")
                               or any(len(g) != 3 for g in whole[1:])):
            continue
        fraction = groups[-1] if decimals else ""
        value = decimal.Decimal("".join(whole) + ("." + fraction if fraction else ""))
        readings.add(Reading(value, len(fraction), len(whole) > 1))
    return readings


@cache
def _currency_codes() -> frozenset[str]:
    from babel.numbers import list_currencies

    return frozenset(list_currencies())


def figures(text, *, lang: str | None = None) -> str:
    """A sentence of `lang` (a fact, an answer) with its figures written as the locale writes them: "3٬600" →
    "3.600" (ar), "3 600" → "3 600" with U+202F (fr), "0.5" → "0,5" (ar), "1.50" keeps its two decimals.

    Only a figure the text writes with a sign is read: an integer written without grouping (a year, an HS heading
    or code such as 4202 or 570110, an ID, a phone number) stays as written, as does a number of four or more
    digits before its decimals (HS 6702.10), a number beside a letter or inside a code, date, time or range, a
    reference after an abbreviation or a number sign (19 CFR 10.764, n° 11.19), a number read two ways ("3.600" in
    Arabic), and anything isolated (U+2068 … U+2069: codes and quotations kept as printed), in an address or an
    e-mail. The data therefore writes its quantities grouped ("3,600" en, "3 600" fr, "3٬600" ar).

    An ISO date ("depuis le 2025-08-29") is written in words ("depuis le 29 août 2025", "منذ 29 غشت 2025"), and a
    year and month ("2025-05") too when it cannot be a range of years ("2011-12" stays); not inside a code, a URL,
    an e-mail or an isolated fragment.
    """
    text = "" if text is None else str(text)
    if not any(char.isdigit() for char in text):
        return text
    text = _dates_in_words(text, [match.span() for match in _PROTECTED.finditer(text)], lang)
    protected = [match.span() for match in _PROTECTED.finditer(text)]

    def write(match: re.Match) -> str:
        token, start, end = match.group(0), match.start(), match.end()
        before = text[max(0, start - 16):start]
        if any(a <= start < b for a, b in protected) or _CODE_BEFORE.search(before) or _CODE_AFTER.match(text, end):
            return token
        reference = _REFERENCE.search(before)
        if reference and reference.group("code") not in _currency_codes():
            return token
        readings = number_readings(token, lang=lang)
        if len(readings) != 1:
            return token
        (reading,) = readings
        if not reading.grouped and (not reading.places or abs(reading.value) >= 1000):
            return token
        return format_decimal(reading.value, format=_fixed(reading.places), locale=locale_for(lang))

    return NUMBER.sub(write, text)

"""The import/export template: its columns (headers in ar/fr/en), reading CSV/XLSX and writing them. No ORM.

One row is one product variant. Rows that share a product SKU are variants of that product (each with its own
variant SKU); product columns may be repeated on those rows or left empty after the first one.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from tijara.core.archives import MB, ZipLimits, zip_open_checked
from tijara.core.errors import TijaraError
from tijara.core.spreadsheet import sheet_title, spreadsheet_safe, spreadsheet_unescape
from tijara.core.unicode import strip_control_characters


@dataclass(frozen=True)
class Column:
    key: str
    text: object  # the header as a lazy msgid (context "sheet column"): its ar/fr headers come from the catalogue
    level: str  # product, variant, text, photos
    help: object  # lazy translated text
    sample: object = ""  # the example value (lazy when written in a given language)
    required: str = ""  # "always", "new" (to create a product), ""

    @property
    def example(self) -> str:
        return str(self.sample)

    def _in(self, language: str) -> str:
        with translation.override(language):
            return str(self.text)

    @property
    def en(self) -> str:
        return self._in("en")

    @property
    def fr(self) -> str:
        return self._in("fr")

    @property
    def ar(self) -> str:
        return self._in("ar")

    def label(self, language: str) -> str:
        return self.key if language == "key" else self._in(language if language in ("fr", "ar") else "en")


def _c(key, text, level, help_text, example="", required=""):
    return Column(key, text, level, help_text, example, required)


def _in_language(language: str, message) -> object:
    """`message` translated into `language` whatever the page's language (an example written in that language)."""
    def render() -> str:
        with translation.override(language):
            return str(message)
    return lazy(render, str)()


def _names(key: str, language: str) -> list[tuple[str, str]]:
    """(code, name in `language`) of the values a column takes: craft families, regions, product statuses."""
    from tijara.core.crafts import CRAFT_CODES, REGION_CODES, craft_name, region_name

    if key == "craft_family":
        return [(code, craft_name(code, language)) for code in CRAFT_CODES]
    if key == "region":
        return [(code, region_name(code, language)) for code in REGION_CODES]
    from tijara.catalog.models import Product

    with translation.override(language):
        return [(value, str(label)) for value, label in Product.Status.choices]


def _names_help(key: str):
    """The help of a column whose values are names: the names in the page's language (a sheet takes the name in
    Arabic, French or English, or the code), never a list of internal codes."""
    def render() -> str:
        language = (translation.get_language() or "en")[:2]
        names = pgettext("list separator", ", ").join(name for _code, name in _names(key, language))
        if key == "status":
            return _("One of: %(names)s; empty = %(default)s") % {"names": names, "default": _names(key, language)[0][1]}
        return _("The name, in Arabic, French or English: %(names)s") % {"names": names}
    return lazy(render, str)()


def _name_sample(key: str, code: str):
    """An example value: the name of `code` in the page's language."""
    def render() -> str:
        language = (translation.get_language() or "en")[:2]
        return dict(_names(key, language)).get(code, code)
    return lazy(render, str)()


YESNO = gettext_lazy("yes or no (oui/non, نعم/لا); empty = unknown")
COLUMNS: list[Column] = [
    _c("sku", pgettext_lazy("sheet column", "SKU"), "product",
       gettext_lazy("Your stable product reference, unique in your catalog: letters, digits, . _ -"),
       "AZL-RUG-0042", "always"),
    _c("variant_sku", pgettext_lazy("sheet column", "Variant SKU"), "variant",
       gettext_lazy("Reference of this variant; empty = same as the product SKU (one-variant products)"),
       "AZL-RUG-0042-L"),
    _c("craft_family", pgettext_lazy("sheet column", "Craft family"), "product",
       _names_help("craft_family"), _name_sample("craft_family", "rugs"), "new"),
    _c("technique", pgettext_lazy("sheet column", "Technique"), "product",
       gettext_lazy("How it is made: hand-knotted, hand-woven, hand-painted, hammered …"), "hand-knotted"),
    _c("materials", pgettext_lazy("sheet column", "Materials (with %)"), "product",
       gettext_lazy("Materials separated by ';' with their share when known (textiles need it); shares add up to 100"),
       "wool 80%; cotton 20%"),
    _c("region", pgettext_lazy("sheet column", "Region of making"), "product",
       _names_help("region"), _name_sample("region", "beni-mellal-khenifra")),
    _c("city", pgettext_lazy("sheet column", "City of making"), "product", gettext_lazy("Town or village"),
       "Azilal"),
    _c("makers", pgettext_lazy("sheet column", "Maker(s)"), "product", gettext_lazy("Name(s) of the maker(s)"),
       "Fatima, Itto"),
    _c("period_made", pgettext_lazy("sheet column", "Year or period made"), "product",
       gettext_lazy("Year (2025) or period (1970s)"), "2025"),
    _c("length_cm", pgettext_lazy("sheet column", "Length (cm)"), "product", gettext_lazy("Number, cm"), "240"),
    _c("width_cm", pgettext_lazy("sheet column", "Width (cm)"), "product", gettext_lazy("Number, cm"), "150"),
    _c("height_cm", pgettext_lazy("sheet column", "Height (cm)"), "product", gettext_lazy("Number, cm"), "1.5"),
    _c("weight_kg", pgettext_lazy("sheet column", "Weight (kg)"), "product", gettext_lazy("Number, kg"), "9.5"),
    _c("packed_length_cm", pgettext_lazy("sheet column", "Packed length (cm)"), "product",
       gettext_lazy("Number, cm"), "155"),
    _c("packed_width_cm", pgettext_lazy("sheet column", "Packed width (cm)"), "product",
       gettext_lazy("Number, cm"), "35"),
    _c("packed_height_cm", pgettext_lazy("sheet column", "Packed height (cm)"), "product",
       gettext_lazy("Number, cm"), "35"),
    _c("packed_weight_kg", pgettext_lazy("sheet column", "Packed weight (kg)"), "product",
       gettext_lazy("Number, kg"), "10.2"),
    _c("production_days", pgettext_lazy("sheet column", "Production time (days)"), "product",
       gettext_lazy("Whole number of days"), "45"),
    _c("moq", pgettext_lazy("sheet column", "Minimum order quantity"), "product",
       gettext_lazy("Whole number, at least 1"), "1"),
    _c("monthly_capacity", pgettext_lazy("sheet column", "Monthly capacity"), "product",
       gettext_lazy("Units you can make per month"), "4"),
    _c("one_of_a_kind", pgettext_lazy("sheet column", "One of a kind"), "product", YESNO, "yes"),
    _c("care_instructions", pgettext_lazy("sheet column", "Care instructions"), "product",
       gettext_lazy("Free text"), "Vacuum without brush; professional cleaning."),
    _c("certifications", pgettext_lazy("sheet column", "Certifications and labels"), "product",
       gettext_lazy("Separated by ';'"), "Label Maroc"),
    _c("food_contact_suitable", pgettext_lazy("sheet column", "Food contact"), "product", YESNO, ""),
    _c("electrical_parts", pgettext_lazy("sheet column", "Electrical parts"), "product", YESNO, ""),
    _c("hs_code", pgettext_lazy("sheet column", "HS code"), "product",
       gettext_lazy("Customs code, 6 to 10 digits, dots allowed; it must exist in the HS nomenclature"), "5701.10"),
    _c("status", pgettext_lazy("sheet column", "Status"), "product", _names_help("status"), _name_sample("status", "ready")),
    _c("is_public", pgettext_lazy("sheet column", "Show to buyers"), "product", YESNO, "yes"),
    _c("size", pgettext_lazy("sheet column", "Size"), "variant", gettext_lazy("Variant size"), "150 x 240 cm"),
    _c("colour", pgettext_lazy("sheet column", "Colour"), "variant", gettext_lazy("Variant colour"), "cream"),
    _c("pattern", pgettext_lazy("sheet column", "Pattern"), "variant", gettext_lazy("Variant pattern"), "diamonds"),
    _c("price_mad", pgettext_lazy("sheet column", "Price (MAD)"), "variant",
       gettext_lazy("Price in dirhams, greater than 0; decimal comma or point"), "4200.00"),
    _c("stock", pgettext_lazy("sheet column", "Stock"), "variant", gettext_lazy("Whole number; 1 for a unique piece"), "1"),
    _c("gtin", pgettext_lazy("sheet column", "GTIN (barcode)"), "variant",
       gettext_lazy("Only if you bought GS1 barcodes: 8, 12, 13 or 14 digits with a valid check digit"), ""),
]
TEXT_COLUMNS = {  # per text language: title, description, tags headers (msgids, so the catalogue holds ar/fr)
    "ar": (pgettext_lazy("sheet column", "Title (Arabic)"), pgettext_lazy("sheet column", "Description (Arabic)"), pgettext_lazy("sheet column", "Tags (Arabic)")),
    "fr": (pgettext_lazy("sheet column", "Title (French)"), pgettext_lazy("sheet column", "Description (French)"), pgettext_lazy("sheet column", "Tags (French)")),
    "en": (pgettext_lazy("sheet column", "Title (English)"), pgettext_lazy("sheet column", "Description (English)"), pgettext_lazy("sheet column", "Tags (English)")),
}
TEXT_LANGUAGES = [(code,) for code in TEXT_COLUMNS]
EXAMPLE_TITLE = pgettext_lazy("sheet example", "Beni Ourain wool rug")
for _code, (_title, _description, _tags) in TEXT_COLUMNS.items():
    COLUMNS += [
        _c(f"title_{_code}", _title, "text", gettext_lazy("Product title, at most 200 characters"),
           _in_language(_code, EXAMPLE_TITLE)),
        _c(f"description_{_code}", _description, "text", gettext_lazy("Product description"), ""),
        _c(f"tags_{_code}", _tags, "text", gettext_lazy("Keywords separated by ';'"), ""),
    ]
COLUMNS.append(
    _c("photos", pgettext_lazy("sheet column", "Photos"), "photos",
       gettext_lazy("http(s) URLs or file names inside the ZIP sent with the sheet, separated by spaces or ';'"),
       "rug-0042-a.jpg; rug-0042-b.jpg"),
)
COLUMN_KEYS = [c.key for c in COLUMNS]
BY_KEY = {c.key: c for c in COLUMNS}
ALIASES = {
    "price": "price_mad", "prix": "price_mad", "prix mad": "price_mad", "prix (dh)": "price_mad", "الثمن": "price_mad",
    "reference": "sku", "référence": "sku", "ref": "sku", "المرجع": "sku",
    "المرجع (sku)": "sku",  # the Arabic header of templates downloaded before it lost its English gloss
    "craft": "craft_family", "famille": "craft_family", "category": "craft_family", "catégorie": "craft_family",
    "hs": "hs_code", "code sh": "hs_code", "code hs": "hs_code", "hs code": "hs_code",
    "quantity": "stock", "qty": "stock", "quantité": "stock",
    "colour": "colour", "color": "colour", "images": "photos", "image": "photos", "photo": "photos",
}


def normalise_header(text) -> str:
    text = unicodedata.normalize("NFKC", str(text or "")).strip().strip("*").strip().casefold()
    return re.sub(r"\s+", " ", text)


@cache
def header_lookup() -> dict[str, str]:
    lookup = {}
    for column in COLUMNS:
        for label in (column.key, column.en, column.fr, column.ar):
            lookup[normalise_header(label)] = column.key
    for alias, key in ALIASES.items():
        lookup.setdefault(normalise_header(alias), key)
    return lookup


def column_named(header_or_key) -> Column | None:
    """The template column a header names (in any language, or its short code), else None."""
    key = header_lookup().get(normalise_header(header_or_key))
    return next((column for column in COLUMNS if column.key == key), None)


def column_in_words(header_or_key) -> tuple[str, str]:
    """(the column's name in the page's language, the header as the file wrote it when that differs, else "").

    An import report names a column in the reader's words, never by its internal key; the file's own header is
    kept beside it so the reader finds the column in a sheet written in another language or with short codes."""
    written = str(header_or_key or "").strip()
    column = column_named(written)
    if column is None:
        return written, ""
    name = column.label((translation.get_language() or "en")[:2])
    return name, ("" if normalise_header(name) == normalise_header(written) else written)


def change_in_words(change: str) -> str:
    """One entry of an import row's changes ("price_mad", "variant AZL-1-R", "text fr", "2 photo(s)") in words of
    the page's language; an entry already in words passes through."""
    from tijara.core.l10n import isolate, language_name

    kind, _space, rest = str(change).partition(" ")
    if kind == "variant" and rest:
        return _("variant {sku}").format(sku=isolate(rest))
    if kind == "text" and rest:
        return _("text in {language}").format(language=language_name(rest))
    column = column_named(change) if not rest else None
    return column_in_words(change)[0] if column else str(change)


@dataclass
class Sheet:
    """A parsed sheet: the header cells as written, their column keys (None = unknown), the data rows."""

    headers: list[str]
    keys: list[str | None]
    rows: list[tuple[int, dict]]  # (spreadsheet row number, {key: value})

    @property
    def ignored(self) -> list[str]:
        return [h for h, k in zip(self.headers, self.keys, strict=False) if k is None and str(h or "").strip()]

    def header_for(self, key: str) -> str:
        for header, k in zip(self.headers, self.keys, strict=False):
            if k == key:
                return str(header).strip()
        return key


def _map_headers(headers: list) -> tuple[list[str], list[str | None]]:
    names = [str(h if h is not None else "").strip() for h in headers]
    keys: list[str | None] = []
    seen: dict[str, str] = {}
    for name in names:
        key = header_lookup().get(normalise_header(name))
        if key and key in seen:
            raise TijaraError("invalid_file", _("The columns “{a}” and “{b}” are the same column.").format(
                a=seen[key], b=name))
        if key:
            seen[key] = name
        keys.append(key)
    if "sku" not in seen:
        raise TijaraError("invalid_file", _(
            "No SKU column: the first row must hold the column names of the template (for example “SKU”)."),
            field="sku")
    return names, keys


def _rows(raw_rows, keys, *, start: int = 2, max_rows: int | None = None) -> list[tuple[int, dict]]:
    """Non-blank rows keyed by column; stops reading as soon as there are more than `max_rows` (streaming)."""
    rows = []
    for number, raw in enumerate(raw_rows, start=start):
        if raw is None or all(v is None or (isinstance(v, str) and not v.strip()) for v in raw):
            continue
        if max_rows is not None and len(rows) >= max_rows:
            raise TijaraError("too_many_rows", _(
                "The file has more than {limit} rows; import at most {limit} at a time.").format(limit=max_rows))
        row = {}
        for key, value in zip(keys, raw, strict=False):
            if key is not None:
                row[key] = spreadsheet_unescape(value.strip()) if isinstance(value, str) else value
        rows.append((number, row))
    return rows


def read_sheet(data: bytes, filename: str, *, max_rows: int | None = None) -> Sheet:
    """Parse a CSV (comma, semicolon or tab; UTF-8) or XLSX file into a Sheet; raises TijaraError if unreadable.

    Rows are read one at a time and reading stops past `max_rows`, so a huge sheet costs no more than the limit.
    """
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, max_rows=max_rows)
    if name.endswith(".xls"):
        raise TijaraError("invalid_file", _("Old Excel files (.xls) are not read: save the sheet as .xlsx or CSV."))
    return _read_csv(data, max_rows=max_rows)


def _read_csv(data: bytes, *, max_rows: int | None = None) -> Sheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TijaraError("invalid_file", _(
            "The CSV file is not in UTF-8: in your spreadsheet choose “CSV UTF-8” when saving.")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
    except StopIteration:
        raise TijaraError("invalid_file", _("The file is empty.")) from None
    except csv.Error as exc:
        raise TijaraError("invalid_file", _("The CSV file cannot be read: {error}").format(error=exc)) from None
    names, keys = _map_headers(headers)
    try:
        return Sheet(names, keys, _rows(reader, keys, max_rows=max_rows))
    except csv.Error as exc:
        raise TijaraError("invalid_file", _("The CSV file cannot be read: {error}").format(error=exc)) from None


# An XLSX file is a ZIP: its parts are checked before openpyxl unpacks them. The worksheet is streamed (read-only
# mode) and may be large; the shared strings are loaded whole, so they get a tighter cap.
XLSX_LIMITS = ZipLimits(max_members=500, max_member_bytes=512 * MB, max_total_bytes=1024 * MB, max_ratio=1000,
                        ratio_floor_bytes=1 * MB)
XLSX_MAX_SHARED_STRINGS_BYTES = 32 * MB


def _open_streaming(data: bytes):
    """The workbook in openpyxl's read-only mode with only its first worksheet, which is never scanned up front.

    openpyxl's ReadOnlyWorksheet looks for the <dimension> element when it is created; a sheet without one is
    parsed to its end just for that (16 s of CPU for 1,000,000 rows) before a single row is returned.
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class StreamingWorksheet(ReadOnlyWorksheet):
        def _get_size(self):
            return None  # rows are streamed until the end or until the row limit

    class FirstSheetReader(ExcelReader):
        def read_worksheets(self):
            for sheet, rel in self.parser.find_sheets():
                if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                    self.wb._sheets.append(StreamingWorksheet(self.wb, sheet.name, rel.target, self.shared_strings))
                    return

    reader = FirstSheetReader(io.BytesIO(data), read_only=True, data_only=True)
    reader.read()
    return reader.wb


def _read_xlsx(data: bytes, *, max_rows: int | None = None) -> Sheet:
    try:
        archive = zip_open_checked(data, limits=XLSX_LIMITS, what=_("the Excel file"))
    except TijaraError as exc:
        if exc.code != "invalid_file":
            raise
        # An .xlsx is a ZIP inside, but "not a valid ZIP file" tells a person nothing they can act on.
        raise TijaraError("invalid_file", _("The Excel file cannot be read: save it again as .xlsx.")) from None
    for info in archive.infolist():
        if info.filename.lower().endswith("sharedstrings.xml") and info.file_size > XLSX_MAX_SHARED_STRINGS_BYTES:
            raise TijaraError("too_large", _(
                "The Excel file holds more than {limit} MB of text; split it into several files.").format(
                limit=XLSX_MAX_SHARED_STRINGS_BYTES // MB), status=413)
    try:
        workbook = _open_streaming(data)
    except Exception:  # noqa: BLE001 - openpyxl raises many types for a damaged file
        raise TijaraError("invalid_file", _("The Excel file cannot be read: save it again as .xlsx.")) from None
    try:
        if not workbook.worksheets:
            raise TijaraError("invalid_file", _("The file is empty."))
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        try:
            headers = next(rows)
        except StopIteration:
            raise TijaraError("invalid_file", _("The file is empty.")) from None
        names, keys = _map_headers(list(headers))
        return Sheet(names, keys, _rows(rows, keys, max_rows=max_rows))
    except TijaraError:
        raise
    except Exception:  # noqa: BLE001 - a damaged worksheet fails while it is streamed, with any exception type
        raise TijaraError("invalid_file", _("The Excel file cannot be read: save it again as .xlsx.")) from None
    finally:
        workbook.close()


def cell_text(value) -> str:
    """A cell as text ('' for None; 12.0 → '12')."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# ---------------------------------------------------------------------------------------------- writing


def headers(language: str) -> list[str]:
    return [c.label(language) for c in COLUMNS]


def write_csv(rows: list[dict], *, language: str = "key") -> bytes:
    """UTF-8 with a byte-order mark (so Excel shows Arabic correctly), comma-separated, header row first."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers(language))
    for row in rows:
        writer.writerow([_csv_value(row.get(key)) for key in COLUMN_KEYS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return spreadsheet_safe(str(value))  # the CSV is opened in spreadsheets: no cell may run as a formula


def write_xlsx(rows: list[dict], *, language: str = "key", guide: bool = True) -> bytes:
    """An XLSX workbook: sheet 1 = products (header row in `language`), sheet 2 = the guide to every column."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(pgettext("spreadsheet tab", "Products")))
    if language == "ar":
        sheet.sheet_view.rightToLeft = True
    sheet.freeze_panes = "B2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(column.label(language)) + 4))
    header = []
    for label in headers(language):
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append([_xlsx_value(sheet, row.get(key)) for key in COLUMN_KEYS])
    if guide:
        doc = workbook.create_sheet(sheet_title(pgettext("spreadsheet tab", "Guide")))
        if language == "ar":
            doc.sheet_view.rightToLeft = True
        for letter, width in zip("ABCDE", (28, 50, 16, 70, 30), strict=False):
            doc.column_dimensions[letter].width = width
        titles = []
        for title in (_("Column"), _("Other accepted names"), _("Required"), _("What to write"), _("Example")):
            cell = WriteOnlyCell(doc, value=title)
            cell.font = Font(bold=True)
            titles.append(cell)
        doc.append(titles)
        for column in COLUMNS:
            others = " | ".join(dict.fromkeys(label for label in (column.key, column.en, column.fr, column.ar)
                                              if label != column.label(language)))
            required = {"always": _("yes"), "new": _("for a new product")}.get(column.required, "")
            doc.append([column.label(language), others, required, str(column.help), column.example])
        doc.append([])
        for line in guide_notes():
            doc.append([line])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _xlsx_value(sheet, value):
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        value = strip_control_characters(value)  # a worksheet cannot hold them (openpyxl refuses the whole file)
    if isinstance(value, str) and value.startswith("="):
        # openpyxl writes any string starting with "=" as a live formula: store it as a text cell instead.
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def guide_notes() -> list[str]:
    return [
        _("One row per variant. Rows with the same SKU are variants of one product; give each a variant SKU."),
        _("Importing is safe to repeat: products are matched on their SKU; an empty cell keeps the current value."),
        _("Run a dry run first: it lists, row by row, what will be created, updated or rejected and why."),
        _("A rejected row changes nothing; the accepted rows are saved together."),
        _("Column names may be in Arabic, French or English, or the short codes of the second column."),
    ]

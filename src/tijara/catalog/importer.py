"""Bulk import of products from a CSV/XLSX sheet (with photos by URL or from a ZIP) and export in the same template.

`import_products(...)` checks every row, then (unless it is a dry run) writes every accepted row in one
transaction: a rejected row changes nothing, the accepted rows are committed together. Products are matched on
their SKU, so importing the same file twice reports everything unchanged the second time.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tijara.accounts.models import Organisation
from tijara.catalog import fetch, parsing, services, sheet
from tijara.catalog.models import CraftFamily, HSCodeChange, ImportJob, Photo, Product, ProductText, Variant
from tijara.core.archives import ZipLimits, read_member, zip_open_checked
from tijara.core.errors import TijaraError
from tijara.core.l10n import isolate, joined
from tijara.core.unicode import strip_bidi_controls, strip_control_characters

TEXT_LANGUAGES = [code for code, *_rest in sheet.TEXT_LANGUAGES]
PRODUCT_KEYS = [c.key for c in sheet.COLUMNS if c.level == "product" and c.key not in ("sku", "craft_family", "hs_code")]
VARIANT_KEYS = ["size", "colour", "pattern", "price_mad", "stock", "gtin"]
MAX_ROWS = 50_000
MAX_ZIP_MEMBERS = 5_000
MAX_ZIP_TOTAL_BYTES = 2 * 1024 * 1024 * 1024
MAX_ZIP_RATIO = 100  # photos barely compress; a member that unpacks to 100× its packed size is a bomb
MAX_SHEET_BYTES = 50 * 1024 * 1024  # a 50,000-row sheet with every column filled stays well below this


@dataclass
class RowResult:
    row: int
    sku: str = ""
    action: str = ""  # created / updated / unchanged / rejected
    errors: list[dict] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)
    rows: list[RowResult] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    dry_run: bool = True
    photos_added: int = 0

    def as_dict(self) -> dict:
        """The CLI contract: exactly created, updated, unchanged and errors [{row, column, message}]."""
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "errors": [{"row": e["row"], "column": e["column"], "message": e["message"]} for e in self.errors]}


class _RowRejected(Exception):
    pass


@dataclass
class _ParsedRow:
    number: int
    sku: str
    variant_sku: str
    product: dict  # product-level key → clean value (only non-blank cells)
    craft_family: str | None
    hs_code: str | None
    variant: dict
    texts: dict  # language → {title, description, tags} (non-blank only)
    photos: list[str]
    errors: list[dict] = field(default_factory=list)


def _photo_limits() -> ZipLimits:
    return ZipLimits(max_members=MAX_ZIP_MEMBERS, max_member_bytes=_max_bytes(), max_total_bytes=MAX_ZIP_TOTAL_BYTES,
                     max_ratio=MAX_ZIP_RATIO, ratio_floor_bytes=1024 * 1024)


class ZipPhotos:
    """Photos in a ZIP sent with the sheet, found by file name (case-insensitive, any folder).

    Every member's declared size and compression ratio is checked before anything is unpacked (zip bombs).
    """

    def __init__(self, data: bytes | None):
        self.zip = None
        self.names: dict[str, str] = {}
        if data is None:
            return
        self.zip = zip_open_checked(data, limits=_photo_limits(), what=_("the photo archive"))
        for info in self.zip.infolist():
            if info.is_dir():
                continue
            self.names.setdefault(posixpath.basename(info.filename).casefold(), info.filename)
            self.names.setdefault(info.filename.casefold(), info.filename)

    def has(self, name: str) -> bool:
        return name.casefold() in self.names or posixpath.basename(name).casefold() in self.names

    def info(self, name: str):
        key = name.casefold() if name.casefold() in self.names else posixpath.basename(name).casefold()
        return self.zip.getinfo(self.names[key])

    def read(self, name: str, max_bytes: int) -> bytes:
        info = self.info(name)
        if info.file_size > max_bytes:
            raise TijaraError("too_large", _("The photo {name} is too large ({size} MB). The limit is {limit} MB.").format(
                name=name, size=round(info.file_size / 1024 / 1024, 1), limit=max_bytes // 1024 // 1024))
        try:
            return read_member(self.zip, info, max_bytes=max_bytes)
        except TijaraError as exc:
            raise TijaraError(exc.code, _("The photo {name}: {problem}").format(name=name, problem=exc.message)) from None


def split_sheet_and_zip(data: bytes, filename: str) -> tuple[bytes, str, bytes | None]:
    """A .zip holding one sheet (and its photos) → (sheet bytes, sheet name, zip bytes); other files pass through.

    Sizes and ratios of every member are checked before the sheet is unpacked, and the sheet is read in chunks.
    """
    if not filename.lower().endswith(".zip"):
        return data, filename, None
    archive = zip_open_checked(data, limits=_photo_limits(), what=_("the ZIP archive"))
    sheets = [i for i in archive.infolist()
              if i.filename.lower().endswith((".csv", ".xlsx")) and not i.filename.startswith("__MACOSX")]
    if len(sheets) != 1:
        raise TijaraError("invalid_file", _("The ZIP archive must hold exactly one .csv or .xlsx sheet (found {n}).").format(
            n=len(sheets)))
    info = sheets[0]
    if info.file_size > MAX_SHEET_BYTES:
        raise TijaraError("too_large", _(
            "The sheet {name} is {size} MB once unpacked; at most {limit} MB are accepted.").format(
            name=info.filename[:120], size=round(info.file_size / 1024 / 1024, 1), limit=MAX_SHEET_BYTES // 1024 // 1024),
            status=413)
    return read_member(archive, info, max_bytes=MAX_SHEET_BYTES), info.filename, data


# ---------------------------------------------------------------------------------------------- parsing rows


class _Checker:
    """Row parsing with caches (craft families, HS codes) shared across the rows of one file."""

    def __init__(self, table: sheet.Sheet):
        self.table = table
        self.families = {f.code: f for f in CraftFamily.objects.filter(is_active=True)}
        self.family_names = {}
        for fam in self.families.values():
            for name in (fam.name_en, fam.name_fr, fam.name_ar):
                self.family_names[name.casefold()] = fam.code
        self.hs_cache: dict[str, str | None] = {}

    def err(self, parsed: _ParsedRow, key: str, message: str) -> None:
        parsed.errors.append({"row": parsed.number, "column": self.table.header_for(key), "message": str(message)})

    def family(self, value) -> str:
        text = sheet.cell_text(value)
        code = text.lower()
        if code in self.families:
            return code
        if text.casefold() in self.family_names:
            return self.family_names[text.casefold()]
        raise ValueError(_("Unknown craft family “{value}”. Known families: {codes}.").format(
            value=text[:60], codes=joined(isolate(fam.name()) for fam in self.families.values())))

    def hs_problem(self, code: str) -> str | None:
        """Why `code` is refused (not in the HS nomenclature), cached per file; None when it exists."""
        if code not in self.hs_cache:
            self.hs_cache[code] = services.hs_check(code)
        return self.hs_cache[code]

    def parse(self, number: int, row: dict) -> _ParsedRow:
        parsed = _ParsedRow(number=number, sku="", variant_sku="", product={}, craft_family=None, hs_code=None,
                            variant={}, texts={}, photos=[])
        # control characters another program left in a cell (NUL …) are never part of a value; PostgreSQL refuses NUL
        row = {k: strip_control_characters(v) if isinstance(v, str) else v for k, v in row.items()}
        try:
            parsed.sku = parsing.clean_sku(row.get("sku"))
        except ValueError as exc:
            self.err(parsed, "sku", str(exc))
        if not parsing.is_blank(row.get("variant_sku")):
            try:
                parsed.variant_sku = parsing.clean_sku(row.get("variant_sku"))
            except ValueError as exc:
                self.err(parsed, "variant_sku", str(exc))
        if not parsing.is_blank(row.get("craft_family")):
            try:
                parsed.craft_family = self.family(row["craft_family"])
            except ValueError as exc:
                self.err(parsed, "craft_family", str(exc))
        if not parsing.is_blank(row.get("hs_code")):
            try:
                parsed.hs_code = parsing.normalise_hs(row["hs_code"])
            except ValueError as exc:
                self.err(parsed, "hs_code", str(exc))
        for key in PRODUCT_KEYS:
            value = row.get(key)
            if parsing.is_blank(value):
                continue
            if isinstance(value, str):
                value = value.strip()
            try:
                parsed.product.update(services._clean_product_fields({key: value}))  # noqa: SLF001 - same app
            except TijaraError as exc:
                self.err(parsed, key, exc.message)
        for key in VARIANT_KEYS:
            value = row.get(key)
            if parsing.is_blank(value):
                continue
            try:
                if key == "price_mad":
                    parsed.variant[key] = parsing.parse_decimal(value, places=2, positive=True,
                                                                maximum=Decimal("9999999999"))
                elif key == "stock":
                    parsed.variant[key] = parsing.parse_int(value, minimum=0)
                elif key == "gtin":
                    parsed.variant[key] = parsing.clean_gtin(value)
                else:
                    text = sheet.cell_text(value)
                    if len(text) > 60:
                        raise ValueError(_("Too long: at most {limit} characters.").format(limit=60))
                    parsed.variant[key] = text
            except ValueError as exc:
                self.err(parsed, key, str(exc))
        for language in TEXT_LANGUAGES:
            values = {part: row.get(f"{part}_{language}") for part in ("title", "description", "tags")}
            values = {k: v for k, v in values.items() if not parsing.is_blank(v)}
            if not values:
                continue
            title = " ".join(strip_bidi_controls(sheet.cell_text(values.get("title"))).split())
            if len(title) > 200:
                self.err(parsed, f"title_{language}", _("The title is too long: {n} characters, at most 200.").format(
                    n=len(title)))
                continue
            text = {}
            if title:
                text["title"] = title
            if "description" in values:
                text["description"] = strip_bidi_controls(sheet.cell_text(values["description"]))
            if "tags" in values:
                text["tags"] = parsing.parse_list(sheet.cell_text(values["tags"]))
            parsed.texts[language] = text
        if not parsing.is_blank(row.get("photos")):
            refs = [r for r in re.split(r"[;\s|]+", sheet.cell_text(row["photos"])) if r]
            parsed.photos = list(dict.fromkeys(refs))
        return parsed


# ---------------------------------------------------------------------------------------------- planning


@dataclass
class _Plan:
    """What one product will become: existing record (or None), changes, variants, texts, photos."""

    sku: str
    rows: list[_ParsedRow]
    product: Product | None
    fields: dict = field(default_factory=dict)
    craft_family: str | None = None
    hs_code: str | None = None
    variants: dict = field(default_factory=dict)  # variant sku → {"row": n, "values": {...}}
    texts: dict = field(default_factory=dict)  # language → values
    photos: list[tuple[int, str]] = field(default_factory=list)  # (row, ref)
    prepared_photos: list[tuple[int, str, dict | None]] = field(default_factory=list)  # (row, URL or "", processed)


def _existing(organisation: Organisation):
    products = {p.sku: p for p in Product.objects.filter(organisation=organisation)}
    by_id = {p.pk: p for p in products.values()}
    variants: dict[str, Variant] = {}
    variants_of: dict[int, dict[str, Variant]] = {}
    for v in Variant.objects.filter(product__organisation=organisation):
        variants[v.sku] = v
        variants_of.setdefault(v.product_id, {})[v.sku] = v
    texts: dict[int, dict[str, ProductText]] = {}
    for t in ProductText.objects.filter(product__organisation=organisation):
        texts.setdefault(t.product_id, {})[t.language_code] = t
    photo_refs: dict[int, set[str]] = {}
    photo_hashes: dict[int, set[str]] = {}
    photo_counts: dict[int, int] = {}
    for pid, source_url, sha, original in Photo.objects.filter(product__organisation=organisation).values_list(
            "product_id", "source_url", "sha256", "original"):
        refs = photo_refs.setdefault(pid, set())
        if source_url:
            refs.add(source_url)
        if original:
            refs.add(original)
            refs.add(Photo._meta.get_field("original").storage.url(original))
        photo_hashes.setdefault(pid, set()).add(sha)
        photo_counts[pid] = photo_counts.get(pid, 0) + 1
    return products, by_id, variants, variants_of, texts, photo_refs, photo_hashes, photo_counts


def _product_equal(product: Product, key: str, value) -> bool:
    current = getattr(product, key)
    if isinstance(current, Decimal) and isinstance(value, Decimal):
        return current == value
    return current == value


def import_products(*, organisation: Organisation, data: bytes, filename: str, dry_run: bool = True,
                    zip_data: bytes | None = None, actor=None, fetch_urls: bool = True,
                    progress: Callable[[str, int, int], None] | None = None) -> ImportReport:
    """Check (and unless `dry_run`, apply) a product sheet for `organisation`; returns the row-by-row report.

    `progress(step, done, total)` is called as photos are fetched and before the rows are saved.
    """
    if not organisation.is_seller:
        raise TijaraError("invalid", _("A buyer organisation has no catalog."))
    data, filename, inner_zip = split_sheet_and_zip(data, filename)
    photos_zip = ZipPhotos(zip_data or inner_zip)
    table = sheet.read_sheet(data, filename, max_rows=MAX_ROWS)
    report = ImportReport(dry_run=dry_run, ignored_columns=table.ignored)
    checker = _Checker(table)
    parsed_rows = [checker.parse(number, row) for number, row in table.rows]
    (products, _by_id, variants_all, variants_of, texts_of, photo_refs, photo_hashes,
     photo_counts) = _existing(organisation)

    # Group rows by product SKU; detect duplicates and conflicts.
    plans: dict[str, _Plan] = {}
    seen_variant: dict[str, int] = {}
    for parsed in parsed_rows:
        if parsed.errors or not parsed.sku:
            continue
        plan = plans.get(parsed.sku)
        if plan is None:
            plan = plans[parsed.sku] = _Plan(sku=parsed.sku, rows=[], product=products.get(parsed.sku))
        variant_sku = parsed.variant_sku
        if not variant_sku:
            # A product with exactly one variant: a row without a variant SKU addresses that variant.
            only = list(variants_of.get(plan.product.pk, {})) if plan.product else []
            variant_sku = only[0] if len(only) == 1 else parsed.sku
        if variant_sku in seen_variant:
            column = "variant_sku" if parsed.variant_sku else "sku"
            checker.err(parsed, column, _("Duplicate SKU {sku}: row {row} already has it.").format(
                sku=variant_sku, row=seen_variant[variant_sku]))
            continue
        owner = variants_all.get(variant_sku)
        if owner is not None and (plan.product is None or owner.product_id != plan.product.pk):
            checker.err(parsed, "variant_sku" if parsed.variant_sku else "sku", _(
                "The variant SKU {sku} already belongs to another product of your catalog.").format(sku=variant_sku))
            continue
        # An HS code must exist in the nomenclature (a code the product already has is not checked again).
        if parsed.hs_code and (plan.product is None or parsed.hs_code != plan.product.hs_code):
            problem = checker.hs_problem(parsed.hs_code)
            if problem:
                checker.err(parsed, "hs_code", problem)
                continue
        # Product-level values must agree with earlier rows of the same product.
        conflict = False
        for key, value in [*parsed.product.items(), ("craft_family", parsed.craft_family), ("hs_code", parsed.hs_code)]:
            if value is None:
                continue
            earlier = plan.craft_family if key == "craft_family" else plan.hs_code if key == "hs_code" else \
                plan.fields.get(key)
            if earlier is not None and earlier != value:
                first = plan.rows[0].number if plan.rows else parsed.number
                checker.err(parsed, key, _("This value differs from row {row} of the same product.").format(row=first))
                conflict = True
        if conflict:
            continue
        # New products need a craft family.
        if plan.product is None and parsed.craft_family is None and plan.craft_family is None:
            checker.err(parsed, "craft_family", _("The craft family is required for a new product."))
            continue
        # Variants: a new variant needs a price.
        existing_variant = variants_of.get(plan.product.pk, {}).get(variant_sku) if plan.product else None
        if (parsed.variant or parsed.variant_sku) and existing_variant is None and "price_mad" not in parsed.variant:
            checker.err(parsed, "price_mad", _("The price is missing: a new variant needs a price in MAD."))
            continue
        # One-of-a-kind products keep every variant's stock at 0 or 1.
        unique = parsed.product.get("one_of_a_kind")
        if unique is None and plan.product is not None:
            unique = plan.fields.get("one_of_a_kind", plan.product.one_of_a_kind)
        if unique:
            others = variants_of.get(plan.product.pk, {}) if plan.product else {}
            high = [v.sku for v in others.values() if v.stock > 1 and v.sku != variant_sku
                    and v.sku not in plan.variants]
            if parsed.variant.get("stock", 0) > 1 or high:
                checker.err(parsed, "stock" if parsed.variant.get("stock", 0) > 1 else "one_of_a_kind",
                            _("A one-of-a-kind product has a stock of 0 or 1 (variants over 1: {skus}).").format(
                                skus=", ".join([variant_sku] if parsed.variant.get("stock", 0) > 1 else high[:5])))
                continue
        # Texts: a new text needs a title.
        bad_text = False
        for language, values in parsed.texts.items():
            has_text = plan.product is not None and language in texts_of.get(plan.product.pk, {})
            if "title" not in values and not has_text and "title" not in plan.texts.get(language, {}):
                checker.err(parsed, f"title_{language}", _("A text needs a title before a description or tags."))
                bad_text = True
        if bad_text:
            continue
        # Photos: URL syntax now, content later; ZIP names must be present.
        bad_photo = False
        known = photo_refs.get(plan.product.pk, set()) if plan.product else set()
        for ref in parsed.photos:
            if ref in known:
                continue
            if re.match(r"^[a-z][a-z0-9+.-]*://", ref, re.I):
                try:
                    fetch.check_url(ref)
                except TijaraError as exc:
                    checker.err(parsed, "photos", exc.message)
                    bad_photo = True
            elif not photos_zip.has(ref):
                checker.err(parsed, "photos", _("The photo {name} is not in the ZIP archive sent with the sheet.").format(
                    name=ref) if photos_zip.zip else _("The photo {name} is neither an http(s) address nor in a ZIP "
                                                       "archive (send the photos in a ZIP with the sheet).").format(
                    name=ref))
                bad_photo = True
        if bad_photo:
            continue
        # Accepted: merge into the plan.
        plan.rows.append(parsed)
        seen_variant[variant_sku] = parsed.number
        plan.fields.update(parsed.product)
        plan.craft_family = plan.craft_family or parsed.craft_family
        plan.hs_code = plan.hs_code if plan.hs_code is not None else parsed.hs_code
        parsed.variant_sku = variant_sku if (parsed.variant or parsed.variant_sku) else parsed.variant_sku
        if parsed.variant or parsed.variant_sku:
            plan.variants[variant_sku] = {"row": parsed.number, "values": parsed.variant}
        for language, values in parsed.texts.items():
            plan.texts.setdefault(language, {}).update(values)
        plan.photos.extend((parsed.number, ref) for ref in parsed.photos if ref not in known)

    plans = {sku: plan for sku, plan in plans.items() if plan.rows}

    # Photos: read (ZIP) or fetch (URL, on apply only) and check them now, outside the transaction;
    # a photo that fails rejects its row. Photos already attached (same URL or same bytes) are skipped.
    max_bytes = _max_bytes()
    photos_total = sum(len(plan.photos) for plan in plans.values())
    photos_done = 0
    if progress:
        progress("photos", 0, photos_total)
    for plan in plans.values():
        current_hashes = set(photo_hashes.get(plan.product.pk, set())) if plan.product else set()
        slots = services.MAX_PHOTOS - (photo_counts.get(plan.product.pk, 0) if plan.product else 0)
        failed_rows: set[int] = set()
        for number, ref in plan.photos:
            photos_done += 1
            if progress:
                progress("photos", photos_done, photos_total)
            if number in failed_rows:
                continue
            is_url = "://" in ref
            processed = None
            try:
                raw = None if (is_url and dry_run) else (
                    fetch.fetch(ref, max_bytes=max_bytes) if is_url else photos_zip.read(ref, max_bytes))
                sha = hashlib.sha256(raw).hexdigest() if raw is not None else None
                if sha in current_hashes:
                    continue
                if slots <= 0:
                    raise TijaraError("too_many", _("A product has at most {n} photos.").format(n=services.MAX_PHOTOS))
                if raw is not None:
                    processed = services.photo_check(raw) if dry_run else services.photo_prepare(raw)
            except TijaraError as exc:
                parsed = next(r for r in plan.rows if r.number == number)
                checker.err(parsed, "photos", exc.message if ref in exc.message else f"{ref}: {exc.message}")
                failed_rows.add(number)
                continue
            if sha:
                current_hashes.add(sha)
            slots -= 1
            plan.prepared_photos.append((number, ref if is_url else "", None if dry_run else processed))
        if failed_rows:
            _drop_rows(plan, failed_rows, checker)
    plans = {sku: plan for sku, plan in plans.items() if plan.rows}

    # Decide created / updated / unchanged per product and build the writes.
    writes = _Writes()
    for plan in plans.values():
        action, changes = _diff(plan, variants_of, texts_of, writes, organisation)
        setattr(report, action, getattr(report, action) + 1)
        for parsed in plan.rows:
            report.rows.append(RowResult(row=parsed.number, sku=parsed.sku, action=action, changes=changes))
    for parsed in parsed_rows:
        if parsed.errors:
            report.rows.append(RowResult(row=parsed.number, sku=parsed.sku, action="rejected", errors=parsed.errors))
            report.errors.extend(parsed.errors)
    report.rows.sort(key=lambda r: r.row)
    report.errors.sort(key=lambda e: e["row"])
    if not dry_run:
        if progress:
            progress("saving", photos_total, photos_total)
        writes.apply(actor=actor)
        report.photos_added = len(writes.photos)
    return report


def _max_bytes() -> int:
    from django.conf import settings

    return settings.TIJARA_MAX_UPLOAD_MB * 1024 * 1024


def _drop_rows(plan: _Plan, numbers: set[int], checker: _Checker) -> None:
    """Remove rejected rows from a plan and rebuild its merged values from the remaining rows."""
    keep = [r for r in plan.rows if r.number not in numbers]
    product, prepared = plan.product, [p for p in plan.prepared_photos if p[0] not in numbers]
    plan.__init__(sku=plan.sku, rows=[], product=product)
    for parsed in keep:
        plan.rows.append(parsed)
        plan.fields.update(parsed.product)
        plan.craft_family = plan.craft_family or parsed.craft_family
        plan.hs_code = plan.hs_code if plan.hs_code is not None else parsed.hs_code
        if parsed.variant or parsed.variant_sku:
            plan.variants[parsed.variant_sku or parsed.sku] = {"row": parsed.number, "values": parsed.variant}
        for language, values in parsed.texts.items():
            plan.texts.setdefault(language, {}).update(values)
    plan.prepared_photos = prepared
    if plan.product is None and plan.rows and plan.craft_family is None:
        for parsed in plan.rows:
            checker.err(parsed, "craft_family", _("The craft family is required for a new product (it was given on "
                                                  "a rejected row)."))
        plan.rows = []


class _Writes:
    def __init__(self):
        self.new_products: list[tuple[Product, _Plan]] = []
        self.changed_products: set[str] = set()
        self.products_to_update: list[Product] = []
        self.new_variants: list[tuple[Variant, _Plan]] = []
        self.variants_to_update: list[Variant] = []
        self.new_texts: list[tuple[ProductText, _Plan]] = []
        self.texts_to_update: list[ProductText] = []
        self.hs_changes: list[tuple[HSCodeChange, _Plan]] = []
        self.photos: list[tuple[_Plan, int, str, dict]] = []

    @transaction.atomic
    def apply(self, *, actor=None) -> None:
        now = timezone.now()
        if self.new_products:
            created = Product.objects.bulk_create([p for p, _plan in self.new_products], batch_size=500)
            for product, (_old, plan) in zip(created, self.new_products, strict=True):
                plan.product = product
        if self.products_to_update:
            for p in self.products_to_update:
                p.updated_at = now
            fields = sorted({"updated_at", "craft_family", "hs_code", "hs_source", "hs_confidence",
                             *PRODUCT_KEYS})
            Product.objects.bulk_update(self.products_to_update, fields, batch_size=500)
        for variant, plan in self.new_variants:
            variant.product = plan.product
        Variant.objects.bulk_create([v for v, _plan in self.new_variants], batch_size=500)
        for v in self.variants_to_update:
            v.updated_at = now
        Variant.objects.bulk_update(self.variants_to_update, [*VARIANT_KEYS, "updated_at"], batch_size=500)
        for text, plan in self.new_texts:
            text.product = plan.product
        ProductText.objects.bulk_create([t for t, _plan in self.new_texts], batch_size=500)
        for t in self.texts_to_update:
            t.updated_at = now
        ProductText.objects.bulk_update(self.texts_to_update, ["title", "description", "tags", "origin", "updated_at"],
                                        batch_size=500)
        user = actor if getattr(actor, "is_authenticated", False) else None
        for change, plan in self.hs_changes:
            change.product = plan.product
            change.changed_by = user
        HSCodeChange.objects.bulk_create([c for c, _plan in self.hs_changes], batch_size=500)
        stored = []
        try:
            positions: dict[int, int] = {}
            for plan, _number, url, processed in self.photos:
                product = plan.product
                if product.pk not in positions:
                    last = product.photos.order_by("-position").values_list("position", flat=True).first()
                    positions[product.pk] = -1 if last is None else last
                positions[product.pk] += 1
                photo = services._photo_store(product=product, alt_text={}, source_url=url,  # noqa: SLF001
                                              processed=processed, position=positions[product.pk])
                stored.append(photo)
        except Exception:
            for photo in stored:
                for f in (photo.original, photo.thumbnail, photo.web, photo.feed):
                    f.storage.delete(f.name)
            raise


def _diff(plan: _Plan, variants_of, texts_of, writes: _Writes, organisation: Organisation) -> tuple[str, list[str]]:
    changes: list[str] = []
    product = plan.product
    if product is None:
        product = Product(organisation=organisation, sku=plan.sku, craft_family_id=plan.craft_family, **plan.fields)
        if plan.hs_code:
            product.hs_code, product.hs_source = plan.hs_code, Product.HSSource.PERSON
        writes.new_products.append((product, plan))
        action = "created"
    else:
        action = "unchanged"
        for key, value in plan.fields.items():
            if not _product_equal(product, key, value):
                setattr(product, key, value)
                changes.append(key)
        if plan.craft_family and plan.craft_family != product.craft_family_id:
            product.craft_family_id = plan.craft_family
            changes.append("craft_family")
        if plan.hs_code and plan.hs_code != product.hs_code:
            writes.hs_changes.append((HSCodeChange(
                from_code=product.hs_code, to_code=plan.hs_code, source=Product.HSSource.PERSON,
                **_snapshot(plan, product, texts_of)), plan))
            product.hs_code, product.hs_source, product.hs_confidence = plan.hs_code, Product.HSSource.PERSON, None
            changes.append("hs_code")
        if changes:
            writes.products_to_update.append(product)
    if action == "created" and plan.hs_code:
        writes.hs_changes.append((HSCodeChange(from_code="", to_code=plan.hs_code, source=Product.HSSource.PERSON,
                                               **_snapshot(plan, product, texts_of)), plan))
    existing_variants = variants_of.get(product.pk, {}) if product.pk else {}
    position = len(existing_variants)
    for variant_sku, spec in plan.variants.items():
        values = spec["values"]
        variant = existing_variants.get(variant_sku)
        if variant is None:
            writes.new_variants.append((Variant(sku=variant_sku, position=position, **{
                "stock": 0, **values}), plan))
            position += 1
            changes.append(f"variant {variant_sku}")
        else:
            changed = False
            for key, value in values.items():
                if getattr(variant, key) != value:
                    setattr(variant, key, value)
                    changed = True
            if changed:
                writes.variants_to_update.append(variant)
                changes.append(f"variant {variant_sku}")
    existing_texts = texts_of.get(product.pk, {}) if product.pk else {}
    for language, values in plan.texts.items():
        text = existing_texts.get(language)
        if text is None:
            writes.new_texts.append((ProductText(language_code=language, title=values["title"],
                                                 description=values.get("description", ""),
                                                 tags=values.get("tags", []), origin=ProductText.Origin.PERSON), plan))
            changes.append(f"text {language}")
        else:
            changed = False
            for key, value in values.items():
                if getattr(text, key) != value:
                    setattr(text, key, value)
                    changed = True
            if changed:
                text.origin = ProductText.Origin.PERSON
                writes.texts_to_update.append(text)
                changes.append(f"text {language}")
    photo_count = len(plan.prepared_photos)
    for number, url, processed in plan.prepared_photos:
        if processed is not None:
            writes.photos.append((plan, number, url, processed))
    if photo_count:
        changes.append(_("{n} photo(s)").format(n=photo_count))
    if action == "unchanged" and changes:
        action = "updated"
    return action, changes


def _snapshot(plan: _Plan, product: Product, texts_of) -> dict:
    """text_snapshot and text_language for the HS log, from the imported or existing texts."""
    for language in ("en", "fr", "ar"):
        values = plan.texts.get(language) or {}
        existing = texts_of.get(product.pk, {}).get(language) if product.pk else None
        title = values.get("title") or (existing.title if existing else "")
        if title:
            description = values.get("description") or (existing.description if existing else "")
            return {"text_snapshot": ". ".join(p for p in (title, description[:600]) if p), "text_language": language}
    return {"text_snapshot": "", "text_language": ""}


# ---------------------------------------------------------------------------------------------- staging and apply

STAGED_IMPORT_HOURS = 24
STALE_MINUTES = 10
ROWS_KEPT = 300


def report_summary(report: ImportReport) -> dict:
    """The report as JSON for the page: counts, every problem, every rejected row and the first accepted ones."""
    rejected = [r for r in report.rows if r.action == "rejected"]
    accepted = [r for r in report.rows if r.action != "rejected"]
    shown = sorted(rejected + accepted[:ROWS_KEPT], key=lambda r: r.row)
    return {"created": report.created, "updated": report.updated, "unchanged": report.unchanged,
            "photos_added": report.photos_added, "ignored_columns": report.ignored_columns, "errors": report.errors,
            "rows": [asdict(r) for r in shown], "hidden": max(0, len(accepted) - ROWS_KEPT)}


def import_stage(*, organisation: Organisation, actor, data: bytes, filename: str,
                 zip_data: bytes | None = None) -> tuple[ImportReport, ImportJob]:
    """Dry-run a sheet, then keep it (and its photo ZIP) in the database so that any server can apply it."""
    import secrets
    from datetime import timedelta

    report = import_products(organisation=organisation, data=data, filename=filename, dry_run=True,
                             zip_data=zip_data, actor=actor)
    ImportJob.objects.filter(updated_at__lt=timezone.now() - timedelta(hours=STAGED_IMPORT_HOURS)).exclude(
        status__in=[ImportJob.Status.QUEUED, ImportJob.Status.RUNNING]).delete()
    job = ImportJob.objects.create(
        organisation=organisation, created_by=actor if getattr(actor, "is_authenticated", False) else None,
        token=secrets.token_urlsafe(24), filename=filename[:255], sheet=data, photos_zip=zip_data,
        report=report_summary(report))
    return report, job


def import_job_for(*, organisation: Organisation, token: str) -> ImportJob:
    """The organisation's import with this token; NotFound (“expired”) otherwise."""
    from tijara.core.errors import NotFound

    job = ImportJob.objects.filter(organisation=organisation, token=token or "-").defer("sheet", "photos_zip").first()
    if job is None:
        raise NotFound("import_expired", _("This import has expired: send the file again."))
    return job


def import_apply_enqueue(*, organisation: Organisation, token: str) -> ImportJob:
    """Queue a staged import for a background worker; applying twice queues it once."""
    from tijara.catalog.tasks import import_apply_task

    job = import_job_for(organisation=organisation, token=token)
    if ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.STAGED).update(
            status=ImportJob.Status.QUEUED, updated_at=timezone.now()):
        import_apply_task.enqueue(job.pk)
    job.refresh_from_db(fields=["status", "progress_done", "progress_total", "progress_step", "report", "error"])
    return job


def import_apply(*, job_id: int) -> None:
    """Apply a queued import (the worker's side): progress as it goes, then the report; the files are dropped."""
    from datetime import timedelta

    from django.db.models import Q

    # A RUNNING job that has not moved for STALE_MINUTES lost its worker (requeue_stale_tasks runs it again); the
    # writes are one transaction, so the dead run saved nothing.
    stale = timezone.now() - timedelta(minutes=STALE_MINUTES)
    if not ImportJob.objects.filter(
            Q(status=ImportJob.Status.QUEUED) | Q(status=ImportJob.Status.RUNNING, updated_at__lt=stale),
            pk=job_id).update(status=ImportJob.Status.RUNNING, updated_at=timezone.now()):
        return  # taken by another worker, or finished
    job = ImportJob.objects.select_related("organisation", "created_by").get(pk=job_id)
    rows = ImportJob.objects.filter(pk=job_id)

    def progress(step: str, done: int, total: int) -> None:
        rows.update(progress_step=step, progress_done=done, progress_total=total, updated_at=timezone.now())

    try:
        report = import_products(organisation=job.organisation, data=bytes(job.sheet), filename=job.filename,
                                 dry_run=False, zip_data=bytes(job.photos_zip) if job.photos_zip else None,
                                 actor=job.created_by, progress=progress)
    except TijaraError as exc:
        rows.update(status=ImportJob.Status.FAILED, error=exc.message, sheet=b"", photos_zip=None,
                    updated_at=timezone.now())
        return
    except Exception:
        rows.update(status=ImportJob.Status.FAILED, sheet=b"", photos_zip=None, updated_at=timezone.now(),
                    error=_("The import stopped on an unexpected error; nothing of it was saved. Try again."))
        raise
    rows.update(status=ImportJob.Status.DONE, report=report_summary(report), sheet=b"", photos_zip=None,
                progress_step="done", updated_at=timezone.now())


# ---------------------------------------------------------------------------------------------- export


def export_rows(*, organisation: Organisation) -> list[dict]:
    """One dict per variant (or per product without a variant), keyed by template column."""
    from tijara.catalog.selectors import products_for

    rows = []
    for product in products_for(organisation=organisation):
        base = {
            "sku": product.sku, "craft_family": product.craft_family_id, "technique": product.technique,
            "materials": parsing.materials_to_text(product.materials), "region": product.region, "city": product.city,
            "makers": product.makers, "period_made": product.period_made,
            "production_days": product.production_days, "moq": product.moq,
            "monthly_capacity": product.monthly_capacity, "one_of_a_kind": product.one_of_a_kind,
            "care_instructions": product.care_instructions, "certifications": "; ".join(product.certifications or []),
            "food_contact_suitable": product.food_contact_suitable, "electrical_parts": product.electrical_parts,
            "hs_code": parsing.format_hs(product.hs_code), "status": product.status, "is_public": product.is_public,
        }
        for key in services.DIMENSION_FIELDS + services.WEIGHT_FIELDS:
            value = getattr(product, key)
            base[key] = _plain(value) if value is not None else None
        for text in product.texts.all():
            if text.language_code in TEXT_LANGUAGES:
                base[f"title_{text.language_code}"] = text.title
                base[f"description_{text.language_code}"] = text.description
                base[f"tags_{text.language_code}"] = "; ".join(text.tags or [])
        base["photos"] = "; ".join(p.source_url or p.original.name for p in product.photos.all())
        variants = list(product.variants.all())
        if not variants:
            rows.append(base)
        for variant in variants:
            rows.append({**base, "variant_sku": variant.sku, "size": variant.size, "colour": variant.colour,
                         "pattern": variant.pattern, "price_mad": _plain(variant.price_mad), "stock": variant.stock,
                         "gtin": variant.gtin})
    return rows


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def export_products(*, organisation: Organisation, fmt: str, language: str = "key") -> bytes:
    """The organisation's catalog as CSV or XLSX in the import template (headers in `language` or short keys)."""
    rows = export_rows(organisation=organisation)
    if fmt == "csv":
        return sheet.write_csv(rows, language=language)
    if fmt == "xlsx":
        return sheet.write_xlsx(rows, language=language)
    raise TijaraError("invalid", _("Unknown format “{fmt}”: use csv or xlsx.").format(fmt=fmt))


def template(*, fmt: str, language: str) -> bytes:
    """The empty import template (XLSX has a Guide sheet documenting every column)."""
    if fmt == "csv":
        return sheet.write_csv([], language=language)
    return sheet.write_xlsx([], language=language)

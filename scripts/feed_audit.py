"""Audit the channel feeds as the channels' own validators would (rules from shared/knowledge/channel-specs.md).

    TIJARA_DATA_DIR=/tmp/data-x PYTHONPATH=src python scripts/feed_audit.py [--org SLUG ...] [--json] [--keep DIR]

For every demo organisation, channel and target (country / language / currency) it writes the feed in-process
(the same `feed_write` the CLI uses), parses it with a real parser (lxml for the RSS feed, the csv module for the
delimited files, json for Etsy, openpyxl is not needed: Amazon is read as TSV) and checks every row against the
spec's §8 checklist and §9 language/currency rules — never against Tijara's own rule code. Each problem carries
the spec's status mark: V → error, S → warning (error when conservative), U → advice. It also checks that the
feed and `listings validate` agree (blocked SKUs left out, ready SKUs written).

Prints one table: problems per channel and severity. `audit()` returns the problems for the tests.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

TARGETS = [("FRA", "fr", "EUR"), ("USA", "en", "USD"), ("DEU", "en", "EUR"), ("GBR", "en", "GBP"),
           ("FRA", "ar", "EUR")]
CHANNELS = [("google", "xml"), ("google", "tsv"), ("meta", "csv"), ("shopify", "csv"), ("woocommerce", "csv"),
            ("etsy", "jsonl"), ("amazon-handmade", "tsv")]
G_NS = "http://base.google.com/ns/1.0"
SEVERITY = {"V": "error", "S": "warning", "U": "advice"}
ARABIC = re.compile("[\u0600-\u06ff]")
LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ]{3,}")
HTML_TAG = re.compile(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
PRICE = re.compile(r"^(\d+)(?:\.(\d+))? ([A-Z]{3})$")
DECIMAL = re.compile(r"^\d+(\.\d+)?$")


@dataclass(frozen=True)
class Finding:
    channel: str
    target: str
    sku: str
    field: str
    rule: str
    mark: str  # V / S / U from channel-specs.md
    message: str

    @property
    def severity(self) -> str:
        return SEVERITY[self.mark]


def _iso4217() -> dict[str, int]:
    """Currency code → minor unit, from shared/data/countries/currency_codes_iso4217.csv (§8)."""
    for base in (os.environ.get("TIJARA_SHARED_DIR", ""), Path(__file__).resolve().parents[2] / "shared"):
        path = Path(base) / "data" / "countries" / "currency_codes_iso4217.csv" if base else None
        if path and path.exists():
            out = {}
            with path.open(encoding="utf-8") as fh:
                for row in csv.DictReader(fh):
                    if row["AlphabeticCode"] and row["MinorUnit"].isdigit():
                        out[row["AlphabeticCode"]] = int(row["MinorUnit"])
            return out
    from tijara.pricing.money import _minor_units  # fallback when the shared data is not mounted

    return dict(_minor_units())


MINOR = None


def _gtin_ok(value: str) -> bool:
    digits = re.sub(r"[\s-]", "", value)
    if not digits.isdigit() or len(digits) not in (8, 12, 13, 14):
        return False
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits[:-1])))
    return (10 - total % 10) % 10 == int(digits[-1])


class Checker:
    def __init__(self, channel: str, target: tuple[str, str, str]):
        self.channel, self.target = channel, "/".join(target)
        self.country, self.language, self.currency = target
        self.found: list[Finding] = []
        self.currencies: Counter = Counter()
        self.texts: dict = {}  # sku → free-text attribute values, compared across language feeds

    def add(self, sku, field, rule, mark, message):
        self.found.append(Finding(self.channel, self.target, sku, field, rule, mark, message))

    # ---- shared value checks
    def length(self, sku, field, value, low, high, mark="V"):
        n = len(value or "")
        if not low <= n <= high:
            self.add(sku, field, f"{field}_length", mark, f"{n} characters, allowed {low}–{high}")

    def required(self, sku, row, fields, mark="V"):
        for f in fields:
            if not (row.get(f) or "").strip():
                self.add(sku, f, "required", mark, "missing or empty")

    def price(self, sku, field, value, *, positive=True):
        m = PRICE.match(value or "")
        if not m:
            self.add(sku, field, "price_format", "V", f"{value!r} is not 'number ISO4217'")
            return
        whole, frac, code = m.groups()
        self.currencies[code] += 1
        if code not in MINOR:
            self.add(sku, field, "price_currency", "V", f"{code} is not an ISO 4217 code")
        elif frac and len(frac) > MINOR[code]:
            self.add(sku, field, "price_decimals", "V", f"{value}: more decimals than {code} allows")
        if code != self.currency:
            self.add(sku, field, "price_currency_target", "V", f"{code} in a {self.currency} feed")
        if positive and float(f"{whole}.{frac or 0}") <= 0:
            self.add(sku, field, "price_positive", "V", "price is 0")

    def amount(self, sku, field, value, *, required=True):
        if not value:
            if required:
                self.add(sku, field, "required", "V", "missing price")
            return
        if not DECIMAL.match(value):
            self.add(sku, field, "decimal", "V", f"{value!r} is not a dot-decimal number")
            return
        frac = value.split(".")[1] if "." in value else ""
        if len(frac) > MINOR.get(self.currency, 2):
            self.add(sku, field, "price_decimals", "V", f"{value}: more decimals than {self.currency}")

    def url(self, sku, field, value, *, image=False, exts=None, mark="V"):
        if not value:
            return
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or not value.isascii() or len(value) > 2000:
            self.add(sku, field, "url", mark, f"{value[:60]!r} not an absolute http(s) ASCII URL ≤2000")
        if image and exts:
            last = parts.path.rsplit("/", 1)[-1]
            ext = last.rsplit(".", 1)[-1].lower() if "." in last else ""
            if ext and ext not in exts:
                self.add(sku, field, "image_type", mark, f".{ext} not accepted")

    def lang(self, sku, field, value, *, mark="S"):
        """§9 one content language per feed: Arabic script in a Latin-language feed, or none in an Arabic one."""
        if not value:
            return
        if self.language == "ar":
            if not ARABIC.search(value) and LATIN_WORD.search(value):
                self.add(sku, field, "language", mark, f"{value[:40]!r} is not Arabic in an ar feed")
        elif ARABIC.search(value):
            self.add(sku, field, "language", mark, f"{value[:40]!r} has Arabic text in a {self.language} feed")

    def no_html(self, sku, field, value, mark="V"):
        if HTML_TAG.search(value or ""):
            self.add(sku, field, "plain_text", mark, "HTML in a plain-text field")

    def finish(self):
        if len(self.currencies) > 1:
            self.add("*", "price", "one_currency", "S", f"several currencies in one feed: {dict(self.currencies)}")


# ------------------------------------------------------------------------------------------ Google (§1, §8)

GOOGLE_AVAIL = {"in_stock", "out_of_stock", "preorder", "backorder"}
GOOGLE_IMG = {"jpg", "jpeg", "webp", "png", "gif", "bmp", "tif", "tiff"}
GOOGLE_ALLOWED_TAGS = {"strong", "em", "ul", "ol", "li", "br", "sub", "sup", "div", "span", "dl", "dt", "dd"}
GOOGLE_ATTRS = {
    "id", "title", "description", "link", "mobile_link", "image_link", "additional_image_link", "availability",
    "availability_date", "price", "sale_price", "sale_price_effective_date", "google_product_category",
    "product_type", "brand", "gtin", "mpn", "identifier_exists", "condition", "item_group_id", "color", "gender",
    "age_group", "size", "material", "pattern", "shipping", "shipping_weight", "shipping_length", "shipping_width",
    "shipping_height", "ships_from_country", "min_handling_time", "max_handling_time", "tax", "custom_label_0",
    "custom_label_1", "custom_label_2", "custom_label_3", "custom_label_4", "size_type", "size_system", "adult",
    "multipack", "is_bundle", "pause", "expiration_date", "shipping_label", "excluded_destination",
    "included_destination", "product_detail", "product_highlight", "short_title", "cost_of_goods_sold",
}


def _google_item(c: Checker, item: dict, ids: set, apparel_ids: set):
    sku = item.get("id", "?")
    c.required(sku, item, ("id", "title", "description", "link", "image_link", "availability", "price"))
    c.length(sku, "id", item.get("id", ""), 1, 50)
    if item.get("id") and not re.match(r"^[A-Za-z0-9_-]+$", item["id"]):
        c.add(sku, "id", "id_chars", "V", "characters other than letters, digits, _ -")
    key = (item.get("id") or "").strip().lower()
    if key in ids:
        c.add(sku, "id", "id_unique", "V", "duplicate id (case-insensitive)")
    ids.add(key)
    c.length(sku, "title", item.get("title", ""), 1, 150)
    c.length(sku, "description", item.get("description", ""), 1, 5000)
    for tag, attrs in HTML_TAG.findall(item.get("description", "")):
        if tag.lower() not in GOOGLE_ALLOWED_TAGS or attrs.strip().strip("/"):
            c.add(sku, "description", "description_html", "V", f"tag <{tag}> not allowed")
            break
    c.lang(sku, "title", item.get("title", ""))
    c.lang(sku, "description", item.get("description", ""))
    c.url(sku, "link", item.get("link", ""))
    c.url(sku, "image_link", item.get("image_link", ""), image=True, exts=GOOGLE_IMG)
    extra = item.get("additional_image_link", [])
    if len(extra) > 10:
        c.add(sku, "additional_image_link", "count", "V", f"{len(extra)} > 10")
    for url in extra:
        c.url(sku, "additional_image_link", url, image=True, exts=GOOGLE_IMG)
    if item.get("availability") and item["availability"] not in GOOGLE_AVAIL:
        c.add(sku, "availability", "enum", "V", repr(item["availability"]))
    if item.get("availability") in ("preorder", "backorder") and not item.get("availability_date"):
        c.add(sku, "availability_date", "required", "V", "preorder/backorder without a date")
    if item.get("price"):
        c.price(sku, "price", item["price"])
    if item.get("sale_price"):
        c.price(sku, "sale_price", item["sale_price"])
    if item.get("condition") and item["condition"] not in ("new", "refurbished", "used"):
        c.add(sku, "condition", "enum", "V", repr(item["condition"]))
    brand = item.get("brand", "")
    if brand:
        c.length(sku, "brand", brand, 1, 70)
        if brand.strip().lower() in ("generic", "n/a", "none", "handmade"):
            c.add(sku, "brand", "brand_generic", "S", repr(brand))
    gtin = item.get("gtin", "")
    if gtin and not _gtin_ok(gtin):
        c.add(sku, "gtin", "gtin", "V", f"{gtin!r}: not 8/12/13/14 digits with a valid check digit")
    ie = item.get("identifier_exists", "")
    if ie and ie not in ("yes", "no", "true", "false"):
        c.add(sku, "identifier_exists", "enum", "V", repr(ie))
    if ie in ("no", "false") and gtin:
        c.add(sku, "identifier_exists", "identifier_exists_gtin", "V", "identifier_exists=no with a gtin")
    if item.get("mpn"):
        c.length(sku, "mpn", item["mpn"], 1, 70)
    if item.get("item_group_id"):
        c.length(sku, "item_group_id", item["item_group_id"], 1, 50)
    if item.get("google_product_category") in apparel_ids:
        color = item.get("color", "")
        parts = color.split("/")
        if not color:
            c.add(sku, "color", "apparel_color", "V", "apparel without colour")
        elif len(color) > 100 or len(parts) > 3 or any(len(p) > 40 for p in parts) or "," in color:
            c.add(sku, "color", "color_format", "V", repr(color))
        for field, values in (("gender", {"male", "female", "unisex"}),
                              ("age_group", {"newborn", "infant", "toddler", "kids", "adult"})):
            if not item.get(field):
                # the exempt accessories list was not copied → warning (spec §1.6); clothing/shoes → error
                strict = item.get("google_product_category") in CLOTHING_SHOES
                c.add(sku, field, f"apparel_{field}", "V" if strict else "S", "apparel without " + field)
            elif item[field] not in values:
                c.add(sku, field, "enum", "V", repr(item[field]))
        if item.get("google_product_category") in CLOTHING_SHOES and not item.get("size"):
            c.add(sku, "size", "apparel_size", "V", "clothing/shoes without size")
    for field in ("gender", "age_group"):
        value = item.get(field)
        allowed = {"gender": {"male", "female", "unisex"},
                   "age_group": {"newborn", "infant", "toddler", "kids", "adult"}}[field]
        if value and value not in allowed:
            c.add(sku, field, "enum", "V", repr(value))
    material = item.get("material", "")
    if material and (len(material) > 200 or len(material.split("/")) > 3):
        c.add(sku, "material", "material", "V", repr(material[:60]))
    types = item.get("product_type", [])
    if len(types) > 5 or any(len(t) > 750 for t in types):
        c.add(sku, "product_type", "product_type", "V", "more than 5 values or >750 chars")
    for group in item.get("shipping", []):
        if not re.match(r"^[A-Z]{2}$", group.get("country", "")):
            c.add(sku, "shipping", "shipping_country", "V", repr(group.get("country")))
        if not group.get("price"):
            c.add(sku, "shipping", "shipping_price", "V", "shipping group without price")
        else:
            c.price(sku, "shipping", group["price"], positive=False)
    # §1 general rule: enumerated values are in English whatever the feed language; free-text attributes are in
    # the feed's language. Attribute values that look like English words in a non-English feed are advice.
    for field in ("color", "material", "pattern", "size"):
        c.lang(sku, field, item.get(field, ""), mark="U")
    c.texts[sku] = {f: item.get(f, "") for f in ("color", "material", "pattern")}
    if item.get("tax") and c.country != "USA":
        c.add(sku, "tax", "tax_us_only", "V", "tax outside the US")


CLOTHING_SHOES: set = set()


def _apparel_ids() -> set:
    """IDs under 166 in the taxonomy subset the package ships (the spec says: validate IDs against the file)."""
    path = Path(__file__).resolve().parents[1] / "src/tijara/channels/data/google_product_taxonomy_subset.txt"
    out = set()
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^(\d+) - (.*)$", line)
            if m and m.group(2).startswith("Apparel & Accessories"):
                out.add(m.group(1))
                if m.group(2).startswith(("Apparel & Accessories > Clothing", "Apparel & Accessories > Shoes")):
                    CLOTHING_SHOES.add(m.group(1))
    return out or {"166", "3032", "2668", "187", "169", "177", "188", "191", "194", "196", "200", "5388", "1604"}


def check_google_xml(c: Checker, data: bytes) -> list[str]:
    from lxml import etree

    root = etree.fromstring(data)  # raises on malformed XML / bad encoding
    if root.tag != "rss" or root.get("version") != "2.0":
        c.add("*", "rss", "rss_root", "V", f"root {root.tag} version {root.get('version')}")
    if root.nsmap.get("g") != G_NS:
        c.add("*", "rss", "g_namespace", "V", "g: namespace missing")
    channel = root.find("channel")
    for tag in ("title", "link", "description"):
        if channel is None or not (channel.findtext(tag) or "").strip():
            c.add("*", "channel", "channel_" + tag, "V", f"<channel><{tag}> missing")
    ids: set = set()
    skus = []
    apparel = _apparel_ids()
    for node in (channel.findall("item") if channel is not None else []):
        item: dict = {"additional_image_link": [], "product_type": [], "shipping": []}
        for child in node:
            if not isinstance(child.tag, str):
                continue
            qname = etree.QName(child)
            if qname.namespace != G_NS:
                c.add("?", qname.localname, "namespace", "V", "item child not in the g: namespace")
                continue
            name = qname.localname
            if name not in GOOGLE_ATTRS:
                c.add("?", name, "unknown_attribute", "U", "not a documented attribute")
            if name == "shipping":
                item["shipping"].append({etree.QName(s).localname: (s.text or "") for s in child})
            elif name in ("additional_image_link", "product_type"):
                item[name].append(child.text or "")
            else:
                if name in item:
                    c.add(item.get("id", "?"), name, "repeated", "V", "single-valued attribute repeated")
                item[name] = child.text or ""
        _google_item(c, item, ids, apparel)
        skus.append(item.get("id", ""))
    return skus


def check_google_tsv(c: Checker, data: bytes) -> list[str]:
    text = data.decode("utf-8")  # raises on bad UTF-8
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    header = rows[0] if rows else []
    skus = []
    for name in header:
        base = name.split("(", 1)[0]
        if base not in GOOGLE_ATTRS:
            c.add("*", name, "header", "V", "not an English attribute name")
        if "(" in name and not re.match(r"^shipping\((country)(:(region|postal_code|location_id|location_group_name))?"
                                         r"(:service)?:price(:\w+)*\)$", name):
            c.add("*", name, "header_subattributes", "V", "sub-attribute header form")
    ship_subs = []
    for name in header:
        if name.startswith("shipping("):
            ship_subs = name[len("shipping("):-1].split(":")
    ids: set = set()
    apparel = _apparel_ids()
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            c.add(f"line {line}", "*", "columns", "V", f"{len(row)} cells for {len(header)} columns")
            continue
        item = dict(zip(header, row, strict=True))
        for field in ("additional_image_link", "product_type"):
            item[field] = [v for v in item.get(field, "").split(",") if v]
        groups = []
        for cell in [g for g in (item.pop("shipping(" + ":".join(ship_subs) + ")", "") or "").split(",") if g]:
            parts = cell.split(":")
            if len(parts) != len(ship_subs):
                c.add(item.get("id", "?"), "shipping", "shipping_cell", "V", f"{cell!r} has not {len(ship_subs)} parts")
                continue
            groups.append(dict(zip(ship_subs, parts, strict=True)))
        item["shipping"] = groups
        item = {k: v for k, v in item.items() if v not in ("", None) or k in ("additional_image_link", "product_type")}
        _google_item(c, item, ids, apparel)
        skus.append(item.get("id", ""))
    return skus


# ------------------------------------------------------------------------------------------ Meta (§5.1, §8)

META_AVAIL = {"in stock", "out of stock", "preorder", "available for order", "discontinued"}


def _csv_rows(c: Checker, data: bytes, *, bom_ok: bool) -> tuple[list[str], list[dict]]:
    if data.startswith(b"\xef\xbb\xbf") and not bom_ok:
        c.add("*", "file", "bom", "S", "UTF-8 byte-order mark before the header")
    text = data.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = list(reader)
    header = rows[0] if rows else []
    out = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            c.add(f"line {line}", "*", "columns", "V", f"{len(row)} cells for {len(header)} columns")
            continue
        out.append(dict(zip(header, row, strict=True)))
    return header, out


def check_meta(c: Checker, data: bytes) -> list[str]:
    header, rows = _csv_rows(c, data, bom_ok=True)
    for name in ("id", "title", "description", "availability", "condition", "price", "link", "image_link", "brand"):
        if name not in header:
            c.add("*", name, "header", "V", "required column missing")
    skus = []
    for row in rows:
        sku = row.get("id", "?")
        skus.append(sku)
        c.required(sku, row, ("id", "title", "description", "availability", "condition", "price", "link",
                              "image_link", "brand"))
        c.length(sku, "id", row.get("id", ""), 1, 100)
        c.length(sku, "title", row.get("title", ""), 1, 200)
        c.length(sku, "description", row.get("description", ""), 1, 9999)
        c.no_html(sku, "description", row.get("description", ""))
        c.no_html(sku, "title", row.get("title", ""))
        c.lang(sku, "title", row.get("title", ""))
        c.lang(sku, "description", row.get("description", ""))
        if row.get("availability") and row["availability"] not in META_AVAIL:
            c.add(sku, "availability", "enum", "V", repr(row["availability"]))
        if row.get("condition") and row["condition"] not in ("new", "refurbished", "used"):
            c.add(sku, "condition", "enum", "V", repr(row["condition"]))
        if row.get("price"):
            c.price(sku, "price", row["price"])
        if row.get("sale_price"):
            c.price(sku, "sale_price", row["sale_price"])
        c.url(sku, "link", row.get("link", ""))
        c.url(sku, "image_link", row.get("image_link", ""), image=True, exts={"jpg", "jpeg", "png"})
        extra = [u for u in (row.get("additional_image_link") or "").split(",") if u]
        if len(extra) > 20:
            c.add(sku, "additional_image_link", "count", "V", f"{len(extra)} > 20")
        for url in extra:
            c.url(sku, "additional_image_link", url)
        if len(row.get("brand", "")) > 100:
            c.add(sku, "brand", "brand_length", "V", ">100")
        for cell in [g for g in (row.get("shipping") or "").split(",") if g]:
            # COUNTRY:REGION:SERVICE:PRICE like Google (§5.1, S)
            parts = cell.split(":")
            if len(parts) != 4:
                c.add(sku, "shipping", "shipping_cell", "S", f"{cell!r} is not COUNTRY:REGION:SERVICE:PRICE")
                continue
            if not re.match(r"^[A-Z]{2}$", parts[0]):
                c.add(sku, "shipping", "shipping_country", "S", repr(parts[0]))
            c.price(sku, "shipping", parts[3], positive=False)
        for field in ("color", "material", "pattern", "size"):
            c.lang(sku, field, row.get(field, ""), mark="U")
        for field in ("color", "material", "pattern"):
            if len(row.get(field, "")) > 200:
                c.add(sku, field, "length", "U", ">200")
    return skus


# ------------------------------------------------------------------------------------------ Shopify (§3.1, §8)

SHOPIFY_COLUMNS = {
    "Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published",
    *[f"Option{n} {p}" for n in (1, 2, 3) for p in ("Name", "Value", "Linked To")],
    "Variant SKU", "Variant Grams", "Variant Weight Unit", "Variant Inventory Tracker", "Variant Inventory Qty",
    "Variant Inventory Policy", "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price",
    "Variant Requires Shipping", "Variant Taxable", "Variant Barcode", "Variant Image", "Variant Tax Code",
    "Cost per item", "Unit Price Total Measure", "Unit Price Total Measure Unit", "Unit Price Base Measure",
    "Unit Price Base Measure Unit", "Image Src", "Image Position", "Image Alt Text", "Gift Card", "SEO Title",
    "SEO Description", "Google Shopping / Google Product Category", "Google Shopping / Gender",
    "Google Shopping / Age Group", "Google Shopping / MPN", "Google Shopping / Condition",
    "Google Shopping / Custom Product", "Status",
}
SHOPIFY_BOOLS = ("Published", "Variant Requires Shipping", "Variant Taxable", "Gift Card",
                 "Google Shopping / Custom Product")


def check_shopify(c: Checker, data: bytes) -> list[str]:
    header, rows = _csv_rows(c, data, bom_ok=True)
    if len(data) > 15 * 1024 * 1024:
        c.add("*", "file", "size", "S", "file over 15 MB")
    for name in header:
        if name not in SHOPIFY_COLUMNS and not re.match(r"^(Included|Price|Compare At Price) / .+$", name):
            c.add("*", name, "header", "S", "not a documented column name")
    skus = []
    variants: Counter = Counter()
    seen_handles: set = set()
    for row in rows:
        handle = row.get("Handle", "")
        sku = row.get("Variant SKU") or handle
        if not re.match(r"^[a-z0-9]+(-[a-z0-9]+)*$", handle or ""):
            c.add(sku, "Handle", "handle", "V", repr(handle))
        is_variant = bool(row.get("Variant SKU") or row.get("Variant Price"))
        if is_variant:
            skus.append(row["Variant SKU"])
            variants[handle] += 1
            if handle not in seen_handles:
                c.required(sku, row, ("Title",))
            c.amount(sku, "Variant Price", row.get("Variant Price", ""))
            if row.get("Variant Price") and float(row["Variant Price"] or 0) <= 0:
                c.add(sku, "Variant Price", "price_positive", "U", "price 0")
            if row.get("Variant Inventory Policy") not in ("deny", "continue"):
                c.add(sku, "Variant Inventory Policy", "enum", "V", repr(row.get("Variant Inventory Policy")))
            if row.get("Variant Inventory Tracker") not in ("", "shopify"):
                c.add(sku, "Variant Inventory Tracker", "enum", "V", repr(row.get("Variant Inventory Tracker")))
            if row.get("Variant Inventory Qty") and not re.match(r"^-?\d+$", row["Variant Inventory Qty"]):
                c.add(sku, "Variant Inventory Qty", "integer", "V", repr(row["Variant Inventory Qty"]))
            if row.get("Variant Weight Unit") not in ("", "g", "kg", "lb", "oz"):
                c.add(sku, "Variant Weight Unit", "enum", "V", repr(row.get("Variant Weight Unit")))
            barcode = row.get("Variant Barcode", "")
            if barcode and not _gtin_ok(barcode):
                c.add(sku, "Variant Barcode", "gtin", "S", repr(barcode))
        if handle not in seen_handles and is_variant:
            seen_handles.add(handle)
            if row.get("Status") not in ("active", "draft", "archived"):
                c.add(sku, "Status", "enum", "V", repr(row.get("Status")))
            c.lang(sku, "Title", row.get("Title", ""))
            c.lang(sku, "Body (HTML)", row.get("Body (HTML)", ""))
            c.lang(sku, "Type", row.get("Type", ""), mark="U")
            c.length(sku, "SEO Title", row.get("SEO Title", ""), 0, 70, mark="S")
            c.length(sku, "SEO Description", row.get("SEO Description", ""), 0, 320, mark="S")
        for name in SHOPIFY_BOOLS:
            if row.get(name) not in ("", "TRUE", "FALSE"):
                c.add(sku, name, "boolean", "V", repr(row.get(name)))
        for n in (1, 2, 3):
            if row.get(f"Option{n} Name"):
                c.lang(sku, f"Option{n} Name", row[f"Option{n} Name"], mark="U")
            if is_variant and row.get(f"Option{n} Value") not in (None, "", "Default Title"):
                c.lang(sku, "option_value", row[f"Option{n} Value"], mark="U")
        c.url(sku, "Image Src", row.get("Image Src", ""))
        if row.get("Image Position") and not row["Image Position"].isdigit():
            c.add(sku, "Image Position", "integer", "V", repr(row["Image Position"]))
    for handle, n in variants.items():
        if n > 2048:
            c.add(handle, "Variant SKU", "variants_max", "V", f"{n} variants")
    return skus


# ------------------------------------------------------------------------------------------ WooCommerce (§5.2, §8)

WOO_COLUMNS = {
    "ID", "Type", "SKU", "Name", "Published", "Is featured?", "Visibility in catalog", "Short description",
    "Description", "Date sale price starts", "Date sale price ends", "Tax status", "Tax class", "In stock?", "Stock",
    "Backorders allowed?", "Sold individually?", "Low stock amount", "Weight", "Length", "Width", "Height",
    "Allow customer reviews?", "Purchase note", "Sale price", "Regular price", "Categories", "Tags",
    "Shipping class", "Images", "Parent", "Upsells", "Cross-sells", "Grouped products", "External URL",
    "Button text", "Position",
}
WOO_TYPES = {"simple", "variable", "grouped", "external", "variation"}


def check_woocommerce(c: Checker, data: bytes) -> list[str]:
    header, rows = _csv_rows(c, data, bom_ok=True)
    for name in header:
        if name not in WOO_COLUMNS and not re.match(r"^(Attribute \d+ (name|value\(s\)|visible|global|default)|Meta: .+)$",
                                                    name):
            c.add("*", name, "header", "V", "not a documented column")
    skus = []
    parents = set()
    all_skus: Counter = Counter()
    for row in rows:
        sku = row.get("SKU", "?")
        all_skus[sku] += 1
        types = {t.strip() for t in (row.get("Type") or "").split(",")}
        if not types or not (types & WOO_TYPES) or not types <= WOO_TYPES | {"virtual", "downloadable"}:
            c.add(sku, "Type", "enum", "V", repr(row.get("Type")))
        if "variable" in types:
            parents.add(sku)
        if row.get("Published") not in ("1", "0", "-1"):
            c.add(sku, "Published", "enum", "V", repr(row.get("Published")))
        for name in ("Is featured?", "In stock?", "Sold individually?", "Allow customer reviews?"):
            if row.get(name) not in ("", "1", "0"):
                c.add(sku, name, "boolean", "V", repr(row.get(name)))
        for n in (1, 2, 3):
            for part in ("visible", "global"):
                if row.get(f"Attribute {n} {part}") not in (None, "", "1", "0"):
                    c.add(sku, f"Attribute {n} {part}", "boolean", "V", repr(row.get(f"Attribute {n} {part}")))
            if row.get(f"Attribute {n} name"):
                c.lang(sku, f"Attribute {n} name", row[f"Attribute {n} name"], mark="U")
            if "variation" in types and row.get(f"Attribute {n} value(s)"):
                c.lang(sku, "option_value", row[f"Attribute {n} value(s)"], mark="U")
        if row.get("Backorders allowed?") not in ("", "1", "0", "notify"):
            c.add(sku, "Backorders allowed?", "enum", "V", repr(row.get("Backorders allowed?")))
        if row.get("Visibility in catalog") not in ("", "visible", "catalog", "search", "hidden"):
            c.add(sku, "Visibility in catalog", "enum", "V", repr(row.get("Visibility in catalog")))
        if row.get("Tax status") not in ("", "taxable", "shipping", "none"):
            c.add(sku, "Tax status", "enum", "V", repr(row.get("Tax status")))
        for url in [u.strip() for u in (row.get("Images") or "").split(",") if u.strip()]:
            c.url(sku, "Images", url)
        if "variable" not in types:
            skus.append(sku)
            c.amount(sku, "Regular price", row.get("Regular price", ""))
            c.amount(sku, "Sale price", row.get("Sale price", ""), required=False)
        if "variation" in types:
            parent = row.get("Parent", "")
            if not parent:
                c.add(sku, "Parent", "required", "V", "variation without Parent")
            elif parent not in parents and not parent.startswith("id:"):
                c.add(sku, "Parent", "parent_unknown", "V", f"parent {parent!r} not a variable row above")
        else:
            c.required(sku, row, ("Name",))
            c.lang(sku, "Name", row.get("Name", ""))
            c.lang(sku, "Description", row.get("Description", ""))
            c.lang(sku, "Categories", row.get("Categories", ""), mark="U")
        for name in ("Weight", "Length", "Width", "Height", "Stock"):
            if row.get(name) and not DECIMAL.match(row[name]):
                c.add(sku, name, "number", "V", repr(row[name]))
    for sku, n in all_skus.items():
        if n > 1:
            c.add(sku, "SKU", "sku_unique", "V", f"SKU used on {n} rows")
    return skus


# ------------------------------------------------------------------------------------------ Etsy (§2, §8)

ETSY_LANGS = {"de", "en", "es", "fr", "it", "ja", "nl", "pt", "ru"}
ETSY_WHO = {"i_did", "someone_else", "collective"}


def _etsy_title_bad(title: str) -> list[str]:
    import unicodedata

    bad = []
    for ch in title:
        cat = unicodedata.category(ch)
        if not (cat.startswith("L") or cat == "Nd" or cat.startswith("P") or cat == "Sm" or cat == "Zs"
                or ch in "™©®"):
            bad.append(ch)
    return bad


def check_etsy(c: Checker, data: bytes) -> list[str]:
    skus = []
    when_values = _etsy_when_made()
    for line in data.decode("utf-8").splitlines():
        if not line.strip():
            continue
        obj = json.loads(line)
        sku, p = obj.get("sku", "?"), obj.get("payload", {})
        skus.append(sku)
        title = p.get("title", "")
        if _etsy_title_bad(title):
            c.add(sku, "title", "title_chars", "V", f"characters {sorted(set(_etsy_title_bad(title)))}")
        for ch in "%:&+":
            if title.count(ch) > 1:
                c.add(sku, "title", "title_specials", "V", f"{ch!r} more than once")
        c.length(sku, "title", title, 1, 140, mark="V")  # S rule, conservative (shorter limit) → error
        c.no_html(sku, "description", p.get("description", ""), mark="S")
        c.lang(sku, "title", title)
        tags = p.get("tags", [])
        if len(tags) > 13:
            c.add(sku, "tags", "tags_count", "V", f"{len(tags)} > 13")
        for t in tags:
            if len(t) > 20 or t[:1] in ("'", "-"):
                c.add(sku, "tags", "tag", "V", repr(t))
        if p.get("who_made") not in ETSY_WHO:
            c.add(sku, "who_made", "enum", "V", repr(p.get("who_made")))
        if when_values and p.get("when_made") not in when_values:
            c.add(sku, "when_made", "enum", "V", repr(p.get("when_made")))
        if not isinstance(p.get("quantity"), int) or p["quantity"] < 1:
            c.add(sku, "quantity", "quantity_min", "V", repr(p.get("quantity")))
        try:
            if float(p.get("price") or 0) <= 0:
                c.add(sku, "price", "price_positive", "V", repr(p.get("price")))
        except ValueError:
            c.add(sku, "price", "price_format", "V", repr(p.get("price")))
        if not p.get("taxonomy_id"):
            c.add(sku, "taxonomy_id", "required", "V", "no seller taxonomy id")
        if not obj.get("images"):
            c.add(sku, "images", "image_before_activation", "V", "no image")
    if c.language not in ETSY_LANGS and skus:
        c.add("*", "language", "etsy_language", "S", f"{c.language} is not an Etsy listing language")
    return skus


def _etsy_when_made() -> set:
    path = Path(__file__).resolve().parents[1] / "src/tijara/channels/data/etsy_when_made.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    values = data.get("values", data) if isinstance(data, dict) else data
    return {v if isinstance(v, str) else v.get("value", "") for v in values}


# ------------------------------------------------------------------------------------------ Amazon Handmade (§4)


def check_amazon(c: Checker, data: bytes) -> list[str]:
    text = data.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))
    header = rows[0] if rows else []
    skus, seen = [], set()
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            c.add(f"line {line}", "*", "columns", "V", f"{len(row)} cells for {len(header)} columns")
            continue
        item = dict(zip(header, row, strict=True))
        sku = item.get("SKU", "?")
        skus.append(sku)
        if sku in seen:
            c.add(sku, "SKU", "sku_unique", "S", "SKU repeated")
        seen.add(sku)
        title = item.get("Title", "")
        c.length(sku, "Title", title, 1, 200, mark="S")
        if c.country == "GBR" and len(title) > 150:
            c.add(sku, "Title", "title_uk", "S", f"{len(title)} > 150 (UK)")
        if set(title) & set("!*£@~"):
            c.add(sku, "Title", "title_symbols", "S", "symbols ! * £ @ ~")
        c.lang(sku, "Title", title)
        c.no_html(sku, "Description", item.get("Description", ""), mark="U")
        c.amount(sku, "Price", item.get("Price", ""))
        if item.get("Currency") and item["Currency"] != c.currency:
            c.add(sku, "Currency", "currency", "V", f"{item['Currency']} in a {c.currency} file")
        if not item.get("Main image URL"):
            c.add(sku, "Main image URL", "required", "S", "no main image")
        for name in header:
            if name.endswith("image URL") or name.startswith("Other image URL"):
                c.url(sku, name, item.get(name, ""), mark="S")
    return skus


CHECKERS = {("google", "xml"): check_google_xml, ("google", "tsv"): check_google_tsv, ("meta", "csv"): check_meta,
            ("shopify", "csv"): check_shopify, ("woocommerce", "csv"): check_woocommerce,
            ("etsy", "jsonl"): check_etsy, ("amazon-handmade", "tsv"): check_amazon}


# ------------------------------------------------------------------------------------------ driver


def audit(orgs: list[str] | None = None, targets=TARGETS, channels=CHANNELS, keep: Path | None = None,
          consistency: bool = True) -> tuple[list[Finding], dict]:
    """Generate and check every feed; returns (findings, counts of items written per channel/target)."""
    global MINOR
    MINOR = MINOR or _iso4217()
    _apparel_ids()
    from tijara.accounts.models import Organisation
    from tijara.channels.services import connection_for_cli, feed_write, listings_report

    findings: list[Finding] = []
    written: dict = defaultdict(int)
    slugs = orgs or list(Organisation.objects.filter(slug__startswith="demo-").order_by("slug")
                         .values_list("slug", flat=True))
    seen: dict = {}
    pending: list = []
    for slug in slugs:
        org = Organisation.objects.get(slug=slug)
        for channel, fmt in channels:
            for target in targets:
                conn = connection_for_cli(organisation=org, kind=channel, country=target[0], language=target[1],
                                          currency=target[2])
                buf = io.BytesIO()
                count, _blocked = feed_write(connection=conn, fmt=fmt, out=buf)
                data = buf.getvalue()
                if keep:
                    name = f"{slug}-{channel}-{'-'.join(target)}.{fmt}"
                    (keep / name).write_bytes(data)
                c = Checker(f"{channel}/{fmt}", target)
                try:
                    skus = CHECKERS[(channel, fmt)](c, data)
                except Exception as exc:  # noqa: BLE001 - a parser refusing the file is the finding
                    c.add("*", "file", "parse", "V", f"{type(exc).__name__}: {exc}")
                    skus = []
                c.finish()
                written[(c.channel, c.target)] += count
                if consistency and fmt in ("xml", "csv", "jsonl", "tsv"):
                    report = listings_report(connection=conn)
                    blocked = {i["sku"] for i in report["items"] if i["state"] == "blocked"}
                    ready = {i["sku"] for i in report["items"] if i["state"] == "ready"}
                    for sku in set(skus) & blocked:
                        c.add(sku, "*", "blocked_in_feed", "V", "blocked by listings validate but in the feed")
                    for sku in ready - set(skus):
                        c.add(sku, "*", "ready_missing", "V", "ready in listings validate but not in the feed")
                    # §9 / Tijara rule: a value whose script cannot be the feed's language must at least be
                    # reported to the seller by `listings validate`.
                    said = {i["sku"] for i in report["items"] if any(p["rule"] == "value_language"
                                                                       for p in i["problems"])}
                    for sku in sorted({f.sku for f in c.found if f.rule == "language"
                                       and f.field in ("color", "material", "size", "pattern", "option_value")} - said):
                        c.add(sku, "*", "language_not_reported", "S",
                              "a value in another script is sent but listings validate does not say so")
                    bad = {f.sku for f in c.found if f.severity == "error"} & ready
                    for sku in sorted(bad):
                        c.add(sku, "*", "error_not_reported", "V",
                              "the channel would reject it but listings validate calls it ready")
                english = seen.setdefault((slug, c.channel), {})
                if target[1] == "en":
                    english.update(c.texts)
                else:
                    pending.append((c, slug))
                for f in c.found:
                    findings.append(Finding(f.channel, f.target, f"{slug}:{f.sku}", f.field, f.rule, f.mark,
                                            f.message))
    # §1: free-text attributes (colour, material, pattern) are in the feed's language; a value identical to the
    # English feed's in a French or Arabic feed was not translated (advice: a colour name can be the same word).
    for c, slug in pending:
        english = seen.get((slug, c.channel), {})
        for sku, values in c.texts.items():
            for field, value in values.items():
                if value and english.get(sku, {}).get(field) == value and LATIN_WORD.search(value):
                    findings.append(Finding(c.channel, c.target, f"{slug}:{sku}", field, "untranslated", "U",
                                            f"{value!r} same as the English feed in a {c.language} feed"))
    return findings, dict(written)


def table(findings: list[Finding]) -> str:
    counts: dict = defaultdict(Counter)
    rules: dict = defaultdict(Counter)
    for f in findings:
        counts[f.channel][f.severity] += 1
        rules[f.channel][(f.severity, f.rule, f.field)] += 1
    lines = [f"{'channel':<22}{'errors':>8}{'warnings':>10}{'advice':>8}"]
    for channel, _fmt in CHANNELS:
        key = f"{channel}/{_fmt}"
        cnt = counts.get(key, Counter())
        lines.append(f"{key:<22}{cnt['error']:>8}{cnt['warning']:>10}{cnt['advice']:>8}")
    lines.append("")
    for key in sorted(rules):
        for (sev, rule, field), n in rules[key].most_common():
            lines.append(f"  {key:<20} {sev:<8} {rule:<24} {field:<28} {n}")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--org", action="append", help="Organisation slug (default: every demo organisation).")
    parser.add_argument("--json", action="store_true", help="Print the findings as JSON lines.")
    parser.add_argument("--keep", help="Directory where the generated feeds are kept.")
    parser.add_argument("--examples", type=int, default=0, help="Print N example findings per rule.")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")
    import django

    django.setup()
    keep = Path(args.keep) if args.keep else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    findings, written = audit(args.org, keep=keep)
    if args.json:
        for f in findings:
            print(json.dumps(f.__dict__ | {"severity": f.severity}, ensure_ascii=False))
        return 0
    print(table(findings))
    print(f"\nitems written: {sum(written.values())} over {len(written)} channel/target feeds")
    if args.examples:
        shown: Counter = Counter()
        for f in findings:
            key = (f.channel, f.rule, f.field)
            if shown[key] < args.examples:
                shown[key] += 1
                print(f"  {f.channel} {f.target} {f.sku} {f.field} {f.rule} [{f.mark}] {f.message}")
    return 1 if any(f.severity == "error" for f in findings) else 0


if __name__ == "__main__":
    sys.exit(main())

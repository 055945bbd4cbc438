"""Fill msgstr entries of a .po catalogue from a JSON file {msgid: translation} (empty ones only unless --force).

Usage: python scripts/po_fill.py path/to/locale/ar/LC_MESSAGES/django.po translations-ar.json [--force]
"""

import json
import sys

from babel.messages.pofile import read_po, write_po


def main(po_path: str, json_path: str, force: bool = False) -> None:
    with open(po_path, "rb") as handle:
        catalog = read_po(handle)
    with open(json_path, encoding="utf-8") as handle:
        translations = json.load(handle)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key in translations and (force or not message.string):
            value = translations[key]
            message.string = value if isinstance(message.id, str) else tuple(value)
            if "fuzzy" in message.flags:
                message.flags.discard("fuzzy")
            filled += 1
    with open(po_path, "wb") as handle:
        write_po(handle, catalog, width=0)
    missing = [m.id for m in catalog if m.id and not m.string]
    print(f"{po_path}: filled {filled}, still empty {len(missing)}")
    for m in missing:
        print("  missing:", m)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--force" in sys.argv)

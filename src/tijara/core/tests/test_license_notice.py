"""The repository carries the AGPL text and the notices its shipped data requires (MIT, CC BY)."""

import json
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
ROOT = PACKAGE.parent.parent


def test_license_is_the_full_agpl_text():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GNU AFFERO GENERAL PUBLIC LICENSE" in text and "Version 3, 19 November 2007" in text
    assert "13. Remote Network Interaction; Use with the GNU General Public" in text
    assert "END OF TERMS AND CONDITIONS" in text and len(text) > 30_000


def test_notice_names_every_shipped_file_under_mit_or_cc_by():
    notice = (ROOT / "NOTICE").read_text(encoding="utf-8")
    labelled = sorted((PACKAGE / "assistant" / "data" / "hs" / "labelled").glob("hmrc_*.csv"))
    assert labelled and all(path.name in notice for path in labelled)
    assert "Permission is hereby granted, free of charge" in notice  # the MIT notice travels with the data
    packs = json.loads((PACKAGE / "markets" / "data" / "packs.json").read_text(encoding="utf-8"))
    cc_by = [name for pack in packs.values() if "CC BY" in pack.get("licence", "") for name in pack["files"]]
    assert cc_by and all(name in notice for name in cc_by)

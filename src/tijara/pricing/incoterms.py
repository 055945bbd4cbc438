"""Incoterms® 2020 as data: who pays carriage, insurance, clearance and duties under each rule (pure)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError
from tijara.pricing.money import DATA_DIR

SOURCE = "ICC Incoterms® 2020 wall chart (is.muni.cz copy) and restatements — PRC-INC-01/02"


@dataclass(frozen=True)
class Incoterm:
    """One rule: the seller's obligations as yes/no flags, and where risk passes."""

    rule: str
    mode: str  # any | sea
    risk_transfer_point: str
    seller_pays_main_carriage: bool
    seller_insurance: str  # n | min (seller must insure: CIF clauses C, CIP clauses A, 110 %)
    seller_export_clearance: bool
    seller_import_clearance: bool
    seller_pays_import_duties: bool
    source_url: str

    @property
    def seller_must_insure(self) -> bool:
        return self.seller_insurance == "min"


@cache
def incoterms() -> dict[str, Incoterm]:
    """The 11 rules keyed by their three-letter code."""
    rules = {}
    with open(DATA_DIR / "incoterms_2020.csv", newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rules[row["rule"]] = Incoterm(
                rule=row["rule"],
                mode=row["mode"],
                risk_transfer_point=row["risk_transfer_point"],
                seller_pays_main_carriage=row["seller_pays_main_carriage"] == "y",
                seller_insurance=row["seller_pays_insurance"],
                seller_export_clearance=row["seller_export_clearance"] == "y",
                seller_import_clearance=row["seller_import_clearance"] == "y",
                seller_pays_import_duties=row["seller_pays_import_duties"] == "y",
                source_url=row["source_url"],
            )
    return rules


def incoterm(code: str) -> Incoterm:
    """The rule for a code (case-insensitive), or a clear error listing the 11 rules."""
    rules = incoterms()
    key = (code or "").strip().upper()
    if key == "DAT":
        raise TijaraError("invalid_incoterm", _("DAT no longer exists in Incoterms® 2020: it became DPU."),
                          field="incoterm")
    if key not in rules:
        raise TijaraError(
            "invalid_incoterm",
            _("Unknown Incoterm “%(code)s”; Incoterms® 2020 rules are: %(rules)s.")
            % {"code": code, "rules": ", ".join(rules)},
            field="incoterm",
        )
    return rules[key]

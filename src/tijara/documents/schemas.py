"""API schemas of documents."""

from datetime import date

from ninja import Schema


class LineIn(Schema):
    sku: str
    quantity: int = 1
    unit_value: str | None = None


class BuyerIn(Schema):
    name: str = ""
    address: str = ""
    country: str = ""
    language: str = ""
    email: str = ""
    phone: str = ""


class ParcelIn(Schema):
    contents: list[tuple[str, int]]
    gross_kg: str | None = None
    dims_cm: str | None = None


class ShipmentIn(Schema):
    lines: list[LineIn]
    market: str
    buyer: BuyerIn
    incoterm: str = "DAP"
    place: str = ""
    ship_date: date | None = None
    language: str = "fr"
    currency: str = ""
    parcels: list[ParcelIn] = []
    invoice_number: str = ""
    exporter_address: str = ""
    freight: str | None = None


class Error(Schema):
    code: str
    message: str

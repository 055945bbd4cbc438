"""Reference data of the markets app: HS nomenclature, countries, distances, agreements, tariffs, trade figures.

Every record carries its provenance through `tijara.core.models.Sourced` (source, URL or repository path,
licence, vintage, load date). Rows are loaded by `tijara.markets.reference` from the packs shipped in
`markets/data/` (one transaction per pack); each row also records the `pack` it came from and the load
`generation` that last wrote it, so a reload upserts in place and removes only rows the pack dropped.

Other apps must refer to these rows by their natural codes (HS code + edition, ISO3), never by foreign key:
reloading a pack keeps natural keys stable but is free to renumber nothing else.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from tijara.core.models import Sourced


class HsEdition(models.TextChoices):
    HS2017 = "2017", "HS 2017"
    HS2022 = "2022", "HS 2022"


class PackRow(Sourced):
    """A row of a shipped reference pack (pack name + load generation, used by the idempotent loader)."""

    pack = models.CharField(_("pack"), max_length=60, db_index=True)
    generation = models.PositiveIntegerField(_("load generation"), default=0)

    class Meta:
        abstract = True


class ReferencePack(models.Model):
    """One loaded pack: the file, its checksum, row count and provenance (what `load_reference_data` did)."""

    name = models.CharField(_("pack"), max_length=60, unique=True)
    file = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    generation = models.PositiveIntegerField(_("load generation"), default=0)
    source = models.CharField(_("source"), max_length=300, blank=True)
    source_url = models.CharField(_("source URL or repository path"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=120, blank=True)
    as_of = models.CharField(_("vintage"), max_length=32, blank=True)
    imported = models.BooleanField(
        _("operator import"), default=False,
        help_text=_("Written by `tijara data import/fetch`: load_reference_data leaves it alone."),
    )
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.rows})"


class HsSection(PackRow):
    """One of the 21 HS sections (Roman numeral, English name)."""

    numeral = models.CharField(max_length=8, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    name_en = models.CharField(max_length=300)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.numeral} {self.name_en}"


class HsCode(PackRow):
    """An HS chapter (2 digits), heading (4) or subheading (6) of one edition, in English and French."""

    edition = models.CharField(max_length=4, choices=HsEdition.choices)
    code = models.CharField(max_length=6)
    level = models.PositiveSmallIntegerField()
    parent_code = models.CharField(max_length=6, blank=True, help_text=_("Code of the parent level; empty for chapters."))
    section = models.CharField(max_length=8, blank=True)
    description_en = models.TextField()
    description_fr = models.TextField(blank=True)
    fr_source = models.CharField(
        max_length=200, blank=True, help_text=_("Where the French text comes from (EU Combined Nomenclature lines).")
    )
    keywords = models.CharField(
        max_length=300, blank=True, help_text=_("Project hint (e.g. product family); not an official text.")
    )

    class Meta:
        ordering = ["edition", "code"]
        constraints = [models.UniqueConstraint(fields=["edition", "code"], name="markets_hscode_edition_code")]
        indexes = [models.Index(fields=["edition", "parent_code"])]

    def __str__(self) -> str:
        return f"HS{self.edition} {self.code}"

    @property
    def dotted(self) -> str:
        return f"{self.code[:4]}.{self.code[4:]}" if len(self.code) == 6 else self.code


class CnLine(PackRow):
    """A line of the EU Combined Nomenclature (8 digits) with its English and French texts."""

    cn8 = models.CharField(max_length=8, unique=True)
    hs6 = models.CharField(max_length=6, db_index=True)
    description_en = models.TextField()
    description_fr = models.TextField()
    supplementary_unit = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["cn8"]


class Country(PackRow):
    """A country or territory: ISO codes, names (ar/fr/en/es), region, currency, languages, capital."""

    iso3 = models.CharField(max_length=3, unique=True)
    iso2 = models.CharField(max_length=2, blank=True)
    numeric = models.CharField(max_length=3, blank=True)
    name_en = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200, blank=True)
    name_ar = models.CharField(max_length=200, blank=True)
    name_es = models.CharField(max_length=200, blank=True)
    region = models.CharField(max_length=100, blank=True)
    subregion = models.CharField(max_length=100, blank=True)
    continent = models.CharField(max_length=4, blank=True)
    currency_code = models.CharField(max_length=3, blank=True)
    currency_name = models.CharField(max_length=100, blank=True)
    languages = models.CharField(max_length=200, blank=True, help_text=_("Language tags, comma-separated."))
    capital = models.CharField(max_length=100, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = "countries"

    def __str__(self) -> str:
        return self.iso3

    def name(self, lang: str | None = None) -> str:
        lang = (lang or "en")[:2]
        return getattr(self, f"name_{lang}", "") or self.name_en


class Distance(PackRow):
    """CEPII GeoDist dyadic variables for an ordered pair of countries (ISO3, CEPII codes mapped)."""

    origin = models.CharField(max_length=3)
    destination = models.CharField(max_length=3)
    contig = models.BooleanField(default=False)
    comlang_off = models.BooleanField(default=False)
    comlang_ethno = models.BooleanField(default=False)
    colony = models.BooleanField(default=False)
    comcol = models.BooleanField(default=False)
    dist_km = models.FloatField(null=True, blank=True, help_text=_("Between main cities."))
    distcap_km = models.FloatField(null=True, blank=True, help_text=_("Between capitals."))
    distw_km = models.FloatField(null=True, blank=True, help_text=_("Population-weighted."))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["origin", "destination"], name="markets_distance_pair")]


class GravityObservation(PackRow):
    """A row of the Yotov et al. (2016) structural gravity panel (manufacturing trade, 1986–2006), Morocco pairs."""

    exporter = models.CharField(max_length=3)
    importer = models.CharField(max_length=3)
    year = models.PositiveSmallIntegerField()
    trade = models.FloatField(null=True, blank=True)
    dist_km = models.FloatField(null=True, blank=True)
    contig = models.BooleanField(default=False)
    lang = models.BooleanField(default=False)
    colony = models.BooleanField(default=False)
    rta = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["exporter", "importer", "year"], name="markets_gravity_pair_year")
        ]


class Agreement(PackRow):
    """A trade agreement that gives (or may give) Moroccan goods preferential access."""

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=200)
    signed_on = models.DateField(null=True, blank=True)
    in_force_on = models.DateField(null=True, blank=True)
    in_force_note = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=20, default="in_force", help_text=_("in_force | unknown"))
    proof_of_origin = models.TextField(blank=True)
    preference = models.TextField(blank=True)
    fact_ids = models.CharField(max_length=200, blank=True)
    confidence = models.CharField(max_length=2, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class AgreementPartner(PackRow):
    """A partner country of an agreement (the EU members, the US, Agadir members…)."""

    agreement_code = models.CharField(max_length=20)
    iso3 = models.CharField(max_length=3, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agreement_code", "iso3"], name="markets_agreement_partner")]


class TariffSchedule(models.TextChoices):
    US_HTS = "US_HTS", "US Harmonized Tariff Schedule"
    EU_CET = "EU_CET", "EU Common External Tariff"
    UK_GT = "UK_GT", "UK Global Tariff"


class TariffLine(PackRow):
    """A national tariff line: MFN rate and (where the schedule prints one) the Morocco preferential rate."""

    schedule = models.CharField(max_length=8, choices=TariffSchedule.choices)
    market = models.CharField(max_length=3, help_text=_("USA, GBR, or EUR for the EU customs union."))
    code = models.CharField(max_length=10)
    hs6 = models.CharField(max_length=6, db_index=True)
    hs_edition = models.CharField(max_length=4, choices=HsEdition.choices)
    display_code = models.CharField(max_length=16, blank=True)
    description = models.TextField(blank=True)
    unit = models.CharField(max_length=30, blank=True)
    mfn_rate = models.CharField(max_length=200, blank=True, help_text=_("As printed."))
    mfn_ad_valorem = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)
    pref_rate = models.CharField(max_length=200, blank=True, help_text=_("Morocco preferential rate as printed."))
    pref_ad_valorem = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)
    pref_regime = models.CharField(max_length=40, blank=True)
    flags = models.CharField(max_length=200, blank=True)
    valid_from = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["schedule", "code"]
        constraints = [models.UniqueConstraint(fields=["schedule", "code"], name="markets_tariffline_code")]


class Preference(PackRow):
    """A preferential rate given by an agreement to Moroccan-origin goods of some HS chapters in a market."""

    agreement_code = models.CharField(max_length=20)
    market = models.CharField(max_length=3)
    chapters = models.CharField(max_length=400, help_text=_("Comma-separated HS chapters covered."))
    rate_ad_valorem = models.DecimalField(max_digits=7, decimal_places=3)
    condition = models.TextField(blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    fact_ids = models.CharField(max_length=200, blank=True)
    confidence = models.CharField(max_length=2, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agreement_code", "market"], name="markets_preference_key")]

    def covers(self, hs: str) -> bool:
        return hs[:2] in {c.strip() for c in self.chapters.split(",")}


class AdditionalDuty(PackRow):
    """A dated additional duty (or a period whose duties are unknown) applying on top of the ordinary duty."""

    class Kind(models.TextChoices):
        SURCHARGE = "surcharge", _("surcharge on all entries")
        CONDITIONAL = "conditional", _("applies only under a condition")
        UNKNOWN = "unknown", _("status unknown")

    code = models.CharField(max_length=40, unique=True)
    market = models.CharField(max_length=3)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    name = models.CharField(max_length=200)
    legal_basis = models.CharField(max_length=200, blank=True)
    rate_ad_valorem = models.DecimalField(max_digits=7, decimal_places=3, null=True, blank=True)
    rate_text = models.CharField(max_length=200, blank=True)
    chapters = models.CharField(max_length=400, blank=True, help_text=_("Empty = every HS chapter."))
    start = models.DateField()
    end = models.DateField(null=True, blank=True, help_text=_("Last day in force; empty = no end known."))
    applies_with_preference = models.BooleanField(default=True)
    condition = models.TextField(blank=True)
    fact_ids = models.CharField(max_length=200, blank=True)
    confidence = models.CharField(max_length=2, blank=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["market", "start"]

    def covers(self, hs: str) -> bool:
        return not self.chapters or hs[:2] in {c.strip() for c in self.chapters.split(",")}

    def in_force(self, on) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


class WorldImport(PackRow):
    """Imports of a product by an importer in a year, as published (value in USD, may be empty)."""

    hs_code = models.CharField(max_length=6, blank=True, db_index=True)
    product_label = models.CharField(max_length=300)
    importer_iso3 = models.CharField(max_length=3, blank=True)
    importer_name = models.CharField(max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    value_usd = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    note = models.TextField(blank=True)
    line = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["hs_code", "-year", "-value_usd"]
        constraints = [models.UniqueConstraint(fields=["pack", "line"], name="markets_worldimport_line")]


class MoroccoExport(PackRow):
    """Morocco's exports of a product to a partner in a year, as published (USD, may be empty)."""

    hs_code = models.CharField(max_length=6, blank=True, db_index=True)
    product_label = models.CharField(max_length=300)
    partner_iso3 = models.CharField(max_length=3, blank=True)
    partner_name = models.CharField(max_length=100, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    value_usd = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    note = models.TextField(blank=True)
    line = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-year", "hs_code"]
        constraints = [models.UniqueConstraint(fields=["pack", "line"], name="markets_moroccoexport_line")]


class HandicraftExport(PackRow):
    """Official Moroccan handicraft export figure (Ministry definition) for a period and a dimension."""

    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    dimension = models.CharField(max_length=20, help_text=_("total | destination | product_family | city"))
    key = models.CharField(max_length=200)
    value_mad = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    share_pct = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    growth_pct = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    note = models.TextField(blank=True)
    line = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-period_end", "dimension", "key"]
        constraints = [models.UniqueConstraint(fields=["pack", "line"], name="markets_handicraft_line")]


class MarketSizeEstimate(PackRow):
    """A published market-size figure (market research, not trade statistics)."""

    market = models.CharField(max_length=300)
    geography = models.CharField(max_length=100, blank=True)
    base_year = models.PositiveSmallIntegerField(null=True, blank=True)
    value = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    currency = models.CharField(max_length=3, blank=True)
    forecast_year = models.PositiveSmallIntegerField(null=True, blank=True)
    forecast_value = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    cagr_pct = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    cagr_period = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)
    line = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pack", "line"], name="markets_marketsize_line")]


class TradeFlow(models.Model):
    """A bilateral HS6 trade flow imported from a bulk source (CEPII BACI or a UN Comtrade extract).

    Millions of rows, so the provenance (source, URL, licence, vintage, load date) is kept once per import in
    `ReferencePack` under the same `pack` name (e.g. "baci-HS17-2023"). Value in thousand USD and quantity in
    tonnes, as BACI publishes them.
    """

    pack = models.CharField(max_length=60, db_index=True)
    generation = models.PositiveIntegerField(default=0)
    dataset = models.CharField(max_length=20, help_text=_("BACI | COMTRADE"))
    hs_edition = models.CharField(max_length=4, choices=HsEdition.choices)
    year = models.PositiveSmallIntegerField()
    exporter = models.CharField(max_length=3)
    importer = models.CharField(max_length=3)
    hs6 = models.CharField(max_length=6)
    value_kusd = models.FloatField()
    quantity_t = models.FloatField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "hs_edition", "year", "exporter", "importer", "hs6"], name="markets_tradeflow_key"
            )
        ]
        indexes = [models.Index(fields=["hs6", "year"]), models.Index(fields=["exporter", "hs6"])]

    def __str__(self) -> str:
        return f"{self.dataset} {self.year} {self.exporter}->{self.importer} {self.hs6}"

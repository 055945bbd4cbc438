"""Pages of the markets app: HS browser, HS product page, country page, duty lookup (all public)."""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tijara.core.errors import TijaraError
from tijara.core.l10n import NOT_LISTED, country_name, language_name, sort_key
from tijara.core.l10n import period as l10n_period
from tijara.markets import charts, macro, selectors
from tijara.markets.models import Country, HsEdition, HsSection

EDITIONS = [e.value for e in HsEdition]


def _edition(request) -> str:
    edition = request.GET.get("edition", HsEdition.HS2022)
    return edition if edition in EDITIONS else HsEdition.HS2022


def _lang() -> str | None:
    lang = (get_language() or "")[:2]
    return lang if lang in ("en", "fr") else None


def index(request):
    """HS browser: search by code or words (fr/en), or walk sections → chapters."""
    edition = _edition(request)
    query = request.GET.get("q", "").strip()
    hits = selectors.hs_search(query, limit=30, edition=edition) if query else []
    context = {"query": query, "edition": edition, "editions": EDITIONS, "hits": hits}
    if request.htmx:
        return render(request, "markets/partials/search_results.html", context)
    chapters = selectors.hs_children("", edition)
    by_section: dict[str, list] = {}
    for chapter in chapters:
        by_section.setdefault(chapter.section, []).append(chapter)
    context["sections"] = [(s, by_section.get(s.numeral, [])) for s in HsSection.objects.all()]
    context["partner_countries"] = _partner_countries()
    return render(request, "markets/index.html", context)


def _partner_countries():
    rows = []
    for iso3 in ["USA", "FRA", "ESP", "DEU", "GBR", "ITA", "BEL", "NLD", "CAN", "ARE", "SAU", "JPN"]:
        country = Country.objects.filter(iso3=iso3).first()
        if country:
            rows.append(country)
    return rows


def _points(figures, *, with_coords=False):
    """Chart points for country figures: aggregates (world, regions) stay in the table, not in the charts; on the
    map, one bubble per country (its latest year)."""
    coords = {iso: (lat, lon) for iso, lat, lon in Country.objects.values_list("iso3", "lat", "lon")}
    points = []
    for f in figures:
        if f.value is None or f.country_iso3 not in coords:
            continue
        lat, lon = coords[f.country_iso3] if with_coords else (None, None)
        points.append(charts.Point(label=country_name(f.country_iso3) or f.country_name, year=f.year, value=float(f.value),
                                   source=f.source, lat=lat, lon=lon))
    if with_coords:
        latest: dict[str, charts.Point] = {}
        for p in points:
            if p.label not in latest or (p.year or 0) > (latest[p.label].year or 0):
                latest[p.label] = p
        points = list(latest.values())
    return points


def _arabic_labels(edition: str) -> dict[str, str]:
    """On an Arabic page, the project's Arabic labels of HS 2022 headings and subheadings (a translation, shown
    marked so with the official texts one click away); none in another language or another HS edition."""
    if (get_language() or "")[:2] != "ar" or edition != HsEdition.HS2022:
        return {}
    from tijara.markets.views_finder import _arabic_labels as labels

    return labels()


def hs_detail(request, code: str):
    """Product page: texts (en/fr), path, sub-codes, trade figures as charts, duties in the main markets."""
    edition = _edition(request)
    on = _day(request.GET.get("date"))
    data = selectors.product_overview(code, edition, on)
    if data is None:
        raise Http404(_("HS code not found"))
    imports = [f for f in data["world_imports"] if f.value is not None]
    exports = [f for f in data["morocco_exports"] if f.value is not None]
    home = Country.objects.filter(iso3=selectors.MOROCCO).values_list("lat", "lon").first()
    labels = _arabic_labels(edition)
    context = {
        **data,
        "label_ar": labels.get(data["hs"].code, ""),
        "children_rows": [(c, labels.get(c.code, "")) for c in data["children"]],
        "edition": edition,
        "other_editions": [e for e in data["editions"] if e != edition],
        "imports_chart": charts.bar_chart(_points(imports), title=_("World imports by importer"), unit="USD"),
        "imports_map": charts.world_map(_points(imports, with_coords=True), title=_("World imports by importer"),
                                        unit="USD", home=home),
        "exports_chart": charts.bar_chart(_points(exports), title=_("Morocco's exports by destination"), unit="USD"),
        "imports_unvalued": [f for f in data["world_imports"] if f.value is None],
        "exports_unvalued": [f for f in data["morocco_exports"] if f.value is None],
    }
    return render(request, "markets/hs_detail.html", context)


def _country_options() -> list[dict]:
    """The destination countries of the reference data (Morocco and the lists' left-outs excepted), named in the page's
    language (CLDR names) and sorted as a reader expects."""
    rows = [{"iso3": c.iso3, "name": country_name(c.iso3) or c.name_en}
            for c in Country.objects.only("iso3", "name_en").exclude(iso3__in=[selectors.MOROCCO, *NOT_LISTED])]
    return sorted(rows, key=lambda row: (sort_key(row["name"]), row["name"]))


def country_detail(request, iso3: str):
    """Country page: names, agreements with Morocco, distance, languages, currency, crafts sold there."""
    info = selectors.country_get(iso3)
    if info is None:
        raise Http404(_("Unknown country"))
    handicraft = selectors.handicraft_exports_to(info.iso3)
    points = [charts.Point(label=l10n_period(f.period) or f.label, year=f.year, value=float(f.share_pct), source=f.source)
              for f in handicraft if f.share_pct is not None and f.period]
    context = {
        "country": info,
        "agreements": _agreements_with_facts(info.agreements),
        "name": info.name(get_language()),
        "handicraft": handicraft,
        "exports": selectors.morocco_exports(partner=info.iso3),
        "share_chart": charts.bar_chart(points, title=_("Share of Morocco's handicraft exports"), unit="%"),
        "tariff_market": selectors.tariff_market_for(info.iso3),
        "size": macro.size_inputs().get(info.iso3),
        "size_provenance": macro.PROVENANCE,
        # languages CLDR can name in the page's language (a bare code such as "frp" is not shown)
        "language_names": [name for name in (language_name(code) for code in info.languages or [])
                           if name and name not in (info.languages or [])],
    }
    return render(request, "markets/country_detail.html", context)


def _agreements_with_facts(agreements: list[dict]) -> list[dict]:
    """Each agreement with its published facts' source refs in the page's language (`facts`), in the order the data
    lists them, for the page to name them in words and link to their pages (a withdrawn fact is left out)."""
    from tijara.knowledge.selectors import source_refs

    ids = {a["code"]: [i.strip() for i in (a.get("fact_ids") or "").split(",") if i.strip()] for a in agreements}
    refs = source_refs(fact_ids=[i for group in ids.values() for i in group], language=get_language())
    return [{**a, "facts": [refs[i] for i in ids[a["code"]] if i in refs]} for a in agreements]


def _day(value: str | None) -> date:
    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError:
        return date.today()


def duty(request):
    """Duty lookup form: HS code, market, date, proof of origin → the answer with its sources."""
    hs = request.GET.get("hs", "").strip()
    market = request.GET.get("market", "").strip().upper()
    on_text = request.GET.get("date", "").strip()
    # An unchecked box sends nothing: once the form was submitted (hs present) absence means "no proof".
    origin_proof = request.GET.get("origin_proof") == "1" if hs else True
    answer = error = None
    if hs and market:
        try:
            on = date.fromisoformat(on_text) if on_text else date.today()
            answer = selectors.duty_for(hs=hs, market=market, on=on, origin_proof=origin_proof)
        except ValueError:
            error = _("The date must be YYYY-MM-DD.")
        except TijaraError as exc:
            error = exc.message
    context = {"hs": hs, "market": market, "date": on_text, "origin_proof": origin_proof, "answer": answer,
               "error": error, "countries": _country_options()}
    if request.htmx:
        return render(request, "markets/partials/duty_answer.html", context)
    return render(request, "markets/duty.html", context)

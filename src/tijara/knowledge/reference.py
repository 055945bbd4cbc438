"""Load the shipped knowledge pack (facts, procedures, requirement cards) from `knowledge/data/` (idempotent).

Facts keep the IDs of export-facts.md. Texts edited and published on the platform (`is_edited`) are kept when the
pack is reloaded; facts that left the pack are unpublished, not deleted (their history stays).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from pathlib import Path

from django.db import transaction

from tijara.core.crafts import CRAFT_CODES
from tijara.core.errors import TijaraError
from tijara.knowledge.ids import is_fact_id

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGS = ("ar", "fr", "en")
# export-facts.md marks H/M/K/L/U and pricing-facts.md marks V/S/U, mapped to what users see.
MARK_TO_CONFIDENCE = {"H": "verified", "M": "secondary", "K": "secondary", "L": "unverified", "U": "unverified",
                      "V": "verified", "S": "secondary"}


def _fail(path: Path, where: str, reason: str):
    raise TijaraError("bad_pack", f"{path.name}: {where}: {reason}")


def _date(value, path, where, name) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        _fail(path, where, f"{name} is not a date: {value!r}")


def _texts(entry: dict, path: Path, where: str, fields: tuple[str, ...], required: tuple[str, ...]) -> dict:
    out: dict[str, dict[str, str]] = {f: {} for f in fields}
    for lang in LANGS:
        block = entry.get(lang)
        if not isinstance(block, dict):
            _fail(path, where, f"missing [{lang}] texts")
        for name in fields:
            value = (block.get(name) or "").strip()
            if not value and name in required:
                _fail(path, where, f"missing {lang} {name}")
            out[name][lang] = " ".join(value.split())
    return out


@functools.cache
def read_pack() -> dict:
    """Parse and validate every pack file; returns {"facts": [...], "procedures": [...], "cards": [...]}."""
    from tijara.knowledge.models import RequirementLine, Topic

    topics = set(Topic.values)
    facts: list[dict] = []
    seen: set[str] = set()
    for path in sorted((DATA_DIR / "facts").glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        meta = doc.get("meta", {})
        default_checked = _date(meta.get("last_checked"), path, "meta", "last_checked")
        for index, entry in enumerate(doc.get("fact", []), start=1):
            fid = entry.get("id") or _fail(path, f"fact #{index}", "no id")
            where = f"fact {fid}"
            if not is_fact_id(fid):
                _fail(path, where, "not an ID of the pack's shapes (see tijara.knowledge.ids)")
            if fid in seen:
                _fail(path, where, "duplicate id")
            seen.add(fid)
            if entry.get("topic") not in topics:
                _fail(path, where, f"unknown topic {entry.get('topic')!r}")
            mark = entry.get("mark")
            if mark not in MARK_TO_CONFIDENCE:
                _fail(path, where, f"mark must be one of {', '.join(MARK_TO_CONFIDENCE)}, not {mark!r}")
            for fam in entry.get("families", []):
                if fam not in CRAFT_CODES:
                    _fail(path, where, f"unknown family {fam!r}")
            if not entry.get("source") or not entry.get("url"):
                _fail(path, where, "source and url are required")
            source_lang = entry.get("source_lang", "en")
            if source_lang not in LANGS:
                _fail(path, where, f"source_lang must be one of {', '.join(LANGS)}, not {source_lang!r}")
            texts = _texts(entry, path, where, ("title", "text"), ("title", "text"))
            facts.append({
                "fact_id": fid, "topic": entry["topic"], "markets": list(entry.get("markets", [])),
                "families": list(entry.get("families", [])), "hs_ranges": [str(h) for h in entry.get("hs", [])],
                "legal_reference": entry.get("legal", ""), "source": entry["source"], "source_url": entry["url"],
                "source_language": source_lang,
                "url_approximate": bool(entry.get("url_approx")),
                "as_of": str(entry.get("as_of", "")), "mark": mark, "confidence": MARK_TO_CONFIDENCE[mark],
                "valid_from": _date(entry.get("valid_from"), path, where, "valid_from"),
                "valid_to": _date(entry.get("valid_to"), path, where, "valid_to"),
                "last_checked": _date(entry.get("last_checked"), path, where, "last_checked") or default_checked,
                "translation_note": meta.get("translation", ""),
                **{f"title_{lang}": texts["title"][lang] for lang in LANGS},
                **{f"text_{lang}": texts["text"][lang] for lang in LANGS},
            })
            if facts[-1]["last_checked"] is None:
                _fail(path, where, "no last_checked (and none in [meta])")

    procedures: list[dict] = []
    path = DATA_DIR / "procedures.toml"
    doc = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for p_index, entry in enumerate(doc.get("procedure", []), start=1):
        code = entry.get("code") or _fail(path, f"procedure #{p_index}", "no code")
        titles = _texts(entry, path, f"procedure {code}", ("title",), ("title",))["title"]
        steps = []
        for s_index, step in enumerate(entry.get("step", []), start=1):
            where = f"procedure {code} step {s_index}"
            for fid in step.get("facts", []):
                if fid not in seen:
                    _fail(path, where, f"unknown fact {fid}")
            texts = _texts(step, path, where, ("title", "who", "documents", "cost", "time", "deadline", "detail"),
                           ("title",))
            steps.append({"key": step.get("key") or _fail(path, where, "no key"), "position": s_index,
                          "texts": {k: v for k, v in texts.items() if any(v.values())},
                          "fact_ids": list(step.get("facts", [])), "links": list(step.get("links", [])),
                          "families": list(step.get("families", []))})
        procedures.append({"code": code, "market": entry["market"], "position": p_index, "titles": titles,
                           "steps": steps})

    cards: list[dict] = []
    path = DATA_DIR / "requirements.toml"
    doc = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    aspects = set(RequirementLine.Aspect.values)
    for c_index, card in enumerate(doc.get("card", []), start=1):
        families = card.get("families") or [card.get("family")]
        where = f"card #{c_index} ({','.join(map(str, families))} × {card.get('market')})"
        if not families or any(f not in CRAFT_CODES for f in families):
            _fail(path, where, "unknown family")
        for l_index, line in enumerate(card.get("lines", []), start=1):
            if line.get("fact") not in seen:
                _fail(path, where, f"line {l_index}: unknown fact {line.get('fact')!r}")
            if line.get("aspect") not in aspects:
                _fail(path, where, f"line {l_index}: unknown aspect {line.get('aspect')!r}")
        for family in families:
            cards.append({"family": family, "market": card["market"], "lines": card.get("lines", [])})
    authorities: list[dict] = []
    path = DATA_DIR / "authorities.toml"
    doc = tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for a_index, entry in enumerate(doc.get("authority", []), start=1):
        where = f"authority #{a_index}"
        names = _texts(entry, path, where, ("name",), ("name",))["name"]
        if any(re.search(r"(?<![A-Za-z])\d", name) for name in names.values()):
            _fail(path, where, "an authority name must not contain figures")
        authorities.append({"key": entry.get("key") or _fail(path, where, "no key"), "topics": entry["topics"],
                            "markets": entry["markets"], "families": entry.get("families", []),
                            "url": entry.get("url", ""), "names": names,
                            "aliases": entry.get("aliases", [])})
    return {"facts": facts, "procedures": procedures, "cards": cards, "authorities": authorities}


def shipped_docs(*, today: dt.date | None = None) -> list:
    """The shipped facts as FactDocs, without touching the database."""
    from tijara.knowledge.selectors import FactDoc

    today = today or dt.date.today()
    docs = []
    for f in read_pack()["facts"]:
        stale = bool(f["valid_to"] and f["valid_to"] < today) or (today - f["last_checked"]).days > 365
        docs.append(FactDoc(
            fact_id=f["fact_id"], topic=f["topic"], markets=tuple(f["markets"]), families=tuple(f["families"]),
            titles={lang: f[f"title_{lang}"] for lang in LANGS}, texts={lang: f[f"text_{lang}"] for lang in LANGS},
            source=f["source"], url=f["source_url"], as_of=f["as_of"], confidence=f["confidence"], mark=f["mark"],
            stale=stale, url_approximate=f["url_approximate"], source_language=f["source_language"]))
    return docs


TEXT_FIELDS = tuple(f"{kind}_{lang}" for kind in ("title", "text") for lang in LANGS)


def load(*, stdout=None, verbosity: int = 1) -> dict[str, int]:
    """Create or refresh facts, procedures and requirement lines from the pack; return row counts."""
    from tijara.knowledge.models import Fact, Procedure, ProcedureStep, RequirementLine

    pack = read_pack()
    with transaction.atomic():
        existing = {f.fact_id: f for f in Fact.objects.all()}
        to_create, to_update = [], []
        for data in pack["facts"]:
            fact = existing.get(data["fact_id"])
            if fact is None:
                to_create.append(Fact(**data, is_published=True))
                continue
            values = {k: v for k, v in data.items() if not (fact.is_edited and k in TEXT_FIELDS)}
            values["is_published"] = True
            if any(getattr(fact, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(fact, k, v)
                to_update.append(fact)
        Fact.objects.bulk_create(to_create)
        for fact in to_update:
            fact.save()
        shipped = {f["fact_id"] for f in pack["facts"]}
        Fact.objects.exclude(fact_id__in=shipped).filter(is_published=True).update(is_published=False)

        facts = {f.fact_id: f for f in Fact.objects.all()}
        codes = []
        for data in pack["procedures"]:
            procedure, _created = Procedure.objects.update_or_create(
                code=data["code"], defaults={"market": data["market"], "position": data["position"],
                                             **{f"title_{lang}": data["titles"][lang] for lang in LANGS}})
            codes.append(procedure.code)
            keys = []
            for step in data["steps"]:
                ProcedureStep.objects.update_or_create(procedure=procedure, key=step["key"], defaults={
                    k: step[k] for k in ("position", "texts", "fact_ids", "links", "families")})
                keys.append(step["key"])
            procedure.steps.exclude(key__in=keys).delete()
        Procedure.objects.exclude(code__in=codes).delete()

        existing_lines = {(ln.family, ln.market, ln.fact_id): ln for ln in RequirementLine.objects.all()}
        positions: dict[tuple[str, str], int] = {}
        new_lines, changed_lines, kept = [], [], set()
        for card in pack["cards"]:
            group = (card["family"], card["market"])
            for line in card.get("lines", []):
                positions[group] = positions.get(group, 0) + 1
                fact = facts[line["fact"]]
                key = (card["family"], card["market"], fact.pk)
                values = {"aspect": line["aspect"], "position": positions[group], "document": line.get("document", {})}
                current = existing_lines.get(key)
                if current is None:
                    new_lines.append(RequirementLine(family=key[0], market=key[1], fact=fact, **values))
                elif any(getattr(current, k) != v for k, v in values.items()):
                    for k, v in values.items():
                        setattr(current, k, v)
                    changed_lines.append(current)
                kept.add(key)
        RequirementLine.objects.bulk_create(new_lines)
        RequirementLine.objects.bulk_update(changed_lines, ["aspect", "position", "document"])
        stale = [ln.pk for key, ln in existing_lines.items() if key not in kept]
        RequirementLine.objects.filter(pk__in=stale).delete()
    return {
        "facts": Fact.objects.filter(is_published=True).count(),
        "procedures": Procedure.objects.count(),
        "procedure_steps": ProcedureStep.objects.count(),
        "requirement_lines": RequirementLine.objects.count(),
    }

"""Services of the HS classifier: classify descriptions, look up HS 2022 subheadings, export corrections.

The ranking itself is pure computation in :mod:`tijara.assistant.hs`. Corrections of a product's code are
stored by the catalog app (who, when, from, to); :func:`corrections_export` turns them into labelled data.
An organisation's own corrections count as its examples when it classifies (``organisation_examples``);
they never change another organisation's results.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from datetime import datetime

from django.utils.translation import gettext

from tijara.core.errors import TijaraError

from .hs import engine
from .hs.engine import Classification

MAX_INPUT_CHARS = 100_000
MAX_BATCH = 10_000


# The source name of the examples an organisation's own accepted and corrected codes give (a key; pages name it in
# words: "your organisation's products").
OWN_EXAMPLES = "organisation"

def _check_text(text: str | None) -> str:
    if text is None or not str(text).strip():
        raise TijaraError("empty_description", gettext("Describe the product: the description is empty."),
                          field="text")
    return str(text)


def _check_lang(lang: str | None) -> str | None:
    if lang in (None, "", "auto"):
        return None
    if lang not in ("ar", "fr", "en"):
        raise TijaraError("unsupported_language",
                          gettext("Language must be ar, fr or en (or left empty to detect it)."), field="lang")
    return lang


def _check_top(top: int) -> int:
    try:
        top = int(top)
    except (TypeError, ValueError):
        top = 0
    if not 1 <= top <= 20:
        raise TijaraError("invalid_top", gettext("The number of candidates must be between 1 and 20."), field="top")
    return top


def answer_choices() -> dict[str, set[str]]:
    """Every attribute a separating question can ask, with its possible answers."""
    from .hs.attributes import VALUES
    from .hs.rules import get_rules

    out: dict[str, set[str]] = {}
    for v in VALUES:
        out.setdefault(v.group, set()).add(v.key)
    rules = get_rules()
    for g, vals in rules.attributes.items():
        out.setdefault(g, set()).update(vals)
    for rule in rules.rules:
        for g, allowed in rule.when:
            out.setdefault(g, set()).update(allowed)
    return out


def parse_answers(answers: Mapping[str, str] | list[str] | None) -> dict[str, str]:
    """{'weave': 'knotted'} or ['weave=knotted'] → checked answers to separating questions."""
    if not answers:
        return {}
    pairs = answers.items() if isinstance(answers, Mapping) else [
        (a.replace(":", "=").split("=", 1) + [""])[:2] for a in answers]
    choices = answer_choices()
    out = {}
    for attr, value in pairs:
        attr, value = str(attr).strip().lower(), str(value).strip().lower()
        if attr not in choices or value not in choices[attr]:
            known = ", ".join(sorted(choices.get(attr, ()))) or ", ".join(sorted(choices))
            raise TijaraError("invalid_answer", gettext("Unknown answer %(attr)s=%(value)s (possible: %(known)s).")
                              % {"attr": attr, "value": value, "known": known}, field="answers")
        out[attr] = value
    return out


_ORG_STORES: dict[int, tuple[tuple, object]] = {}


def organisation_examples(*, organisation) -> object | None:
    """The organisation's accepted and corrected codes as an example store (its last code per product)."""
    if organisation is None:
        return None
    from tijara.catalog.selectors import hs_corrections

    from .hs.examples import ExampleStore

    latest: dict[int, tuple[str, str]] = {}
    stamp = None
    rows = hs_corrections(organisation=organisation).values_list("pk", "product_id", "to_code", "text_snapshot")
    for pk, product_id, to_code, text in rows:
        stamp = pk
        digits = re.sub(r"\D", "", to_code or "")
        if len(digits) >= 6 and (text or "").strip():
            latest[product_id] = (text, digits[:6])
        else:
            latest.pop(product_id, None)
    if not latest:
        return None
    key = (stamp, len(latest))
    cached = _ORG_STORES.get(organisation.pk)
    if cached and cached[0] == key:
        return cached[1]
    store = ExampleStore(dirs=[], extra=[(text, code, OWN_EXAMPLES) for text, code in latest.values()])
    _ORG_STORES[organisation.pk] = (key, store)
    return store


def classify(*, text: str, lang: str | None = None, top: int = 5,
             answers: Mapping[str, str] | list[str] | None = None, organisation=None,
             ui_lang: str | None = None) -> Classification:
    """Rank HS 2022 subheadings for one product description (ar, Darija, fr, en), with answers to questions;
    an organisation's own accepted and corrected codes count as examples when it is given. ``ui_lang`` (a page's
    language) sets the language of the words around the codes; by default, the description's."""
    text = _check_text(text)
    return engine.classify(text[:MAX_INPUT_CHARS], lang=_check_lang(lang), top=_check_top(top),
                           answers=parse_answers(answers),
                           own_examples=organisation_examples(organisation=organisation), ui_lang=ui_lang)


def classify_batch(*, texts: list[str], lang: str | None = None, top: int = 5) -> list[dict]:
    """Classify many descriptions; one JSON-ready dict per input, in order (empty rows carry an error)."""
    lang, top = _check_lang(lang), _check_top(top)
    if len(texts) > MAX_BATCH:
        raise TijaraError("batch_too_large", gettext("A batch holds at most %(n)d descriptions.") % {"n": MAX_BATCH})
    texts = [("" if t is None else str(t))[:MAX_INPUT_CHARS] for t in texts]
    results = engine.classify_many(list(texts), lang=lang, top=top)
    out = []
    for text, res in zip(texts, results, strict=True):
        data = res.to_dict()
        if not text.strip():
            data["error"] = {"code": "empty_description",
                             "message": gettext("Describe the product: the description is empty.")}
        out.append(data)
    return out


def normalise_hs6(code: str) -> str:
    """'5701.10' / '5701 10' / '570110' → '570110', checked against the HS 2022 nomenclature."""
    digits = re.sub(r"[\s.\-]", "", str(code or ""))
    if not re.fullmatch(r"\d{6}", digits):
        raise TijaraError("invalid_hs6", gettext("An HS code has six digits, e.g. 5701.10."), field="hs6")
    if digits not in engine.get_index().hs6:
        raise TijaraError("unknown_hs6", gettext("%(code)s is not an HS 2022 subheading.") % {"code": digits},
                          field="hs6")
    return digits


def hs6_label(*, code: str, lang: str = "en") -> str:
    """Official text of an HS 2022 subheading (French from the EU CN 2023 when asked; English otherwise)."""
    rec = engine.get_index().hs6.get(code)
    if rec is None:
        return ""
    return rec["fr"] if lang == "fr" and rec.get("fr") else rec["en"]


def hs6_label_for(*, code: str, lang: str) -> dict:
    """What a reader of `lang` reads for an HS 2022 subheading: {"text", "lang", "source"}, where `lang` is the
    language the text is really in (Arabic: the project's translation when there is one, else the official English;
    French: the EU CN line, else English) and `source` is "official" or "project translation"."""
    idx = engine.get_index()
    rec = idx.hs6.get(code)
    if rec is None:
        return {"text": "", "lang": lang, "source": "official"}
    if lang == "ar" and code in idx.labels_ar:
        return {"text": idx.labels_ar[code], "lang": "ar", "source": "project translation"}
    if lang == "fr" and rec.get("fr"):
        return {"text": rec["fr"].split(" | ")[0], "lang": "fr", "source": "official"}
    return {"text": rec["en"], "lang": "en", "source": "official"}


CORRECTION_FIELDS = ("text", "language", "from_code", "to_code", "to_hs6", "suggested_code", "confidence",
                     "corrected_by", "corrected_at", "product")
_ALIASES = {"text": ("text", "text_snapshot"), "from_code": ("from_code", "from_hs6"), "to_code": ("to_code", "to_hs6"),
            "corrected_by": ("corrected_by", "changed_by"), "corrected_at": ("corrected_at", "changed_at")}


def _field(row, name: str):
    for key in _ALIASES.get(name, (name,)):
        value = row.get(key) if isinstance(row, Mapping) else getattr(row, key, None)
        if value not in (None, ""):
            return value
    return ""


def corrections_export(*, corrections: Iterable, stream: io.TextIOBase | None = None) -> str:
    """Write HS code corrections as labelled CSV data: one row per correction (who, when, from, to, text).

    The catalog app stores the corrections (its ``HSCodeChange`` rows or plain dicts with the same fields)
    and calls this. The output is for people who evaluate or retrain the classifier; nothing feeds it back
    automatically. ``to_hs6`` is the first six digits of the corrected code, checked against HS 2022.
    Returns the CSV text when no stream is given.
    """
    buffer = stream or io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CORRECTION_FIELDS)
    writer.writeheader()
    for row in corrections:
        rec = {name: _field(row, name) for name in CORRECTION_FIELDS}
        if isinstance(rec["corrected_at"], datetime):
            rec["corrected_at"] = rec["corrected_at"].isoformat()
        if rec["corrected_by"] and not isinstance(rec["corrected_by"], str | int):
            rec["corrected_by"] = getattr(rec["corrected_by"], "email", str(rec["corrected_by"]))
        if rec["product"] and not isinstance(rec["product"], str | int):
            rec["product"] = getattr(rec["product"], "pk", str(rec["product"]))
        digits = re.sub(r"\D", "", str(rec["to_code"]))
        rec["to_hs6"] = normalise_hs6(digits[:6]) if len(digits) >= 6 else ""
        writer.writerow(rec)
    return buffer.getvalue() if stream is None else ""

"""Optional generative mode: an OpenAI-compatible chat endpoint writes the answer from the retrieved facts only.

The reply must be JSON `{"answer": str, "citations": [fact IDs]}`; it is rejected (and the caller falls back to the
extractive answer) when it cites nothing, cites a fact that was not retrieved, or states a figure that none of the
cited facts contains (figures compared as values, each text read in its language: "3 600", "3,600" and "٣٬٦٠٠" are
3600, "1.5" is not "15"; a number read two ways, "3.600" in Arabic, passes when one reading is in the facts;
numbers written as words must appear in the cited facts too).
"""

from __future__ import annotations

import decimal
import json
import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tijara.core.l10n import NUMBER, number_readings

LANGUAGE_NAMES = {"ar": "Arabic", "fr": "French", "en": "English"}
# Numbers written as words (en, fr, ar; data/number_words.json): an answer may only use those its cited facts use.
NUMBER_WORDS = frozenset(json.loads((Path(__file__).resolve().parents[1] / "data" / "number_words.json")
                                    .read_text(encoding="utf-8"))["words"])
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True)
class Generated:
    answer: str
    fact_ids: list[str]


class Rejected(Exception):
    """The endpoint failed or its answer broke the rules; use the extractive answer."""


def _prompt(question: str, language: str, docs: Sequence) -> list[dict]:
    facts = "\n".join(f"[{d.fact_id}] {d.titles[language]}: {d.texts[language]} (source: {d.source}, {d.as_of})"
                      for d in docs)
    system = (
        "You answer questions of Moroccan artisans about exporting, using ONLY the facts given. "
        f"Write in {LANGUAGE_NAMES.get(language, 'English')}. Do not add any figure, rate, date or deadline that is "
        "not in the facts. If the facts do not answer, say so. Reply with JSON only: "
        '{"answer": "...", "citations": ["FACT-ID", ...]} citing the IDs of the facts you used.')
    return [{"role": "system", "content": system},
            {"role": "user", "content": f"Facts:\n{facts}\n\nQuestion: {question}"}]


def figures(text: str, language: str) -> list[set[decimal.Decimal]]:
    """Each number of a text written in `language`, as the values it can be read as (core l10n: "3,600", "3 600",
    "3٬600" and "٣٬٦٠٠" are 3600; "1,5" in French and "1.5" are 1.5, never 15; "3.600" in Arabic is 3600 as Moroccan
    print groups, or 3.6). A number no reading fits ("1.5.2") counts as its runs of digits."""
    out = []
    for token in NUMBER.findall(text):
        readings = {r.value for r in number_readings(token, lang=language)}
        out.extend([readings] if readings else [{decimal.Decimal(run)} for run in re.findall(r"\d+", token)])
    return out


def _number_words(text: str) -> set[str]:
    words = set()
    for word in _WORD.findall(text.lower()):
        for form in (word, word.removeprefix("و"), word.removeprefix("ال")):
            if form in NUMBER_WORDS:
                words.add(form)
    return words


def check(reply: dict, docs: Sequence, language: str = "en") -> Generated:
    """Validate a parsed reply (written in `language`) against the retrieved docs; raises Rejected."""
    answer = reply.get("answer") if isinstance(reply, dict) else None
    cited = reply.get("citations") if isinstance(reply, dict) else None
    if not isinstance(answer, str) or not answer.strip() or not isinstance(cited, list) or not cited:
        raise Rejected("no answer or no citation")
    by_id = {d.fact_id: d for d in docs}
    if any(not isinstance(c, str) or c not in by_id for c in cited):
        raise Rejected("cites a fact that was not retrieved")
    allowed = set()
    for c in cited:  # each text read in its own language
        doc = by_id[c]
        texts = [(t, lang) for lang, t in [*doc.texts.items(), *doc.titles.items()]] + [(str(doc.as_of), "en")]
        for text, lang in texts:
            for values in figures(text, lang):
                allowed |= values
    if any(not values & allowed for values in figures(answer, language)):
        raise Rejected("states a figure absent from the cited facts")
    allowed_words = set()
    for c in cited:
        for text in list(by_id[c].texts.values()) + list(by_id[c].titles.values()):
            allowed_words |= _number_words(text)
    if _number_words(answer) - allowed_words:
        raise Rejected("writes a number in words that the cited facts do not contain")
    return Generated(answer=answer.strip(), fact_ids=list(dict.fromkeys(cited)))


def generate(*, url: str, model: str, api_key: str, question: str, language: str, docs: Sequence,
             timeout: float = 20.0) -> Generated:
    """Ask the endpoint and check the answer; raises Rejected on any failure."""
    body = json.dumps({"model": model, "messages": _prompt(question, language, docs), "temperature": 0}).encode()
    request = urllib.request.Request(url.rstrip("/") + "/chat/completions", data=body, method="POST",  # noqa: S310
                                     headers={"Content-Type": "application/json",
                                              **({"Authorization": f"Bearer {api_key}"} if api_key else {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - operator-configured URL
            payload = json.loads(response.read().decode("utf-8"))
        content = payload["choices"][0]["message"]["content"]
    except (urllib.error.URLError, TimeoutError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise Rejected(f"endpoint error: {exc}") from exc
    content = content.strip()
    if content.startswith("```"):
        content = content.strip("`").removeprefix("json").strip()
    try:
        reply = json.loads(content)
    except ValueError as exc:
        raise Rejected("reply is not JSON") from exc
    return check(reply, docs, language)

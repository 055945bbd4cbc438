"""Optional generative mode: an OpenAI-compatible chat endpoint writes the answer from the retrieved facts only.

The reply must be JSON `{"answer": str, "citations": [fact IDs]}`; it is rejected (and the caller falls back to the
extractive answer) when it cites nothing, cites a fact that was not retrieved, or states a figure that none of the
cited facts contains.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass

LANGUAGE_NAMES = {"ar": "Arabic", "fr": "French", "en": "English"}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


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


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "").replace(".", "") for n in _NUMBER.findall(text)}


def check(reply: dict, docs: Sequence) -> Generated:
    """Validate a parsed reply against the retrieved docs; raises Rejected."""
    answer = reply.get("answer") if isinstance(reply, dict) else None
    cited = reply.get("citations") if isinstance(reply, dict) else None
    if not isinstance(answer, str) or not answer.strip() or not isinstance(cited, list) or not cited:
        raise Rejected("no answer or no citation")
    by_id = {d.fact_id: d for d in docs}
    if any(not isinstance(c, str) or c not in by_id for c in cited):
        raise Rejected("cites a fact that was not retrieved")
    allowed = set()
    for c in cited:
        for text in list(by_id[c].texts.values()) + list(by_id[c].titles.values()) + [by_id[c].as_of]:
            allowed |= _numbers(text)
    if _numbers(answer) - allowed:
        raise Rejected("states a figure absent from the cited facts")
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
    return check(reply, docs)

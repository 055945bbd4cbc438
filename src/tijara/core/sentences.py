"""Sentences that can be said again in another language: a translated text that keeps its message id and parameters.

A check that stores its findings (a channel listing's problems) writes them in the language of whoever ran it; a
viewer reading in another language should read them in theirs. `gettext_kept` translates as `gettext` does and
returns a `Sentence`, a `str` (so it is formatted, joined and compared as before) that also remembers what was
translated; `%` keeps the parameters. `sentence_data` turns it into JSON-ready data (message id + parameters, a
parameter being a number, a text as given, a nested sentence or named words such as a field's label) and
`sentence_text` says that data again in the active language. Data that cannot be said again (a text built by
concatenation, an unknown parameter) gives None: the caller keeps the text as written, with its language.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext

# Named words a sentence can hold as a parameter, said again by the function that names them in the active
# language (registered by the app that owns them: `register_words("field", field_words)`).
WORDS: dict[str, Callable[[str], str]] = {}


def register_words(kind: str, say: Callable[[str], str]) -> None:
    """Let `Words(kind, code)` parameters be said again in another language by `say(code)`."""
    WORDS[kind] = say


class Sentence(str):
    """A translated text that remembers its message id and, once formatted with `%`, its parameters."""

    def __new__(cls, text: str, msgid: str, params: dict | None = None, *, storable: bool = True):
        made = super().__new__(cls, text)
        made.msgid, made.params, made.storable = msgid, params, storable
        return made

    def __reduce__(self):  # copied or pickled (a cache) as the same text with what it remembers
        return _sentence, (str(self), self.msgid, self.params, self.storable)

    def __mod__(self, params):
        text = str.__mod__(self, params)
        if self.params is not None or not isinstance(params, dict):
            return Sentence(text, self.msgid, None, storable=False)
        data = {key: _value_data(value) for key, value in params.items()}
        return Sentence(text, self.msgid, data, storable=self.storable and None not in data.values())


class Words(str):
    """Words named by a registered function (a field's label, a craft's name), said again in another language."""

    def __new__(cls, kind: str, code: str, *, lower: bool = False):
        text = str(WORDS[kind](code)) if kind in WORDS else code
        made = super().__new__(cls, text.lower() if lower else text)
        made.kind, made.code, made.is_lower = kind, code, lower
        return made

    def __reduce__(self):
        return _words, (str(self), self.kind, self.code, self.is_lower)

    def lower(self) -> Words:
        return Words(self.kind, self.code, lower=True)


def _sentence(text: str, msgid: str, params: dict | None, storable: bool) -> Sentence:
    return Sentence(text, msgid, params, storable=storable)


def _words(text: str, kind: str, code: str, lower: bool) -> Words:
    made = str.__new__(Words, text)
    made.kind, made.code, made.is_lower = kind, code, lower
    return made


def gettext_kept(msgid: str) -> Sentence:
    """`gettext(msgid)` as a `Sentence` that can be stored and said again in another language."""
    return Sentence(gettext(msgid), msgid)


def _value_data(value):
    """A parameter as JSON-ready data; None when it cannot be said again."""
    if isinstance(value, Sentence):
        data = sentence_data(value)
        return {"sentence": data} if data is not None else None
    if isinstance(value, Words):
        return {"words": value.kind, "code": value.code, "lower": value.is_lower}
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, str):
        return value  # a text of the data or the user (a SKU, a value typed), the same in every language
    return None


def sentence_data(text) -> dict | None:
    """A `Sentence` as data to store (`{"id": msgid, "params": {...}}`); None for any other text."""
    if not isinstance(text, Sentence) or not text.storable:
        return None
    return {"id": text.msgid} if text.params is None else {"id": text.msgid, "params": text.params}


def _value(data):
    if isinstance(data, dict):
        if "sentence" in data:
            return sentence_text(data["sentence"])
        if "words" in data:
            say = WORDS.get(data["words"])
            if say is None:
                raise KeyError(data["words"])
            words = str(say(data.get("code", "")))
            return words.lower() if data.get("lower") else words
        if "decimal" in data:
            return Decimal(data["decimal"])
        raise KeyError("unknown parameter")
    return data


def sentence_text(data) -> str | None:
    """Stored sentence data said in the active language; None when it cannot be (the caller keeps the stored text)."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    try:
        translated = gettext(data["id"])
        params = data.get("params")
        if params is None:
            return translated
        return translated % {key: _value(value) for key, value in params.items()}
    except (KeyError, TypeError, ValueError):
        return None

"""Translation catalogues: one msgid, one meaning.

Django merges every app's catalogue into one per language, so when two apps translate the same msgid differently
only one wins on every page (the plan's "Share" button read «الحصة», market share). A word with two meanings gets a
context (`pgettext("button", "Share")`); a word with one meaning gets one translation everywhere.
"""

from collections import defaultdict
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tijara"


def catalogues(language: str, root: Path = PACKAGE) -> dict[str, Path]:
    found = {}
    for po in sorted(root.rglob(f"locale/{language}/LC_MESSAGES/django.po")):
        owner = po.relative_to(root).parts[0]
        found["project (templates, core, accounts)" if owner == "locale" else owner] = po
    return found


def conflicts(language: str, root: Path = PACKAGE) -> list[str]:
    seen: dict[str, dict[str, str]] = defaultdict(dict)
    for owner, po in catalogues(language, root).items():
        with po.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if not message.id or message.fuzzy or message.context is not None:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings):
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            seen[key][owner] = " | ".join(strings)
    return [f"{msgid!r}: " + "; ".join(f"{owner} → {text!r}" for owner, text in sorted(owners.items()))
            for msgid, owners in sorted(seen.items()) if len(set(owners.values())) > 1]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_catalogue_exists(language):
    assert len(catalogues(language)) >= 10


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_one_msgid_without_context_has_one_translation_across_catalogues(language):
    found = conflicts(language)
    assert not found, (f"{len(found)} msgid(s) translated differently in two catalogues; give the same translation, "
                       "or a context (pgettext) where the meaning differs:\n" + "\n".join(found))


def test_the_checker_sees_a_conflict(tmp_path):
    """The test above can fail: two catalogues that disagree on "Share" are reported."""
    for app, text in (("plans", "Partager"), ("markets", "Part")):
        po = tmp_path / app / "locale" / "fr" / "LC_MESSAGES" / "django.po"
        po.parent.mkdir(parents=True)
        po.write_text(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                      f'msgid "Share"\nmsgstr "{text}"\n\nmsgctxt "button"\nmsgid "Print"\nmsgstr "{app}"\n',
                      encoding="utf-8")
    found = conflicts("fr", tmp_path)
    assert len(found) == 1 and "'Share'" in found[0] and "Partager" in found[0] and "Part'" in found[0]


def test_arabic_file_extensions_are_isolated_left_to_right():
    """A file extension in an Arabic sentence ("(.ics)") is reordered by the bidi algorithm to "(ics.)" unless it
    sits in a left-to-right isolate (U+2066 … U+2069): the fairs page's calendar link read "(ics.)"."""
    import re

    bare = re.compile(r"(?<![\w\u2066])\.[A-Za-z]{2,5}\b")
    found = []
    for owner, po in catalogues("ar").items():
        with po.open("rb") as handle:
            for message in read_po(handle):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                found += [f"{owner}: {text!r}" for text in strings if text and bare.search(text)]
    assert not found, found

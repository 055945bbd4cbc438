"""Validation problems (pure, no ORM): each names the field, the rule, its source URL and the fix.

Severity comes from the rule's status mark in the channel specs (channel-specs.md, "How to read the status
marks"): V (read on the channel's own page) → error, S (secondary source) → warning unless the rule is the
conservative side, U (unverified) → advice that says "not verified — check <URL>".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import get_language

from tijara.core.l10n import craft_label, isolate, language_name
from tijara.core.sentences import Words, register_words, sentence_data, sentence_text
from tijara.core.sentences import gettext_kept as _

ERROR, WARNING, ADVICE = "error", "warning", "advice"
SEVERITIES = (ERROR, WARNING, ADVICE)

GMC = "https://support.google.com/merchants/answer/{}"
ETSY_REF = "https://developers.etsy.com/documentation/reference"
ETSY_AUTH = "https://developers.etsy.com/documentation/essentials/authentication"
ETSY_RATE = "https://developers.etsy.com/documentation/essentials/rate-limits"
ETSY_LIFECYCLE = "https://developers.etsy.com/documentation/tutorials/listings"
ETSY_TRANSLATIONS = "https://www.etsy.com/developers/documentation/getting_started/translations"
SHOP_CSV = "https://help.shopify.com/en/manual/products/import-export/using-csv"
SHOP_CHANGELOG = "https://shopify.dev/changelog"
META_CAT = "https://developers.facebook.com/docs/marketing-api/catalog/reference"
META_FIELDS = "https://developers.facebook.com/docs/commerce-platform/catalog/fields"
WOO_CSV = "https://github.com/woocommerce/woocommerce/wiki/Product-CSV-Import-Schema"
G_ML = "https://developers.google.com/search/docs/appearance/structured-data/merchant-listing"
# Amazon pages are cited as the specs cite them (no full URL was recorded for them).
AMZ_HANDMADE = "Amazon Seller Central help 201817290 (Handmade terms)"
AMZ_INVENTORY = "Amazon Seller Central help (Handmade inventory file)"
AMZ_TITLE = "Amazon Seller Central help (title guidelines; sellercentral.amazon.co.uk)"
AMZ_IMAGES = "Amazon product image guide"
# Tijara's own rules (not a channel's): the platform's language and stock policies, documented in the repo.
TIJARA_POLICY = "docs/channels.md"


@dataclass(frozen=True, slots=True)
class Rule:
    """A channel rule: stable code, status mark (V/S/U) and source URL; `conservative` makes an S rule an error."""

    code: str
    status: str
    source: str
    conservative: bool = False
    severity_override: str = ""

    @property
    def severity(self) -> str:
        if self.severity_override:
            return self.severity_override
        if self.status == "V" or (self.status == "S" and self.conservative):
            return ERROR
        return WARNING if self.status == "S" else ADVICE


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding about a listing, shaped like the `listings validate` JSON."""

    field: str
    severity: str
    rule: str
    source: str
    message: str
    fix: str = ""
    what: str = ""  # the finding alone, for pages that show the field, the fix and the source apart

    def as_dict(self) -> dict:
        return {"field": self.field, "severity": self.severity, "rule": self.rule, "source": self.source,
                "message": str(self.message)}


def problem_stored(found: Problem, language: str) -> dict:
    """A problem as a listing stores it: the JSON fields, its sentences as written in `language` (`what`, `fix`,
    `message`, `lang`) and, under `said`, as message ids and parameters a viewer reads in their own language."""
    said = {key: data for key, data in (("message", sentence_data(found.message)), ("what", sentence_data(found.what)),
                                        ("fix", sentence_data(found.fix))) if data is not None}
    stored = found.as_dict() | {"fix": str(found.fix), "what": str(found.what), "lang": language}
    return stored | {"said": said} if said else stored


def problem_said(stored: dict) -> dict:
    """A stored problem in the active language: each sentence said again from its data. A sentence stored without
    data (checked before problems kept it, or built in a way that cannot be said again) stays as written, and
    `lang` keeps telling its language so the page can say so."""
    shown = {key: value for key, value in stored.items() if key != "said"}
    again = {key: text for key, text in ((key, sentence_text(data)) for key, data in (stored.get("said") or {}).items())
             if text is not None}
    shown.update(again)
    if again and all(key in again for key in ("message", "what", "fix") if stored.get(key)):
        shown["lang"] = (get_language() or "en")[:2]
    return shown


def improvement_stored(improvement: dict, language: str) -> dict:
    """A quality improvement (`{"points", "message"}`) as a listing stores it: as written in `language`, and as data
    a viewer reads in their own language (`said`)."""
    said = sentence_data(improvement["message"])
    stored = improvement | {"message": str(improvement["message"]), "lang": language}
    return stored | {"said": said} if said is not None else stored


def improvement_said(stored: dict) -> dict:
    """A stored improvement in the active language; as written (with its `lang`) when it cannot be said again."""
    shown = {key: value for key, value in stored.items() if key != "said"}
    again = sentence_text(stored.get("said"))
    if again is not None:
        shown |= {"message": again, "lang": (get_language() or "en")[:2]}
    return shown


def field_words(field: str) -> str:
    """A listing field as its page names it ("Etsy category", not `taxonomy_id`); a field without words: its key,
    isolated."""
    return Words("field", field)


def _field_label(field: str) -> str:
    from tijara.channels.display import FIELDS

    return str(FIELDS[field][0]) if field in FIELDS else isolate(field)


def _language_names(codes: str) -> str:
    return ", ".join(language_name(code) for code in codes.split(",") if code)


# A stored problem names a field, a language or the languages a product has texts in by their codes; a viewer
# reads them in their own language (`tijara.core.sentences`).
register_words("field", _field_label)
register_words("language", language_name)
register_words("languages", _language_names)
register_words("craft", craft_label)


def problem(rule: Rule, field: str, what: str, fix: str) -> Problem:
    """Build the problem for `rule` on `field`; `what` and `fix` are already translated sentences. The message names
    the field in words (the JSON keeps its key under `field`)."""
    if rule.severity == ADVICE and rule.status == "U":
        message = _("%(field)s: %(what)s Fix: %(fix)s Not verified: check %(source)s.") % {
            "field": field_words(field), "what": what, "fix": fix, "source": isolate(rule.source)}
    else:
        message = _("%(field)s: %(what)s Fix: %(fix)s Source: %(source)s.") % {
            "field": field_words(field), "what": what, "fix": fix, "source": isolate(rule.source)}
    return Problem(field=field, severity=rule.severity, rule=rule.code, source=rule.source, message=message, fix=fix,
                   what=what)


def landing_page_problems(item, rule: Rule) -> list[Problem]:
    """The landing page must show the product (GMC/6324416, META-FIELDS): not a hidden catalog page."""
    if item.link and not item.link_public:
        return [problem(rule, "link", _("the landing page is the buyers' catalog page, where this product is not "
                                         "shown (it is not public or not ready)."),
                        _("make the product public and ready in the catalog, or set the connection's product URL "
                          "template to your own shop."))]
    return []


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == ERROR for p in problems)


# Rules every adapter applies (Tijara policy: DEVELOPERS.md rule quoted at the end of channel-specs.md §9).
TRANSLATION_MISSING = Rule("translation_missing", "V", TIJARA_POLICY)
SOLD_UNIQUE = Rule("one_of_a_kind_sold", "V", TIJARA_POLICY)
PRICE_UNAVAILABLE = Rule("price_unavailable", "V", TIJARA_POLICY)
PRICE_POSITIVE = Rule("price_positive", "V", TIJARA_POLICY)
# Variant values and materials are typed once in the catalog, in no particular language, so no translation can be
# chosen: when their script cannot be the feed's language they are sent as typed and the seller is warned.
VALUE_SCRIPT = Rule("value_language", "V", TIJARA_POLICY, severity_override=WARNING)


def zero_price_problems(item) -> list[Problem]:
    """Tijara's own rule for channels whose documentation sets no minimum: a handmade piece is never listed at 0."""
    if item.price is not None and item.price <= 0:
        return [problem(PRICE_POSITIVE, "price", _("the price is 0."),
                        _("set the variant price (in MAD) so that the channel price is above zero."))]
    return []


def common_problems(item) -> list[Problem]:
    """Problems shared by every channel: a missing translation, a sold unique piece, no computable price."""
    found: list[Problem] = []
    if item.text is None:
        have = (Words("languages", ",".join(item.available_languages)) if item.available_languages
                else _("none"))
        found.append(problem(
            TRANSLATION_MISSING, "title",
            _("the product has no text in “%(language)s” (texts in: %(have)s); a text is never published in a "
              "language it was not written or translated into.") % {
                "language": Words("language", item.target_language), "have": have},
            _("add a title and description in “%(language)s” (written or reviewed by a person).") % {
                "language": Words("language", item.target_language)}))
    if item.one_of_a_kind and item.stock <= 0:
        found.append(problem(
            SOLD_UNIQUE, "availability",
            _("this one-of-a-kind piece is sold (stock 0): it is left out of every feed from the next generation."),
            _("nothing to do; set the stock back to 1 if the piece is available again.")))
    found += value_script_problems(item)
    if item.price is None:
        found.append(problem(
            PRICE_UNAVAILABLE, "price",
            _("no price could be computed in %(currency)s: %(reason)s") % {
                "currency": item.currency, "reason": item.price_error or _("unknown reason")},
            _("set the variant price and check the exchange rate and pricing rule of this connection.")))
    return found


_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f]")
_LATIN_WORD = re.compile("[A-Za-z\u00c0-\u024f]{3,}")
# Feed languages written in Arabic script; every other language Tijara serves (fr, en, de …) is Latin script.
_ARABIC_SCRIPT_LANGUAGES = {"ar"}


def _wrong_script(value: str, language: str) -> bool:
    """True when `value` cannot be text in `language`: a Latin word and no Arabic letter in an Arabic feed, or
    Arabic letters in a Latin-script feed. Numbers, sizes such as "M" or "40 cm" and units are neutral."""
    if language in _ARABIC_SCRIPT_LANGUAGES:
        return bool(_LATIN_WORD.search(value)) and not _ARABIC.search(value)
    return bool(_ARABIC.search(value))


def value_script_problems(item) -> list[Problem]:
    """The catalog's variant values (size, colour, pattern) and materials are published as typed; say so when their
    script cannot be the feed's language (channel-specs §1: free-text attributes are in the feed's language)."""
    language = item.target_language
    found: list[Problem] = []
    for field, values in (("size", [item.size]), ("color", [item.colour, item.pattern]),
                          ("material", list(item.materials))):
        wrong = [v for v in values if v and _wrong_script(v, language)]
        if wrong:
            found.append(problem(
                VALUE_SCRIPT, field,
                _("“%(values)s” is sent as typed in the catalog, but it is not written in “%(language)s”.") % {
                    "values": ", ".join(wrong), "language": Words("language", language)},
                _("write it so that buyers of this feed can read it (a number, or words in their language), or "
                  "leave it: the catalog keeps one value for every language.")))
    return found

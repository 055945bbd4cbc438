"""Sentences kept as message ids and parameters are said again in the reader's language; anything that cannot be
said again gives None, so the caller keeps the text as written."""

from decimal import Decimal

from django.utils import translation

from tijara.core.l10n import language_name
from tijara.core.sentences import Words, gettext_kept, register_words, sentence_data, sentence_text


def test_a_sentence_written_in_arabic_is_said_again_in_french_with_its_parameters():
    register_words("language", language_name)
    with translation.override("ar"):
        written = gettext_kept("the product has no text in “%(language)s” (texts in: %(have)s); a text is never "
                               "published in a language it was not written or translated into.") % {
            "language": Words("language", "en"), "have": gettext_kept("none")}
    assert str(written).startswith("ليس للمنتج نص بـ«الإنجليزية» (النصوص المتوفرة: لا شيء)")
    data = sentence_data(written)
    with translation.override("fr"):
        said = sentence_text(data)
    assert said.startswith("le produit n'a pas de texte en « anglais » (textes en : aucun) ;")


def test_numbers_decimals_and_plain_texts_keep_their_value():
    with translation.override("fr"):
        written = gettext_kept("%(n)d tags; Etsy takes at most 13.") % {"n": 15}
        assert sentence_text(sentence_data(written)) == str(written)
    data = sentence_data(gettext_kept("%(x)s") % {"x": Decimal("2.50")})
    assert data["params"] == {"x": {"decimal": "2.50"}} and sentence_text(data) == "2.50"
    data = sentence_data(gettext_kept("%(sku)s") % {"sku": "RUG-1"})
    assert sentence_text(data) == "RUG-1"  # a text of the data, the same in every language


def test_what_cannot_be_said_again_is_left_as_written():
    assert sentence_data("a plain text") is None
    assert sentence_data(gettext_kept("%(n)s tags") % {"n": object()}) is None
    assert sentence_data(gettext_kept("a %s") % ("tuple",)) is None
    assert sentence_text({"id": "%(n)s", "params": {"n": {"words": "unregistered-kind"}}}) is None
    assert sentence_text("not data") is None


def test_a_sentence_survives_a_copy_and_a_pickle():
    import copy
    import pickle

    written = gettext_kept("%(n)d tags; Etsy takes at most 13.") % {"n": 15, "w": Words("nothing-registered", "x")}
    for again in (copy.deepcopy(written), pickle.loads(pickle.dumps(written))):  # noqa: S301 — our own bytes
        assert again == written and sentence_data(again) == sentence_data(written)

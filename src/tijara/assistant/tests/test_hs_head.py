"""Which word is the product: the head of the first noun phrase weighs more in the lexical query, colour,
size, pattern and marketing words less (real shipped index and vocabulary)."""

from tijara.assistant.hs import classify
from tijara.assistant.hs.attributes import extract
from tijara.assistant.hs.engine import _product_head, _token_weights, get_index
from tijara.assistant.hs.rules import get_rules
from tijara.assistant.hs.text import stem


def _weights(text: str, lang: str = "en"):
    reading = get_rules().read(text, extract(text), lang)
    vocab = get_index().vocab
    return _product_head(reading, lang, vocab), _token_weights(text, lang, reading, vocab)


def test_egg_holder_is_a_holder_not_eggs():
    (head, modifiers, descriptive), w = _weights("stacey egg holder ditsy each")
    assert head == "holder"
    assert "egg" in modifiers and "ditsy" in descriptive
    assert w[stem("holder", "en")] > 1.0 > w[stem("egg", "en")] > w[stem("ditsy", "en")]


def test_colour_and_size_words_do_not_pull_a_candidate():
    (head, _m, descriptive), w = _weights("charcoal king size duvet cover")
    assert head == "cover" and {"charcoal", "king"} <= descriptive
    assert w[stem("charcoal", "en")] < 0.5
    assert classify("charcoal king size duvet cover").candidates[0].hs4 == "6302"  # bed linen, not wood charcoal


def test_descriptive_words_alone_keep_their_weight():
    (head, _m, descriptive), w = _weights("charcoal")
    assert head is None and not descriptive
    assert w[stem("charcoal", "en")] == 1.0


def test_french_head_is_the_first_noun_and_wearer_words_are_never_the_head():
    (head, _m, _d), _w = _weights("housse de coussin rouge", "fr")
    assert head == "housse"
    (head, _m, _d), _w = _weights("boots mens washbag black")
    assert head not in ("mens", "black")


def test_a_type_word_that_only_qualifies_a_product_noun_does_not_fire_its_rule():
    # "belt sanders" are sanders (8467), not belts; "kilim rug" keeps the kilim, "leather pouf" the pouf
    belt = classify("belt sanders")
    assert belt.candidates[0].hs4 == "8467" and not belt.candidates[0].rule
    assert classify("kilim rug").candidates[0].hs4 == "5702"
    reading = get_rules().read("leather pouf", extract("leather pouf"), "en")
    get_rules().qualify(reading, {0: 1}, "en")
    assert reading.types[0] == "pouf"


def test_a_ruling_subject_and_parts_of_frame_the_product():
    (head, _m, _d), _w = _weights("The article is a child's backpack made of 100% polyester woven fabric")
    assert head == "backpack"
    (head, _m, _d), w = _weights("Parts of bicycles: brake levers of aluminium")
    assert head == "bicycles" and w[stem("bicycles", "en")] > 1.0  # no material after "parts of"
    (head, _m, _d), w = _weights("set of kitchen knives")
    assert head == "knives" and w[stem("knives", "en")] > 1.0
    (head, _m, _d), _w = _weights("the bag is made of leather")
    assert head == "bag"


def test_parts_are_the_goods_only_when_the_text_frames_them():
    from tijara.assistant.hs.engine import _parts_framed

    def framed(text):
        return _parts_framed(get_rules().read(text, extract(text), "en"), get_index().vocab)
    assert framed("Parts of seats: wooden armrests") and framed("brake parts") and framed("spare parts for bicycles")
    assert not framed("bicycle with spare parts")

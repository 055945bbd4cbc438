"""The craft vocabulary file is valid, and its lookups find concepts in every language."""

import gzip
import json
from importlib import resources

import pytest

from tijara.core.crafts import CRAFT_CODES
from tijara.language.vocabulary import KINDS, LANGUAGES, vocabulary


def _hs_headings() -> set[str]:
    path = resources.files("tijara.assistant").joinpath("data/hs/corpus.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return set(json.load(fh)["headings"])


def test_every_concept_is_complete_and_points_to_known_things():
    voc = vocabulary()
    assert len(voc) >= 200
    headings = _hs_headings()
    ids = [c.id for c in voc.concepts]
    assert len(ids) == len(set(ids))
    problems = []
    for c in voc.concepts:
        for lang in ("ar", "fr", "en"):
            if not c.words[lang]:
                problems.append(f"{c.id}: no {lang} word")
        if c.kind not in KINDS:
            problems.append(f"{c.id}: kind {c.kind}")
        problems += [f"{c.id}: family {f}" for f in c.families if f not in CRAFT_CODES]
        problems += [f"{c.id}: heading {h}" for h in c.hs4 if h not in headings]
        for attribute in c.attributes:
            group, _sep, key = attribute.partition(":")
            if key not in voc.attribute_groups.get(group, ()):
                problems.append(f"{c.id}: attribute {attribute}")
        if not c.source.strip():
            problems.append(f"{c.id}: no source")
        if c.kind == "product" and not (c.families or c.hs4):
            problems.append(f"{c.id}: a product with neither family nor heading")
    assert not problems, problems


def test_hs_priors_name_real_subheadings_of_their_headings():
    path = resources.files("tijara.assistant").joinpath("data/hs/corpus.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        subheadings = set(json.load(fh)["hs6"])
    voc = vocabulary()
    priors = [c for c in voc.concepts if c.hs_prior]
    assert len(priors) >= 38  # every entry of the classifier's former craft lexicon
    for c in priors:
        assert set(c.hs_prior["hs6"]) <= subheadings, c.id
        assert all(code[:4] in c.hs4 for code in c.hs_prior["hs6"]), c.id
        assert set(c.hs_prior["implies"]) <= set(voc.attribute_groups), c.id
        assert c.hs_prior["source"]


def test_languages_are_in_their_scripts():
    from tijara.language.normalise import is_arabic

    voc = vocabulary()
    wrong = [(c.id, lang, w) for c in voc.concepts for lang in LANGUAGES for w in c.words[lang]
             if is_arabic(w) != (lang in ("ar", "ary"))]
    assert not wrong, wrong


def test_family_maps_point_to_families():
    voc = vocabulary()
    assert set(voc.hs_families.values()) <= set(CRAFT_CODES)
    assert set(voc.chapter_families.values()) <= set(CRAFT_CODES)
    assert all(set(fams) <= set(CRAFT_CODES) for fams in voc.family_word_map().values())
    assert set(voc.family_words()) == set(CRAFT_CODES)  # every family is named by some product word


@pytest.mark.parametrize(("text", "concepts"), [
    ("Tapis berbère en laine noué main", {"berber_rug", "wool", "hand_knotted"}),
    ("Hand-knotted Beni Ourain wool rug", {"hand_knotted", "beni_ourain", "wool"}),
    ("زربية أمازيغية معقودة يدويا من الصوف", {"berber_rug", "wool"}),
    ("بالزرابي ديال الصوف", {"rug", "wool"}),
    ("zarbia dyal souf", {"rug", "wool"}),
    ("Babouches en cuir de chèvre", {"babouche", "goat_leather"}),
    ("lanterne en laiton ajourée", {"lantern", "brass", "pierced"}),
    ("طاجين من الطين", {"tagine", "clay"}),
    ("Boîte en thuya incrustée", {"thuya_box", "thuya", "inlaid"}),
    ("alfombra de lana", {"rug", "wool"}),
])
def test_find_concepts_in_any_language(text, concepts):
    found = {c.id for c in vocabulary().concepts_in(text)}
    assert concepts <= found, found


@pytest.mark.parametrize(("text", "concept"), [
    ("الأقلام", "pen"),  # article + broken plural of the listed singular
    ("بالطاولات", "table"),  # proclitic + article + sound feminine plural
    ("جوج صبابط ديال الجلد", "shoe"),  # Darija broken plural
    ("سراويل داخلية قطنية", "underwear_garment"),  # the longer name, not "trousers"
    ("حقيبتي الجلدية", "leather_bag"),  # a pronoun after the taa marbuta
    ("طاولتين من الخشب", "table"),  # a dual after the taa marbuta
    ("مصباحين نحاسيين", "lamp"),  # a dual
    ("فللسجادة", "rug"),  # conjunction + preposition + article
    ("حقيبتك", "leather_bag"),  # a second-person pronoun
    ("سكاكينه", "knife"),  # "his" after a broken plural
    ("سلتين", "basket"),  # a dual of a short word with the taa marbuta
    ("علبة خشبية", "wood"),  # a feminine nisba adjective states its noun
    ("حقيبة جلدية", "leather"),
    ("صينية فضية", "silver"),  # فضية → فضي (two-letter root)
    ("بالأساور النحاسية", "copper"),
])
def test_plurals_and_clitics_find_the_singular_concept(text, concept):
    assert concept in {c.id for c in vocabulary().concepts_in(text)}


@pytest.mark.parametrize(("text", "concept", "not_concept"), [
    ("كرتون", "paper", "ball"),  # cardboard, not a dual of كرة
    ("زيتون", "olive_wood", None),
    ("بيدي", "handmade", "handle"),  # Darija "by hand", not a nisba of يد
])
def test_a_known_word_keeps_its_sense_over_a_dual_reading(text, concept, not_concept):
    found = {c.id for c in vocabulary().concepts_in(text)}
    assert concept in found and not_concept not in found, found


def test_english_words_of_a_description_in_another_language():
    voc = vocabulary()
    assert {"pen", "pens"} <= set(voc.english("ستيلوات زرقين").split())
    assert {"bag", "shoe"} <= set(voc.english("صاك ديال الصبابط").split())
    assert "key" in voc.english("trousseau de clés").split()
    assert voc.english("ما كاين والو") == ""


def test_families_and_synonyms():
    voc = vocabulary()
    assert voc.families_in("زربية وطاجين") == {"rugs", "pottery"}
    assert voc.families_in("en laine") == set()  # a material alone names no family
    synonyms = voc.synonyms("tapis")
    assert {"rug", "زربية", "alfombra", "zarbia"} <= set(synonyms)
    assert voc.families_for_hs("570110") == ("rugs", True)
    assert voc.families_for_hs("570999") == ("rugs", False)
    assert voc.families_for_word("home-decor")
    assert "laine" in voc.attribute_words("material", "wool")


def test_gathered_word_lists_are_in_the_vocabulary():
    """The words the assistant used to scope questions by family all reach the same family here."""
    voc = vocabulary()
    for word, family in [("tapis", "rugs"), ("kilim", "rugs"), ("زرابي", "rugs"), ("tagine", "pottery"),
                         ("assiette", "pottery"), ("zellige", "zellige"), ("babouches", "footwear"),
                         ("lanterne", "lighting"), ("thuya", "wood"), ("panier", "basketry"), ("bijoux", "jewelry"),
                         ("caftan", "textiles"), ("théière", "metalware"), ("sac", "leather"), ("بلغة", "footwear")]:
        assert family in {f for c in voc.concepts_in(word) for f in c.families}, word


@pytest.mark.parametrize(("word", "expected"), [
    ("zarbia", {"tapis", "rug", "زربية"}), ("alfombra", {"tapis", "rug"}), ("belgha", {"babouche", "بلغة"}),
    ("lanterne", {"lantern", "فانوس"}), ("صوف", {"wool", "laine"}),
])
def test_search_expands_queries_through_the_vocabulary(word, expected):
    from tijara.marketplace import adapters

    assert expected <= set(adapters.craft_lexicon().expand(word))


@pytest.mark.parametrize(("text", "concept"), [("أوشحة صوفية", "shawl"), ("أطقم شاي", "tea_set")])
def test_a_broken_plural_outside_the_plural_list_finds_the_concept_of_its_singular(text, concept):
    assert concept in [m.concept.id for m in vocabulary().find(text)]

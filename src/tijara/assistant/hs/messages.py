"""Sentences the classifier says to users, in the language of the description (ar, fr, en).

The English text is the gettext msgid; the Arabic and French translations live in the assistant's
``locale/`` catalogue (no Arabic or French in Python literals). ``msg`` renders one in a given language.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext, gettext_noop

MESSAGES: dict[str, str] = {
    "not_confident": gettext_noop("Not confident: confirm this code with a customs broker or the customs' binding tariff "
                        "information service before you ship."),
    "unsupported": gettext_noop("This language is not supported (Arabic, Darija, French or English only); the candidates "
                      "below are a rough guess."),
    "no_words": gettext_noop("No product words were recognised in this text: describe the product (what it is, its "
                   "material, how it is made)."),
    "lexical_only": gettext_noop("Lexical matching only: the multilingual model (optional 'ai' extra) is not installed."),
    "truncated": gettext_noop("The text was very long: only its first 2,000 characters were read."),
    "q_generic": gettext_noop("Which fits your product better: %(a)s — or %(b)s?"),
    "q_sole": gettext_noop("What is the outer sole made of: leather, rubber/plastics, or textile/another material? (And is "
                 "the upper leather or textile?)"),
    "q_upper": gettext_noop("Is the upper (the part above the sole) leather, textile or another material?"),
    "q_construction": gettext_noop("How is it made: knotted (pile), flat-woven, tufted or knitted/crocheted?"),
    "q_material": gettext_noop("What is it mainly made of: %(options)s?"),
    "q_precious": gettext_noop("Is it solid silver or gold (precious metal), or imitation jewellery (base metal, plated)?"),
    "q_electric": gettext_noop("Is it electric (bulb, wiring) or for candles (non-electric)?"),
    "q_state": gettext_noop("Is it live, fresh or chilled, frozen, or dried/salted/smoked?"),
    "q_kind": gettext_noop("Is it the complete article, or parts of it (or waste/scrap)?"),
    "q_gender": gettext_noop("Is it for men/boys or for women/girls?"),
    "q_choice": gettext_noop("%(question)s %(choices)s?"),
    "desc_english": gettext_noop("(official text in English: our sources have no official Arabic text)"),
    "ev_matched": gettext_noop("matched: %(words)s"),
    "ev_like": gettext_noop("like «%(text)s» (example from %(source)s)"),
    "ev_rule": gettext_noop("decided by: %(facts)s (legal texts of the nomenclature)"),
    "ev_lexical_only": gettext_noop("lexical only: multilingual model not installed"),
    "ev_or": gettext_noop("or"),
    # between two answers of a question: the answers' own labels may hold commas ("knotted, with a pile")
    "choice_sep": gettext_noop("; "),
    "list_sep": gettext_noop(", "),  # between the words of a list (Arabic: ، )
}

# the question asked for each attribute the decision rules need, and the label of each answer
QUESTIONS: dict[str, str] = {
    "construction": gettext_noop("How is it made:"),
    "material": gettext_noop("What is it mainly made of:"),
    "electric": gettext_noop("Is it electric, or lit with a candle:"),
    "fitting": gettext_noop("Where does the light go:"),
    "stuffed": gettext_noop("Is it sold stuffed, or as an empty cover:"),
    "pearl": gettext_noop("What are the pearls:"),
    "gender": gettext_noop("Who is it for:"),
    "use": gettext_noop("What is it for:"),
    "precious": gettext_noop("Is it precious metal or imitation:"),
    "frame": gettext_noop("Does the mirror have a frame:"),
    "instrument": gettext_noop("What kind of instrument is it:"),
    "soapform": gettext_noop("In what form is the soap:"),
    "upholstered": gettext_noop("Is the seat upholstered:"),
    "sole": gettext_noop("What is the outer sole made of:"),
    "upper": gettext_noop("What is the upper (above the sole) made of:"),
    "terry": gettext_noop("Is it terry towelling:"),
    "making": gettext_noop("Is it made by hand or by machine:"),
    "weave": gettext_noop("How is it made:"),  # a rug: knotted pile, flat-woven, tufted or felt
    "print": gettext_noop("Is it printed:"),
    "led": gettext_noop("Is it made for LED light sources only:"),
}
VALUE_LABELS: dict[str, str] = {
    "construction:knotted": gettext_noop("knotted, with a pile"),
    "construction:woven": gettext_noop("woven (not knitted)"),
    "construction:tufted": gettext_noop("tufted"),
    "construction:knitted": gettext_noop("knitted or crocheted"),
    "construction:felt": gettext_noop("felt"),
    "electric:electric": gettext_noop("electric (bulb, wiring)"),
    "electric:nonelectric": gettext_noop("for a candle, not electric"),
    "fitting:ceiling": gettext_noop("ceiling or wall"),
    "fitting:table": gettext_noop("table, desk or floor"),
    "led:led": gettext_noop("for LED light sources only"),
    "stuffed:stuffed": gettext_noop("stuffed"),
    "stuffed:unstuffed": gettext_noop("empty cover"),
    "pearl:cultured": gettext_noop("cultured pearls"),
    "pearl:natural": gettext_noop("natural pearls"),
    "pearl:imitation": gettext_noop("imitation pearls"),
    "gender:men": gettext_noop("men or boys"),
    "gender:women": gettext_noop("women or girls"),
    "use:cosmetic": gettext_noop("skin care (cosmetic)"),  # 3304; hair preparations (3305) are "hair care"
    "use:food": gettext_noop("food"),
    "precious:precious": gettext_noop("solid silver or gold"),
    "precious:imitation": gettext_noop("imitation (base metal, plated)"),
    "frame:framed": gettext_noop("framed"),
    "frame:unframed": gettext_noop("unframed"),
    "instrument:percussion": gettext_noop("a drum (percussion)"),
    "instrument:string": gettext_noop("a string instrument"),
    "soapform:paste": gettext_noop("paste (black soap)"),
    "soapform:bar": gettext_noop("bar"),
    "upholstered:upholstered": gettext_noop("upholstered"),
    "upholstered:bare": gettext_noop("not upholstered"),
    "sole:leather": gettext_noop("leather"),
    "sole:rubber": gettext_noop("rubber or plastics"),
    "sole:other": gettext_noop("another material"),
    "upper:leather": gettext_noop("leather"),
    "upper:textile": gettext_noop("textile"),
    "terry:terry": gettext_noop("terry towelling"),
    "making:hand": gettext_noop("made by hand"),
    # a rug's weave (the rug rules read it: "woven" alone does not tell pile from flat)
    "weave:knotted": gettext_noop("knotted, with a pile"),
    "weave:flat": gettext_noop("flat-woven, like a kilim"),
    "weave:tufted": gettext_noop("tufted"),
    "weave:felt": gettext_noop("felt"),
    "making:machine": gettext_noop("made by machine"),
    "print:printed": gettext_noop("printed"),
    "use:hair": gettext_noop("hair care"),
}
MATERIAL_NAMES: dict[str, str] = {
    "wool": gettext_noop("wool"), "cotton": gettext_noop("cotton"), "silk": gettext_noop("silk"), "linen": gettext_noop("linen"),
    "synthetic": gettext_noop("synthetic fibres"),
    "artificial": gettext_noop("artificial fibres (viscose, rayon)"), "leather": gettext_noop("leather"), "fur": gettext_noop("fur"), "wood": gettext_noop("wood"),
    "bamboo": gettext_noop("bamboo"), "rattan": gettext_noop("rattan"), "plaiting": gettext_noop("plaiting materials (palm, doum, raffia, straw)"),
    "paper": gettext_noop("paper"), "glass": gettext_noop("glass"), "porcelain": gettext_noop("porcelain"),
    "ceramic": gettext_noop("ceramic (earthenware, terracotta)"), "stone": gettext_noop("stone or marble"), "iron": gettext_noop("iron or steel"),
    "copper": gettext_noop("copper or brass"), "aluminium": gettext_noop("aluminium"), "silver": gettext_noop("silver"), "gold": gettext_noop("gold"),
    "plastic": gettext_noop("plastics"), "rubber": gettext_noop("rubber"), "bone": gettext_noop("bone or horn"),
    "textile": gettext_noop("textile materials"),
}


def _lang(lang: str) -> str:
    return lang if lang in ("ar", "fr", "en") else "en"


def msg(key: str, lang: str, **kw: str) -> str:
    """One sentence in ``lang`` (English when the catalogue has no translation)."""
    with translation.override(_lang(lang)):
        text = gettext(MESSAGES[key])
    return text % kw if kw else text


def label(group: str, value: str, lang: str) -> str:
    """The answer label of an attribute value in ``lang``."""
    with translation.override(_lang(lang)):
        if group == "material":
            return gettext(MATERIAL_NAMES.get(value, value))
        src = VALUE_LABELS.get(f"{group}:{value}")
        return gettext(src) if src else value


def prompt(group: str, lang: str) -> str:
    """The question alone ('How is it made:'), for a page that shows the answers as buttons."""
    with translation.override(_lang(lang)):
        return gettext(QUESTIONS.get(group, gettext_noop("Which is it:")))


def question(group: str, values: list[str], lang: str) -> str:
    """'How is it made: knotted, with a pile — or flat-woven, like a kilim?' in ``lang``."""
    with translation.override(_lang(lang)):
        head = gettext(QUESTIONS.get(group, gettext_noop("Which is it:")))
        sep = " — " + gettext(MESSAGES["ev_or"]) + " "
        between = gettext(MESSAGES["choice_sep"])
    labels = [label(group, v, lang) for v in values]
    choices = between.join(labels[:-1]) + sep + labels[-1] if len(labels) > 1 else labels[0]
    return msg("q_choice", lang, question=head, choices=choices)

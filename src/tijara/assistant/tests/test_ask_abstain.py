"""Declining from retrieval evidence (market, product, topic, kind of quantity) and naming the authority that fits.
Every question here is project-written and not in the evaluation set."""

import re

import pytest

from tijara.assistant import services
from tijara.assistant.qa import context, engine, named, quantity
from tijara.knowledge import scope


@pytest.mark.parametrize(("question", "kind"), [
    ("How long does the customs office keep my file open?", "duration"),
    ("Quel taux de droit s'applique aux paniers ?", "rate"),
    ("What commission does the marketplace take?", "fee"),
    ("بكم كيتباع الكيلو ديال الصوف؟", "price"),
    ("Combien coûte une étiquette brodée ?", "price"),
    ("What is the maximum nickel release for earrings?", "limit"),
    ("How many artisans work in Fez?", "figure"),
    ("What fine do I risk if the label is missing?", "penalty"),
    ("Quel est le taux de change du dirham ?", "exchange_rate"),
    ("ما هو سعر صرف الدرهم؟", "exchange_rate"),
    # a currency's rate named, not asked for, reads alike in every language (as "the dirham's rate" in English)
    ("Le cours du dirham suit-il l'euro ?", None),
    ("هل يتبع سعر الدرهم اليورو؟", None),
    ("Does the dirham's rate follow the euro?", None),
    ("Is there a fee to register?", "fee"),
    ("Does the agreement spare me the processing fee?", None),  # whether it applies, not how much
    ("Ai-je besoin d'une facture pro forma ?", None),
    ("Which tariff code covers a brass tray?", None),
    ("بعد كم أسبوعا تصل البضاعة؟", "duration"),
    ("How much does the broker charge to file it?", "fee"),
    ("Since when must the label be in Spanish?", "date"),
    ("What changes when I ship to Spain?", None),  # "when" the conjunction asks for no date
])
def test_the_kind_of_quantity_a_question_asks_for(question, kind):
    assert quantity.asked(question) == kind


def test_dates_and_legal_numbers_are_not_quantities():
    assert not quantity.stated("Letter no. 2/16 of 15 Jul 2011 under Regulation 1935/2004 (21 CFR 109.16).", "figure")
    assert quantity.stated("The subscription costs 3,600 MAD a year.", "price")
    assert not quantity.stated("Basic 2%, Grow 1%", "price")  # a fee in percent is no price
    assert quantity.stated("Basic 2%, Grow 1%", "fee")
    assert quantity.stated("less than 3 mg/kg", "limit")
    # a value threshold is no price or fee of a service
    assert not quantity.stated("any exporter for consignments up to EUR 6,000", "fee")
    assert quantity.stated("The chamber charges 100 MAD per certificate.", "fee")
    assert quantity.stated("applies from 30 December 2025", "date")
    assert not quantity.stated("the importer must keep the records", "date")


def test_an_amount_asked_per_unit_needs_a_fact_stating_one_per_that_unit():
    assert quantity.per_unit("What does the packer charge per kg of wool?") == "kg"
    assert quantity.per_unit("Combien coûte l'hébergement par mois ?") == "month"
    assert quantity.per_unit("كم يكلف الإشهار لكل نقرة؟") == "click"
    assert quantity.per_unit("J'envoie par la poste, combien ?") is None  # "par" the means, no unit
    assert quantity.stated_per("The subscription costs 3,600 MAD a year.", "year")
    assert not quantity.stated_per("15% of an order placed within 30 days after the ad click", "click")


def test_a_web_address_names_its_country():
    assert scope.markets_in_addresses("sell on amazon.de or etsy.fr") == {"DEU", "FRA"}
    assert scope.markets_in_addresses("amazon.co.uk") == {"GBR"}
    assert scope.markets_in_addresses("amazon.com, e.g. 3.5 kg") == set()
    assert context.scope_of("Mon client allemand")[0] == {"DEU", "EU"}  # an adjective names the market too


def test_any_country_is_a_market_but_not_morocco_nor_a_common_word():
    assert context.scope_of("What duty does Japan charge?")[0] == {"JPN"}
    assert context.scope_of("التصدير إلى الإمارات العربية المتحدة")[0] == {"ARE"}
    assert context.scope_of("Exporter du Maroc vers la Suisse")[0] == {"CHE"}
    assert context.scope_of("fine china plates")[0] == set()  # porcelain, not a country


@pytest.mark.parametrize(("kwargs", "key"), [
    # a product family's own authority first
    ({"topic": None, "markets": ["BRA"], "named": ["BRA"], "families": ["cosmetics"]}, "anvisa"),
    ({"topic": None, "markets": ["USA"], "named": ["USA"], "families": ["cosmetics"]}, "fda"),
    # a topic the question names wins over the market's generic authority
    ({"topic": "postal", "markets": ["USA"], "named": ["USA"], "topic_asked": True}, "carrier"),
    ({"topic": "channels", "markets": ["DEU"], "named": ["DEU"], "topic_asked": True}, "platform"),
    ({"topic": "children", "markets": ["USA"], "named": ["USA"], "topic_asked": True}, "cpsc"),
    # the member state's authority over its group's
    ({"topic": "product_safety", "markets": ["FRA"], "named": ["FRA"]}, "dgccrf"),
    ({"topic": "product_safety", "markets": ["DEU"], "named": ["DEU"]}, "eu-importer"),
    # the Moroccan side only when nothing foreign is asked
    ({"topic": "tax", "markets": ["USA"], "named": [], "topic_asked": True}, "dgi"),
    ({"topic": "tax", "markets": ["USA"], "named": ["USA"], "topic_asked": True}, "cbp"),
    ({"topic": "duties", "markets": ["CAN"], "named": ["CAN"]}, "cbsa"),
])
def test_the_authority_that_fits_the_question(ask_engine, kwargs, key):
    assert ask_engine.authority(question="", **kwargs).key == key


@pytest.mark.parametrize(("question", "kwargs", "key"), [
    ("Combien la douane marocaine fait-elle payer ?", {"topic": "origin", "markets": ["EU"]}, "adii"),
    ("كم تأخذ الجمارك المغربية مقابل شحنتي؟", {"topic": "postal", "markets": []}, "adii"),
    ("Must I register with the FDA?", {"topic": "food_contact", "markets": ["USA"]}, "fda"),
    # an authority of another destination than the one the question names is not the one asked
    ("Does the FDA rule apply to my argan cream in Brazil?", {"topic": None, "markets": ["BRA"], "named": ["BRA"],
                                                              "families": ["cosmetics"]}, "anvisa"),
])
def test_a_question_naming_an_authority_asks_it(ask_engine, question, kwargs, key):
    assert ask_engine.authority(question=question, **kwargs).key == key


@pytest.mark.django_db
@pytest.mark.parametrize(("question", "key"), [
    ("Which papers does Brazil require to import leather babouches?", "brazil-customs"),
    ("Does my argan shampoo need a special label to be sold in Spain?", "eu-importer"),
    ("What does a sea container to Montreal cost?", "carrier"),
    ("Must my workshop register with the FDA before I sell glazed serving dishes in Texas?", "fda"),
    ("What does Moroccan customs charge for stamping the movement certificate EUR.1 of a pallet of rugs?", "adii"),
])
def test_outside_the_facts_the_answer_declines_without_a_figure(question, key):
    result = services.answer_question(question=question)
    assert result.citations == [] and not result.confident
    assert not re.search(r"(?<![A-Za-z])\d", result.answer)  # no figure (Access2Markets is a name)
    assert result.authority == key


@pytest.mark.django_db
def test_a_name_in_capitals_no_fact_holds_is_declined():
    result = services.answer_question(question="Do I need an EORI number before my first shipment of rugs to Lyon?")
    assert result.citations == [] and not result.confident
    assert not re.search(r"(?<![A-Za-z])\d", result.answer)


# ---- round 7 (issue 18): what the facts, general and dated, never hold; whom to ask by market and topic ----
@pytest.mark.django_db
@pytest.mark.parametrize(("question", "key"), [
    # the asker's own case: only the carrier, office or platform holding it can tell
    ("My parcel of babouches to Rome has had no tracking update since Monday. Where is it?", "carrier"),
    ("Mon colis pour Rome n'a plus de suivi depuis lundi : où est-il ?", "carrier"),
    ("My application for the professional artisan card was refused last month. Why?", "artisanat"),
    ("Is the Maison de l'Artisan office in Fez open on Fridays?", "artisanat"),
    # the exporter's side in Morocco: its tax administration, the Office des Changes and the bank, ANEF
    ("How much tax on its profits does a small pottery business pay in Morocco?", "dgi"),
    ("ما هي الضريبة على أرباح ورشة فخار صغيرة في المغرب؟", "dgi"),
    ("What fee does my bank take on an incoming transfer in dollars?", "office-des-changes"),
    ("What fine do I risk if I export ivory jewellery without a CITES permit?", "anef"),
    # a rule or price to come is no fact yet
    ("Will Etsy raise its listing fee next year?", "platform"),
])
def test_questions_the_facts_cannot_answer_are_declined_and_sent_to_whom_handles_them(question, key):
    result = services.answer_question(question=question)
    assert result.citations == [] and not result.confident
    assert not re.search(r"(?<![A-Za-z])\d", result.answer)
    assert result.authority == key


@pytest.mark.django_db
def test_a_question_worded_like_a_declined_one_is_still_answered():
    result = services.answer_question(question="What does Etsy charge to list an item?")
    assert [c.fact_id for c in result.citations] == ["PRC-FEE-01"]


@pytest.mark.django_db
@pytest.mark.parametrize(("question", "key"), [
    ("My buyer in Antwerp refuses to pay for the poufs. Can I take him to court?", "artisanat"),  # no authority's topic
    ("What import duty does Saudi Arabia charge on brass trays?", "adii"),  # no authority for that market
])
def test_when_no_authority_fits_the_answer_says_so_and_names_a_general_one(question, key):
    result = services.answer_question(question=question)
    assert result.citations == [] and result.authority == key
    assert "names no authority" in result.answer


def test_a_moroccan_authority_named_in_a_question_about_abroad_is_still_the_one_asked(ask_engine):
    assert ask_engine.authority(question="Does the DGI tax my sales to the USA?", topic=None, markets=["USA"],
                                named=["USA"]).key == "dgi"


def test_a_topic_the_question_names_goes_before_an_authority_of_the_product(ask_engine):
    # a parcel of cushions to the US: the carrier, not the textile-labelling authority
    assert ask_engine.authority(question="Where is my parcel of cushions?", topic="postal", markets=["USA"],
                                families=["textiles"], topic_asked=True).key == "carrier"
    assert ask_engine.authority(question="Which label for cushions?", topic="textiles", markets=["USA"],
                                families=["textiles"]).key == "ftc"


def test_a_topic_the_question_names_goes_before_a_product_family_of_the_market_named(ask_engine):
    # a bank transfer from a customer in Germany for cushions: the exchange's authority, not the EU's textile one
    assert ask_engine.authority(question="What will my bank keep on the transfer for the cushions?", topic="exchange",
                                markets=["DEU", "EU"], named=["DEU", "EU"], families=["textiles"],
                                topic_asked=True).key == "office-des-changes"


def test_a_price_someone_sent_is_the_exchange_s_not_the_carrier_s(ask_engine):
    # "sent" is a shipping word, but the question names the exchange and no carrier or parcel
    assert ask_engine.authority(question="Combien de dirhams pour les euros qu'il m'a envoyés ?", topic="exchange",
                                markets=[], topic_asked=True).key == "office-des-changes"
    assert ask_engine.authority(question="How much does a container of lamps cost to ship to Rotterdam?",
                                topic=None, markets=["NLD", "EU"], named=["NLD", "EU"]).key == "carrier"


@pytest.mark.django_db
@pytest.mark.parametrize(("question", "key"), [
    ("For how many years must I guarantee a brass lamp sold to a customer in France?", "dgccrf"),
    ("Must the pallets of my thuya boxes be heat treated before they leave for New York?", "aphis"),
    ("Is there a limit on how many Moroccan baskets may enter the EU each year (an import quota)?", "access2markets"),
    ("Peut-on écrire « laine bio » sur mes couvertures vendues en Californie ?", "ftc"),
    ("Est-ce que je peux me faire payer en cryptomonnaie par un client belge ?", "office-des-changes"),
])
def test_topics_no_fact_covers_are_declined_and_sent_to_their_authority(question, key):
    result = services.answer_question(question=question)
    assert result.citations == [] and not result.confident
    assert result.authority == key


def test_a_fact_about_one_channel_does_not_answer_a_question_naming_none():
    # PayPal's fees are no answer about a bank account; they are about a question naming PayPal or Etsy (another channel:
    # other_of_same_topic decides)
    assert named.about_unnamed(frozenset({"bank"}), frozenset({"paypal", "bank"}), "channels")
    assert not named.about_unnamed(frozenset({"etsy"}), frozenset({"paypal"}), "channels")
    assert not named.about_unnamed(frozenset(), frozenset({"paypal"}), "exchange")  # a rule naming a channel in passing


@pytest.mark.django_db
def test_a_topic_no_authority_of_the_market_covers_is_sent_to_its_general_one_saying_so():
    result = services.answer_question(question="Does Canada charge an anti-dumping duty on Moroccan ceramic tiles?")
    assert result.citations == [] and result.authority == "cbsa"
    assert result.answer == engine.message("no_authority", "en", who=result.answer.rpartition(": ")[2][:-1])
    listed = services.answer_question(question="Will Etsy raise its listing fee next year?")  # the topic's own authority
    assert listed.authority == "platform"
    assert listed.answer == engine.message("abstain", "en", who=listed.answer.rpartition("Ask ")[2][:-1])


# ---- issue 18: a city or a nationality adjective sends a declined question to its market's authority ----
@pytest.mark.django_db
@pytest.mark.parametrize(("question", "key"), [
    ("Does my argan soap need a special label for a shop in Lisbon?", "eu-importer"),
    ("Mon savon à l'argan a-t-il besoin d'une étiquette spéciale pour une boutique à Lisbonne ?", "eu-importer"),
    ("Quels papiers les douanes japonaises demandent-elles pour une palette de babouches ?", "japan-customs"),
])
def test_a_city_or_an_adjective_asks_its_markets_authority(question, key):
    result = services.answer_question(question=question)
    assert result.citations == [] and result.authority == key

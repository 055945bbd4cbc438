"""The language core: every app that reads human text goes through here (ARCHITECTURE.md "One language core").

- ``normalise``: ``fold`` (NFKC, case, Arabic letters, Latin accents), ``normalise_arabic`` (alef, yaa,
  taa marbuta, hamza, tatweel, diacritics, ڭ/ڤ, Arabic-Indic digits), ``words`` (tokens), ``clean_input``,
  ``arabic_ratio``, ``is_arabic``, ``strip_accents``.
- ``stemming``: Snowball per language, one stemmer per thread (``snowball``), Arabic light stem, the singulars of
  a broken plural's pattern (``pattern_singulars``), and ``ANALYSER_VERSION`` (raised when a stem may change;
  indexes that store stems rebuild on it).
- ``transliteration``: ``LoanwordReader``, loanwords in Arabic letters read as the Latin words they sound like
  (جاكيت → jacket), by consonant classes and written vowels.
- ``analysis``: ``stem(word, language)``, ``terms(text, language, stop=...)``, ``stopwords(profile, lang)``,
  ``question_terms`` / ``question_tokens`` for the assistant.
- ``darija``: ``expand`` (Darija → MSA / French search words), ``markers``, ``is_arabizi_token``.
- ``detect``: ``detect_text`` (product descriptions), ``detect_question`` (questions): the English/French model
  first (an unsure reading by its lean), ONE lingua detector per process for the unsupported-language screen of
  longer descriptions (``detector``, loaded lazily, only the languages needed), ``confidences``.
- ``enfr``: the product's own English/French model (naive Bayes of words and letter trigrams fitted on the shipped
  nomenclature, facts and interface translations; ``read``), precomputed into ``data/enfr_model.json.gz``
  (``python -m tijara.language.enfr`` rebuilds it).
- ``corpus_words``: English and French words of the product's own texts (nomenclature, HMRC terms, craft
  vocabulary): a description none of whose words they know is names only (read as English).
- ``encoder``: ONE sentence encoder per process (``model``, ``encode``, ``encode_one``, ``available``).
- ``vocabulary``: the one craft vocabulary (``vocabulary()``: ``find``, ``families_in``, ``synonyms``,
  ``family_words``, ``attribute_words``, ``families_for_hs``, ``families_for_word``, ``knows``), data in
  ``data/vocabulary.json``; stop words in ``data/stopwords.json``; Darija function words in ``data/darija.json``.

Pure Python, no ORM, no Django settings needed; safe under threads; everything heavy is built once, lazily.
"""

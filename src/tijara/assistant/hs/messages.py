"""Answer texts in the language of the description (ar, fr, en). The web page's own strings use gettext."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "not_confident": {
        "en": "Not confident: confirm this code with a customs broker or the customs' binding tariff information service before you ship.",
        "fr": "Résultat incertain : faites confirmer ce code par un transitaire ou un commissionnaire en douane, ou demandez un renseignement tarifaire contraignant, avant d'expédier.",
        "ar": "النتيجة غير مؤكدة: تحقّق من هذا الرمز لدى معشّر جمركي أو اطلب معلومة تعريفية ملزمة من الجمارك قبل الشحن.",
    },
    "unsupported": {
        "en": "This language is not supported (Arabic, Darija, French or English only); the candidates below are a rough guess.",
        "fr": "Cette langue n'est pas prise en charge (arabe, darija, français ou anglais seulement) ; les candidats ci-dessous sont indicatifs.",
        "ar": "هذه اللغة غير مدعومة (العربية أو الدارجة أو الفرنسية أو الإنجليزية فقط)؛ المقترحات أدناه تقريبية.",
    },
    "no_words": {
        "en": "No product words were recognised in this text: describe the product (what it is, its material, how it is made).",
        "fr": "Aucun mot de produit reconnu : décrivez le produit (ce que c'est, sa matière, sa fabrication).",
        "ar": "لم نتعرّف على أي كلمة تصف منتجاً: صِف المنتج (ما هو، مادته، طريقة صنعه).",
    },
    "lexical_only": {
        "en": "Lexical matching only: the multilingual model (optional 'ai' extra) is not installed.",
        "fr": "Correspondance lexicale seulement : le modèle multilingue (extra « ai ») n'est pas installé.",
        "ar": "مطابقة معجمية فقط: النموذج متعدد اللغات (الإضافة 'ai') غير مثبت.",
    },
    "truncated": {
        "en": "The text was very long: only its first 2,000 characters were read.",
        "fr": "Texte très long : seuls ses 2 000 premiers caractères ont été lus.",
        "ar": "النص طويل جداً: قُرئت أول 2000 حرف منه فقط.",
    },
    "q_generic": {
        "en": "Which fits your product better: {a} — or {b}?",
        "fr": "Lequel correspond le mieux à votre produit : {a} — ou {b} ?",
        "ar": "أيّهما يصف منتجك بشكل أفضل: {a} — أم {b}؟",
    },
    "q_sole": {
        "en": "What is the outer sole made of: leather, rubber/plastics, or textile/another material? (And is the upper leather or textile?)",
        "fr": "En quoi est la semelle extérieure : cuir, caoutchouc/plastique, ou textile/autre matière ? (Et le dessus est-il en cuir ou en textile ?)",
        "ar": "من أي مادة النعل الخارجي: جلد، أم مطاط/بلاستيك، أم نسيج/مادة أخرى؟ (وهل الجزء العلوي من الجلد أم من النسيج؟)",
    },
    "q_upper": {
        "en": "Is the upper (the part above the sole) leather, textile or another material?",
        "fr": "Le dessus (la tige) est-il en cuir, en textile ou en une autre matière ?",
        "ar": "هل الجزء العلوي (فوق النعل) من الجلد أم من النسيج أم من مادة أخرى؟",
    },
    "q_construction": {
        "en": "How is it made: knotted (pile), flat-woven, tufted or knitted/crocheted?",
        "fr": "Comment est-il fabriqué : noué (à velours), tissé à plat, touffeté ou tricoté/crocheté ?",
        "ar": "كيف صُنع: معقود (بوبر)، أم منسوج مسطّح، أم مُخمّل (تافتد)، أم محبوك/كروشيه؟",
    },
    "q_material": {
        "en": "What is it mainly made of: {options}?",
        "fr": "En quelle matière est-il principalement : {options} ?",
        "ar": "ما المادة الرئيسية المصنوع منها: {options}؟",
    },
    "q_precious": {
        "en": "Is it solid silver or gold (precious metal), or imitation jewellery (base metal, plated)?",
        "fr": "Est-ce de l'argent ou de l'or massif (métal précieux), ou de la bijouterie fantaisie (métal commun, plaqué) ?",
        "ar": "هل هو من الفضة أو الذهب الخالص (معدن نفيس)، أم حلي مقلّدة (معدن عادي مطلي)؟",
    },
    "q_electric": {
        "en": "Is it electric (bulb, wiring) or for candles (non-electric)?",
        "fr": "Est-il électrique (ampoule, câblage) ou à bougie (non électrique) ?",
        "ar": "هل هو كهربائي (مصباح، أسلاك) أم للشموع (غير كهربائي)؟",
    },
    "q_state": {
        "en": "Is it live, fresh or chilled, frozen, or dried/salted/smoked?",
        "fr": "Est-il vivant, frais ou réfrigéré, congelé, ou séché/salé/fumé ?",
        "ar": "هل هو حيّ، أم طازج أو مبرّد، أم مجمّد، أم مجفّف/مملّح/مدخّن؟",
    },
    "q_kind": {
        "en": "Is it the complete article, or parts of it (or waste/scrap)?",
        "fr": "S'agit-il de l'article complet, ou de pièces détachées (ou de déchets) ?",
        "ar": "هل هو المنتج كاملاً، أم قطع غيار منه (أو نفايات)؟",
    },
    "q_gender": {
        "en": "Is it for men/boys or for women/girls?",
        "fr": "Est-ce pour hommes/garçons ou pour femmes/filles ?",
        "ar": "هل هو للرجال/الأولاد أم للنساء/البنات؟",
    },
    "desc_english": {
        "en": "",
        "fr": "",
        "ar": "(النص الرسمي بالإنجليزية: لا توجد تسمية عربية في مصادرنا)",
    },
}

MATERIAL_NAMES = {
    "wool": {"fr": "laine", "ar": "صوف"}, "cotton": {"fr": "coton", "ar": "قطن"}, "silk": {"fr": "soie", "ar": "حرير"},
    "linen": {"fr": "lin", "ar": "كتان"}, "synthetic": {"fr": "fibres synthétiques", "ar": "ألياف اصطناعية"},
    "leather": {"fr": "cuir", "ar": "جلد"}, "fur": {"fr": "fourrure", "ar": "فرو"}, "wood": {"fr": "bois", "ar": "خشب"},
    "bamboo": {"fr": "bambou", "ar": "خيزران"}, "rattan": {"fr": "rotin", "ar": "روطان"},
    "plaiting": {"fr": "matières à tresser (palmier, doum, raphia)", "ar": "مواد الضفر (دوم، رافية)"},
    "paper": {"fr": "papier", "ar": "ورق"}, "glass": {"fr": "verre", "ar": "زجاج"},
    "porcelain": {"fr": "porcelaine", "ar": "بورسلين"}, "ceramic": {"fr": "céramique (faïence, grès, terre cuite)", "ar": "فخار/خزف"},
    "stone": {"fr": "pierre ou marbre", "ar": "حجر أو رخام"}, "iron": {"fr": "fer ou acier", "ar": "حديد أو فولاذ"},
    "copper": {"fr": "cuivre ou laiton", "ar": "نحاس"}, "aluminium": {"fr": "aluminium", "ar": "ألمنيوم"},
    "silver": {"fr": "argent", "ar": "فضة"}, "gold": {"fr": "or", "ar": "ذهب"}, "plastic": {"fr": "plastique", "ar": "بلاستيك"},
    "rubber": {"fr": "caoutchouc", "ar": "مطاط"},
}


def msg(key: str, lang: str, **kw: str) -> str:
    table = MESSAGES[key]
    text = table.get(lang) or table["en"]
    return text.format(**kw) if kw else text

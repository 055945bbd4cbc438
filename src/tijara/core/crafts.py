"""The craft-family taxonomy shared by accounts, catalog, knowledge and events (codes are stable).

The catalog app loads these into its CraftFamily table, where staff can add more.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# code, English, French, Arabic
CRAFT_FAMILIES: list[tuple[str, str, str, str]] = [
    ("rugs", "Rugs and carpets", "Tapis", "الزرابي"),
    ("zellige", "Zellige and tiles", "Zellige et carreaux", "الزليج والبلاط"),
    ("pottery", "Pottery and tableware", "Poterie et vaisselle", "الفخار وأواني المائدة"),
    ("ceramics", "Decorative ceramics", "Céramique décorative", "الخزف التزييني"),
    ("leather", "Leather goods", "Maroquinerie", "المصنوعات الجلدية"),
    ("footwear", "Footwear", "Chaussures", "الأحذية"),
    ("lighting", "Lanterns and lamps", "Lanternes et luminaires", "الفوانيس والمصابيح"),
    ("wood", "Wood (thuya, cedar)", "Bois (thuya, cèdre)", "الخشب (العرعار، الأرز)"),
    ("basketry", "Basketry", "Vannerie", "السلالة"),
    ("jewelry", "Jewelry", "Bijouterie", "المجوهرات"),
    ("textiles", "Textiles and clothing", "Textiles et vêtements", "المنسوجات والملابس"),
    ("metalware", "Metalware (brass, copper, wrought iron)", "Dinanderie et ferronnerie", "النحاسيات والحديد المطروق"),
    ("cosmetics", "Cosmetics (argan, ghassoul, soap)", "Cosmétiques (argan, ghassoul, savon)", "مستحضرات التجميل (أركان، غاسول، صابون)"),
]

CRAFT_CODES = [code for code, *_names in CRAFT_FAMILIES]


def craft_name(code: str, language: str) -> str:
    for c, en, fr, ar in CRAFT_FAMILIES:
        if c == code:
            return {"fr": fr, "ar": ar}.get(language, en)
    return code


def craft_choices() -> list[tuple[str, str]]:
    from django.utils.translation import get_language

    lang = (get_language() or "en")[:2]
    return [(code, craft_name(code, lang)) for code in CRAFT_CODES]


# The twelve regions of Morocco (2015 division): code, French/English name (official), Arabic name.
REGIONS: list[tuple[str, str, str]] = [
    ("tanger-tetouan-al-hoceima", "Tanger-Tétouan-Al Hoceïma", "طنجة تطوان الحسيمة"),
    ("oriental", "L'Oriental", "الشرق"),
    ("fes-meknes", "Fès-Meknès", "فاس مكناس"),
    ("rabat-sale-kenitra", "Rabat-Salé-Kénitra", "الرباط سلا القنيطرة"),
    ("beni-mellal-khenifra", "Béni Mellal-Khénifra", "بني ملال خنيفرة"),
    ("casablanca-settat", "Casablanca-Settat", "الدار البيضاء سطات"),
    ("marrakech-safi", "Marrakech-Safi", "مراكش آسفي"),
    ("draa-tafilalet", "Drâa-Tafilalet", "درعة تافيلالت"),
    ("souss-massa", "Souss-Massa", "سوس ماسة"),
    ("guelmim-oued-noun", "Guelmim-Oued Noun", "كلميم واد نون"),
    ("laayoune-sakia-el-hamra", "Laâyoune-Sakia El Hamra", "العيون الساقية الحمراء"),
    ("dakhla-oued-ed-dahab", "Dakhla-Oued Ed-Dahab", "الداخلة وادي الذهب"),
]
REGION_CODES = [code for code, *_names in REGIONS]


def region_name(code: str, language: str) -> str:
    for c, latin, ar in REGIONS:
        if c == code:
            return ar if language == "ar" else latin
    return code


def region_choices() -> list[tuple[str, str]]:
    from django.utils.translation import get_language

    lang = (get_language() or "en")[:2]
    return [("", _("—"))] + [(code, region_name(code, lang)) for code in REGION_CODES]

"""Demo catalog content: product types per craft family with texts written in Arabic, French and English.

Everything here is made up for the demo (names, prices, sizes). HS codes are given only where the heading is
plain from the HS 2022 nomenclature text (e.g. 5701.10 "carpets, knotted, of wool"); the others are left empty
so the classifier's suggestion shows on the product page.
"""

# Colours and motifs: (en, fr, ar)
COLOURS = {
    "cream": ("cream", "crème", "كريمي"), "indigo": ("indigo", "indigo", "نيلي"), "saffron": ("saffron", "safran",
                                                                                         "زعفراني"),
    "terracotta": ("terracotta", "terre cuite", "طيني"), "green": ("Fez green", "vert de Fès", "أخضر فاسي"),
    "blue": ("Fez blue", "bleu de Fès", "أزرق فاسي"), "black": ("black", "noir de jais", "أسود"),
    "red": ("madder red", "rouge garance", "أحمر فوي"), "natural": ("honey", "miel", "عسلي"),
    "tan": ("tan", "camel", "بني فاتح"), "white": ("white", "blanc de chaux", "أبيض"), "ochre": ("ochre", "ocre", "مغري"),
    "brass": ("brass", "laiton", "نحاسي أصفر"), "silver": ("silver", "argent", "فضي"),
    "olive": ("olive", "olive", "زيتوني"), "rose": ("old rose", "vieux rose", "وردي"),
}

# Each type: family, key (SKU stem), technique, materials, hs (or ""), price range MAD, weight kg range,
# production days, dims (L, W, H cm), sizes [(en, fr, ar, price factor)], colours, one_of_a_kind,
# food_contact / electrical (None = not applicable), care (fr), title/desc/tags per language.
TYPES = [
    dict(family="rugs", key="BO", technique="hand-knotted", materials="wool 100%", hs="570110",
         price=(3800, 12500), weight=(7, 16), days=(45, 90), dims=(240, 160, 2), unique=True,
         colours=["cream", "black", "ochre"], care="Aspirer sans brosse rotative ; nettoyage professionnel à l'eau froide.",
         title={"en": "Beni Ourain wool rug, {c} diamonds", "fr": "Tapis Beni Ouarain en laine, losanges {c}",
                "ar": "زربية بني وراين من الصوف بمعينات بلون {c}"},
         desc={"en": "Hand-knotted by women weavers of the Middle Atlas in thick undyed sheep's wool, with a loose "
                     "grid of {c} diamonds. A deep pile, soft underfoot; each rug is unique and may show small "
                     "irregularities that are the mark of handwork.",
               "fr": "Noué à la main par des tisserandes du Moyen Atlas dans une laine de mouton épaisse et non "
                     "teinte, parcouru de losanges {c}. Poils profonds et doux ; chaque tapis est unique et porte "
                     "les petites irrégularités du travail à la main.",
               "ar": "زربية معقودة يدويا على يد نساجات الأطلس المتوسط من صوف الغنم السميك غير المصبوغ، تزينها "
                     "معينات بلون {c}. وبرها كثيف وناعم، وكل قطعة فريدة تحمل آثار العمل اليدوي."},
         tags={"en": "Berber rug; wool rug; handmade", "fr": "tapis berbère; laine; fait main",
               "ar": "زربية أمازيغية; صوف; صناعة يدوية"}),
    dict(family="rugs", key="AZ", technique="hand-knotted", materials="wool 80%; cotton 20%", hs="570110",
         price=(2200, 7000), weight=(4, 10), days=(30, 60), dims=(200, 120, 1.5), unique=True,
         colours=["red", "saffron", "rose"], care="Secouer régulièrement ; détacher à l'eau froide sans frotter.",
         title={"en": "Azilal rug with {c} Amazigh symbols", "fr": "Tapis d'Azilal aux symboles amazighs {c}",
                "ar": "زربية أزيلال برموز أمازيغية بلون {c}"},
         desc={"en": "A playful Azilal rug knotted on a cotton warp, its cream field drawn with {c} Amazigh signs "
                     "that each weaver chooses freely. Lighter than a Beni Ourain, it suits a bedroom or a reading "
                     "corner.",
               "fr": "Un tapis d'Azilal noué sur chaîne de coton, au fond crème dessiné de signes amazighs {c} que "
                     "chaque tisserande choisit librement. Plus léger qu'un Beni Ouarain, il habille une chambre ou "
                     "un coin lecture.",
               "ar": "زربية أزيلال معقودة على سدى من القطن، أرضيتها كريمية ترسم عليها رموز أمازيغية بلون {c} "
                     "تختارها كل نساجة بحرية. أخف من زربية بني وراين وتناسب غرفة النوم أو ركن القراءة."},
         tags={"en": "Azilal; Amazigh; colourful rug", "fr": "Azilal; amazigh; tapis coloré",
               "ar": "أزيلال; أمازيغي; زربية ملونة"}),
    dict(family="rugs", key="KL", technique="hand-woven", materials="wool 100%", hs="570231",
         price=(900, 2600), weight=(2, 5), days=(15, 30), dims=(150, 90, 0.5), unique=False,
         colours=["indigo", "red", "natural"], care="Lavable à froid à la main ; sécher à plat à l'ombre.",
         title={"en": "Flat-woven kilim, {c} stripes", "fr": "Kilim tissé à plat, rayures {c}",
                "ar": "حنبل منسوج مسطح بخطوط بلون {c}"},
         desc={"en": "A reversible flat-woven kilim (hanbel) in local wool, banded with {c} stripes. Thin and "
                     "light, it travels well and works as a runner, a throw or a wall hanging.",
               "fr": "Un kilim (hanbel) réversible tissé à plat en laine locale, rythmé de rayures {c}. Fin et "
                     "léger, il voyage bien et sert de tapis de passage, de jeté ou de tenture.",
               "ar": "حنبل منسوج مسطح من الصوف المحلي يمكن استعماله من الوجهين، تزينه خطوط بلون {c}. خفيف ورقيق، "
                     "يصلح ممرا أو غطاء أو تعليقة جدارية."},
         tags={"en": "kilim; hanbel; flat weave", "fr": "kilim; hanbel; tissage plat", "ar": "حنبل; نسيج; صوف"}),
    dict(family="zellige", key="ZT", technique="hand-cut glazed terracotta", materials="terracotta; glaze",
         hs="690721", price=(650, 1400), weight=(25, 30), days=(20, 40), dims=(100, 100, 1.2),
         sizes=[("1 m² box", "boîte de 1 m²", "علبة 1 م²", 1.0)], colours=["green", "blue", "white", "black"],
         care="Poser au mortier-colle ; jointoyer au ciment blanc ; nettoyer au savon noir.",
         title={"en": "Zellige tiles 10×10 cm, {c}, per m²", "fr": "Zellige 10×10 cm, {c}, au m²",
                "ar": "زليج 10×10 سم، بلون {c}، للمتر المربع"},
         desc={"en": "Square zellige tiles cut by hand from Fez clay and dipped in a {c} glaze. The surface "
                     "ripples slightly and the shade varies from tile to tile, which gives a laid wall its depth. "
                     "For walls, splashbacks and dry floors.",
               "fr": "Carreaux de zellige taillés à la main dans l'argile de Fès et émaillés {c}. La surface "
                     "ondule légèrement et la teinte varie d'un carreau à l'autre, ce qui donne au mur posé sa "
                     "profondeur. Pour murs, crédences et sols secs.",
               "ar": "مربعات زليج مقطوعة يدويا من طين فاس ومطلية بلون {c}. سطحها متموج قليلا ويختلف لونها من "
                     "قطعة لأخرى، مما يمنح الجدار عمقه. للجدران وواجهات المطابخ والأرضيات الجافة."},
         tags={"en": "zellige; Moroccan tiles; Fez", "fr": "zellige; carreaux; Fès", "ar": "زليج; فاس; بلاط"}),
    dict(family="zellige", key="ZF", technique="zellige mosaic", materials="terracotta; glaze; iron frame",
         hs="", price=(4500, 9800), weight=(35, 60), days=(30, 60), dims=(90, 90, 45), unique=True,
         colours=["green", "blue", "white"], care="Protéger du gel ; essuyer au chiffon humide.",
         title={"en": "Zellige mosaic coffee table, {c} star pattern", "fr": "Table basse en zellige, étoile {c}",
                "ar": "طاولة قهوة من الزليج بنجمة بلون {c}"},
         desc={"en": "A round coffee table whose top is a mosaic of hand-cut zellige pieces set around a {c} "
                     "eight-pointed star, on a wrought-iron base. Each piece is chipped to shape with a hammer "
                     "(menqach) and laid face down, as masters in Fez have done for centuries.",
               "fr": "Une table basse ronde dont le plateau est une mosaïque de zellige taillé main autour d'une "
                     "étoile à huit branches {c}, sur piètement en fer forgé. Chaque tesselle est façonnée au "
                     "marteau (menqach) et posée à l'envers, comme le font les maîtres de Fès depuis des siècles.",
               "ar": "طاولة قهوة مستديرة سطحها فسيفساء من قطع الزليج المنقوشة يدويا حول نجمة ثمانية بلون {c}، على "
                     "قاعدة من الحديد المطروق. تنحت كل قطعة بالمنقاش وتوضع مقلوبة كما يفعل معلمو فاس منذ قرون."},
         tags={"en": "zellige table; mosaic; wrought iron", "fr": "table zellige; mosaïque; fer forgé",
               "ar": "طاولة زليج; فسيفساء; حديد"}),
    dict(family="pottery", key="TJ", technique="wheel-thrown, hand-painted", materials="terracotta; lead-free glaze",
         hs="691200", price=(180, 420), weight=(1.5, 3.5), days=(10, 20), dims=(30, 30, 25), food=True,
         sizes=[("small (2 persons)", "petit (2 personnes)", "صغير (شخصان)", 1.0),
                ("large (6 persons)", "grand (6 personnes)", "كبير (6 أشخاص)", 1.6)],
         colours=["terracotta", "blue", "green"],
         care="Culotter avant le premier usage ; feu doux avec diffuseur ; laver sans détergent fort.",
         title={"en": "Safi cooking tagine, {c} glaze", "fr": "Tajine de cuisson de Safi, émail {c}",
                "ar": "طاجين طهي من آسفي بطلاء بلون {c}"},
         desc={"en": "A cooking tagine thrown on the wheel in Safi clay and finished with a {c} glaze free of "
                     "lead. The conical lid returns the steam to the dish for slow, tender stews. Suitable for gas "
                     "and oven with a heat diffuser.",
               "fr": "Un tajine de cuisson tourné dans l'argile de Safi et fini d'un émail {c} sans plomb. Le "
                     "couvercle conique renvoie la vapeur vers le plat pour des mijotés lents et fondants. Pour "
                     "le gaz et le four avec un diffuseur.",
               "ar": "طاجين للطهي مشكل على الدولاب من طين آسفي ومطلي بلون {c} خال من الرصاص. غطاؤه المخروطي "
                     "يعيد البخار إلى الطبق لطهي بطيء وطري. يصلح للغاز والفرن مع موزع الحرارة."},
         tags={"en": "tagine; cookware; Safi", "fr": "tajine; cuisine; Safi", "ar": "طاجين; طبخ; آسفي"}),
    dict(family="pottery", key="PL", technique="hand-painted", materials="terracotta; lead-free glaze",
         hs="691200", price=(90, 260), weight=(0.6, 1.2), days=(7, 15), dims=(28, 28, 4), food=True,
         colours=["blue", "green", "saffron", "black"],
         care="Passe au lave-vaisselle à 50 °C ; ne pas mettre au micro-ondes.",
         title={"en": "Hand-painted plate, {c} Safi motifs", "fr": "Assiette peinte à la main, motifs de Safi {c}",
                "ar": "صحن مرسوم يدويا بزخارف آسفي بلون {c}"},
         desc={"en": "A dinner plate painted freehand with {c} floral and geometric motifs typical of the Safi "
                     "potters' hill. Glazed for daily use and tested food-safe.",
               "fr": "Une assiette plate peinte à main levée de motifs floraux et géométriques {c}, typiques de "
                     "la colline des potiers de Safi. Émaillée pour l'usage quotidien et apte au contact "
                     "alimentaire.",
               "ar": "صحن مرسوم باليد الحرة بزخارف نباتية وهندسية بلون {c} مميزة لتلة الفخارين في آسفي. مطلي "
                     "للاستعمال اليومي وصالح لملامسة الطعام."},
         tags={"en": "plate; tableware; hand-painted", "fr": "assiette; vaisselle; peint main",
               "ar": "صحن; أواني; رسم يدوي"}),
    dict(family="ceramics", key="VS", technique="wheel-thrown, incised", materials="stoneware; glaze",
         hs="691390", price=(350, 1200), weight=(1.5, 4), days=(15, 30), dims=(25, 25, 40), food=False,
         colours=["blue", "green", "black", "white"], care="Décoratif : ne convient pas à l'eau stagnante prolongée.",
         title={"en": "Decorative vase with incised {c} patterns", "fr": "Vase décoratif aux motifs incisés {c}",
                "ar": "مزهرية تزيينية بنقوش محفورة بلون {c}"},
         desc={"en": "A tall decorative vase whose {c} glaze is cut through with fine incised lines, the "
                     "technique of Fez ceramists. Made for display; not intended for food.",
               "fr": "Un grand vase décoratif dont l'émail {c} est traversé de fines lignes incisées, technique "
                     "des céramistes de Fès. Pièce de décoration ; non destinée aux aliments.",
               "ar": "مزهرية تزيينية طويلة يخترق طلاءها بلون {c} خطوط دقيقة محفورة، وهي تقنية خزافي فاس. قطعة "
                     "للزينة وليست مخصصة للطعام."},
         tags={"en": "vase; ceramic decor; Fez", "fr": "vase; céramique; Fès", "ar": "مزهرية; خزف; فاس"}),
    dict(family="ceramics", key="TL", technique="hand-painted", materials="earthenware; glaze", hs="691390",
         price=(220, 650), weight=(0.8, 2), days=(10, 20), dims=(35, 35, 3), food=False,
         colours=["blue", "saffron", "green"], care="Accrocher au mur ; essuyer au chiffon sec.",
         title={"en": "Wall plate with {c} Fez rosette", "fr": "Plat mural à rosace de Fès {c}",
                "ar": "صحن حائطي بوردة فاسية بلون {c}"},
         desc={"en": "A decorative wall plate painted with a {c} rosette inside concentric bands, in the "
                     "style of old Fez faience. Pierced at the back for hanging.",
               "fr": "Un plat décoratif peint d'une rosace {c} cerclée de bandes concentriques, dans le style "
                     "des anciennes faïences de Fès. Percé au dos pour l'accrocher.",
               "ar": "صحن تزييني مرسوم بوردة بلون {c} داخل حلقات متتالية على طراز الخزف الفاسي القديم. مثقوب من "
                     "الخلف للتعليق."},
         tags={"en": "wall plate; faience; decor", "fr": "plat mural; faïence; décoration",
               "ar": "صحن حائطي; خزف; زينة"}),
    dict(family="leather", key="BG", technique="hand-stitched", materials="goat leather; cotton lining", hs="420221",
         price=(650, 1900), weight=(0.5, 1.2), days=(5, 12), dims=(35, 12, 30), colours=["tan", "black", "red"],
         care="Nourrir au baume incolore ; éviter la pluie prolongée.",
         title={"en": "Goat-leather shoulder bag, {c}", "fr": "Sac besace en cuir de chèvre, {c}",
                "ar": "حقيبة كتف من جلد الماعز، بلون {c}"},
         desc={"en": "A shoulder bag cut from vegetable-tanned goat leather from the Marrakech tanneries and "
                     "stitched by hand in {c}. Cotton lining, an inside pocket and an adjustable strap.",
               "fr": "Un sac besace taillé dans un cuir de chèvre tanné végétal des tanneries de Marrakech et "
                     "cousu main, coloris {c}. Doublure coton, poche intérieure et bandoulière réglable.",
               "ar": "حقيبة كتف مفصلة من جلد الماعز المدبوغ نباتيا في دباغات مراكش ومخيطة باليد بلون {c}. "
                     "بطانة قطنية وجيب داخلي وحزام قابل للتعديل."},
         tags={"en": "leather bag; handbag; Marrakech", "fr": "sac cuir; besace; Marrakech",
               "ar": "حقيبة جلدية; مراكش; صناعة يدوية"}),
    dict(family="leather", key="PF", technique="hand-embroidered", materials="goat leather; cotton thread",
         hs="", price=(450, 1100), weight=(1, 2), days=(7, 15), dims=(50, 50, 30), colours=["tan", "white", "black"],
         care="Livré vide : rembourrer avec du tissu ou de la ouate. Essuyer au chiffon humide.",
         title={"en": "Embroidered leather pouf, {c}", "fr": "Pouf en cuir brodé, {c}", "ar": "بوف جلدي مطرز، بلون {c}"},
         desc={"en": "A round pouf in {c} goat leather, embroidered by hand with silk-like thread in a "
                     "traditional star pattern. Sent unstuffed to save on shipping; fill it with old linen or "
                     "wadding at home.",
               "fr": "Un pouf rond en cuir de chèvre {c}, brodé main d'un fil soyeux en motif d'étoile "
                     "traditionnel. Expédié vide pour alléger le transport ; à garnir de vieux linge ou de ouate.",
               "ar": "بوف مستدير من جلد الماعز بلون {c} مطرز يدويا بخيط لامع بنقش النجمة التقليدي. يرسل فارغا "
                     "لتخفيف الشحن ويحشى في البيت بالقماش أو القطن."},
         tags={"en": "pouf; leather; embroidered", "fr": "pouf; cuir; brodé", "ar": "بوف; جلد; تطريز"}),
    dict(family="footwear", key="BB", technique="hand-stitched", materials="sheep leather; leather sole",
         hs="640359", price=(180, 380), weight=(0.3, 0.5), days=(3, 7), dims=(30, 11, 8),
         sizes=[("EU 38", "38", "38", 1.0), ("EU 40", "40", "40", 1.0), ("EU 42", "42", "42", 1.0),
                ("EU 44", "44", "44", 1.05)], colours=["saffron", "white", "black", "red"],
         care="Éviter l'eau ; brosser doucement ; nourrir le cuir une fois par saison.",
         title={"en": "Pointed leather babouches, {c}", "fr": "Babouches pointues en cuir, {c}",
                "ar": "بلغة جلدية مدببة، بلون {c}"},
         desc={"en": "Classic Fez babouches with a pointed toe, sewn by hand from supple {c} sheep leather on a "
                     "stitched leather sole. Worn slipper-style with the heel folded down.",
               "fr": "Babouches classiques de Fès à bout pointu, cousues main dans un cuir de mouton souple {c} "
                     "sur semelle de cuir piquée. Se portent en mule, talon rabattu.",
               "ar": "بلغة فاسية تقليدية مدببة الرأس مخيطة يدويا من جلد الغنم الطري بلون {c} على نعل جلدي مخيط. "
                     "تلبس كالخف مع ثني الكعب."},
         tags={"en": "babouches; slippers; leather", "fr": "babouches; chaussons; cuir", "ar": "بلغة; جلد; فاس"}),
    dict(family="lighting", key="LT", technique="hand-chiselled and pierced brass", materials="brass; glass",
         hs="940549", price=(650, 2800), weight=(1, 4), days=(10, 25), dims=(25, 25, 55), electrical=True,
         colours=["brass", "silver", "black"],
         care="Ampoule E27 non fournie ; polir le laiton à sec. Faire vérifier le câblage aux normes du pays.",
         title={"en": "Pierced brass pendant lamp, {c} finish", "fr": "Suspension en laiton ajouré, finition {c}",
                "ar": "ثريا نحاسية مخرمة بلمسة بلون {c}"},
         desc={"en": "A pendant lamp hammered and pierced by hand in Marrakech; the openwork scatters star-shaped "
                     "light on walls and ceiling. {c} finish, E27 socket and cable fitted.",
               "fr": "Une suspension martelée et ajourée à la main à Marrakech ; le métal percé projette des "
                     "étoiles de lumière sur les murs et le plafond. Finition {c}, douille E27 et câble montés.",
               "ar": "ثريا مطروقة ومخرمة يدويا في مراكش، تنثر ثقوبها نجوما من الضوء على الجدران والسقف. "
                     "لمسة بلون {c}، مع مقبس E27 وسلك مركبين."},
         tags={"en": "Moroccan lamp; brass; pendant", "fr": "lampe marocaine; laiton; suspension",
               "ar": "ثريا; نحاس; مراكش"}),
    dict(family="lighting", key="LN", technique="hand-cut tin and coloured glass", materials="tin; glass",
         hs="940550", price=(220, 750), weight=(0.8, 2), days=(7, 14), dims=(18, 18, 40), electrical=False,
         colours=["blue", "red", "green", "white"], care="Pour bougie ; ne pas laisser brûler sans surveillance.",
         title={"en": "Candle lantern with {c} glass", "fr": "Lanterne à bougie aux verres {c}",
                "ar": "فانوس شمع بزجاج بلون {c}"},
         desc={"en": "A candle lantern assembled from hand-cut tin and panes of {c} glass, with a hinged door "
                     "and a ring to hang it. For terraces and gardens; no electrical parts.",
               "fr": "Une lanterne à bougie assemblée en fer-blanc découpé main et vitres {c}, avec porte à "
                     "charnière et anneau de suspension. Pour terrasses et jardins ; aucune partie électrique.",
               "ar": "فانوس للشموع مركب من صفيح مقطوع يدويا وألواح زجاج بلون {c}، له باب بمفصلة وحلقة للتعليق. "
                     "للشرفات والحدائق، دون أجزاء كهربائية."},
         tags={"en": "lantern; candle; garden", "fr": "lanterne; bougie; jardin", "ar": "فانوس; شمعة; حديقة"}),
    dict(family="metalware", key="TR", technique="hammered and engraved", materials="brass", hs="741810",
         price=(380, 1600), weight=(1, 3), days=(10, 20), dims=(50, 50, 3), colours=["brass", "silver"],
         sizes=[("Ø 40 cm", "Ø 40 cm", "قطر 40 سم", 1.0), ("Ø 60 cm", "Ø 60 cm", "قطر 60 سم", 1.7)],
         care="Polir au blanc de Meudon ; ne pas laisser d'acide (citron) sur le métal.",
         title={"en": "Engraved brass tea tray, {c} finish", "fr": "Plateau à thé en laiton ciselé, finition {c}",
                "ar": "صينية شاي نحاسية منقوشة بلمسة بلون {c}"},
         desc={"en": "A round tea tray hammered from a single brass sheet and engraved with arabesques by a "
                     "dinandier of the Marrakech medina. {c} finish; serve mint tea on it or hang it as a wall "
                     "piece.",
               "fr": "Un plateau rond martelé dans une seule feuille de laiton et ciselé d'arabesques par un "
                     "dinandier de la médina de Marrakech. Finition {c} ; pour servir le thé à la menthe ou à "
                     "accrocher au mur.",
               "ar": "صينية مستديرة مطروقة من صفيحة نحاس واحدة ومنقوشة بالتوريق على يد نحاس من مدينة مراكش "
                     "القديمة. لمسة بلون {c}، لتقديم الشاي بالنعناع أو للتعليق على الحائط."},
         tags={"en": "tea tray; brass; engraved", "fr": "plateau; laiton; ciselé", "ar": "صينية; نحاس; نقش"}),
    dict(family="wood", key="BX", technique="marquetry (thuya, lemonwood, ebony)", materials="thuya burl; lemonwood",
         hs="442090", price=(150, 900), weight=(0.3, 1.5), days=(7, 20), dims=(20, 12, 8), colours=["natural", "black"],
         care="Cirer à la cire d'abeille ; éviter l'humidité et le soleil direct.",
         title={"en": "Thuya wood jewellery box, {c} inlay", "fr": "Coffret à bijoux en thuya, marqueterie {c}",
                "ar": "علبة مجوهرات من خشب العرعار بترصيع بلون {c}"},
         desc={"en": "A jewellery box carved from thuya burl, the fragrant root wood of Essaouira, with a {c} "
                     "inlay of lemonwood and ebony. Lined inside; hinged lid.",
               "fr": "Un coffret sculpté dans la loupe de thuya, racine odorante d'Essaouira, orné d'une "
                     "marqueterie {c} de citronnier et d'ébène. Intérieur doublé, couvercle à charnière.",
               "ar": "علبة منحوتة من جذر العرعار العطري بالصويرة، مزينة بترصيع بلون {c} من خشب الليمون والأبنوس. "
                     "مبطنة من الداخل بغطاء ذي مفصلة."},
         tags={"en": "thuya; Essaouira; jewellery box", "fr": "thuya; Essaouira; coffret",
               "ar": "عرعار; الصويرة; علبة"}),
    dict(family="wood", key="SB", technique="hand-carved", materials="olive wood", hs="441990",
         price=(90, 350), weight=(0.3, 1.2), days=(5, 10), dims=(35, 20, 2), food=True, colours=["olive", "natural"],
         care="Laver à la main, sécher aussitôt ; huiler à l'huile alimentaire.",
         title={"en": "Olive-wood serving board, {c} grain", "fr": "Planche de service en olivier, veinage {c}",
                "ar": "لوح تقديم من خشب الزيتون بعروق بلون {c}"},
         desc={"en": "A serving board carved by hand from a single piece of olive wood with a {c} grain, oiled "
                     "with food-grade oil. For bread, cheese and mezze.",
               "fr": "Une planche de service sculptée main dans une pièce d'olivier au veinage {c}, huilée à "
                     "l'huile alimentaire. Pour le pain, le fromage et les mezzés.",
               "ar": "لوح تقديم منحوت يدويا من قطعة واحدة من خشب الزيتون بعروق بلون {c}، مدهون بزيت صالح للأكل. "
                     "للخبز والجبن والمقبلات."},
         tags={"en": "olive wood; serving board; kitchen", "fr": "olivier; planche; cuisine",
               "ar": "زيتون; لوح تقديم; مطبخ"}),
    dict(family="basketry", key="BK", technique="hand-plaited doum palm", materials="doum palm", hs="460219",
         price=(80, 420), weight=(0.3, 1.2), days=(3, 8), dims=(40, 20, 35), colours=["natural", "black", "rose"],
         care="Dépoussiérer à sec ; éviter l'eau.",
         title={"en": "Doum palm market basket, {c} leather handles", "fr": "Panier de marché en doum, anses {c}",
                "ar": "قفة سوق من الدوم بمقابض بلون {c}"},
         desc={"en": "A sturdy market basket plaited by hand from doum palm leaves in the Essaouira hinterland, "
                     "with {c} leather handles. Light, strong and fully plant-based apart from the handles.",
               "fr": "Un panier de marché robuste tressé main en feuilles de palmier doum dans l'arrière-pays "
                     "d'Essaouira, anses en cuir {c}. Léger, solide et entièrement végétal hormis les anses.",
               "ar": "قفة سوق متينة مضفورة يدويا من سعف الدوم في نواحي الصويرة، بمقابض جلدية بلون {c}. خفيفة وقوية "
                     "ونباتية بالكامل باستثناء المقابض."},
         tags={"en": "basket; doum palm; market bag", "fr": "panier; doum; couffin", "ar": "قفة; دوم; سلة"}),
    dict(family="jewelry", key="FB", technique="silver chasing and enamel", materials="silver 925; enamel",
         hs="711311", price=(450, 2400), weight=(0.02, 0.1), days=(5, 15), dims=(6, 6, 1),
         colours=["silver", "green", "saffron"], care="Ranger à l'abri de l'air ; ne pas mettre au contact de parfum.",
         title={"en": "Amazigh silver fibula with {c} enamel", "fr": "Fibule amazighe en argent, émail {c}",
                "ar": "خلالة أمازيغية من الفضة بمينا بلون {c}"},
         desc={"en": "A triangular fibula (tizerzai) in 925 silver, chased by hand and set with {c} enamel, "
                     "after the jewellery of the Anti-Atlas. Worn as a brooch or a pendant.",
               "fr": "Une fibule triangulaire (tizerzai) en argent 925, ciselée main et rehaussée d'émail {c}, "
                     "d'après les bijoux de l'Anti-Atlas. Se porte en broche ou en pendentif.",
               "ar": "خلالة مثلثة (تيزرزاي) من الفضة 925 منقوشة يدويا ومرصعة بمينا بلون {c}، على طراز حلي الأطلس "
                     "الصغير. تلبس كدبوس أو كقلادة."},
         tags={"en": "Berber jewellery; silver; fibula", "fr": "bijou berbère; argent; fibule",
               "ar": "حلي أمازيغية; فضة; خلالة"}),
    dict(family="textiles", key="HD", technique="hand-woven with sequins", materials="wool 70%; cotton 30%",
         hs="", price=(900, 2600), weight=(1.5, 3), days=(20, 40), dims=(180, 100, 0.5), unique=True,
         colours=["white", "cream"], care="Nettoyage à sec uniquement ; ne pas essorer.",
         title={"en": "Handira wedding blanket, {c}", "fr": "Handira, couverture de mariage {c}",
                "ar": "حنديرة، غطاء العرس بلون {c}"},
         desc={"en": "A handira, the wedding blanket woven for Amazigh brides of the Middle Atlas, in {c} wool "
                     "and cotton scattered with hand-sewn sequins that catch the light. Used as a throw, a "
                     "bedspread or a wall hanging.",
               "fr": "Une handira, couverture tissée pour les mariées amazighes du Moyen Atlas, en laine et coton "
                     "{c} parsemés de paillettes cousues main qui accrochent la lumière. En plaid, dessus-de-lit "
                     "ou tenture.",
               "ar": "حنديرة، الغطاء المنسوج لعرائس الأطلس المتوسط الأمازيغيات، من الصوف والقطن بلون {c} تتخلله "
                     "ترتر مخيط باليد يعكس الضوء. تستعمل غطاء أو مفرشا أو تعليقة جدارية."},
         tags={"en": "handira; wedding blanket; sequins", "fr": "handira; couverture; paillettes",
               "ar": "حنديرة; عرس; ترتر"}),
    dict(family="textiles", key="FT", technique="hand-loomed", materials="cotton 100%", hs="630260",
         price=(120, 280), weight=(0.3, 0.6), days=(3, 7), dims=(180, 100, 0.3), colours=["indigo", "rose", "olive",
                                                                                       "black"],
         care="Lavage en machine à 40 °C ; séchage à l'air.",
         title={"en": "Hand-loomed cotton fouta, {c} stripes", "fr": "Fouta en coton tissée main, rayures {c}",
                "ar": "فوطة قطنية منسوجة يدويا بخطوط بلون {c}"},
         desc={"en": "A fouta woven on a hand loom in pure cotton with {c} stripes and a knotted fringe. Thin and "
                     "quick-drying: a bath towel, a beach wrap or a tablecloth.",
               "fr": "Une fouta tissée sur métier à bras en pur coton, rayée {c} et frangée de nœuds. Fine et "
                     "vite sèche : serviette de bain, paréo ou nappe.",
               "ar": "فوطة منسوجة على المنسج اليدوي من القطن الخالص بخطوط بلون {c} وأهداب معقودة. رقيقة وسريعة "
                     "الجفاف: منشفة حمام أو لفافة شاطئ أو مفرش طاولة."},
         tags={"en": "fouta; hammam towel; cotton", "fr": "fouta; hammam; coton", "ar": "فوطة; حمام; قطن"}),
    dict(family="cosmetics", key="AO", technique="cold-pressed by hand", materials="argan oil 100%", hs="151590",
         price=(85, 320), weight=(0.15, 0.35), days=(2, 5), dims=(5, 5, 15),
         sizes=[("50 ml", "50 ml", "50 مل", 1.0), ("100 ml", "100 ml", "100 مل", 1.8)], colours=["natural"],
         care="Conserver à l'abri de la lumière ; utiliser dans les 12 mois après ouverture.",
         title={"en": "Cosmetic argan oil, cold-pressed", "fr": "Huile d'argan cosmétique pressée à froid",
                "ar": "زيت أركان تجميلي معصور على البارد"},
         desc={"en": "Pure argan oil cold-pressed from unroasted kernels cracked by hand by the women of the "
                     "cooperative, unscented. For skin, hair and nails.",
               "fr": "Huile d'argan pure pressée à froid à partir d'amandons non torréfiés concassés à la main "
                     "par les femmes de la coopérative, sans parfum. Pour la peau, les cheveux et les "
                     "ongles.",
               "ar": "زيت أركان خالص معصور على البارد من لوز غير محمص تكسره نساء التعاونية يدويا، دون "
                     "عطر. للبشرة والشعر والأظافر."},
         tags={"en": "argan oil; skincare; cooperative", "fr": "huile d'argan; soin; coopérative",
               "ar": "زيت أركان; عناية; تعاونية"}),
    dict(family="cosmetics", key="SP", technique="cold-process soap", materials="olive oil; argan oil; potash",
         hs="340119", price=(40, 120), weight=(0.2, 0.5), days=(30, 45), dims=(8, 8, 6), colours=["olive", "black"],
         care="Usage externe ; garder fermé au sec.",
         title={"en": "Beldi black soap with {c} olives", "fr": "Savon noir beldi aux olives {c}",
                "ar": "صابون بلدي أسود بالزيتون بلون {c}"},
         desc={"en": "Traditional beldi soap, a soft paste made from {c} olives and potash and cured for a month, "
                     "enriched with argan oil. Apply in the hammam before scrubbing with a kessa glove.",
               "fr": "Savon beldi traditionnel, pâte souple à base d'olives {c} et de potasse, affinée un mois "
                     "et enrichie d'huile d'argan. À appliquer au hammam avant le gommage au gant kessa.",
               "ar": "صابون بلدي تقليدي، عجينة طرية من الزيتون بلون {c} والبوتاس تنضج شهرا، مغنية بزيت أركان. "
                     "يوضع في الحمام قبل الحك بالكيس."},
         tags={"en": "black soap; hammam; beldi", "fr": "savon noir; hammam; beldi", "ar": "صابون بلدي; حمام; كيس"}),
]

CITY_OF = {"demo-tazarbit-azilal": "Azilal", "demo-zellige-fes": "Fès", "demo-safi-poterie": "Safi",
           "demo-marrakech-cuir": "Marrakech", "demo-essaouira-thuya": "Essaouira", "demo-argan-souss": "Taroudant"}

# One-of-a-kind pieces of one kind and colour get their number in the title, so search results never show the
# same title twice (format with n=).
PIECE_SUFFIX = {"en": " — piece no. {n}", "fr": " — pièce n° {n}", "ar": " — القطعة رقم {n}"}

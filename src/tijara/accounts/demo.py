"""Demo organisations and people. Every name is made up and marked as demo (is_demo, 'Demo' in the name)."""

from __future__ import annotations

from tijara.accounts import services
from tijara.accounts.models import Membership, Organisation, User

DEMO_PASSWORD = "demo-tijara-2026"  # noqa: S105 - published demo credential, demo data only

# slug, kind, public name, region, city, crafts, languages, story (en)
ORGANISATIONS = [
    ("demo-tazarbit-azilal", "cooperative", "Demo — Coopérative Tazarbit (Azilal)", "beni-mellal-khenifra", "Azilal",
     ["rugs", "textiles"], ["ar", "zgh", "fr"],
     "Demo cooperative of women weavers in the Azilal mountains: hand-knotted wool rugs and handira blankets."),
    ("demo-zellige-fes", "company", "Demo — Atelier Zellige Fès", "fes-meknes", "Fès",
     ["zellige", "ceramics"], ["ar", "fr", "en"],
     "Demo workshop of zellige masters in Fès: hand-cut glazed tiles, fountains and tables."),
    ("demo-safi-poterie", "cooperative", "Demo — Coopérative Poterie de Safi", "marrakech-safi", "Safi",
     ["pottery", "ceramics"], ["ar", "fr"],
     "Demo cooperative of potters in Safi: painted tableware, tagines and decorative bowls."),
    ("demo-marrakech-cuir", "artisan", "Demo — Maroquinerie Youssef (Marrakech)", "marrakech-safi", "Marrakech",
     ["leather", "footwear", "lighting", "metalware"], ["ar", "fr", "en"],
     "Demo leather and lantern workshop in the Marrakech medina: bags, babouches, poufs and brass lanterns."),
    ("demo-essaouira-thuya", "cooperative", "Demo — Coopérative Thuya Essaouira", "marrakech-safi", "Essaouira",
     ["wood", "basketry"], ["ar", "fr", "en"],
     "Demo cooperative of thuya wood inlayers and doum palm basket makers near Essaouira."),
    ("demo-argan-souss", "cooperative", "Demo — Coopérative Argan Souss", "souss-massa", "Taroudant",
     ["cosmetics", "jewelry"], ["ar", "zgh", "fr"],
     "Demo women's cooperative: argan oil, ghassoul, beldi soap and Amazigh silver jewelry."),
]

PEOPLE = [
    # email, name, language, organisation slug, role
    ("fatima@demo.tijara.ma", "Demo Fatima Ait Ali", "ar", "demo-tazarbit-azilal", "owner"),
    ("hassan@demo.tijara.ma", "Demo Hassan Benjelloun", "fr", "demo-zellige-fes", "owner"),
    ("amina@demo.tijara.ma", "Demo Amina Safi", "fr", "demo-safi-poterie", "owner"),
    ("youssef@demo.tijara.ma", "Demo Youssef Alaoui", "ar", "demo-marrakech-cuir", "owner"),
    ("khadija@demo.tijara.ma", "Demo Khadija Mogador", "fr", "demo-essaouira-thuya", "owner"),
    ("aicha@demo.tijara.ma", "Demo Aicha Taroudant", "ar", "demo-argan-souss", "owner"),
    ("member@demo.tijara.ma", "Demo Said (member)", "ar", "demo-tazarbit-azilal", "member"),
]


def _user(email: str, **kwargs) -> User:
    user = User.objects.filter(email=email).first()
    return user or services.user_create(email=email, password=DEMO_PASSWORD, verified=True, **kwargs)


def load(*, stdout) -> None:
    admin = _user("admin@demo.tijara.ma", full_name="Demo Admin", preferred_language="fr", staff_role="admin")
    if not admin.is_superuser:
        admin.is_superuser = True
        admin.save(update_fields=["is_superuser"])
    _user("advisor@demo.tijara.ma", full_name="Demo Advisor (Fès-Meknès)", preferred_language="fr",
          staff_role="advisor", advisor_region="fes-meknes")
    owners = {}
    for email, name, lang, slug, role in PEOPLE:
        user = _user(email, full_name=name, preferred_language=lang)
        if role == "owner":
            owners[slug] = user
    for slug, kind, name, region, city, crafts, languages, story in ORGANISATIONS:
        org = Organisation.objects.filter(slug=slug).first()
        if org is None:
            org = services.organisation_create(owner=owners[slug], kind=kind, public_name=name, slug=slug,
                                               region=region, city=city, crafts=crafts, languages=languages,
                                               story=story, is_demo=True)
    for email, _name, _lang, slug, role in PEOPLE:
        Membership.objects.get_or_create(user=User.objects.get(email=email), organisation=Organisation.objects.get(slug=slug),
                                         defaults={"role": role})
    buyer = _user("buyer@demo.tijara.ma", full_name="Demo Emily Carter", preferred_language="en")
    if not Organisation.objects.filter(slug="demo-atlas-home-imports").exists():
        services.organisation_create(owner=buyer, kind="buyer", public_name="Demo — Atlas Home Imports (USA)",
                                     slug="demo-atlas-home-imports", country="USA", is_demo=True,
                                     story="Demo buyer: an interior-design shop in Brooklyn importing rugs and zellige.")
    fes = Organisation.objects.get(slug="demo-zellige-fes")
    if not fes.is_verified:
        services.organisation_verify(actor=User.objects.get(email="advisor@demo.tijara.ma"), organisation=fes)
    stdout.write(f"accounts: {len(ORGANISATIONS) + 1} demo organisations; log in as any *@demo.tijara.ma "
                 f"with password {DEMO_PASSWORD}")

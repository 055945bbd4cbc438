"""What is stored from user input: logos drawn again by Pillow, names without bidi override characters."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tijara.accounts import services
from tijara.accounts.models import User

RLO, PDF, LRI = "\u202e", "\u202c", "\u2066"


def _jpeg_with_gps_and_payload() -> bytes:
    image = Image.new("RGB", (1600, 800), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (33.0, 35.0, 12.5)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue() + b"<?php system($_GET['c']); ?>"


def test_logo_is_reencoded_without_metadata_or_payload(client, owner_user, organisation):
    client.force_login(owner_user)
    upload = SimpleUploadedFile("logo.jpg", _jpeg_with_gps_and_payload(), content_type="image/jpeg")
    response = client.post(reverse("accounts:organisation_edit", args=[organisation.slug]),
                           {"public_name": "Coopérative A", "legal_name": "Coopérative A", "logo": upload})
    assert response.status_code == 302
    organisation.refresh_from_db()
    with organisation.logo.open("rb") as handle:
        stored = handle.read()
    assert b"<?php" not in stored and b"PhoneMaker" not in stored
    image = Image.open(io.BytesIO(stored))
    assert image.format == "JPEG" and max(image.size) == 1024 and not image.getexif()
    assert organisation.logo.name.startswith("logos/logo") and organisation.logo.name.endswith(".jpg")


def test_transparent_logo_stays_png(owner_user, organisation):
    out = io.BytesIO()
    Image.new("RGBA", (40, 40), (0, 0, 0, 0)).save(out, "PNG")
    updated = services.organisation_update(actor=owner_user, organisation=organisation,
                                           logo=SimpleUploadedFile("l.png", out.getvalue(), content_type="image/png"))
    with updated.logo.open("rb") as handle:
        assert Image.open(handle).mode == "RGBA"


def test_bidi_overrides_are_stripped_from_names(client, owner_user, organisation, db):
    services.organisation_update(actor=owner_user, organisation=organisation,
                                 public_name=f"Atelier {RLO}gpj.exe{PDF}", city=f"{LRI}Fès")
    organisation.refresh_from_db()
    assert (organisation.public_name, organisation.city) == ("Atelier gpj.exe", "Fès")
    user = services.user_create(email="bidi@example.test", password="a-very-good-pass-99",
                                full_name=f"Nadia {RLO}inA{PDF}")
    assert User.objects.get(pk=user.pk).full_name == "Nadia inA"


def test_bidi_overrides_are_stripped_from_product_titles(organisation, owner_user):
    from tijara.catalog import importer
    from tijara.catalog import services as catalog

    product = catalog.product_create(actor=owner_user, organisation=organisation, sku="BIDI-1", craft_family="rugs",
                                     texts={"fr": {"title": f"Tapis {RLO}neebreb{PDF}", "description": f"{RLO}x"}})
    text = product.texts.get()
    assert (text.title, text.description) == ("Tapis neebreb", "x")
    importer.import_products(organisation=organisation, data=f"sku,craft_family,title_en\nBIDI-2,rugs,A{RLO}B\n".encode(),
                             filename="p.csv", dry_run=False)
    assert product.__class__.objects.get(sku="BIDI-2").texts.get().title == "AB"


def test_migrations_strip_bidi_controls_already_stored(organisation, owner_user):
    from importlib import import_module

    from django.apps import apps

    from tijara.accounts.models import Organisation
    from tijara.catalog import services as catalog
    from tijara.catalog.models import ProductText

    Organisation.objects.filter(pk=organisation.pk).update(public_name=f"Atelier {RLO}xe.gpj")
    User.objects.filter(pk=owner_user.pk).update(full_name=f"{LRI}Nadia")
    product = catalog.product_create(actor=owner_user, organisation=organisation, sku="OLD-1", craft_family="rugs",
                                     texts={"fr": {"title": "Tapis"}})
    ProductText.objects.filter(product=product).update(title=f"Tapis {RLO}a", description=f"{PDF}b")
    import_module("tijara.accounts.migrations.0003_strip_bidi_controls").strip(apps, None)
    import_module("tijara.catalog.migrations.0006_strip_bidi_controls").strip(apps, None)
    organisation.refresh_from_db()
    owner_user.refresh_from_db()
    text = ProductText.objects.get(product=product)
    assert (organisation.public_name, owner_user.full_name, text.title, text.description) == (
        "Atelier xe.gpj", "Nadia", "Tapis a", "b")

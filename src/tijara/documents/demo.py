"""A demo shipment: two rugs of the Azilal weavers' cooperative to a buyer in Lyon (documents in Arabic and French)."""

from django.utils import timezone

from tijara.accounts.models import Organisation, User
from tijara.documents.models import Shipment

BUYER = {"name": "Demo — Maison Atlas SARL", "address": "12 rue des Tanneurs, 69001 Lyon", "country": "FRA",
         "language": "fr"}


def load(*, stdout) -> None:
    from tijara.catalog.selectors import products_for
    from tijara.documents import services

    organisation = Organisation.objects.filter(slug="demo-tazarbit-azilal").first()
    owner = User.objects.filter(email="fatima@demo.tijara.ma").first()
    if organisation is None or owner is None or Shipment.objects.filter(organisation=organisation).exists():
        return
    rugs = [p for p in products_for(organisation=organisation).filter(craft_family_id="rugs").exclude(hs_code="")
            if p.variants.all()][:2]
    if not rugs:
        return
    services.shipment_create(actor=owner, organisation=organisation, market="FRA", buyer=BUYER, incoterm="DAP",
                             place="Lyon", ship_date=timezone.localdate(), language="ar",
                             lines=[{"sku": p.sku, "quantity": 1} for p in rugs])
    stdout.write("documents: 1 demo shipment")

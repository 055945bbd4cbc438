"""Demo marketplace data: the search index of the demo catalog, and inquiries from the demo buyer (made up)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from tijara.accounts.models import Membership, Organisation, User
from tijara.catalog.selectors import public_products
from tijara.core.errors import TijaraError
from tijara.marketplace import services
from tijara.marketplace.models import Inquiry

# maker slug, destination, Incoterm, quantity, buyer's message, maker's answer, quote unit price factor
CONVERSATIONS = [
    ("demo-tazarbit-azilal", "USA", "FOB", 12,
     "Demo inquiry: we are looking for hand-knotted wool rugs for our Brooklyn showroom. Can you ship by spring?",
     "Demo answer: yes, our weavers can make 12 rugs in about eight weeks.", 1.0),
    ("demo-zellige-fes", "USA", "CIF", 40,
     "Demo inquiry: do you make zellige tiles in green and white for a restaurant project (about 40 m²)?",
     "", None),
]


def load(*, stdout) -> None:
    indexed = services.search_index_rebuild()
    buyer = User.objects.filter(email="buyer@demo.tijara.ma").first()
    made = 0
    for slug, country, incoterm, quantity, message, answer, factor in CONVERSATIONS:
        maker = Organisation.objects.filter(slug=slug).first()
        product = public_products().filter(organisation=maker).order_by("sku").first() if maker else None
        if buyer is None or product is None:
            continue
        if Inquiry.objects.filter(buyer=buyer, maker=maker).exists():
            continue
        inquiry = services.inquiry_create(
            buyer=buyer, lines=[{"product_id": product.pk, "quantity": max(quantity, product.moq)}],
            destination_country=country, incoterm=incoterm, currency="USD", message=message,
            deadline=timezone.localdate() + timedelta(days=120),
        )
        made += 1
        owner = Membership.objects.filter(organisation=maker, role=Membership.Role.OWNER).select_related("user").first()
        if answer and owner:
            services.inquiry_message_post(actor=owner.user, inquiry=inquiry, body=answer)
            prices = [v.price_mad for v in product.variants.all()]
            if prices and factor:
                line = inquiry.lines.get()
                try:
                    services.quote_create(
                        actor=owner.user, inquiry=inquiry, currency="USD", incoterm=incoterm,
                        valid_until=timezone.localdate() + timedelta(days=30),
                        lines=[{"inquiry_line_id": line.pk, "quantity": line.quantity,
                                "unit_price_mad": min(prices) * Decimal(str(factor))}],
                        note="Demo quote.",
                    )
                except TijaraError as exc:  # no USD rate loaded: the thread stays without a quote
                    stdout.write(f"marketplace: demo quote skipped ({exc.message})")
    stdout.write(f"marketplace: {indexed} public products indexed, {made} demo inquiries")

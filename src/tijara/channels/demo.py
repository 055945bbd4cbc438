"""Demo connections for the demo organisations (run by `tijara demo` after the catalog demo); idempotent."""

from __future__ import annotations

from tijara.accounts.models import Organisation
from tijara.channels import services
from tijara.channels.models import ChannelConnection

# (kind, country, language, currency, shipping, settings)
DEMO_CONNECTIONS = [
    ("google", "USA", "en", "USD", {"service": "Standard", "price": "45.00", "min_handling_days": 2,
                                    "max_handling_days": 5}, {}),
    ("google", "FRA", "fr", "EUR", {"service": "Standard", "price": "35.00", "min_handling_days": 2,
                                    "max_handling_days": 5}, {}),
    ("meta", "USA", "en", "USD", {"service": "Standard", "price": "45.00"}, {}),
    ("shopify", "USA", "en", "USD", {}, {}),
    ("woocommerce", "FRA", "fr", "EUR", {}, {}),
    ("amazon_handmade", "USA", "en", "USD", {"max_handling_days": 5}, {"production_method": "hand-made"}),
    # Etsy needs the shop's own profile and taxonomy IDs: left empty, the page shows what blocks publishing.
    ("etsy", "USA", "en", "USD", {}, {}),
]


def load(*, stdout) -> None:
    """Create the demo connections and check their listings."""
    created = 0
    for organisation in Organisation.objects.filter(is_demo=True).exclude(kind=Organisation.Kind.BUYER):
        if not organisation.products.exists():
            continue
        for kind, country, language, currency, shipping, settings in DEMO_CONNECTIONS:
            connection = ChannelConnection.objects.filter(organisation=organisation, kind=kind, country=country,
                                                          language=language, currency=currency).first()
            if connection is None:
                connection = services.connection_create(
                    actor=None, organisation=organisation, kind=kind, country=country, language=language,
                    currency=currency, shipping=shipping, settings=settings,
                    name="")  # shown as the channel and the country in the page language
                created += 1
            services.listings_refresh(connection=connection)
    stdout.write(f"channels: {created} demo connections created, listings checked")

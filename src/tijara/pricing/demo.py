"""Demo pricing rules for the demo organisations (made-up choices, clearly demo data)."""

from __future__ import annotations

from tijara.accounts.models import Organisation
from tijara.pricing import services

# organisation slug, channel, market ("" = every market), markup %, price ending, tax-inclusive
RULES = [
    ("demo-tazarbit-azilal", "etsy", "USA", "30", ".99", False),
    ("demo-tazarbit-azilal", "etsy", "", "25", ".99", False),
    ("demo-zellige-fes", "shopify", "FRA", "40", ".90", True),
    ("demo-safi-poterie", "amazon-handmade", "USA", "35", ".99", False),
    ("demo-marrakech-cuir", "etsy", "GBR", "30", ".00", True),
]


def load(*, stdout) -> None:
    """Create or update the demo organisations' pricing rules (skips organisations that do not exist)."""
    count = 0
    for slug, channel, market, markup, rounding, tax_inclusive in RULES:
        org = Organisation.objects.filter(slug=slug).first()
        if org is None:
            continue
        services.pricing_rule_set(organisation=org, channel=channel, market=market, markup_pct=markup,
                                  rounding=rounding, tax_inclusive=tax_inclusive)
        count += 1
    stdout.write(f"pricing: {count} demo pricing rules")

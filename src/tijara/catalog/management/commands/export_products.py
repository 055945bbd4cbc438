"""`tijara export-products ORG_SLUG --format csv|xlsx --out FILE`: the catalog in the import template."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tijara.accounts.models import Organisation, User
from tijara.accounts.selectors import organisation_for
from tijara.catalog.importer import export_products
from tijara.core.errors import TijaraError


class Command(BaseCommand):
    help = "Export an organisation's products (one row per variant) as CSV or XLSX, in the import template."

    def add_arguments(self, parser):
        parser.add_argument("org_slug")
        parser.add_argument("--format", dest="fmt", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--out", required=True, help="Output file.")
        parser.add_argument("--headers", default="key", choices=["key", "ar", "fr", "en"],
                            help="Header row: short column keys (default) or labels in a language.")
        parser.add_argument("--user", help="Act as this user (email): refused unless they may read the organisation.")

    def handle(self, *args, org_slug, fmt, out, headers, user, **options):
        if user:
            actor = User.objects.filter(email=user.lower()).first()
            if actor is None:
                raise CommandError(f"No such user: {user}")
            try:
                organisation = organisation_for(user=actor, slug=org_slug)
            except TijaraError as exc:
                raise CommandError(exc.message) from exc
        else:
            organisation = Organisation.objects.filter(slug=org_slug).first()
            if organisation is None:
                raise CommandError(f"No such organisation: {org_slug}")
        data = export_products(organisation=organisation, fmt=fmt, language=headers)
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.stdout.write(f"{organisation.products.count()} products written to {path}")

"""`tijara createuser EMAIL [--password-file F] [--org NAME --kind K] [--staff-role advisor|admin]`."""

import getpass
import sys

from django.core.management.base import BaseCommand, CommandError

from tijara.accounts import services
from tijara.core.errors import TijaraError


class Command(BaseCommand):
    help = "Create a user (and optionally an organisation they own). The password is read from a file or prompted."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--full-name", default="")
        parser.add_argument("--password-file", help="Read the password from this file ('-' for standard input).")
        parser.add_argument("--language", default="fr", choices=["ar", "fr", "en"])
        parser.add_argument("--staff-role", default="", choices=["", "advisor", "admin"])
        parser.add_argument("--region", default="", help="Advisor's region code.")
        parser.add_argument("--org", help="Also create an organisation with this public name, owned by the user.")
        parser.add_argument("--kind", default="artisan", choices=["artisan", "cooperative", "company", "buyer"])

    def handle(self, *args, email, full_name, password_file, language, staff_role, region, org, kind, **options):
        if password_file == "-":
            password = sys.stdin.readline().strip()
        elif password_file:
            with open(password_file, encoding="utf-8") as handle:
                password = handle.read().strip()
        else:
            password = getpass.getpass("Password: ")
        if len(password) < 10:
            raise CommandError("The password must have at least 10 characters.")
        try:
            user = services.user_create(email=email, password=password, full_name=full_name, preferred_language=language,
                                        staff_role=staff_role, advisor_region=region, verified=True)
            if staff_role == "admin":
                user.is_superuser = True
                user.save(update_fields=["is_superuser"])
            if org:
                organisation = services.organisation_create(owner=user, kind=kind, public_name=org)
                self.stdout.write(f"organisation {organisation.slug} created")
        except TijaraError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"user {user.email} created")

"""`tijara import-products ORG_SLUG FILE [--dry-run] [--json]`: import a product sheet (CSV/XLSX, or a ZIP with photos).

With --json it prints exactly {"created", "updated", "unchanged", "errors": [{"row", "column", "message"}]}.
Rows with errors are reported and change nothing; the exit status is 0 when the file was read (use --strict to
exit 1 when any row was rejected) and non-zero when the file or organisation cannot be used.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from tijara.accounts.models import Organisation, User
from tijara.accounts.selectors import organisation_for
from tijara.catalog.importer import import_products
from tijara.core.errors import TijaraError


class Command(BaseCommand):
    help = "Import products from a CSV/XLSX sheet (photos by URL or from a ZIP beside the sheet); --dry-run checks only."

    def add_arguments(self, parser):
        parser.add_argument("org_slug")
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and report; change nothing.")
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")
        parser.add_argument("--photos", help="ZIP of photos named in the Photos column (default: FILE's name .zip "
                                             "beside the sheet, if present).")
        parser.add_argument("--user", help="Act as this user (email): the import is refused unless they may write "
                                           "the organisation's catalog.")
        parser.add_argument("--language", default="en", choices=["ar", "fr", "en"], help="Language of the messages.")
        parser.add_argument("--strict", action="store_true", help="Exit with status 1 when any row is rejected.")

    def handle(self, *args, org_slug, file, dry_run, json: bool, photos, user, language, strict, **options):
        with translation.override(language):
            organisation = self._organisation(org_slug, user)
            path = Path(file)
            if not path.is_file():
                raise CommandError(f"No such file: {file}")
            zip_path = Path(photos) if photos else path.with_suffix(".zip")
            if photos and not zip_path.is_file():
                raise CommandError(f"No such file: {photos}")
            zip_data = zip_path.read_bytes() if zip_path.is_file() and zip_path != path else None
            actor = User.objects.get(email=user.lower()) if user else None
            try:
                report = import_products(organisation=organisation, data=path.read_bytes(), filename=path.name,
                                         dry_run=dry_run, zip_data=zip_data, actor=actor)
            except TijaraError as exc:
                raise CommandError(exc.message) from exc
        for column in report.ignored_columns:
            self.stderr.write(f"warning: column “{column}” is not in the template and was ignored")
        if json:
            self.stdout.write(_dumps(report.as_dict()))
        else:
            verb = "would be" if dry_run else "were"
            self.stdout.write(f"{report.created} {verb} created, {report.updated} updated, "
                              f"{report.unchanged} unchanged, {len({e['row'] for e in report.errors})} rows rejected")
            for error in report.errors:
                self.stdout.write(f"  row {error['row']}, {error['column']}: {error['message']}")
        if strict and report.errors:
            raise CommandError(f"{len(report.errors)} error(s)")

    def _organisation(self, slug: str, email: str | None) -> Organisation:
        if email:
            user = User.objects.filter(email=email.lower()).first()
            if user is None:
                raise CommandError(f"No such user: {email}")
            try:
                return organisation_for(user=user, slug=slug, write=True)
            except TijaraError as exc:
                raise CommandError(exc.message) from exc
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(f"No such organisation: {slug}")
        return organisation


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)

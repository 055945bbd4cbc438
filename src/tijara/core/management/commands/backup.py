from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tijara.core.backup import backup_create
from tijara.core.errors import TijaraError


class Command(BaseCommand):
    help = "Back up the database and local media into one .tar.gz (with row counts and checksums)."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="Archive to write, e.g. tijara-2026-11-29.tar.gz")
        parser.add_argument("--no-media", action="store_true", help="Leave media files out.")

    def handle(self, *args, out, no_media, **options):
        try:
            result = backup_create(out=Path(out), include_media=not no_media)
        except TijaraError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"backup {result.path}: {result.engine}, {result.tables} tables, {result.rows} rows, "
                          f"{result.media_files} media files")

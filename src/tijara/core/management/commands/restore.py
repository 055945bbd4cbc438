from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tijara.core.backup import backup_restore
from tijara.core.errors import TijaraError


class Command(BaseCommand):
    help = "Restore a backup into the configured database (refuses a non-empty one without --force), then verify it."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="Overwrite a database that already has tables.")

    def handle(self, *args, archive, force, **options):
        try:
            result = backup_restore(archive_path=Path(archive), force=force)
        except TijaraError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"restored and verified: {result['tables']} tables, {result['rows']} rows, "
                          f"{result['media_files']} media files")

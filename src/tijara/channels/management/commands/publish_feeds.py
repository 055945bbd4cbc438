"""`tijara publish-feeds`: regenerate every active connection's feeds (run it from cron, e.g. hourly)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tijara.channels.services import feeds_publish_all


class Command(BaseCommand):
    help = "Regenerate the stored feeds of every active connection; failed runs keep the last good feed online."

    def handle(self, *args, **options):
        runs = feeds_publish_all()
        for run in runs:
            self.stdout.write(f"{run.connection_id}\t{run.format}\t{run.status}\t{run.items_written} items"
                              + (f"\t{run.error}" if run.error else ""))
        failed = sum(1 for r in runs if r.status == "failed")
        self.stdout.write(f"{len(runs)} feeds, {failed} failed")

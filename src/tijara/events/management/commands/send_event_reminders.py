"""`tijara send_event_reminders`: queue the e-mail reminders of fair deadlines (run it once a day from cron).

Reminders go to users following an event, `TIJARA_EVENT_REMINDER_DAYS` days before its registration deadline
(or its start when no deadline is published), only from confirmed (verified or secondary) dates, once per deadline.
With `--now` the reminders are sent in this process instead of by the task worker.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from tijara.events.services import reminders_send
from tijara.events.tasks import event_reminders_task


class Command(BaseCommand):
    help = "Queue (or with --now, send) the e-mail reminders of fair registration deadlines. Run daily."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Send in this process instead of queueing a task.")

    def handle(self, *args, now: bool, **options):
        if now:
            self.stdout.write(f"{reminders_send()} reminders sent")
            return
        result = event_reminders_task.enqueue()
        self.stdout.write(f"reminder task queued: {result.id} ({result.status})")

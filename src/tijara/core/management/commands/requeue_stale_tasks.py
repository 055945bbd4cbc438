"""`tijara requeue_stale_tasks`: put back in the queue the tasks whose worker died while running them.

The database task backend marks a task RUNNING when a worker takes it; if the worker is killed, nothing finishes
it. Tijara's tasks are idempotent, so a task RUNNING for longer than --older-than seconds is made READY again and
the next worker runs it. Run it from a timer (and before starting workers). Dry run unless --for-real.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import F
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class Command(BaseCommand):
    help = "Requeue background tasks left RUNNING by a dead worker (dry run unless --for-real)."

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, default=900, help="Seconds a task may run before it counts as stale.")
        parser.add_argument("--for-real", action="store_true", help="Requeue them (otherwise only list them).")

    def handle(self, *args, older_than, for_real, **options):
        cutoff = timezone.now() - timedelta(seconds=older_than)
        stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff)
        rows = list(stale.values_list("id", "task_path", "started_at"))
        for task_id, path, started in rows:
            self.stdout.write(f"{'requeue' if for_real else 'would requeue'} {task_id} {path} (started {started:%Y-%m-%d %H:%M:%S})")
        if for_real and rows:
            stale.update(status=TaskResultStatus.READY, started_at=None, run_after=F("enqueued_at"))
        self.stdout.write(f"{len(rows)} stale task(s){'' if for_real else ' (dry run: add --for-real)'}")

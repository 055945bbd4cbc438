"""`tijara serve`: the web server and a background task worker beside it, in one command.

`tijara serve --workers N` runs gunicorn with the shipped settings (tijara.core.gunicorn_conf: recycling,
timeouts, models loaded before forking, multi-process metrics); without --workers it runs Django's development
server. Either way a task worker (`db_worker`, or `rqworker` with the Redis backend) runs beside it and is
restarted if it dies, so feeds, e-mails and publishing finish without a second terminal; tasks a dead worker
left running for more than 15 minutes are queued again at start. Ctrl-C or SIGTERM stops
both. On several machines run the servers with --task-workers 0 and the workers on their own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from tijara.core.warmup import WARM_AT_START


def task_worker_command() -> list[str] | None:
    """The command of one task worker for the configured backend (None when tasks run inline)."""
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.startswith("django_tasks_rq"):
        return ["rqworker", "default", "--job-class", "django_tasks_rq.backend.Job"]
    if backend.startswith("django_tasks_db"):
        return ["db_worker", "--no-reload", "--interval", "1"]
    return None


class Command(BaseCommand):
    help = "Serve the platform with a task worker beside it (development server, or gunicorn with --workers N)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=0,
                            help="Run gunicorn with this many worker processes (default: the development server).")
        parser.add_argument("--task-workers", type=int, default=1,
                            help="Background task workers to run beside the server (0: none; default 1).")

    def handle(self, *args, addrport, workers, task_workers, **options):
        if workers < 0 or task_workers < 0:
            raise CommandError("--workers and --task-workers cannot be negative.")
        python = [sys.executable, "-m"]
        env = dict(os.environ)
        if workers:
            env.update(GUNICORN_BIND=addrport, GUNICORN_WORKERS=str(workers))
            web = [*python, "gunicorn", "-c", "python:tijara.core.gunicorn_conf", "tijara.wsgi:application"]
        else:
            web = [*python, "tijara", "runserver", addrport]
        # the development server and the task workers load the models as they start (gunicorn: in its master)
        warm_env = {**env, WARM_AT_START: "1"}
        worker = task_worker_command() if task_workers else None
        children: dict[str, subprocess.Popen] = {"web": subprocess.Popen(web, env=env if workers else warm_env)}

        def start_worker(n: int) -> None:
            children[f"tasks-{n}"] = subprocess.Popen([*python, "tijara", *worker], env=warm_env)

        if worker and worker[0] == "db_worker":
            try:  # tasks left RUNNING by a worker that died with the previous run go back to the queue
                call_command("requeue_stale_tasks", "--for-real", stdout=self.stdout)
            except Exception as exc:  # noqa: BLE001 - the database may not be migrated yet; the worker says so
                self.stderr.write(f"could not requeue stale tasks: {exc}")
        if worker:
            for n in range(task_workers):
                start_worker(n)
            self.stdout.write(f"task worker(s): {task_workers} × tijara {' '.join(worker)}")

        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        restarts: list[float] = []
        code = 0
        try:
            while not stopping:
                time.sleep(0.5)
                web_code = children["web"].poll()
                if web_code is not None:
                    code = web_code
                    break
                for name, child in list(children.items()):
                    if name.startswith("tasks-") and child.poll() is not None and not stopping:
                        restarts = [t for t in restarts if time.monotonic() - t < 60] + [time.monotonic()]
                        if len(restarts) > 5:
                            self.stderr.write("the task worker keeps dying; stopping")
                            code = 1
                            stopping = True
                            break
                        self.stderr.write(f"task worker exited with {child.returncode}; restarting it")
                        start_worker(int(name.split("-")[1]))
        finally:
            for child in children.values():
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 35
            for child in children.values():
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
        if code:
            raise CommandError(f"the web server exited with status {code}")

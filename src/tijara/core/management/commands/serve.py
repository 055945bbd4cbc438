"""`tijara serve`: the development server on 127.0.0.1:8000, or gunicorn with --workers."""

import os
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve the platform (development server by default; gunicorn with --workers N)."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=0, help="Run gunicorn with this many workers.")

    def handle(self, *args, addrport, workers, **options):
        if workers:
            os.execvp(sys.executable, [sys.executable, "-m", "gunicorn", "tijara.wsgi", "-b", addrport, "-w", str(workers)])
        call_command("runserver", addrport)

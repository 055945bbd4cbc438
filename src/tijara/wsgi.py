"""WSGI entry point for gunicorn: `gunicorn tijara.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tijara.settings")
application = get_wsgi_application()

"""gunicorn settings for production: `gunicorn -c deploy/gunicorn.conf.py tijara.wsgi`.

The settings ship inside the package (`tijara.core.gunicorn_conf`, also used by `tijara serve --workers N`):
workers and bind from GUNICORN_WORKERS and GUNICORN_BIND, recycling after GUNICORN_MAX_REQUESTS, models loaded in
the master before forking (GUNICORN_PRELOAD), Prometheus samples of every worker aggregated through
PROMETHEUS_MULTIPROC_DIR. Override a value here after the import if a machine needs it.
"""

from tijara.core.gunicorn_conf import *  # noqa: F403
from tijara.core.gunicorn_conf import child_exit, post_fork, when_ready, worker_exit  # noqa: F401 - gunicorn hooks

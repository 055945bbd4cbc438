"""Test-only overrides: fast hasher, in-memory email, tasks run inline."""

from tijara.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
TIJARA_DEBUG = False
# Page views are written as they happen, not batched per process: a live-server test's views would otherwise wait
# for the exit flush, after the test database is gone.
TIJARA_VIEW_FLUSH_SECONDS = 0
DEBUG = False

import tempfile  # noqa: E402

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="tijara-test-media-"))  # noqa: F405

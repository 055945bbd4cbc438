"""Tijara settings: the only settings module, read from the environment.

Every variable is documented in docs/configuration.md (a test checks it).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent


def envbool(name: str, default: bool) -> bool:
    """Read a strict boolean: only 'true' or 'false' (any case) are accepted."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() == "true":
        return True
    if value.lower() == "false":
        return False
    raise ValueError(f"{name} must be 'true' or 'false', not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, not {value!r}") from exc


def envsecret(name: str, default: str = "") -> str:
    """Read a secret from NAME, or from the file named by NAME_FILE."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def _default_data_dir() -> Path:
    checkout = PACKAGE_DIR.parent.parent
    if (checkout / "pyproject.toml").exists():
        return checkout / "var"
    return Path.home() / ".local" / "share" / "tijara"


# Off unless asked for (`make dev` sets TIJARA_DEBUG=true): `make run` behaves like the product.
DEBUG = envbool("TIJARA_DEBUG", False)
PRODUCTION = envbool("TIJARA_PRODUCTION", False)

DATA_DIR = Path(os.environ.get("TIJARA_DATA_DIR") or _default_data_dir())
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    key = envsecret("SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise RuntimeError("SECRET_KEY (or SECRET_KEY_FILE) is required when TIJARA_PRODUCTION=true")
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
SITE_URL = os.environ.get("TIJARA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "tijara.core",
    "tijara.accounts",
    "tijara.markets",
    "tijara.knowledge",
    "tijara.assistant",
    "tijara.pricing",
    "tijara.catalog",
    "tijara.channels",
    "tijara.marketplace",
    "tijara.plans",
    "tijara.events",
    "tijara.training",
    "tijara.documents",
]

MIDDLEWARE = [
    "tijara.core.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tijara.core.middleware.QueryLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "tijara.core.middleware.TextHygieneMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tijara.core.middleware.ApiSessionCsrfMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tijara.core.middleware.ContentSecurityPolicyMiddleware",
    "tijara.core.middleware.ResilienceMiddleware",
]

ROOT_URLCONF = "tijara.urls"
WSGI_APPLICATION = "tijara.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tijara.core.context_processors.platform",
            ],
            # num, money, pct, compact, unit, date_l10n, country_name, ltr, bdi … in every template
            "builtins": ["tijara.core.templatetags.tijara_l10n"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'tijara.sqlite3'}",
        conn_max_age=envint("TIJARA_DB_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    statement_timeout = envint("TIJARA_DB_STATEMENT_TIMEOUT_MS", 30000)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"]["options"] = f"-c statement_timeout={statement_timeout}"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["tijara.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_MAX_FAILURES = envint("TIJARA_LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_MINUTES = envint("TIJARA_LOGIN_LOCKOUT_MINUTES", 15)
# Proxies (addresses or CIDR networks) whose X-Forwarded-For is believed for rate limits and login throttling.
TIJARA_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("TIJARA_TRUSTED_PROXIES", "").split(",") if p.strip()]
for _proxy in TIJARA_TRUSTED_PROXIES:
    try:
        import ipaddress

        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _exc:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(f"TIJARA_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network.") from _exc

LANGUAGE_CODE = "fr"
LANGUAGES = [("ar", _("Arabic")), ("fr", _("French")), ("en", _("English"))]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "tijara_language"
TIME_ZONE = "Africa/Casablanca"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("TIJARA_MEDIA_ROOT") or DATA_DIR / "media")
# whitenoise serves static files with DEBUG off too; outside production straight from the apps (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "tijara.core.storage.AtomicFileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if envbool("TIJARA_S3_ENABLED", False):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("TIJARA_S3_BUCKET", "tijara-media"),
            "endpoint_url": os.environ.get("TIJARA_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("TIJARA_S3_REGION") or None,
            "access_key": envsecret("TIJARA_S3_ACCESS_KEY"),
            "secret_key": envsecret("TIJARA_S3_SECRET_KEY"),
            "querystring_auth": envbool("TIJARA_S3_QUERYSTRING_AUTH", True),
            "file_overwrite": False,
        },
    }

# Uploads: refuse large bodies before they reach a view.
TIJARA_MAX_UPLOAD_MB = envint("TIJARA_MAX_UPLOAD_MB", 20)
# Catalog import: fetch photo URLs on private/loopback addresses too (off: only public hosts are fetched).
TIJARA_IMPORT_ALLOW_PRIVATE_URLS = envbool("TIJARA_IMPORT_ALLOW_PRIVATE_URLS", False)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 50

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Tijara <no-reply@tijara.local>")
# Days before a fair's registration deadline (or start) that followers are e-mailed (`tijara send_event_reminders`).
TIJARA_EVENT_REMINDER_DAYS = envint("TIJARA_EVENT_REMINDER_DAYS", 30)

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TIJARA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
if TASKS["default"]["BACKEND"].startswith("django_tasks_rq"):
    # At scale: tasks go to Redis and any number of `tijara rqworker default` processes run them.
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": os.environ.get("TIJARA_REDIS_URL", "redis://127.0.0.1:6379/0")}}

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("TIJARA_REDIS_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["TIJARA_REDIS_URL"]}}

# Optional AI and integrations, each behind its own flag.
TIJARA_EMBEDDINGS_ENABLED = envbool("TIJARA_EMBEDDINGS_ENABLED", True)
# Marketplace: the search index file (empty: one file per database under <data dir>/search/) and anti-spam limits.
TIJARA_SEARCH_INDEX = os.environ.get("TIJARA_SEARCH_INDEX", "")
TIJARA_SEARCH_RECONCILE_SECONDS = envint("TIJARA_SEARCH_RECONCILE_SECONDS", 60)
TIJARA_INQUIRIES_PER_HOUR = envint("TIJARA_INQUIRIES_PER_HOUR", 5)
TIJARA_INQUIRIES_PER_IP_PER_HOUR = envint("TIJARA_INQUIRIES_PER_IP_PER_HOUR", 10)
TIJARA_MESSAGES_PER_HOUR = envint("TIJARA_MESSAGES_PER_HOUR", 30)
TIJARA_LLM_URL = os.environ.get("TIJARA_LLM_URL", "")
TIJARA_LLM_MODEL = os.environ.get("TIJARA_LLM_MODEL", "")
TIJARA_LLM_API_KEY = envsecret("TIJARA_LLM_API_KEY")
TIJARA_LLM_TIMEOUT = envint("TIJARA_LLM_TIMEOUT", 30)
TIJARA_RATE_STALE_DAYS = envint("TIJARA_RATE_STALE_DAYS", 90)
TIJARA_CREDENTIALS_KEY = envsecret("TIJARA_CREDENTIALS_KEY")

# Security headers; production hardening.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("TIJARA_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("TIJARA_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "tijara.core.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if envbool("TIJARA_JSON_LOGS", PRODUCTION) else None,
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("TIJARA_LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every rendering step at INFO; keep its warnings only.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools", "weasyprint.progress")},
}

"""Klachtwijs settings: one module, every value from the environment with a safe
development default. Production sets DEBUG=0, SECRET_KEY and DATABASE_URL."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_secret, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # runtime files: SQLite queue, demo mail, uploads
VAR_DIR.mkdir(exist_ok=True)

# Off unless turned on: `make run` (the demo) and the development server turn it on.
DEBUG = env_bool("DEBUG", False)
_DEV_SECRET = "dev-only-insecure-secret-key-klachtwijs"
SECRET_KEY = env_secret("SECRET_KEY", _DEV_SECRET if DEBUG else None)
if not DEBUG and SECRET_KEY == _DEV_SECRET:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# Behind a TLS-terminating load balancer (docs/deployment.md): the browser's origin is
# https://…, the request reaching gunicorn is http; the balancer says which in a header.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [SITE_URL.rstrip("/")])
_PROXY_SSL_HEADER = env_str("SECURE_PROXY_SSL_HEADER", "")  # e.g. X-Forwarded-Proto
if _PROXY_SSL_HEADER:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _PROXY_SSL_HEADER.upper().replace("-", "_"), "https")
# How many proxies of our own append to X-Forwarded-For (config/proxy.py); 0: none, the
# peer's address is the client's and the header is ignored.
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script anywhere (no nonces needed); style attributes are allowed.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "huey.contrib.djhuey",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "accounts",
    "organisation",
    "complaints",
    "disputes",
    "imports",
    "reporting",
    "intake",
    "staff",
    "notifications",
    "reminders",
    "improvements",
    "annualreport",
    "api",
    "inbox",
    "triage",
]
# The tooling apps (demo data, the data generator and the bench) are installed
# by config/dev_settings.py only: the demo, the bench and the tests.

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["api.parsers.CleanJSONParser"],
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# The API's OpenAPI description (api/schema.py); Swagger UI's files come from
# drf-spectacular-sidecar through our static files, no CDN (the CSP allows none).
SPECTACULAR_SETTINGS = {
    "TITLE": "Klachtwijs API",
    "DESCRIPTION": "Complaints in the caller's scope, their history, and notes. "
    "Authenticate with `Authorization: Token <key>`. Every error has one shape: the `Error` component.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Before the size limit: its 413 page is in the visitor's language too.
    "config.middleware.DutchFirstLocaleMiddleware",
    "config.middleware.RequestSizeLimitMiddleware",
    "config.sanitize.InputCleaningMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "config.middleware.SessionRefreshMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.middleware.DatabaseBusyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
            # Dutch dates and numbers (short_date, short_datetime, number) in every template.
            "builtins": ["complaints.templatetags.dutch"],
        },
    },
]

# SQLite is the embedded default so the demo runs on a bare machine;
# production and CI point DATABASE_URL at PostgreSQL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
# Reports may read from a PostgreSQL replica (config/routers.py).
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0))
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["config.routers.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several writers on the embedded default (parents at the same moment, the worker):
    # a write transaction takes the lock when it begins (IMMEDIATE) and waits up to
    # `timeout` seconds for it; a deferred one that upgrades from reading fails at once
    # with "database is locked". WAL lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The worklist's covering index (complaints.Complaint, complaint_open_cover_idx) includes columns for
# PostgreSQL's index-only scans; on SQLite it is a plain partial index, which is all this check says.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "staff:home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Axes counts failed logins (web and API token) per user name and client address.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "accounts.backends.ModelBackend"]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "config.proxy.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60)  # seconds a reset link works
# Second factor (accounts/two_factor.py); the demo may skip it, never with DEBUG off.
OTP_TOTP_ISSUER = "Klachtwijs"
OTP_DEMO_SKIP = DEBUG and env_bool("KLACHTWIJS_DEMO_SKIP_2FA", False)

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language switch (templates/includes/language_switch.html) sets this cookie through
# Django's set_language view: kept a year, so a parent opening the status link later reads
# it in the language they chose (config.middleware.DutchFirstLocaleMiddleware).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Attachments and letters go through the storage API: local files by default,
# S3-compatible object storage when STORAGE_S3_BUCKET is set (several web hosts).
STORAGE_S3_BUCKET = env_str("STORAGE_S3_BUCKET", "")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": STORAGE_S3_BUCKET,
                "endpoint_url": env_str("STORAGE_S3_ENDPOINT_URL", "") or None,
                "region_name": env_str("STORAGE_S3_REGION", "") or None,
                "access_key": env_secret("STORAGE_S3_ACCESS_KEY", ""),
                "secret_key": env_secret("STORAGE_S3_SECRET_KEY", ""),
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 300,
                "file_overwrite": False,
            },
        }
        if STORAGE_S3_BUCKET
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Five attachments of 10 MB and the form; the proxy allows 60 MB (deploy/nginx.conf).
MAX_REQUEST_BYTES = 55 * 2**20
# Accepted public complaints per client address per hour.
INTAKE_RATE_LIMIT = env_int("INTAKE_RATE_LIMIT", 5)
# The complaints desk, named to a parent whom the form cannot take (spam guards, limit).
COMPLAINTS_DESK_PHONE = env_str("COMPLAINTS_DESK_PHONE", "088 - 123 45 67")
COMPLAINTS_DESK_EMAIL = env_str("COMPLAINTS_DESK_EMAIL", "klachten@klachtwijs.test")
# How mail to a complainant is signed when no person signs it (receipt, status link).
COMPLAINTS_DESK_NAME = env_str("COMPLAINTS_DESK_NAME", "Klachtencoördinatie kinderopvang")

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"

# Real SMTP; the demo and the tests point it at a local sink.
MAILERS = {
    "default": {
        "BACKEND": env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"),
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "127.0.0.1"),
            "port": env_int("EMAIL_PORT", 1025),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_secret("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": env_int("EMAIL_TIMEOUT", 10),
        },
    }
}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Klachtwijs <klachten@klachtwijs.test>")

# Shared between web processes (rate limits, sessions stay in the database):
# the database on the embedded default, Redis in production via CACHE_REDIS_URL.
CACHE_REDIS_URL = env_str("CACHE_REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_REDIS_URL}
        if CACHE_REDIS_URL
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "klachtwijs_cache"}
    )
}

# The complaints mailbox the worker reads over IMAP (inbox app); no IMAP_HOST: not read.
# Replies to mail about a complaint go to INBOX_ADDRESS plus-addressed (klachten+<tag>@…).
INBOX_ADDRESS = env_str("INBOX_ADDRESS", COMPLAINTS_DESK_EMAIL)
IMAP_HOST = env_str("IMAP_HOST", "")
IMAP_SSL = env_bool("IMAP_SSL", True)
IMAP_PORT = env_int("IMAP_PORT", 993 if IMAP_SSL else 143)
IMAP_USER = env_str("IMAP_USER", "")
IMAP_PASSWORD = env_secret("IMAP_PASSWORD", "")
# An OAuth2 access token (Microsoft 365, Google Workspace): XOAUTH2 instead of the password.
IMAP_OAUTH2_TOKEN = env_secret("IMAP_OAUTH2_TOKEN", "")
# A CA bundle for a server whose certificate is not from a public CA; empty: the system's.
IMAP_CA_FILE = env_str("IMAP_CA_FILE", "")
IMAP_FOLDER = env_str("IMAP_FOLDER", "INBOX")
IMAP_DONE_FOLDER = env_str("IMAP_DONE_FOLDER", "Klachtwijs-verwerkt")
IMAP_TIMEOUT = env_int("IMAP_TIMEOUT", 30)
# How often the worker reads the mailbox, in minutes.
IMAP_POLL_MINUTES = env_int("IMAP_POLL_MINUTES", 1)
# A message bigger than this is not downloaded: its headers land in the queue marked
# "te groot", the message itself stays on the server in IMAP_DONE_FOLDER.
INBOX_MAX_MESSAGE_BYTES = env_int("INBOX_MAX_MESSAGE_BYTES", 25 * 2**20)

# Who is told about every new complaint; empty: all active coordinators with an address.
COORDINATOR_EMAILS = env_list("COORDINATOR_EMAILS", [])
# Who hears of a safety flag besides the operations managers of the complaint's region.
SAFETY_ALERT_EMAILS = env_list("SAFETY_ALERT_EMAILS", [])
# Who gets the weekly report besides the active management users.
MANAGEMENT_EMAILS = env_list("MANAGEMENT_EMAILS", [])

# AVG: how long a complainant's contact details are kept after the complaint is
# closed or withdrawn; the daily job erases them then (shown in the privacy statement).
COMPLAINANT_RETENTION_MONTHS = env_int("COMPLAINANT_RETENTION_MONTHS", 12)
if COMPLAINANT_RETENTION_MONTHS < 1:
    raise ImproperlyConfigured("COMPLAINANT_RETENTION_MONTHS must be at least 1")

CSRF_FAILURE_VIEW = "config.views.csrf_failure"

# Staff sessions end after a working day without activity, and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 9 * 60 * 60)
SESSION_REFRESH_SECONDS = 15 * 60  # config.middleware.SessionRefreshMiddleware
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_SECURE = CSRF_COOKIE_SECURE

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No e-mail addresses or status-link tokens in the logs (config/log_redaction.py).
    "filters": {"redact": {"()": "config.log_redaction.RedactingFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# Background worker: Huey. The embedded default keeps its queue in a SQLite file
# next to the database; production sets HUEY_REDIS_URL. Tests run tasks eagerly.
# Triage (issue 16): deduce for the publication drafts (about 1 GB in the worker once loaded);
# off in the test suite, where only triage/tests/test_deduce.py loads it.
TRIAGE_USE_DEDUCE = env_bool("TRIAGE_USE_DEDUCE", True)
HUEY_REDIS_URL = env_str("HUEY_REDIS_URL", "")
HUEY = {
    "huey_class": "huey.RedisHuey" if HUEY_REDIS_URL else "huey.SqliteHuey",
    # Its keys in Redis carry the name: two deployments (or a bench run) may share a Redis.
    "name": env_str("HUEY_NAME", "klachtwijs"),
    "immediate": env_bool("HUEY_IMMEDIATE", False),
    "utc": True,
    "consumer": {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread", "periodic": True},
}
if HUEY_REDIS_URL:
    HUEY["url"] = HUEY_REDIS_URL
else:
    HUEY["filename"] = env_str("HUEY_SQLITE_PATH", str(VAR_DIR / "huey.sqlite3"))
    HUEY["timeout"] = env_int("SQLITE_BUSY_TIMEOUT", 20)  # web processes enqueue while the worker dequeues

# The closing letter's letterhead (issue 15): a neutral default until the organisation sets its own.
# LETTER_LOGO_PATH is a PNG or SVG file on disk; colours are CSS colours.
LETTERHEAD = {
    "name": env_str("LETTER_ORGANISATION_NAME", "Klachtenregeling Kinderopvang"),
    "address": env_str("LETTER_ORGANISATION_ADDRESS", ""),  # lines separated by "|"
    "contact": env_str("LETTER_ORGANISATION_CONTACT", ""),  # e.g. "klachten@example.nl · 020 123 45 67"
    "logo_path": env_str("LETTER_LOGO_PATH", ""),
    "colour": env_str("LETTER_COLOUR", "#1f3b57"),
}

"""One environment-driven settings file.

Safe by default: without DEBUG=1 the site runs with production security settings,
and `manage.py check --deploy` has nothing to report once SECRET_KEY and
ALLOWED_HOSTS are set.
"""

import base64
import hashlib
import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Tests run over plain http against a local server, so transport-security
# settings that need TLS are relaxed there and only there.
TESTING = "pytest" in sys.modules

DEBUG = env_bool("DEBUG", False)
# Demo mode shows the demo logins on the login page; it is refused outside DEBUG
# so that a production deployment can never advertise passwords.
DEMO_MODE = DEBUG and env_bool("NETZLOTSE_DEMO", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "local-development-key-not-for-production-" + "x" * 20
    else:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")

# Fernet key for special-category case notes (netzlotse/cases/fields.py). Development and tests derive
# one from SECRET_KEY; production must set its own and keep it apart from the database backups.
FIELD_ENCRYPTION_KEY = os.environ.get("NETZLOTSE_FIELD_KEY", "")
if not FIELD_ENCRYPTION_KEY and (DEBUG or TESTING):
    FIELD_ENCRYPTION_KEY = base64.urlsafe_b64encode(hashlib.sha256(f"fields:{SECRET_KEY}".encode()).digest()).decode()

# Two-factor authentication (TOTP) guards every page with personal data; the issuer names the app in
# the user's authenticator app.
OTP_TOTP_ISSUER = "netzlotse"
OTP_TOTP_THROTTLE_FACTOR = 0  # a right code after a typo counts; wrong codes are limited in accounts/twofactor.py
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # the admin never shows a device's key or its QR code once it exists

# Months personal data is kept after a participant's last case closed, unless the project sets its own.
CASE_RETENTION_MONTHS = int(os.environ.get("CASE_RETENTION_MONTHS", "36"))
# Months the registrations of an event (names, addresses, needs, attendance) are kept after its last session.
EVENT_RETENTION_MONTHS = int(os.environ.get("EVENT_RETENTION_MONTHS", "6"))

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if (DEBUG or TESTING) else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "netzlotse.core",
    "netzlotse.accounts",
    "netzlotse.network",
    "netzlotse.directory",
    "netzlotse.gaps",
    "netzlotse.cases",
    "netzlotse.monitoring",
    "netzlotse.surveys",
    "netzlotse.events",
    "netzlotse.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "netzlotse.core.middleware.BadInputMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "netzlotse.accounts.middleware.SessionLimitsMiddleware",
    "netzlotse.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

# Work a request hands off (long report exports) waits in the database for `manage.py db_worker`, so no
# broker is needed and any app server can take the next job.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "netzlotse.core.context_processors.site",
                "netzlotse.accounts.context_processors.navigation",
            ],
        },
    }
]

# SQLite (WAL) is the embedded default; DATABASE_URL switches to PostgreSQL.
(BASE_DIR / "var").mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'netzlotse.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The directory's queries are short; JIT compilation only adds latency to them.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "directory:dashboard"
LOGOUT_REDIRECT_URL = "directory:search"

# Lock an account/address pair out after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Beyond the pair (accounts/lockout.py): one account from many addresses, one address with many names.
LOGIN_ACCOUNT_FAILURE_LIMIT = int(os.environ.get("LOGIN_ACCOUNT_FAILURE_LIMIT", "20"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "50"))
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_RESET_ON_SUCCESS = True

# Security headers. Everything is served by the app itself, so the policy is 'self'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
_tls = not DEBUG and not TESTING
SESSION_COOKIE_SECURE = _tls
CSRF_COOKIE_SECURE = _tls
LANGUAGE_COOKIE_SECURE = _tls
SESSION_COOKIE_HTTPONLY = True
# A staff session ends after this long without a request, and after this long in any case (SessionLimitsMiddleware).
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "30"))
SESSION_MAX_HOURS = int(os.environ.get("SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 3600
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", _tls)
SECURE_HSTS_SECONDS = 31536000 if _tls else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _tls
SECURE_HSTS_PRELOAD = _tls
if env_bool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Language: German first. The UI has German and English; offers can also be
# written in Arabic, Farsi, Ukrainian, Russian and Turkish.
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("Deutsch")),
    ("en", _("Englisch")),
    ("ar", _("Arabisch")),
    ("fa", _("Farsi")),
    ("uk", _("Ukrainisch")),
    ("ru", _("Russisch")),
    ("tr", _("Türkisch")),
]
UI_LANGUAGES = ["de", "en"]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or TESTING)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Static files carry caching headers in every mode: in production their names hold a hash of their content and
# are cached for a year; the development server (DEBUG, files served as they are) lets a browser keep them ten
# minutes instead of fetching 0.7 MB of CSS and fonts with every page.
WHITENOISE_MAX_AGE = 600 if DEBUG else 60

# Small reference lists (vocabularies, phases, regions) are kept per process for this long;
# tests keep none, so no list outlives a test's data.
REFERENCE_CACHE_SECONDS = 0 if TESTING else int(os.environ.get("REFERENCE_CACHE_SECONDS", "60"))

FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour, opted into now

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
# An XLSX file is a zip: what it unpacks to is checked before any of it is parsed (zip bombs, huge strings).
IMPORT_MAX_UNPACKED_BYTES = int(os.environ.get("IMPORT_MAX_UNPACKED_BYTES", str(100 * 1024 * 1024)))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "200000"))
IMPORT_MAX_COLUMNS = int(os.environ.get("IMPORT_MAX_COLUMNS", "200"))
IMPORT_KEEP_HOURS = int(os.environ.get("IMPORT_KEEP_HOURS", "24"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# E-mail (survey invitations and reminders) goes through Django's mail framework: in development and the demo
# each mail is written as a file under var/mail/ (the demo page says where); production sends over SMTP with
# the settings from the environment.
if DEBUG and not env_bool("EMAIL_SMTP", False):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = BASE_DIR / "var" / "mail"
else:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "netzlotse <umfragen@localhost>")
# Where the site is reached, for the links in mails a command sends without a request (event reminders).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# An offer counts as stale when nobody confirmed it for this many days.
OFFER_STALE_AFTER_DAYS = 183

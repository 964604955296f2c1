"""Tandem's one settings module, configured from the environment.

Defaults are safe for `make run` (embedded SQLite under var/); production sets DATABASE_URL,
SECRET_KEY, ALLOWED_HOSTS and DEBUG=0. See README, section "Deploying".
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(os.environ.get("TANDEM_HOME", PACKAGE_DIR.parent.parent)).resolve()
VAR_DIR = Path(os.environ.get("TANDEM_VAR_DIR", BASE_DIR / "var")).resolve()

# pytest (8.2 and later) sets PYTEST_VERSION for the whole run.
TESTING = bool(os.environ.get("PYTEST_VERSION"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def _secret_key() -> str:
    """SECRET_KEY from the environment; otherwise a random key kept in var/ (never in the repo)."""
    key = os.environ.get("SECRET_KEY")
    if key:
        return key
    key_file = VAR_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(50)
    try:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(key)
        key_file.chmod(0o600)
    except OSError:
        pass  # read-only install: the key lives for this process only
    return key


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation must precede the admin to patch translated fields into it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "tandem.core",
    "tandem.web",
    "tandem.places",
    "tandem.catalogue",
    "tandem.campaigns",
    "tandem.accounts",
    "tandem.analysis",
    "tandem.synergies",
    "tandem.grid",
    "tandem.trajectory",
    "tandem.benchmark",
    "tandem.reports",
    "tandem.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks a logged-in browser, whose post after its session expired is kept (core/pending.py).
    "tandem.core.pending.ReturningMiddleware",
    # Every download is a security event (core/audit.py).
    "tandem.core.audit.ExportLogMiddleware",
    # After authentication: a logged-in person's own language choice wins (core/language.py).
    "tandem.core.language.LanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # axes last: it inspects the authentication outcome.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tandem.urls"
WSGI_APPLICATION = "tandem.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL (PostgreSQL in production); SQLite under var/ by default. The test suite
# runs on TANDEM_TEST_DATABASE_URL when it is set (CI runs it a second time on PostgreSQL).
_default_database_url = f"sqlite:///{VAR_DIR / 'tandem.sqlite3'}"
_database_url = os.environ.get("DATABASE_URL") or _default_database_url
if TESTING and os.environ.get("TANDEM_TEST_DATABASE_URL"):
    _database_url = os.environ["TANDEM_TEST_DATABASE_URL"]
# Persistent connections in production; none in tests, where the live server's request threads
# would otherwise keep sessions open and block dropping the test database.
DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=0 if TESTING else 60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers and one writer work side by side; wait instead of failing on a lock.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not the in-memory default: the browser tests' live server answers concurrent
    # autosaves from several threads, which shared-cache memory databases refuse ("table is
    # locked") instead of waiting as a file database does.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-tandem.sqlite3")}
    if TESTING:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend, logging in by e-mail address as well as by user name.
    "tandem.accounts.backends.EmailOrUsernameBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my-work"
# Password-reset mails one address, and one device, may ask for in an hour.
TANDEM_RESETS_PER_ADDRESS = 3
TANDEM_RESETS_PER_DEVICE = 10
PASSWORD_RESET_TIMEOUT = 24 * 3600
LOGOUT_REDIRECT_URL = "home"

# django-axes: five failures lock the username+address pair for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "tandem.core.clients.client_address"
# Guesses spread over many accounts from one address: refused past this many an hour.
TANDEM_LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("TANDEM_LOGIN_FAILURES_PER_ADDRESS", "30"))

# Languages: the person's choice, else the questionnaire's, else the browser's (core/language.py);
# Dutch when nothing tells. French and English are complete.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "tandem_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_LANGUAGES = ("nl", "fr", "en")
# A name typed in one language only (a campaign named in French) shows in the others rather
# than leaving the page without it.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("nl", "fr", "en"),
    "nl": ("fr", "en"),
    "fr": ("nl", "en"),
    "en": ("nl", "fr"),
}
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
# Belgian date and number formats in every language (QUALITY R10): tandem/formats/.
FORMAT_MODULE_PATH = ["tandem.formats"]

STATIC_URL = "static/"
# In development and tests the finders serve static files; production serves collectstatic output.
STATIC_ROOT = None if (DEBUG or TESTING) else VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not (DEBUG or TESTING)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
MEDIA_ROOT = VAR_DIR / "uploads"

# Mail: console in development, SMTP from the environment in production.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tandem@localhost")

# The site's address for links in mail sent outside a request (`tandem remind`).
TANDEM_SITE_URL = os.environ.get("TANDEM_SITE_URL", "http://127.0.0.1:8000/")

# Mail leaves as background jobs (campaigns.mails): queued in the database, sent by `tandem worker`
# beside the app servers. TANDEM_TASKS_BACKEND names another backend of the Tasks API: the
# immediate one (sends inside the request, as the tests do), or a broker-backed one at scale.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TANDEM_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# How long a personal invitation link works.
TANDEM_INVITATION_DAYS = int(os.environ.get("TANDEM_INVITATION_DAYS", "14"))

# Security. Behind HTTPS (the default when DEBUG is off) cookies are secure and HSTS is sent.
HTTPS = env_bool("TANDEM_HTTPS", not DEBUG and not TESTING)
SECURE_SSL_REDIRECT = HTTPS
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the load balancer probes over plain HTTP
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
# Behind a reverse proxy: HTTPS and the person's address come from its headers.
TANDEM_BEHIND_PROXY = env_bool("TANDEM_BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if TANDEM_BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Tandem uses none of the browser's powerful features: every page refuses them.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "usb",
    )
}
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_AGE = 8 * 3600

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # core.audit: one JSON object per line for each security-relevant event.
    "loggers": {
        "tandem.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Where the seed documents live (for the integrity check and the tests that compare against them).
SEEDS_DIR = Path(os.environ.get("TANDEM_SEEDS_DIR", BASE_DIR.parent / "shared" / "seeds"))

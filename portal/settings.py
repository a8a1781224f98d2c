"""Django settings. Production values come from the environment (see deploy/ and README)."""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from portal.database import database_config
from portal.logs import default_format, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

# Fail closed: production unless the environment says otherwise — bin/run sets "development",
# the test settings "test". Outside those, a missing secret stops the app from starting.
ENVIRONMENT = os.environ.get("SIGNALERING_ENV", "production")
DEVELOPMENT = ENVIRONMENT in ("development", "test")


def _secret(name: str, development_value: str) -> str:
    value = os.environ.get(name, "")
    if value:
        return value
    if DEVELOPMENT:
        return development_value
    raise ImproperlyConfigured(
        f"{name} must be set outside development (for a local run: SIGNALERING_ENV=development)."
    )


SECRET_KEY = _secret("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"  # off unless explicitly on
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,testserver").split(",")

# Keyed hash for matching applicant registrations without storing their names (states.matching).
MATCH_KEY = _secret("MATCH_KEY", SECRET_KEY)
# Keys for the personal fields encrypted at rest (states.crypto): comma-separated Fernet keys,
# the first encrypts, all decrypt. Rotation: put a new key first, run `rotate_field_keys`, then
# drop the old one. Make one with `manage.py rotate_field_keys --new-key`.
FIELD_ENCRYPTION_KEYS = _secret(
    "FIELD_ENCRYPTION_KEYS", "ZGV2LW9ubHktZmllbGQta2V5LTAwMDAwMDAwMDAwMDA="
).split(",")

INSTALLED_APPS = [
    # Installed for its log table only (erased by the purge); the admin site is not served: it
    # would read personal data past the read log and the second factor.
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",  # only so migration 0003 can move its plain keys out
    "drf_spectacular",
    "simple_history",
    "anymail",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_prometheus",
    "states",
    "notifications",
    "portal",
]

MIDDLEWARE = [
    "portal.request_id.RequestIdMiddleware",  # first: every later log line carries the id
    # Then probes over plain HTTP with a pod IP as Host answer before the host/HTTPS checks.
    "portal.probes.ProbeMiddleware",
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files, from the WSGI server itself
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "axes.middleware.AxesMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

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
                "portal.web.context.portal_role",
            ],
        },
    },
]

DATABASES = {"default": database_config()}
# Behind PgBouncer in transaction mode a connection is not ours between transactions: no
# server-side cursors (they outlive a transaction) and no persistent connections (deploy/README).
DATABASE_POOLER = os.environ.get("DATABASE_POOLER", "")
if DATABASE_POOLER == "pgbouncer":
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
elif DATABASE_POOLER:
    raise ImproperlyConfigured("DATABASE_POOLER: only 'pgbouncer' (or unset) is understood.")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]
TIME_ZONE = "Europe/Amsterdam"  # reasoning happens here; storage is UTC (USE_TZ)
USE_I18N = True
USE_TZ = True

LOGIN_URL = "/inloggen"

# Staff sign in with a password and a second factor (TOTP, django-otp); the person with a code
# sent to their address (portal.signin). Axes locks a username after repeated failures.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
# Ten failures in an hour lock the username (guessing one account) and, separately, the address
# (one password sprayed over many usernames); both open again after the hour.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "portal/geblokkeerd.html"
OTP_TOTP_ISSUER = "Signaleringslijst Woning in Zicht"

# Sessions end after 30 minutes without a request, and when the browser closes.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"  # the sign-in link arrives by e-mail: Strict would drop it
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Outside development everything is served over HTTPS (behind a proxy that says so).
SECURE = not DEVELOPMENT
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = 31_536_000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_REDIRECT_EXEMPT = [r"^health/"]  # probes speak plain HTTP (portal.probes answers first)
if os.environ.get("DJANGO_BEHIND_TLS_PROXY") == "1":
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
    }
}
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# Development and tests serve static files straight from the apps; production from
# collectstatic's folder (deploy/README.md).
WHITENOISE_USE_FINDERS = DEVELOPMENT
WHITENOISE_AUTOREFRESH = DEVELOPMENT

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "portal.api.authentication.HashedTokenAuthentication",
        "portal.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "portal.api.parsers.BoundedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "portal.api.schema.SignaleringAutoSchema",
    "EXCEPTION_HANDLER": "portal.api.errors.exception_handler",
}
# API keys (portal.apitokens): valid 90 days unless issued for fewer, never more than a year.
API_TOKEN_DAYS = int(os.environ.get("API_TOKEN_DAYS", "90"))
API_TOKEN_MAX_DAYS = 365
SPECTACULAR_SETTINGS = {
    "TITLE": "Signaleringslijst ongewenst huurdersgedrag API",
    "VERSION": "1.0.0",
    "DESCRIPTION": "Signaleringen, blokkades en match-check voor het samenwerkingsverband.",
    # Enums stay inline where they are used: the same field name (state, soort) has a
    # different choice set per case kind.
    "POSTPROCESSING_HOOKS": [],
}

SIMPLE_HISTORY_REVERT_DISABLED = True  # a revert would bypass the state machines
# Staff reasons are often long: the history keeps them whole (a varchar(100) gave a 500).
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "anymail.backends.console.EmailBackend")
# Only for the plain SMTP backend (staging's mail sink in deploy/compose.yaml).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
# A provider that hangs must not hold the outbox: give up after this many seconds and retry.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "signaleringslijst@woninginzicht.nl")
# The mail provider in use: only its delivery-status webhook is served (portal/urls.py).
ANYMAIL_ESP = os.environ.get("ANYMAIL_ESP", "postmark")
ANYMAIL = {
    # Delivery webhooks need basic auth: "user:password", set in production (deploy/README.md).
    "WEBHOOK_SECRET": _secret("ANYMAIL_WEBHOOK_SECRET", "dev-webhook:dev-secret"),
}
# Who receives the daily digest of failed messages.
OPERATOR_EMAILS = [
    e for e in os.environ.get("OPERATOR_EMAILS", "beheer@woninginzicht.nl").split(",") if e
]

# Where a person can see which organisations take part (placement notice, protocol ch. 10).
# The portal's public address, printed in letters (placement: ch. 10).
PORTAAL_URL = os.environ.get("PORTAAL_URL", "http://127.0.0.1:8000/inloggen")
DEELNEMERS_URL = os.environ.get("DEELNEMERS_URL", "https://www.woninginzicht.nl/signaleringslijst")

# One JSON object per line in production (LOG_FORMAT=json), plain text in development and
# tests; both carry the request id and mask personal data (portal/logs.py).
LOG_FORMAT = os.environ.get("LOG_FORMAT", default_format(ENVIRONMENT))
LOGGING = logging_config(LOG_FORMAT, os.environ.get("LOG_LEVEL", "INFO"))

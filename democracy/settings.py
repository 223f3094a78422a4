"""Settings for the grassroots-democracy portal, read from the environment (see .env.example).

With no variables set the portal runs for local use: DEBUG on, SQLite in var/, a local-memory cache
and a Celery broker on the filesystem (no server). DATABASE_URL switches to PostgreSQL, REDIS_URL to
Redis for the broker and the cache. With DEBUG off the portal refuses to start without a real
SECRET_KEY and ALLOWED_HOSTS.
"""

import ipaddress
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=True)

_DEV_SECRET_KEY = "dev-only-not-secret-grassroots-democracy-portal-local-use-only-0123456789"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if not DEBUG:
    if not SECRET_KEY or SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "DEBUG is off: set SECRET_KEY to a random string of at least 50 characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(64))')."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DEBUG is off: set ALLOWED_HOSTS to the host names the portal serves.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # The three below under Vietnamese names in the admin (democracy/vendor_apps.py).
    "democracy.vendor_apps.OtpConfig",
    "democracy.vendor_apps.OtpTotpConfig",
    "democracy.vendor_apps.AxesConfig",
    "import_export",
    "simple_history",
    "csp",
    "ninja",  # the API docs' Swagger UI from the portal's own static files, not a CDN (works offline)
    "democracy",
    "units",
    "disclosures",
    "consultations",
    "consultations.petitions",
    "consultations.supervision",
    "consultations.duties",
    "consultations.regulations.apps.RegulationsConfig",
    "consultations.follow",
    "reports",
    "reports.checks",
    "reports.plans.apps.PlansConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files need no policy. It never replaces a policy a view has set (the
    # downloads' `sandbox`, democracy/downloads.py).
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "democracy.middleware.LanguageMiddleware",
    "democracy.middleware.RejectNulBytesMiddleware",  # a 400, not a database error (issue 18 item 9)
    "django.middleware.common.CommonMiddleware",
    # Public pages from the cache, or 304 (democracy/publiccache.py); after the language is chosen.
    "democracy.publiccache.PublicCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "units.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "democracy.urls"
CSRF_FAILURE_VIEW = "democracy.errors.csrf_failure"  # the site's own page, in the visitor's language
WSGI_APPLICATION = "democracy.wsgi.application"

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
                "reports.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(exist_ok=True)
    # The embedded default serves web, worker and beat from one file: wait for locks instead of
    # failing, and take the write lock at the start of a transaction so two writers never deadlock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery ----------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL},
        # The rendered public pages and their owners' versions (democracy/publiccache.py), shared by
        # every web and worker process, so a write on one machine is seen by all.
        "public": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "public",
        },
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # Without Redis the worker that closes a window runs in another process than the web server:
        # a cache both can see (files in var/cache) so its invalidations reach the pages.
        "public": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "public"),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }
    # A broker that needs no server: messages are files in var/celery/queue.
    CELERY_BROKER_URL = "filesystem://"
    _queue = VAR_DIR / "celery" / "queue"
    _queue.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue),
        "data_folder_out": str(_queue),
        "store_processed": False,
        "control_folder": str(VAR_DIR / "celery" / "control"),
    }

CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
# PDFs are rendered on a queue of their own (issue 18 item 12): closing postings, counting votes and
# reminders (the default "celery" queue) never wait behind a thousand renderings. Every worker command
# (Procfile.dev, docker-compose.yml) consumes both queues; docker-compose runs a worker for each.
CELERY_TASK_DEFAULT_QUEUE = "celery"
PDF_QUEUE = "pdf"
CELERY_TASK_ROUTES = {
    "disclosures.render_record": {"queue": PDF_QUEUE},
    "disclosures.render_records": {"queue": PDF_QUEUE},
}
# At most this many PDFs per task: a larger set is split into tasks of this size.
PDF_BATCH_SIZE = env.int("PDF_BATCH_SIZE", default=20)
# A record still without its PDF this many minutes after it was made is rendered again by the sweep
# (a worker killed mid-render; issue 15 item 4).
PDF_SWEEP_AFTER_MINUTES = env.int("PDF_SWEEP_AFTER_MINUTES", default=10)

# The scheduled jobs. Each task is safe to run twice and catches up after downtime.
CELERY_BEAT_SCHEDULE = {
    "remind-plan-tasks": {
        "task": "plans.send_reminders",
        "schedule": crontab(minute=15, hour=7),
    },
    "close-due-postings": {
        "task": "disclosures.close_due_postings",
        "schedule": crontab(minute="*/5"),
    },
    "close-due-consultations": {
        "task": "consultations.close_due_consultations",
        "schedule": crontab(minute="*/5"),
    },
    "count-online-votes": {
        "task": "consultations.count_online_votes",
        "schedule": crontab(minute="*/5"),
    },
    "remind-unfinished-consultations": {
        "task": "consultations.remind_unfinished",
        "schedule": crontab(minute=30, hour=7),
    },
    "remind-duties": {
        "task": "duties.remind_duties",
        "schedule": crontab(minute=15, hour=7),
    },
    "remind-regulation-reviews": {
        "task": "regulations.remind_reviews",
        "schedule": crontab(minute=20, hour=7),
    },
    "notify-overdue-recommendations": {
        "task": "consultations.notify_overdue_recommendations",
        "schedule": crontab(minute=45, hour=7),
    },
    "render-missing-records": {
        "task": "disclosures.render_missing_records",
        "schedule": crontab(minute="*/10"),
    },
    "send-disclosure-reminders": {
        "task": "disclosures.send_reminders",
        "schedule": crontab(minute=0, hour="7,13"),
    },
    "clear-expired-sessions": {
        "task": "units.clear_expired_sessions",
        "schedule": crontab(minute=15, hour=3),
    },
    # The dashboard's stored figures (reports/stored.py): the owners written to since, and after
    # midnight every recent period's rows for the new day, counted again in batches.
    "refresh-dashboard-figures": {
        "task": "reports.refresh_dashboard_figures",
        "schedule": crontab(minute="*/10"),
    },
    "compile-due-reports": {
        "task": "reports.compile_due_reports",
        "schedule": crontab(minute=30, hour=2),
    },
    "send-report-reminders": {
        "task": "reports.send_report_reminders",
        "schedule": crontab(minute=15, hour=7),
    },
    "send-reviewer-digest": {
        "task": "reports.send_reviewer_digest",
        "schedule": crontab(minute=0, hour=8),
    },
    # Following by e-mail (consultations/follow): the immediate mails catch up every few minutes (the
    # write functions also queue them at once), postings closing soon are noted hourly, the daily
    # digest goes out in the evening, board members' deadlines in the morning.
    "follow-dispatch": {
        "task": "follow.dispatch",
        "schedule": crontab(minute="*/5"),
    },
    "follow-closing-postings": {
        "task": "follow.note_closing_postings",
        "schedule": crontab(minute=20),
    },
    "follow-daily-digest": {
        "task": "follow.send_digests",
        "schedule": crontab(minute=0, hour=18),
    },
    "follow-inspector-deadlines": {
        "task": "follow.send_inspector_deadlines",
        "schedule": crontab(minute=0, hour=7),
    },
}

# --- Authentication ------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "units.login_limits.AddressBudgetBackend",
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "units:workspace"
LOGOUT_REDIRECT_URL = "home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Behind a reverse proxy: the proxies' addresses (or networks, CIDR), whose X-Forwarded-For tells the
# client's address (democracy/ratelimit.py `client_address`, used by every rate limit and the login
# lockout). Empty: REMOTE_ADDR is the client.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy.strip(), strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an address or a network.") from _error
AXES_CLIENT_IP_CALLABLE = "democracy.ratelimit.client_address"
# Repeated failed logins: after AXES_FAILURE_LIMIT failures for one username from one address,
# that pair is locked out for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Password spraying (a few tries on each of many accounts): one address may fail this many logins an
# hour, whatever the accounts, before its logins are refused until the hour ends (units/login_limits.py).
LOGIN_FAILURES_PER_ADDRESS = env.int("LOGIN_FAILURES_PER_ADDRESS", default=20)
# Password reset requests (each may send an e-mail) per client per hour.
PASSWORD_RESETS_PER_HOUR = env.int("PASSWORD_RESETS_PER_HOUR", default=5)

# Roles that must pass a second factor (TOTP) before using staff pages. Empty: none required.
SECOND_FACTOR_ROLES = env.list(
    "SECOND_FACTOR_ROLES", default=[] if DEBUG else ["reviewer", "approver", "administrator"]
)
OTP_TOTP_ISSUER = "Cổng dân chủ cơ sở"
# The first enrolment of an authenticator (and a first password) goes through a single-use link an
# administrator issues (user page in the admin, or `manage.py issue_enrolment_link`): its lifetime.
ENROLMENT_LINK_HOURS = env.int("ENROLMENT_LINK_HOURS", default=72)
# A staff session ends this many hours after it was last written to (default: a working day).
SESSION_COOKIE_AGE = env.int("STAFF_SESSION_HOURS", default=8) * 3600

# --- Internationalisation ------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["democracy.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media ----------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")
# Uploaded documents, records, minutes, reports: the local disk (MEDIA_ROOT) by default; with STORAGE_URL,
# an S3-compatible object store shared by every web and worker machine (django-storages):
#   STORAGE_URL=s3://ACCESS_KEY:SECRET_KEY@bucket/prefix?endpoint_url=https://s3.example.vn&region=hn
# (the keys may come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY instead). The bucket stays private:
# every file is streamed through the portal's own permission checks (democracy/downloads.py).
STORAGE_URL = env.str("STORAGE_URL", default="")


def object_storage(url: str) -> dict:
    from urllib.parse import parse_qs, unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme != "s3" or not parts.hostname:
        raise ImproperlyConfigured("STORAGE_URL: s3://[key:secret@]bucket[/prefix]?endpoint_url=…")
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    options = {
        "bucket_name": parts.hostname,
        "location": parts.path.strip("/"),
        "endpoint_url": query.get("endpoint_url") or None,
        "region_name": query.get("region") or None,
        "default_acl": None,
        "file_overwrite": False,  # a second file of the same name never replaces the first
        "querystring_auth": True,
    }
    if parts.username:
        options["access_key"] = unquote(parts.username)
        options["secret_key"] = unquote(parts.password or "")
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": object_storage(STORAGE_URL)
    if STORAGE_URL
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- E-mail --------------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="cong-dan-chu@localhost")

# --- Security (production) -----------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Every page: scripts and styles only from the portal's own static files — no inline <script>, no on…=
# handlers, no style="" (tests/democracy/test_csp.py scans templates/ for them). The Swagger UI of the
# API docs is served from django-ninja's static files (no CDN) under the same policy.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {name: {"level": "WARNING"} for name in ("axes", "weasyprint", "fontTools")},
}

# --- Portal -------------------------------------------------------------------------------------
# The Civil Code end-of-period rule (Art. 148(2)) is part of each authority's reporting regime
# (units.regimes.ReportingRegime), edited in the admin.
# The portal's public address, for links in e-mails sent by scheduled jobs (no request to build them from).
SITE_URL = env.str("SITE_URL", default="")
# Citizens' feedback: how many a client may send per hour, and the largest upload a clerk may attach.
FEEDBACK_PER_HOUR = env.int("FEEDBACK_PER_HOUR", default=10)
# Following by e-mail (consultations/follow): requests a client may make per hour; confirmation mails one
# address may receive per day, whoever asks; how long a confirmation link, an unsubscribe link and the
# "follow your own question" link stay valid; failures in a row before an address is suspended; the
# batch size of the fan-out and sending jobs; the staff to-do's horizon of deadlines.
FOLLOW_PER_HOUR = env.int("FOLLOW_PER_HOUR", default=10)
FOLLOW_MAILS_PER_ADDRESS_PER_DAY = env.int("FOLLOW_MAILS_PER_ADDRESS_PER_DAY", default=5)
FOLLOW_CONFIRM_MAX_AGE = env.int("FOLLOW_CONFIRM_MAX_AGE", default=3 * 24 * 3600)
FOLLOW_LINK_MAX_AGE = env.int("FOLLOW_LINK_MAX_AGE", default=180 * 24 * 3600)
FOLLOW_MINE_MAX_AGE = env.int("FOLLOW_MINE_MAX_AGE", default=30 * 24 * 3600)
FOLLOW_MAX_FAILURES = env.int("FOLLOW_MAX_FAILURES", default=5)
# Back-off after a failed mail: this many minutes after the first failure, doubling after each next one.
FOLLOW_RETRY_MINUTES = env.int("FOLLOW_RETRY_MINUTES", default=10)
FOLLOW_BATCH_SIZE = env.int("FOLLOW_BATCH_SIZE", default=2000)
FOLLOW_DEADLINE_DAYS = env.int("FOLLOW_DEADLINE_DAYS", default=7)
DOCUMENT_MAX_BYTES = env.int("DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024)
# Online votes: wrong codes (and receipts not found) per client per hour; a valid vote never counts
# (codes are 12 hex digits; this keeps guessing hopeless).
VOTES_PER_HOUR = 30

# Public pages (democracy/publiccache.py): kept in the server's cache at most this many seconds (a write
# renews them at once; this bounds what no write function reports, e.g. a unit renamed in the admin),
# and reused by browsers and proxies for at most PUBLIC_MAX_AGE seconds (never past the page's next change).
PUBLIC_CACHE_ALIAS = "public"
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=600)
PUBLIC_MAX_AGE = env.int("PUBLIC_MAX_AGE", default=30)
# A write that changes more owners' pages at once (the closing job's batch) renews every page instead:
# one version to bump, not a thousand (with the file cache each costs a listing of the cache's files).
PUBLIC_CACHE_MAX_OWNERS = env.int("PUBLIC_CACHE_MAX_OWNERS", default=100)

# API pagination: the page size a client gets unless it asks for fewer.
API_PAGE_SIZE = 50

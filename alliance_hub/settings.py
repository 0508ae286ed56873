"""Settings for Alliance Hub, driven by the environment (see the README's table)."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The benchmark's bare view (/bench/bare/) answers only where bench/run.py turns it on.
BENCH_VIEWS = env_bool("BENCH_VIEWS", False)
# The fallback key is for development only; `check --deploy` flags it in production.
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-dev-only-key-change-me"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "alliance_hub.apps.AllianceAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "guardian",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "simple_history",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "profiles",
    "workspaces",
    "documents",
    "wiki",
    "reporting",
    "microblog",
    "jobs",
    "search",
    "seeding",  # seed_demo and seed_big; keep last (its chapters close the story)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "alliance_hub.middleware.RequestLimitsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "alliance_hub.sessions.SessionTimeoutMiddleware",
    "workspaces.two_factor.TwoFactorRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "alliance_hub.middleware.StorageErrorMiddleware",
]

ROOT_URLCONF = "alliance_hub.urls"
WSGI_APPLICATION = "alliance_hub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": [
                "template_partials.templatetags.partials",
                "alliance_hub.url_tags",
            ],
            "libraries": {
                "frame": "alliance_hub.frame_tags",
                "textdiff": "alliance_hub.textdiff_tags",
            },
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alliance_hub.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
# PostgreSQL: parameters bound by the server and each query prepared on a connection
# after it has run there PREPARE_AFTER times, so PostgreSQL parses and plans it once per
# connection, not per request (planning took 1.5-3 ms of a page, 9 ms for the document
# page's eight-join lookup; docs/performance.md). "off" keeps Django's default
# (client-side binding, nothing prepared), e.g. behind PgBouncer < 1.21 in transaction
# mode (docs/deploy.md).
PREPARE_AFTER = os.environ.get("DATABASE_PREPARE_AFTER", "2")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and PREPARE_AFTER != "off":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=int(PREPARE_AFTER)
    )
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}

AUTH_USER_MODEL = "profiles.User"
AUTHENTICATION_BACKENDS = [
    # allauth's backend signs people in (by e-mail) behind its rate limits; the
    # model backend stays for sessions made by the invitation flow.
    "profiles.backends.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workspaces:home"
LOGOUT_REDIRECT_URL = "account_login"

# Accounts (django-allauth): e-mail login, no public sign-up (the adapter closes
# it: an invitation is the only way in), the invitation proves the address.
ACCOUNT_ADAPTER = "profiles.accounts.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = False
ACCOUNT_MAX_EMAIL_ADDRESSES = 1
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Alliance Hub] "
ACCOUNT_FORMS = {"login": "profiles.accounts.LoginForm"}
# Security e-mails: password changed or reset, two-factor turned off, keys removed
# (allauth), plus ours: a new device, a recovery code used (profiles.security_mail).
ACCOUNT_EMAIL_NOTIFICATIONS = True

# Rate limits ("amount/period/per", comma-separated; per = ip, key or user). The
# counters live in the cache: set REDIS_URL when more than one process serves.
# login_failed also guards the second-factor form (keyed by the account there).
# Single sign-on per partner organisation (workspaces.sso): OpenID Connect apps are
# configured in the admin (Social applications), each linked to its Organisation; a
# SAML IdP is entered on the Organisation itself (workspaces.saml).
SOCIALACCOUNT_ADAPTER = "workspaces.sso.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 5
SSO_DISCOVERY_TIMEOUT = float(os.environ.get("SSO_DISCOVERY_TIMEOUT", "3"))

# Sessions: the longest a sign-in lasts, and how long it survives without a request.
SESSION_COOKIE_AGE = int(float(os.environ.get("SESSION_LIFETIME_HOURS", "336")) * 3600)
SESSION_IDLE_SECONDS = int(float(os.environ.get("SESSION_IDLE_MINUTES", "240")) * 60)
USERSESSIONS_TRACK_ACTIVITY = False  # alliance_hub.sessions notes activity once a minute

# Two-factor (allauth.mfa): authenticator apps with recovery codes, security keys
# and passkeys. WebAuthn needs https, except on localhost under DEBUG.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Alliance Hub"
MFA_TOTP_TOLERANCE = 1  # a code of the previous or next 30 s also counts (clock drift)
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG or env_bool("WEBAUTHN_ALLOW_INSECURE_ORIGIN", False)

# Behind a reverse proxy, the number of proxies whose X-Forwarded-For to trust for
# the client's address (0: the connection's address; never trust what clients send).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
ACCOUNT_RATE_LIMITS = {
    "login": os.environ.get("RATE_LIMIT_LOGIN", "30/m/ip"),
    "login_failed": os.environ.get("RATE_LIMIT_LOGIN_FAILED", "10/m/ip,5/5m/key"),
    "reset_password": os.environ.get("RATE_LIMIT_RESET_PASSWORD", "20/m/ip,3/10m/key"),
    "reset_password_from_key": os.environ.get("RATE_LIMIT_RESET_PASSWORD_FROM_KEY", "20/m/ip"),
    "change_password": os.environ.get("RATE_LIMIT_CHANGE_PASSWORD", "5/m/user"),
    "invitation_token": os.environ.get("RATE_LIMIT_INVITATION_TOKEN", "10/10m/ip"),
}

# Guardian: no anonymous user (anonymous visitors never reach a container) and
# no global permission fall-through.
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False
GUARDIAN_USER_OBJ_PERMS_MODEL = "guardian.UserObjectPermission"
GUARDIAN_GROUP_OBJ_PERMS_MODEL = "guardian.GroupObjectPermission"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = False  # one language; skips the translation lookups in every number and date rendered
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"  # never served directly: files go through permission-checking views
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},  # S3: see below
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("SIMPLE_STATIC", False)
            else "alliance_hub.static_storage.StaticStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Alliance Hub <noreply@localhost>")

# Background work (Django's tasks API through the django-tasks backport). The
# embedded default keeps the queue in the database; `manage.py db_worker` runs it.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
# Jobs (jobs/): a failed attempt is retried after JOB_RETRY_BASE_SECONDS, doubling up
# to JOB_RETRY_MAX_SECONDS; a running job without a heartbeat for JOB_STALE_SECONDS
# lost its worker and is queued again. Exports are kept EXPORT_RETENTION_DAYS.
JOB_RETRY_BASE_SECONDS = int(os.environ.get("JOB_RETRY_BASE_SECONDS", "30"))
JOB_RETRY_MAX_SECONDS = int(os.environ.get("JOB_RETRY_MAX_SECONDS", "3600"))
JOB_STALE_SECONDS = int(os.environ.get("JOB_STALE_SECONDS", "300"))
EXPORT_RETENTION_DAYS = int(os.environ.get("EXPORT_RETENTION_DAYS", "7"))
# A notification to more people than this is delivered by a job, after the request.
NOTIFY_INLINE_MAX = int(os.environ.get("NOTIFY_INLINE_MAX", "50"))
# Documents in the trash longer than this are deleted for good by the periodic purge.
TRASH_RETENTION_DAYS = int(os.environ.get("TRASH_RETENTION_DAYS", "30"))

# Shared state for several app servers (docs/deploy.md). Without REDIS_URL and
# AWS_STORAGE_BUCKET_NAME everything stays in this process, the database and MEDIA_ROOT.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "0.5"))  # seconds, connect and read
if REDIS_URL:
    # django-redis rather than Django's RedisCache: IGNORE_EXCEPTIONS turns an
    # unreachable Redis into a cache miss, so pages still serve while it is down.
    CACHES = {
        "default": {
            "BACKEND": "alliance_hub.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "ah"),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
                "SOCKET_TIMEOUT": REDIS_TIMEOUT,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Read from the cache, written through to the database: Redis down logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The scale-out queue: RQ on Redis (TASKS_BACKEND=django_tasks_rq.RQBackend), worked by
# `manage.py rqworker --job-class django_tasks_rq.Job --with-scheduler`.
TASKS_REDIS_URL = os.environ.get("TASKS_REDIS_URL") or REDIS_URL
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS["default"]["QUEUES"] = ["default"]
    RQ_QUEUES = {
        "default": {
            "URL": TASKS_REDIS_URL or "redis://127.0.0.1:6379/0",
            "DEFAULT_TIMEOUT": int(os.environ.get("TASKS_TIMEOUT", "3600")),
            "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT * 4,
        }
    }

# Files in S3-compatible object storage when a bucket is named (django-storages);
# credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY as boto3 reads them.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config as _BotoConfig

    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "default_acl": None,  # private: the bucket's policy
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
            # A storage outage fails an upload within seconds, with a message.
            "client_config": _BotoConfig(
                connect_timeout=float(os.environ.get("AWS_S3_TIMEOUT", "3")),
                read_timeout=float(os.environ.get("AWS_S3_TIMEOUT", "3")) * 10,
                retries={"max_attempts": 2, "mode": "standard"},
                signature_version="s3v4",
                s3={"addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE", "path")},
            ),
        },
    }

# Who may start an alliance (a workspace): "superusers" (the operator) or "anyone"
# signed in. A deployment decision, so an environment setting like the rest.
ALLIANCE_CREATION = os.environ.get("ALLIANCE_CREATION", "superusers")
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", "14"))
# Images declaring more pixels are refused from their header (alliance_hub.images):
# decoding 25 megapixels (a 6000 x 4000 camera photo) takes under a second.
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", str(25_000_000)))
MAX_UPLOAD_SIZE = int(os.environ.get("MAX_UPLOAD_SIZE", str(200 * 1024 * 1024)))
# Uploads bigger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 100
# Multipart bodies to views that take no files, or from anyone not signed in, are
# refused above this before they are read (alliance_hub.middleware).
MULTIPART_MAX_BYTES_WITHOUT_UPLOADS = 256 * 1024
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "alliance_hub.uploads.TrackedTemporaryFileUploadHandler",
]
# Text extraction for the search (see docs/deploy.md, "Search"): limits per file.
SEARCH_EXTRACT_MAX_BYTES = int(os.environ.get("SEARCH_EXTRACT_MAX_BYTES", str(50 * 1024 * 1024)))
SEARCH_EXTRACT_MAX_CHARS = int(os.environ.get("SEARCH_EXTRACT_MAX_CHARS", "200000"))
SEARCH_EXTRACT_SECONDS = float(os.environ.get("SEARCH_EXTRACT_SECONDS", "20"))
SEARCH_EXTRACT_MEMORY_MB = int(os.environ.get("SEARCH_EXTRACT_MEMORY_MB", "768"))
DOCUMENT_LOCK_MINUTES = int(os.environ.get("DOCUMENT_LOCK_MINUTES", "120"))
# "" (stream from Django), "x-accel-redirect" (nginx) or "x-sendfile" (Apache).
SENDFILE_MODE = os.environ.get("SENDFILE_MODE", "")
SENDFILE_URL_PREFIX = os.environ.get("SENDFILE_URL_PREFIX", "/protected/")
# Where Apache's X-Sendfile finds stored files (local-disk storage only; "" = MEDIA_ROOT).
SENDFILE_ROOT = os.environ.get("SENDFILE_ROOT", "")
if AWS_STORAGE_BUCKET_NAME and SENDFILE_MODE:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SENDFILE_MODE serves files from local disk; unset it with S3.")

# Security headers. HTTPS_ONLY turns on the cookie/redirect/HSTS settings that need
# TLS in front of the app (production); off by default so `make run` works over http.
HTTPS_ONLY = env_bool("HTTPS_ONLY", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # views that must be framed (PDF preview) opt in per view
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = HTTPS_ONLY
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_HSTS_SECONDS = 31536000 if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = HTTPS_ONLY
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy on every response (django-csp): scripts, styles, images and
# fonts from this site only; no inline script or style, no eval. htmx is configured to
# match in base.html (no indicator styles, no eval). Downloads and previews send their
# own stricter policy (documents.serving).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],  # the document page frames its PDF preview
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

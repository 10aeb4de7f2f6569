"""Settings shared by every environment; the others import and adjust them."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from newsroom.labels import field_label
from newsroom.observability import admins_from, init_sentry

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    # modeltranslation must come before the admin so it can patch model admins.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_ckeditor_5",
    "reversion",
    "pagecache",
    "staffcredits",
    "articles",
    "accounts",
    "search",
    # django-axes and django-tasks' database, named in the interface language.
    "accounts.apps.SignInAttemptsConfig",
    "django_tasks",
    "newsroom.apps.TaskResultsConfig",
    "partners",
    "wechat",
    "backups",
    # The project's own checks (newsroom/apps.py).
    "newsroom",
]

MIDDLEWARE = [
    # First: the request's id is on every log record and response (docs/deploy.md).
    "newsroom.observability.RequestIdMiddleware",
    # Load balancers' /healthz and /readyz, answered before anything else.
    "newsroom.health.HealthMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Stored public pages for anonymous readers, answered before everything below.
    "pagecache.middleware.PageCacheMiddleware",
    # Content-Security-Policy on every page; the policies are at the end of this file.
    "newsroom.security.CSPMiddleware",
    # Above the session middleware so it sees the cookies that one sets.
    "pagecache.middleware.CachePolicyMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signs out a session left idle for NEWSROOM_SESSION_IDLE_HOURS.
    "accounts.sessions.IdleSessionMiddleware",
    # Django's, with the storage made only for requests that use messages.
    "newsroom.messages.LazyMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Public pages stored whole in the cache (pagecache/, docs/caching.md). Off only to
# measure pages as rendered (bench/), and in production without a cache every
# worker shares (production.py). An article's page is also kept with the article.
NEWSROOM_PAGE_CACHE = True
# The only query parameters a public page depends on: the listings' cursors
# (articles/pagination.py's OLDER and NEWER). Any other (a WeChat share's ?from=…,
# utm_…) is left out of a stored page's address and of the links it prints.
NEWSROOM_PAGE_PARAMETERS = ["before", "after"]
# With Redis, each worker also keeps the pages it served in its own memory, up to
# this many bytes of HTML (0: none), and serves them without a round trip while
# Redis has not told it of a change (pagecache/near.py). Whatever it heard, it
# asks Redis again after NEWSROOM_PAGE_CACHE_TRUST seconds.
NEWSROOM_PAGE_CACHE_MEMORY = int(
    os.environ.get("NEWSROOM_PAGE_CACHE_MEMORY", 32 * 1024 * 1024)
)
NEWSROOM_PAGE_CACHE_TRUST = 1.0
# Names the deployed code in the page cache's keys; empty: a digest of the code
# itself (pagecache/stamps.py). Set it (e.g. to the commit) to skip the digest.
NEWSROOM_RELEASE = os.environ.get("NEWSROOM_RELEASE", "")
# Packages in the project folder whose code renders no page (left out of the digest).
NEWSROOM_RELEASE_IGNORE = ["tests", "bench"]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"
ASGI_APPLICATION = "newsroom.asgi.application"

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
        },
    },
]

# The embedded default is a SQLite file in the project; DATABASE_URL points elsewhere
# (postgres://user@host:5432/name in production and in the second CI pass).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers keep reading while an editor saves; IMMEDIATE takes the write
    # lock when a transaction starts, so two writers queue instead of deadlocking.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        # Seconds a writer waits for the lock before "database is locked".
        "timeout": 20,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions: in Redis when REDIS_URL is set, so every app server sees the
# same pages, rate limits and sign-ins; in each process's memory otherwise.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "pagecache.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    # Read from Redis, written through to the database: a flushed or evicting
    # Redis signs nobody out, and ending a deactivated user's sessions (which
    # finds them in the database) still works.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English and Simplified Chinese; both sides of a text live on one row.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
]
# Ours first; then Chinese for Django's and other apps' strings where theirs is
# missing or spaced like English ("修改 文章"), kept by hand in locale_overrides/.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "zh-hans")
MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = field_label
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("en", "zh-hans"),
    "zh-hans": ("en",),
    "en": ("zh-hans",),
}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "articles.media.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Media (photos, renditions, narration) on S3-compatible object storage when a bucket
# is named, so that app servers keep nothing on their disks. boto3 takes the keys
# from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or from the machine's role.
# URLs are plain, not signed: published media are public, and a draft's files sit
# under random or hashed names nobody can guess (the bucket must not be listable).
# Every name is new for new content, so a browser or CDN may keep a file for a year.
_S3_BUCKET = os.environ.get("NEWSROOM_S3_BUCKET") or os.environ.get(
    "AWS_STORAGE_BUCKET_NAME", ""
)
if _S3_BUCKET:
    _S3_ENDPOINT = os.environ.get("NEWSROOM_S3_ENDPOINT_URL", "").rstrip("/")
    _S3_REGION = os.environ.get("NEWSROOM_S3_REGION") or os.environ.get(
        "AWS_DEFAULT_REGION", ""
    )
    _S3_DOMAIN = os.environ.get("NEWSROOM_S3_CUSTOM_DOMAIN", "").strip("/")
    STORAGES["default"] = {
        "BACKEND": "articles.media.storage.S3Storage",
        "OPTIONS": {
            "bucket_name": _S3_BUCKET,
            "endpoint_url": _S3_ENDPOINT or None,
            "region_name": _S3_REGION or None,
            # endpoint/bucket/name on another S3 server; bucket.s3…/name on AWS.
            "addressing_style": "path" if _S3_ENDPOINT else "virtual",
            "custom_domain": _S3_DOMAIN or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
            "object_parameters": {
                "CacheControl": "public, max-age=31536000, immutable"
            },
        },
    }
    # Where the files are served from, for the Content-Security-Policy below.
    if _S3_DOMAIN:
        MEDIA_URL = f"https://{_S3_DOMAIN}/"
    elif _S3_ENDPOINT:
        MEDIA_URL = f"{_S3_ENDPOINT}/{_S3_BUCKET}/"
    elif _S3_REGION in ("", "us-east-1"):
        MEDIA_URL = f"https://{_S3_BUCKET}.s3.amazonaws.com/"
    else:
        MEDIA_URL = f"https://{_S3_BUCKET}.s3.{_S3_REGION}.amazonaws.com/"

# Rich text in pairs: bold, italic and links only. Images enter an article as photo
# blocks with credits, never through the editor, so the editor's upload view refuses.
_PAIR_EDITOR = {
    "toolbar": ["bold", "italic", "link", "|", "undo", "redo"],
    "link": {"defaultProtocol": "https://"},
}
CKEDITOR_5_CONFIGS = {
    "pair_en": {**_PAIR_EDITOR, "language": {"content": "en"}},
    "pair_zh_hans": {**_PAIR_EDITOR, "language": {"content": "zh-cn"}},
}
CK_EDITOR_5_UPLOAD_FILE_VIEW_NAME = "editor-upload-refused"
CKEDITOR_5_FILE_UPLOAD_PERMISSION = "staff"

LOGIN_URL = "admin:login"
# A signed-in session nobody uses for this many hours ends; every session still
# ends SESSION_COOKIE_AGE (two weeks) after its sign-in (accounts/sessions.py).
NEWSROOM_SESSION_IDLE_HOURS = float(os.environ.get("NEWSROOM_SESSION_IDLE_HOURS", "8"))

# Sign-in throttling (django-axes): five wrong passwords for one account, or from
# one address, pause signing in there for 15 minutes. Attempts during the pause
# are refused without being counted, so the page can say when it ends.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip_address"
# How many proxies of ours (load balancer, CDN) sit in front of the app servers.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("NEWSROOM_PROXY_COUNT", "0"))

# Workflow mail goes to the console unless a real backend is configured.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "newsroom@localhost")
# Who is mailed each server error's traceback: "Name <address>, other@example.com".
ADMINS = admins_from(os.environ.get("NEWSROOM_ADMINS", ""))
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_SUBJECT_PREFIX = "[Newsroom] "
# Absolute links in mail and in printed share links.
SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Upload limits: photos are re-encoded and audio is checked by its header as well.
NEWSROOM_MAX_IMAGE_BYTES = 20 * 1024 * 1024
NEWSROOM_MAX_AUDIO_BYTES = 100 * 1024 * 1024
NEWSROOM_MAX_AUDIO_SECONDS = 3 * 60 * 60

# Content-Security-Policy (django-csp): one policy for the public site and the admin,
# whose scripts (Django's and CKEditor 5's) all come from files too. Only our own
# scripts and styles run: no inline script or style, no plugins, no <base>, no
# framing. Scripts that are data (JSON-LD, json_script) are not run, so need nothing.
# The server error page (templates/500.html) keeps its few rules inline, so it shows
# even when static files do not; the policy allows that one style element's text.
_SERVER_ERROR_STYLE = "'sha256-B7QYQHBldbpSnU4r58H+6+7bp4m+rbURu2VQcqOzOxs='"
# Photos and narration come from the media host when MEDIA_URL names one (a bucket).
_MEDIA = urlsplit(MEDIA_URL)
_MEDIA_SOURCES = [f"{_MEDIA.scheme}://{_MEDIA.netloc}"] if _MEDIA.netloc else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, _SERVER_ERROR_STYLE],
        "img-src": [SELF, "data:", *_MEDIA_SOURCES],
        "media-src": [SELF, *_MEDIA_SOURCES],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Background work (webhook deliveries) through django-tasks. The embedded default
# keeps the queue in the database and `python manage.py db_worker` runs it; another
# backend (e.g. django_tasks_rq.RQBackend with REDIS_URL) is chosen here by name.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "NEWSROOM_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"
        ),
    }
}

# Partner content API: origins whose browser code may call it (none by default:
# partners call it from their servers, with a token that must stay secret).
NEWSROOM_API_CORS_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("NEWSROOM_API_CORS_ORIGINS", "").split(",")
    if origin.strip()
]

# Logs: JSON lines on stderr, each with its request's id (newsroom/observability.py);
# server errors are also mailed to ADMINS. The `audit` logger records refused
# permission checks and workflow moves: who, what, which article, why.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "newsroom.observability.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {"json": {"()": "newsroom.observability.JsonFormatter"}},
    "handlers": {
        "stderr": {
            "class": "newsroom.observability.StderrHandler",
            "filters": ["request_id"],
            "formatter": "json",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {
        "handlers": ["stderr"],
        "level": os.environ.get("NEWSROOM_LOG_LEVEL", "INFO"),
    },
    # Django's records go to stderr through the root as well.
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        # django-axes announces its version on every start; its sign-in
        # failures (axes.handlers) still go through.
        "axes.apps": {"level": "WARNING"},
    },
}

# Errors to Sentry as well, only when a DSN is given (sentry-sdk).
if os.environ.get("SENTRY_DSN"):
    init_sentry(
        os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=NEWSROOM_RELEASE,
    )

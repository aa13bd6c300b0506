"""Settings shared by every environment. Safe for production: secrets come from the environment."""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403  (Oscar's settings, overridden below)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("THECEN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The product
    "frontend",
    "cms_pages",
    "health",
    "demo",
    "commerce.core",
    "commerce.provenance",
    "commerce.bookings",
    "commerce.orderpayments",
    "commerce.mc",
    "commerce.membership",
    "commerce.reports",
    "commerce.portone",
    "commerce.fulfilment",
    "commerce.settlement",
    # Oscar apps, forked ones first in their Oscar position
    "commerce.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "commerce.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "commerce.shipping.apps.ShippingConfig",
    "oscar.apps.catalogue.apps.CatalogueConfig",
    "commerce.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "commerce.partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "oscar.apps.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "commerce.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "commerce.dashboard.orders.apps.OrdersDashboardConfig",
    "commerce.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Wagtail
    "wagtail_modeladmin",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "health_check",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",  # login lock-out, last so that its backend sees every app's login form
]

MIDDLEWARE = [
    "thecen.requestid.RequestIdMiddleware",  # first: every later log line carries the id
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session, CSRF and MC middleware: it sees every cookie they set.
    "thecen.cdn.CdnCacheMiddleware",
    "thecen.errors.BadInputMiddleware",  # NUL bytes in a path or form: a Korean 400
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "cms_pages.middleware.SiteLookupMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "commerce.checkout.recovery.FrozenBasketRecoveryMiddleware",  # before Oscar's basket
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "commerce.mc.middleware.AttributionMiddleware",
    "thecen.throttle.ThrottleMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thecen.urls"
WSGI_APPLICATION = "thecen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The frontend app's templates override Oscar's and Wagtail's because `frontend` comes
        # before them in INSTALLED_APPS; listing its folder in DIRS too would find each
        # override twice and render {{ block.super }} twice.
        "DIRS": [],
        "OPTIONS": {
            # App directories, with Oscar's hard-coded English screen-reader labels translated.
            "loaders": [
                ("django.template.loaders.cached.Loader", ["frontend.template_loaders.Loader"])
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "frontend.context_processors.operator",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # A connection kept open across requests is checked first: after a database restart
        # or failover the first request gets a fresh connection instead of an error.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves real requests too: write-ahead logging lets readers go on
    # while a write (a search logged, a basket saved) commits, and a write takes its lock at
    # the start of its transaction instead of failing half-way with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        transaction_mode="IMMEDIATE",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's cache holds the Site lookup, the header menu, pages' SEO fragments, Wagtail's
# renditions and the locks of `commerce.core.locks`. By default each process has its own; set
# THECEN_REDIS_URL (thecen/settings/redis.py) to share one between app servers and workers.
# THECEN_CACHE_DIR (a folder every worker of one host can write) is the single-host middle way.
if os.environ.get("THECEN_REDIS_URL"):
    from .redis import CACHES  # noqa: F401
elif os.environ.get("THECEN_CACHE_DIR"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ["THECEN_CACHE_DIR"],
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "commerce.core.auth.AxesBackend",  # refuses a locked-out login before the others
    "commerce.core.auth.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Partners (and staff) land in the dashboard they work in; others on the home page.
LOGIN_REDIRECT_URL = "/accounts/start/"
# No "Wagtail upgrade available" banner (an English call to wagtail.org from every admin home).
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Internationalisation: Korean first, English second.
LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", _("Korean")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# frontend/locale first (the storefront's words win), then the back office's translations of
# what Wagtail, modeladmin and Oscar's dashboard leave English or translate badly.
LOCALE_PATHS = [BASE_DIR / "frontend" / "locale", BASE_DIR / "thecen" / "locale"]
FORMAT_MODULE_PATH = ["frontend.formats"]  # one Korean date/time format site-wide
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True
PHONENUMBER_DEFAULT_REGION = "KR"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "frontend" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# Media on S3-compatible object storage (thecen/settings/s3.py) when THECEN_S3_BUCKET is set.
if os.environ.get("THECEN_S3_BUCKET"):
    from .s3 import S3_STORAGE

    STORAGES["default"] = S3_STORAGE
    # sorl-thumbnail (Oscar's thumbnails) writes through the default storage, then remembers
    # the thumbnail in its key-value store: in the database, so every app server knows it.
    THUMBNAIL_KVSTORE = "sorl.thumbnail.kvstores.cached_db_kvstore.KVStore"

SITE_ID = 1

# Email: the backend is chosen per environment; checkout never depends on SMTP being up.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS")
# Mail is sent by the task worker; a mail server that stops answering must not hold it forever.
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))
ADMINS = [("", address) for address in env_list("DJANGO_ADMINS")]
SERVER_EMAIL = os.environ.get("DJANGO_SERVER_EMAIL", "no-reply@thecen.kr")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "더센 <no-reply@thecen.kr>")
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Seconds the task worker waits for the SMTP server before giving up on one message.
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))
# The site's public address, for absolute links in e-mails (empty: the Wagtail default Site's).
THECEN_SITE_URL = os.environ.get("THECEN_SITE_URL", "").rstrip("/")

# Wagtail
WAGTAIL_SITE_NAME = "더센"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ALLOW_UNICODE_SLUGS = True
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"webp": "webp", "avif": "webp"}

# Pages a CDN may cache for anonymous readers (thecen/cdn.py), and for how long: prices and
# stock on them are at most this old. Publishing purges a page at once when
# THECEN_FRONTEND_CACHE_URL names the cache (an HTTP PURGE to it: Varnish, nginx, the local
# proxy of `make stack`); CloudFront/Cloudflare are other wagtail.contrib.frontend_cache backends.
THECEN_CDN_MAX_AGE = int(os.environ.get("THECEN_CDN_MAX_AGE", "60"))
# A running MC campaign's page changes most (offers, its last day): a shorter life in the cache.
THECEN_CDN_CAMPAIGN_MAX_AGE = int(os.environ.get("THECEN_CDN_CAMPAIGN_MAX_AGE", "30"))
# A cached page's form sent without JavaScript (empty token) gets a "press once more" page.
CSRF_FAILURE_VIEW = "thecen.cdn.csrf_failure"
THECEN_CDN_PAGE_TYPES = [
    "cms_pages.StoryPage",
    "cms_pages.EnterprisePage",
    "cms_pages.CampaignPage",
    "cms_pages.EventPage",
]
WAGTAILFRONTENDCACHE = {}
if os.environ.get("THECEN_FRONTEND_CACHE_URL"):
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["THECEN_FRONTEND_CACHE_URL"],
    }

# Oscar
OSCAR_SHOP_NAME = "더센"
OSCAR_SHOP_TAGLINE = _("A marketplace for the social economy")
OSCAR_HOMEPAGE = "/"
OSCAR_DEFAULT_CURRENCY = "KRW"
# KRW has no minor unit: ₩12,500, never ₩12,500.00.
OSCAR_CURRENCY_FORMAT = {"KRW": {"format": "¤#,##0", "currency_digits": False}}
OSCAR_SLUG_ALLOW_UNICODE = True
OSCAR_ALLOW_ANON_CHECKOUT = True
# Reviews: buyers only (commerce.reviews.selectors.review_eligible), read by an editor first.
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
THECEN_REVIEW_PHOTO_MAX_BYTES = int(
    os.environ.get("THECEN_REVIEW_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
)
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "postcode", "country")
OSCAR_INITIAL_ORDER_STATUS = "Awaiting deposit"
OSCAR_INITIAL_LINE_STATUS = "Awaiting deposit"
OSCAR_ORDER_STATUS_PIPELINE = {
    "Awaiting deposit": ("Paid", "Cancelled"),
    "Pay on site": ("Paid", "Cancelled"),
    "Paid": ("Being processed", "Cancelled"),
    "Being processed": ("Shipped", "Complete", "Cancelled"),
    "Shipped": ("Complete",),
    "Complete": (),
    "Cancelled": (),
}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + [  # noqa: F405
    # Partners answer questions and manage bookings; operators confirm bank transfers.
    {
        "label": _("Bookings"),
        "icon": "fas fa-calendar-check",
        "url_name": "services:dashboard-bookings",
        "access_fn": lambda user, *args: user.is_staff or user.has_perm("partner.dashboard_access"),
    },
    {
        "label": _("Membership"),
        "icon": "fas fa-id-card",
        "url_name": "membership:dashboard",
        "access_fn": lambda user, *args: user.has_perm("partner.dashboard_access"),
    },
    {
        "label": _("Shipping policy"),
        "icon": "fas fa-truck",
        "url_name": "partner_shipping:policy",
        "access_fn": lambda user, *args: user.is_staff or user.has_perm("partner.dashboard_access"),
    },
    {
        "label": _("Reviews of my products"),
        "icon": "fas fa-star",
        "url_name": "partner_reviews:list",
        "access_fn": lambda user, *args: (
            not user.is_staff and user.has_perm("partner.dashboard_access")
        ),
    },
    {
        "label": _("Sales reports"),
        "icon": "fas fa-chart-bar",
        "url_name": "sales_reports:sales",
        "access_fn": lambda user, *args: user.is_staff or user.has_perm("partner.dashboard_access"),
    },
    {
        "label": _("Settlement"),
        "icon": "fas fa-file-invoice-dollar",
        "url_name": "settlement:statements",
        "access_fn": lambda user, *args: user.is_staff or user.has_perm("partner.dashboard_access"),
    },
    {
        "label": _("Deposits"),
        "icon": "fas fa-won-sign",
        "url_name": "orderpayments:deposits",
        "access_fn": lambda user, *args: user.is_staff,
    },
    # One back office: operators and editors go on to the Wagtail admin from here.
    {
        "label": _("Content admin (stories, events, members)"),
        "icon": "fas fa-pen-nib",
        "url_name": "wagtailadmin_home",
        "access_fn": lambda user, *args: user.has_perm("wagtailadmin.access_admin"),
    },
]

HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}

# The operator's legal details, shown in every page footer (전자상거래법 표시사항).
THECEN_OPERATOR = {
    "name": os.environ.get("THECEN_OPERATOR_NAME", "더센 사회적협동조합"),
    "representative": os.environ.get("THECEN_OPERATOR_REPRESENTATIVE", "홍길동"),
    "business_number": os.environ.get("THECEN_OPERATOR_BRN", "220-81-62517"),
    "mail_order_number": os.environ.get("THECEN_OPERATOR_MAIL_ORDER_NO", "제2026-서울종로-0000호"),
    "address": os.environ.get("THECEN_OPERATOR_ADDRESS", "서울특별시 종로구 세종대로 175"),
    "phone": os.environ.get("THECEN_OPERATOR_PHONE", "02-000-0000"),
    "email": os.environ.get("THECEN_OPERATOR_EMAIL", "help@thecen.kr"),
}
# The account customers pay into by bank transfer (무통장입금).
THECEN_BANK_ACCOUNT = {
    "bank": os.environ.get("THECEN_BANK_NAME", "신협"),
    "number": os.environ.get("THECEN_BANK_ACCOUNT_NUMBER", "131-000-000000"),
    "holder": os.environ.get("THECEN_BANK_ACCOUNT_HOLDER", "더센 사회적협동조합"),
}
THECEN_DEPOSIT_DAYS = int(os.environ.get("THECEN_DEPOSIT_DAYS", "3"))

# PortOne V2 (card, easy pay, virtual account): a method is offered only when the store ID,
# the API secret and that method's channel key are set. Channel keys come as
# "card=channel-key-…,kakaopay=…,naverpay=…,tosspay=…,virtual-account=…".
THECEN_PORTONE_STORE_ID = os.environ.get("THECEN_PORTONE_STORE_ID", "")
THECEN_PORTONE_CHANNEL_KEYS = dict(
    item.strip().split("=", 1)
    for item in os.environ.get("THECEN_PORTONE_CHANNEL_KEYS", "").split(",")
    if "=" in item
)
THECEN_PORTONE_API_SECRET = os.environ.get("THECEN_PORTONE_API_SECRET", "")
THECEN_PORTONE_WEBHOOK_SECRET = os.environ.get("THECEN_PORTONE_WEBHOOK_SECRET", "")
THECEN_PORTONE_API_URL = os.environ.get("THECEN_PORTONE_API_URL", "https://api.portone.io")
# The payment window script the browser SDK loads (empty: PortOne's own).
THECEN_PORTONE_WINDOW_URL = os.environ.get("THECEN_PORTONE_WINDOW_URL", "")
# Seconds to wait for PortOne's API.
THECEN_PORTONE_TIMEOUT = float(os.environ.get("THECEN_PORTONE_TIMEOUT", "10"))
# A payment PortOne told us about this many minutes ago with no order placed for it is given
# back by `manage.py portone_orphans_sweep` (the shopper paid and never came back).
THECEN_PORTONE_ORPHAN_MINUTES = int(os.environ.get("THECEN_PORTONE_ORPHAN_MINUTES", "30"))

# Services: a reserved place is held this long while the customer checks out.
THECEN_BOOKING_HOLD_MINUTES = int(os.environ.get("THECEN_BOOKING_HOLD_MINUTES", "15"))
# MC links (?mc=CODE): the attribution cookie lives this long; the last MC clicked wins.
THECEN_MC_COOKIE_DAYS = int(os.environ.get("THECEN_MC_COOKIE_DAYS", "30"))
# MC commission is pending until the return window has passed, then confirmed.
THECEN_MC_CONFIRM_DAYS = int(os.environ.get("THECEN_MC_CONFIRM_DAYS", "7"))
# A delivered line is confirmed (and becomes settleable) this many days after delivery.
THECEN_PURCHASE_CONFIRM_DAYS = int(os.environ.get("THECEN_PURCHASE_CONFIRM_DAYS", "7"))
# 청약철회: a delivered line may be returned or exchanged within this many days.
THECEN_RETURN_DAYS = int(os.environ.get("THECEN_RETURN_DAYS", "7"))
# Partner statements cover a week (Monday–Sunday) or a calendar month.
THECEN_SETTLEMENT_PERIOD = os.environ.get("THECEN_SETTLEMENT_PERIOD", "monthly")
# The platform fee (%) for a partner whose grade has no rate set by the operators.
THECEN_SETTLEMENT_DEFAULT_FEE_RATE = os.environ.get("THECEN_SETTLEMENT_DEFAULT_FEE_RATE", "10")
# Partner membership: the operating principles and ethics code applicants accept.
THECEN_PRINCIPLES_VERSION = os.environ.get("THECEN_PRINCIPLES_VERSION", "2026-01")
THECEN_ETHICS_VERSION = os.environ.get("THECEN_ETHICS_VERSION", "2026-01")
THECEN_TERMS_VERSION = os.environ.get("THECEN_TERMS_VERSION", "2026-12")
THECEN_PRIVACY_CONSENT_VERSION = os.environ.get("THECEN_PRIVACY_CONSENT_VERSION", "2026-12")
# Days after the dues due date before a partner's listings are suspended.
# MC payout data (account numbers, resident registration numbers) is encrypted at rest by
# django-fernet-encrypted-fields with keys derived from SECRET_KEY (+ SECRET_KEY_FALLBACKS
# when rotating) and these salts; the first salt encrypts, every one decrypts.
SALT_KEY = env_list("THECEN_FIELD_ENCRYPTION_SALT", "thecen-payout-data")

THECEN_DUES_GRACE_DAYS = int(os.environ.get("THECEN_DUES_GRACE_DAYS", "30"))
# Days a health self-check result is kept when a signed-in person chooses to save it.
THECEN_HEALTH_RETENTION_DAYS = int(os.environ.get("THECEN_HEALTH_RETENTION_DAYS", "365"))

# Search engine: used when its URL is set; otherwise the database serves search.
# One URL, or several nodes of a cluster separated by commas (the client spreads requests and
# skips a node that is down).
THECEN_SEARCH_URL = os.environ.get("THECEN_SEARCH_URL", "")
# Managed clusters: a CA bundle for their certificate and an API key (`Authorization: ApiKey …`)
# or a user and password.
THECEN_SEARCH_CA_CERTS = os.environ.get("THECEN_SEARCH_CA_CERTS", "")
THECEN_SEARCH_API_KEY = os.environ.get("THECEN_SEARCH_API_KEY", "")
THECEN_SEARCH_USER = os.environ.get("THECEN_SEARCH_USER", "")
THECEN_SEARCH_PASSWORD = os.environ.get("THECEN_SEARCH_PASSWORD", "")
# Primary shards and replica copies of each new index; replicas must be below the node count
# (one replica on a 3-node cluster keeps the index green when one node is lost).
THECEN_SEARCH_SHARDS = int(os.environ.get("THECEN_SEARCH_SHARDS", "1"))
THECEN_SEARCH_REPLICAS = int(os.environ.get("THECEN_SEARCH_REPLICAS", "0"))
THECEN_SEARCH_INDEX_PREFIX = os.environ.get("THECEN_SEARCH_INDEX_PREFIX", "thecen")
THECEN_SEARCH_TIMEOUT = float(os.environ.get("THECEN_SEARCH_TIMEOUT", "3"))
# After the node fails to answer, searches use the database for this many seconds.
THECEN_SEARCH_RETRY_AFTER = float(os.environ.get("THECEN_SEARCH_RETRY_AFTER", "15"))

# /-/health/ fails when the oldest queued task has waited longer than this (no worker running).
THECEN_HEALTH_TASK_AGE_MINUTES = int(os.environ.get("THECEN_HEALTH_TASK_AGE_MINUTES", "10"))

# Background work (search indexing): django-tasks, queued in the database and run by
# `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# JSON lines with the request id (thecen/settings/logs.py); THECEN_LOG_FORMAT=text for people.
from .logs import LOGGING  # noqa: E402, F401

# Error reports to Sentry, only when SENTRY_DSN is set (thecen/settings/sentry.py).
if os.environ.get("SENTRY_DSN"):
    from . import sentry  # noqa: F401, E402

# Login lock-out (django-axes), on every login form (/accounts/, /dashboard/, /cms/): after
# THECEN_LOGIN_FAILURES wrong passwords for one account from one address, that pair is locked
# for THECEN_LOGIN_COOLOFF_MINUTES. Locking by account and address together keeps one attacker
# from locking a partner out everywhere, and a shared proxy address from locking everyone.
AXES_FAILURE_LIMIT = int(os.environ.get("THECEN_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(
    minutes=int(os.environ.get("THECEN_LOGIN_COOLOFF_MINUTES", "15"))
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
AXES_VERBOSE = False
# How many proxies stand in front of the app servers; the client is read from X-Forwarded-For
# accordingly (thecen/clientip.py), for the lock-out above and the limits below alike.
THECEN_PROXY_HOPS = int(os.environ.get("THECEN_PROXY_HOPS", "0"))
AXES_CLIENT_IP_CALLABLE = "thecen.clientip.client_ip"
RATELIMIT_IP_META_KEY = "thecen.clientip.client_ip"

# Per-client limits on the public forms (thecen/throttle.py): (name, path pattern, rate).
THECEN_THROTTLE = [
    ("partner-apply", r"^/partners/apply/$", "5/h"),
    ("mc-apply", r"^/mc/apply/$", "5/h"),
    ("signup", r"^/accounts/(login|register)/$", "10/h"),
    ("password-reset", r"^/password-reset/$", "5/h"),
    ("consultation", r"^/services/\d+/ask/$", "20/h"),
    ("event-register", r"/register/$", "10/h"),
    ("group", r"/(join|message)/$", "30/h"),
    ("review", r"/reviews/add/$", "10/h"),
    ("stock-alert", r"^/accounts/alerts/create/\d+/$", "10/h"),
]

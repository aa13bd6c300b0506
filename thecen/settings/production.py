"""Production: everything secret or site-specific must come from the environment.

The site runs behind a proxy that ends TLS (nginx, a load balancer) and says so in
``X-Forwarded-Proto``; every plain-HTTP request is redirected to HTTPS, browsers are told to
use HTTPS only (HSTS), and every page carries a Content-Security-Policy (django-csp) that the
site's own pages pass. ``manage.py check --deploy`` prints no warning with these settings and
a proper secret key (tests/security/test_production_settings.py).
"""

import base64
import hashlib

from csp.constants import NONCE, NONE, SELF, UNSAFE_HASHES, UNSAFE_INLINE
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX,
    SECRET_KEY_MIN_LENGTH,
    SECRET_KEY_MIN_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

# A short, repetitive or generated-for-development key can be guessed, and with it every
# session, password-reset link and signed MC cookie can be forged: refuse to start.
if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH  # noqa: F405
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS  # noqa: F405
    or SECRET_KEY.startswith(SECRET_KEY_INSECURE_PREFIX)  # noqa: F405
):
    raise ImproperlyConfigured(
        f"DJANGO_SECRET_KEY is too weak: use at least {SECRET_KEY_MIN_LENGTH} random characters "
        f"(not a '{SECRET_KEY_INSECURE_PREFIX}' development key), e.g. "
        '`python -c "import secrets; print(secrets.token_urlsafe(64))"`.'
    )

# HTTPS: the proxy ends TLS and sets X-Forwarded-Proto; it must overwrite a client's own value.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The same proxy appends the client's address to X-Forwarded-For; with a CDN in front of it,
# set THECEN_PROXY_HOPS=2 (thecen/clientip.py).
THECEN_PROXY_HOPS = int(os.environ.get("THECEN_PROXY_HOPS", "1"))  # noqa: F405
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)  # noqa: F405
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# Nothing of the site is framed by another page; Wagtail's preview frames itself and says so.
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy. Scripts: the site's own files and the one inline script of the
# layout, which carries the request's nonce; Oscar's few inline handlers (print, back, view
# basket) and the campaign page's "select the link" are allowed by their exact hashes only.
# Inline styles stay allowed (a bar's width; the error pages, which need nothing else).
CSP_SCRIPT_HANDLERS = [
    "this.select()",
    "window.print()",
    "window.history.go(-1);return false",
    "history.go(-1);return false",
    "javascript:history.go(-1);",
    "window.location.href='/basket/';",
]


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


_INLINE_HANDLER_HASHES = [_csp_hash(source) for source in CSP_SCRIPT_HANDLERS]
_PUBLIC_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, NONCE, UNSAFE_HASHES, *_INLINE_HANDLER_HASHES],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
# Extra sources a deployment adds (a payment window's script, an image CDN), comma-separated:
# THECEN_CSP_SCRIPT_SRC, THECEN_CSP_IMG_SRC, THECEN_CSP_CONNECT_SRC, THECEN_CSP_FRAME_SRC.
for _directive in ("script-src", "img-src", "connect-src", "frame-src"):
    _PUBLIC_DIRECTIVES[_directive] += env_list(f"THECEN_CSP_{_directive.upper().replace('-', '_')}")  # noqa: F405

INSTALLED_APPS = [*INSTALLED_APPS, "csp"]  # noqa: F405
MIDDLEWARE = [*MIDDLEWARE, "csp.middleware.CSPMiddleware"]  # noqa: F405
# The back office (Wagtail's and Oscar's admin, behind a login) relies on inline scripts it
# does not nonce; the policy covers every public page and the shopper's account pages.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/cms/", "/dashboard/", "/django-admin/"],
    "DIRECTIVES": _PUBLIC_DIRECTIVES,
}

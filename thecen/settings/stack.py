"""The production-like stack on one machine (`make stack`, tests/stack/): production settings,
served over plain HTTP on 127.0.0.1, so cookies cannot be "Secure"-only and nothing redirects
to HTTPS. Everything else (Redis, S3, the search cluster) comes from the environment exactly
as in production; tools/stack/stack.sh sets it.
"""

from .production import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SECURE_PROXY_SSL_HEADER = None
# Mail from the task worker lands in files (one per message) instead of a mail server.
EMAIL_FILE_PATH = os.environ.get("DJANGO_EMAIL_FILE_PATH", str(VAR_DIR / "stack-mail"))  # noqa: F405

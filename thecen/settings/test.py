"""Tests: fast hashing, in-memory email, a throwaway media folder."""

import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405  (SQLite file, media)
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="thecen-media-"))  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
THECEN_SEARCH_INDEX_PREFIX = os.environ.get("THECEN_SEARCH_INDEX_PREFIX", f"test-{os.getpid()}")  # noqa: F405
# Background tasks run at once, inside the test.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}  # noqa: F405

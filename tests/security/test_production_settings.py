"""Production settings: `check --deploy` is clean with a proper secret, a weak secret stops the
start, and the responses carry HSTS, the HTTPS redirect and a Content-Security-Policy."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

PROPER_KEY = secrets.token_urlsafe(64)


def production_env(**extra) -> dict:
    """This environment, as a deployment would have it (no test-only switches)."""
    drop = {"DJANGO_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    return {**env, **extra}


def database_url(connection) -> str:
    """The pytest database, so the production process reads the migrated tables."""
    s = connection.settings_dict
    return f"postgresql://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def manage(*args, key: str | None):
    env = production_env()
    env["DJANGO_SETTINGS_MODULE"] = "thecen.settings.production"
    if key is not None:
        env["DJANGO_SECRET_KEY"] = key
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_prints_no_warning_with_a_proper_secret():
    result = manage("check", "--deploy", "--fail-level", "WARNING", key=PROPER_KEY)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "key",
    [
        None,
        "",
        "short-but-random-Zq8",
        "django-insecure-" + secrets.token_urlsafe(64),
        "ab" * 40,  # long, but only two characters
    ],
    ids=["missing", "empty", "short", "django-insecure", "repetitive"],
)
def test_a_weak_secret_key_refuses_to_start(key):
    result = manage("check", key=key)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_responses_redirect_to_https_and_carry_hsts_and_csp(postgres):
    """The settings module itself, loaded in a fresh interpreter, answering through the test
    client: plain HTTP is redirected; over the proxy's HTTPS the page carries the headers."""
    code = """
import django, os
django.setup()
from django.test import Client, override_settings
from django.test.utils import setup_test_environment
setup_test_environment()
# collectstatic is not run here: plain static storage, the rest as in production.
override_settings(STORAGES={
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
c = Client()
r = c.get("/accounts/login/")
print("plain", r.status_code, r.get("Location"))
r = c.get("/accounts/login/", headers={"x-forwarded-proto": "https"})
print("https", r.status_code)
print("hsts", r.get("Strict-Transport-Security"))
print("csp", r.get("Content-Security-Policy"))
r = c.get("/dashboard/login/", headers={"x-forwarded-proto": "https"})
print("backoffice-csp", r.get("Content-Security-Policy"))
"""
    env = production_env(
        DJANGO_SETTINGS_MODULE="thecen.settings.production",
        DJANGO_SECRET_KEY=PROPER_KEY,
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=database_url(postgres),
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    out = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert "https" in out, result.stdout + result.stderr[-3000:]

    assert out.get("plain") == "301 https://testserver/accounts/login/", result.stderr
    assert out["https"] == "200"
    assert out["hsts"] == "max-age=31536000; includeSubDomains; preload"
    csp = out["csp"]
    assert "default-src 'self'" in csp
    assert "script-src 'self' 'nonce-" in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'self'" in csp
    assert out["backoffice-csp"] == "None"

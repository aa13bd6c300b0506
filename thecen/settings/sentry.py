"""Error reports to Sentry: initialised only when SENTRY_DSN is set (base.py imports this then)."""

import os

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration

sentry_sdk.init(
    dsn=os.environ["SENTRY_DSN"],
    environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
    release=os.environ.get("SENTRY_RELEASE") or None,
    integrations=[DjangoIntegration()],
    traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    # Health answers and addresses are personal data: never send them.
    send_default_pii=False,
)

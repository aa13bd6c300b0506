"""Logging: one JSON object per line with the request id, or plain text (THECEN_LOG_FORMAT).

`thecen.requestid.RequestIdMiddleware` takes the id from the proxy's X-Request-ID header (or
makes one) and the filter below adds it to every record logged while the request runs, so one
request's lines can be found across the proxy, the app servers and the task worker.
"""

import os

LOG_FORMAT = os.environ.get("THECEN_LOG_FORMAT", "json")
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "INFO")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "thecen.requestid.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT if LOG_FORMAT in {"json", "text"} else "json",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # One line per request comes from gunicorn's access log; Django's own request
        # logger only adds 4xx/5xx lines.
        "django.request": {"level": "WARNING"},
        "django.db.backends": {"level": "WARNING"},
        "opensearch": {"level": "WARNING"},
        "botocore": {"level": "WARNING"},
        "urllib3": {"level": "WARNING"},
    },
}

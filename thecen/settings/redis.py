"""Shared cache on Redis: used when THECEN_REDIS_URL is set (base.py imports this module then).

Every app server and worker sees the same Site lookup, menu, SEO fragments and locks
(`commerce.core.locks`). Redis never culls a key that has no expiry unless memory runs out
(tools/redis.sh and deploy/ use `allkeys-lru` with room to spare), unlike the file cache,
which dropped the site lookup's never-expiring generation key at random.
"""

import os

THECEN_REDIS_URL = os.environ["THECEN_REDIS_URL"]

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": THECEN_REDIS_URL,
        "KEY_PREFIX": os.environ.get("THECEN_CACHE_PREFIX", "thecen"),
        "OPTIONS": {
            # A cache that is down must not hang requests for long.
            "socket_connect_timeout": float(os.environ.get("THECEN_REDIS_TIMEOUT", "2")),
            "socket_timeout": float(os.environ.get("THECEN_REDIS_TIMEOUT", "2")),
        },
    }
}

"""Locks that hold across processes and hosts, through Django's cache (Redis in production).

``cache.add`` writes a key only if it is absent, atomically on Redis (SET NX), so of two runs
that start together exactly one gets the lock. The key expires after ``ttl`` seconds, so a run
killed half-way does not block the next day's run for ever. Without Redis the cache is the
process's own and the lock only holds within one process; the daily jobs then still do their
work idempotently.
"""

from __future__ import annotations

import contextlib
import functools
import uuid
from collections.abc import Iterator

from django.core.cache import cache

PREFIX = "lock:"


class LockHeld(Exception):
    """Another run holds the lock."""


def lock_acquire(*, name: str, ttl: int) -> str | None:
    """The token that proves we hold ``name``, or None when someone else holds it."""
    token = uuid.uuid4().hex
    return token if cache.add(PREFIX + name, token, ttl) else None


def lock_release(*, name: str, token: str) -> None:
    # Only the holder releases: after an expiry another run may hold the key by now.
    if cache.get(PREFIX + name) == token:
        cache.delete(PREFIX + name)


@contextlib.contextmanager
def lock_hold(name: str, *, ttl: int = 3600) -> Iterator[None]:
    """Run the block only if nobody else runs it; raise :class:`LockHeld` otherwise."""
    token = lock_acquire(name=name, ttl=ttl)
    if token is None:
        raise LockHeld(name)
    try:
        yield
    finally:
        lock_release(name=name, token=token)


def exclusive(name: str, *, ttl: int = 3600):
    """Decorator form of :func:`lock_hold`."""

    def wrap(func):
        @functools.wraps(func)
        def run(*args, **kwargs):
            with lock_hold(name, ttl=ttl):
                return func(*args, **kwargs)

        return run

    return wrap

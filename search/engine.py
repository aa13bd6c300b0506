"""The search engine client: OpenSearch reached with opensearch-py.

Documents, mappings and queries are written with elasticsearch-dsl objects and sent as plain
dictionaries (``.to_dict()``): the `elasticsearch` client refuses to talk to OpenSearch, so
nothing here calls the DSL's ``execute()``/``save()``/``init()``.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import time

from django.conf import settings
from opensearchpy import OpenSearch
from opensearchpy import exceptions as os_exceptions

logger = logging.getLogger(__name__)

# The alias readers and writers use; the concrete indices behind it are named `<alias>-<stamp>`.
CONTENT = "content"


class SearchUnavailable(Exception):
    """The engine is not configured, not reachable, or answered with an error."""


def is_configured() -> bool:
    return bool(getattr(settings, "THECEN_SEARCH_URL", ""))


def hosts(url: str) -> list[str]:
    """THECEN_SEARCH_URL: one node, or a cluster's nodes separated by commas."""
    return [host.strip() for host in url.split(",") if host.strip()]


@functools.lru_cache(maxsize=8)
def _client_for(
    url: str,
    timeout: float,
    ca_certs: str = "",
    api_key: str = "",
    user: str = "",
    password: str = "",
) -> OpenSearch:
    nodes = hosts(url)
    options: dict = {}
    if ca_certs:
        options.update(use_ssl=True, verify_certs=True, ca_certs=ca_certs)
    if api_key:
        options["headers"] = {"Authorization": f"ApiKey {api_key}"}
    elif user:
        options["http_auth"] = (user, password)
    return OpenSearch(
        hosts=nodes,
        timeout=timeout,
        # With several nodes a request that finds one down is retried on the next ones (the
        # dead node rests outside the pool for dead_timeout); one node has nothing to retry on.
        max_retries=len(nodes) - 1,
        # A timed-out write may still have been applied (an index created): never repeat it.
        retry_on_timeout=False,
        # A node that failed rests 10 s, 20 s at most after repeated failures, then is tried again.
        dead_timeout=10,
        timeout_cutoff=2,
        **options,
    )


def get_client() -> OpenSearch:
    if not is_configured():
        raise SearchUnavailable("THECEN_SEARCH_URL is not set")
    return _client_for(
        settings.THECEN_SEARCH_URL,
        float(settings.THECEN_SEARCH_TIMEOUT),
        getattr(settings, "THECEN_SEARCH_CA_CERTS", ""),
        getattr(settings, "THECEN_SEARCH_API_KEY", ""),
        getattr(settings, "THECEN_SEARCH_USER", ""),
        getattr(settings, "THECEN_SEARCH_PASSWORD", ""),
    )


def alias_name(name: str = CONTENT) -> str:
    return f"{settings.THECEN_SEARCH_INDEX_PREFIX}-{name}"


@contextlib.contextmanager
def engine_errors():
    """Turn the client's transport failures into :class:`SearchUnavailable`."""
    try:
        yield
    except (os_exceptions.ConnectionError, os_exceptions.ConnectionTimeout) as exc:
        raise SearchUnavailable(f"search node unreachable: {exc}") from exc
    except os_exceptions.TransportError as exc:
        raise SearchUnavailable(f"search node error: {exc}") from exc
    except os_exceptions.OpenSearchException as exc:
        raise SearchUnavailable(str(exc)) from exc


def concrete_indices(name: str = CONTENT) -> list[str]:
    """Every concrete index of ``name``: the live one and any being rebuilt."""
    client = get_client()
    with engine_errors():
        found = client.indices.get(index=f"{alias_name(name)}-*", ignore_unavailable=True)
    return sorted(found)


def live_indices(name: str = CONTENT) -> list[str]:
    client = get_client()
    with engine_errors():
        if not client.indices.exists_alias(name=alias_name(name)):
            return []
        return sorted(client.indices.get_alias(name=alias_name(name)))


# Readers should not each wait for a node that stopped answering: after a connection
# failure, reads go straight to the database fallback for a short while.
_unreachable_until: dict[str, float] = {}


def search_raw(body: dict, *, name: str = CONTENT) -> dict:
    url = settings.THECEN_SEARCH_URL
    if _unreachable_until.get(url, 0.0) > time.monotonic():
        raise SearchUnavailable("search node unreachable a moment ago")
    client = get_client()
    try:
        with engine_errors():
            return client.search(index=alias_name(name), body=body)
    except SearchUnavailable as exc:
        if isinstance(exc.__cause__, os_exceptions.ConnectionError):  # timeouts included
            pause = float(getattr(settings, "THECEN_SEARCH_RETRY_AFTER", 15))
            _unreachable_until[url] = time.monotonic() + pause
        raise

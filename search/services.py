"""Writes to the search index and to the query log."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from opensearchpy import helpers

from commerce.core.locks import exclusive
from search import analysis, documents, engine
from search.engine import engine_errors, get_client
from search.models import SearchQuery
from search.registry import registry
from search.selectors import synonym_rules

logger = logging.getLogger(__name__)

# Creating an index (with replicas, on a cluster) waits for its shards to start: give the
# admin calls more time than a search gets.
ADMIN_TIMEOUT = 60


def _new_index_name() -> str:
    return f"{engine.alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"


def search_index_ensure() -> str:
    """The live index, created (empty, behind the alias) if there is none yet."""
    live = engine.live_indices()
    if live:
        return live[0]
    client = get_client()
    name = _new_index_name()
    with engine_errors():
        client.indices.create(
            index=name,
            body=documents.index_body(name, rules=synonym_rules()),
            request_timeout=ADMIN_TIMEOUT,
        )
        client.indices.put_alias(index=name, name=engine.alias_name())
    return name


def _write(actions: list[dict], *, indices: list[str], refresh: bool) -> None:
    client = get_client()
    ops = [{**action, "_index": index} for index in indices for action in actions]
    if not ops:
        return
    with engine_errors():
        _ok, errors = helpers.bulk(
            client, ops, raise_on_error=False, refresh=refresh, max_retries=0
        )
    real = [e for e in errors if list(e.values())[0].get("status") != 404]
    if real:
        raise engine.SearchUnavailable(f"bulk indexing failed: {real[:3]}")


def search_objects_sync(*, kind: str, pks: Iterable, refresh: bool = False) -> dict[str, int]:
    """Make the index true for these objects: (re)index the findable ones, drop the others.

    Writes go to every concrete index, so a rebuild running at the same time sees them too.
    """
    builder = registry[kind]
    pks = list(pks)
    findable = list(builder.get_queryset().filter(pk__in=pks))
    found = {str(obj.pk) for obj in findable}
    actions = [
        {"_op_type": "index", "_id": doc_id, "_source": body}
        for doc_id, body in builder.documents(findable)
    ]
    actions += [
        {"_op_type": "delete", "_id": builder.doc_id(pk)} for pk in pks if str(pk) not in found
    ]
    indices = engine.concrete_indices()
    if not indices:
        # No index yet: a partial one would hide everything else, so the database keeps
        # serving search until `search_reindex` builds the whole index.
        return {"indexed": 0, "removed": 0}
    _write(actions, indices=indices, refresh=refresh)
    return {"indexed": len(found), "removed": len(pks) - len(found)}


def _batches(queryset, *, size: int):
    """The queryset in primary-key order, ``size`` rows at a time, each batch found by keyset
    (``pk > last``) from the index: OFFSET would read and skip every row before the batch, so
    a whole rebuild would cost the square of the table."""
    queryset = queryset.order_by("pk")
    last = None
    while True:
        chunk = list(queryset.filter(pk__gt=last)[:size] if last is not None else queryset[:size])
        if not chunk:
            return
        yield chunk
        if len(chunk) < size:
            return
        last = chunk[-1].pk


@exclusive("search-reindex", ttl=4 * 3600)
def search_reindex(*, batch_size: int = 500, on_built=None) -> str:
    """Build a fresh index from the database, then point the alias at it in one step.

    Readers keep using the old index until the switch; old indices are deleted after it.
    One run at a time (a lock in the shared cache): a second run would delete the first
    one's new index as stale, and raises ``LockHeld`` instead.
    """
    client = get_client()
    name = _new_index_name()
    with engine_errors():
        client.indices.create(
            index=name,
            body=documents.index_body(name, rules=synonym_rules()),
            request_timeout=ADMIN_TIMEOUT,
        )
    for builder in registry:
        for chunk in _batches(builder.get_queryset(), size=batch_size):
            actions = [
                {"_op_type": "index", "_id": doc_id, "_source": body}
                for doc_id, body in builder.documents(chunk)
            ]
            _write(actions, indices=[name], refresh=False)
    alias = engine.alias_name()
    with engine_errors():
        client.indices.refresh(index=name)
        if on_built:
            on_built(name)
        old = engine.live_indices()
        swap = [{"remove": {"index": index, "alias": alias}} for index in old]
        swap.append({"add": {"index": name, "alias": alias}})
        client.indices.update_aliases(body={"actions": swap}, request_timeout=ADMIN_TIMEOUT)
        stale = [index for index in engine.concrete_indices() if index != name]
        if stale:
            client.indices.delete(index=",".join(stale), ignore_unavailable=True)
    return name


@dataclass
class CheckReport:
    missing: dict[str, list[str]] = field(default_factory=dict)
    stale: dict[str, list[str]] = field(default_factory=dict)
    extra: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (any(self.missing.values()) or any(self.stale.values()) or self.extra)


def search_check(*, repair: bool = False) -> CheckReport:
    """Compare the index with the database: missing, stale and extra documents."""
    client = get_client()
    alias = engine.alias_name()
    search_index_ensure()
    with engine_errors():
        indexed = {
            hit["_id"]: hit["_source"].get("fingerprint")
            for hit in helpers.scan(
                client, index=alias, query={"_source": ["fingerprint"]}, size=1000
            )
        }
    report = CheckReport()
    expected: set[str] = set()
    for builder in registry:
        missing, stale = [], []
        for doc_id, body in builder.documents(builder.get_queryset().iterator(chunk_size=500)):
            expected.add(doc_id)
            if doc_id not in indexed:
                missing.append(body["object_id"])
            elif indexed[doc_id] != body["fingerprint"]:
                stale.append(body["object_id"])
        report.missing[builder.kind] = missing
        report.stale[builder.kind] = stale
    report.extra = sorted(set(indexed) - expected)
    if repair and not report.ok:
        for builder in registry:
            pks = report.missing[builder.kind] + report.stale[builder.kind]
            if pks:
                search_objects_sync(kind=builder.kind, pks=pks)
        if report.extra:
            _write(
                [{"_op_type": "delete", "_id": doc_id} for doc_id in report.extra],
                indices=engine.concrete_indices(),
                refresh=False,
            )
        with engine_errors():
            client.indices.refresh(index=alias)
    return report


def search_synonyms_push() -> list[str]:
    """Give every concrete index the synonym list editors keep, without reindexing.

    The synonyms are a search-time filter: each index is closed, given the new filter and
    opened again (a second or so, during which search falls back to the database).
    """
    rules = synonym_rules()
    client = get_client()
    settings_body = {
        "analysis": {"filter": {analysis.SYNONYM_FILTER: analysis.synonym_filter_body(rules)}}
    }
    indices = engine.concrete_indices()
    with engine_errors():
        for index in indices:
            client.indices.close(index=index)
            try:
                client.indices.put_settings(index=index, body=settings_body)
            finally:
                client.indices.open(index=index, wait_for_active_shards=1)
        if indices:
            client.cluster.health(
                index=",".join(indices), wait_for_status="yellow", request_timeout=35
            )
    return indices


def search_query_record(*, query: str, result_count: int, backend: str) -> None:
    query = " ".join(query.split())[:200]
    if query:
        SearchQuery.objects.create(query=query, result_count=result_count, backend=backend)

"""A 3-node search cluster with one replica loses a node: search and indexing carry on.

The node that holds the index's primary shard is stopped while searches run and while new
products are indexed: every search is answered by the cluster (never the database fallback),
no indexed document is lost, and the cluster is green again once the node is back.
"""

import os
import subprocess
import threading
import time
import uuid

import pytest

from search import engine
from search.services import search_objects_sync, search_reindex
from tests.factories.search import product
from tests.stack.conftest import REPO

pytestmark = [pytest.mark.stack, pytest.mark.search_engine, pytest.mark.django_db]


def node_sh(*args: str, port: int) -> None:
    subprocess.run(
        ["bash", "tools/searchnode/node.sh", *args],
        cwd=REPO,
        env={**os.environ, "SEARCH_NODE_COUNT": "3", "SEARCH_NODE_PORT": str(port)},
        check=True,
        capture_output=True,
        timeout=600,
    )


def wait_for(client, *, status: str, nodes: int, index: str | None = None) -> dict:
    """Cluster health once it is `status` with `nodes` nodes (each ask waits 30 s on the server)."""
    for _ in range(6):
        health = client.cluster.health(
            index=index, wait_for_status=status, wait_for_nodes=str(nodes), request_timeout=45
        )
        if not health["timed_out"]:
            break
    return health


@pytest.fixture
def cluster(stack, settings):
    settings.THECEN_SEARCH_URL = stack.env["THECEN_SEARCH_URL"]
    settings.THECEN_SEARCH_INDEX_PREFIX = f"clustertest-{uuid.uuid4().hex[:8]}"
    settings.THECEN_SEARCH_REPLICAS = 1
    settings.THECEN_SEARCH_TIMEOUT = 10
    engine._unreachable_until.clear()
    yield int(stack.env["THECEN_SEARCH_URL"].split(",")[0].rsplit(":", 1)[1])
    client = engine.get_client()
    for index in client.indices.get(index=f"{settings.THECEN_SEARCH_INDEX_PREFIX}-*"):
        client.indices.delete(index=index)


def test_search_and_indexing_go_on_through_a_node_loss_and_the_cluster_heals(cluster):
    base_port = cluster
    # given: products indexed on the cluster, the index green (primary + replica)
    for i in range(20):
        product(f"협동조합 꾸러미 {i}", price=10000 + i)
    search_reindex()
    client = engine.get_client()
    alias = engine.alias_name()
    assert wait_for(client, status="green", nodes=3, index=alias)["status"] == "green"
    before = client.count(index=alias)["count"]
    primary = next(
        shard["node"]
        for shard in client.cat.shards(index=alias, format="json")
        if shard["prirep"] == "p"
    )
    node = int(primary.removeprefix("node-")) - base_port + 1

    # when: readers keep searching while that node stops and new goods are indexed
    answers, failures, stop = [], [], threading.Event()

    def read():
        while not stop.is_set():
            try:
                found = engine.search_raw({"query": {"match_all": {}}, "size": 0})
                answers.append(found["hits"]["total"]["value"])
            except engine.SearchUnavailable as exc:
                failures.append(repr(exc))
            time.sleep(0.05)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        stopping = subprocess.Popen(
            ["bash", "tools/searchnode/node.sh", "stop-node", str(node)],
            cwd=REPO,
            env={**os.environ, "SEARCH_NODE_COUNT": "3", "SEARCH_NODE_PORT": str(base_port)},
            stdout=subprocess.DEVNULL,
        )
        during = [product(f"새로 들어온 상품 {i}", price=5000) for i in range(5)]
        search_objects_sync(kind="product", pks=[p.pk for p in during])
        stopping.wait(timeout=120)
        after = [product(f"새로 들어온 상품 {i}", price=5000) for i in range(5, 10)]
        search_objects_sync(kind="product", pks=[p.pk for p in after], refresh=True)
        time.sleep(1)
    finally:
        stop.set()
        reader.join(timeout=30)

    # then: every search was answered by the cluster, nothing indexed was lost
    assert failures == []
    assert len(answers) > 10
    assert min(answers) >= before
    client.indices.refresh(index=alias)
    assert client.count(index=alias)["count"] == before + 10
    assert engine.get_client().cluster.health()["number_of_nodes"] == 2

    # and: the node comes back and the cluster is green again
    node_sh("start-node", str(node), port=base_port)
    healed = wait_for(engine.get_client(), status="green", nodes=3)
    assert healed["status"] == "green" and healed["number_of_nodes"] == 3
    assert client.count(index=alias)["count"] == before + 10

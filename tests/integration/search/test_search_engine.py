"""The foundation: an index built from an elasticsearch-dsl document, on the real node."""

import uuid

import pytest
from elasticsearch_dsl import Search
from opensearchpy import OpenSearch

from search.documents import content_document, index_body


@pytest.mark.search_engine
def test_a_korean_document_is_found_by_a_korean_word(search_url):
    client = OpenSearch(hosts=[search_url], timeout=10)
    name = f"test-foundation-{uuid.uuid4().hex[:8]}"
    client.indices.create(index=name, body=index_body(name))
    try:
        doc = content_document()(
            kind="service", title="어르신 방문 돌봄서비스를 신청하세요", body="마을 돌봄 협동조합"
        )
        client.index(index=name, id="service-1", body=doc.to_dict(), refresh=True)

        search = Search().query("match", title="돌봄")
        raw = client.search(index=name, body=search.to_dict())

        assert [hit["_id"] for hit in raw["hits"]["hits"]] == ["service-1"]
    finally:
        client.indices.delete(index=name)

"""The one document every kind of content becomes, and the index that holds it."""

from elasticsearch_dsl import Boolean, Date, Document, Float, Index, Keyword, Text

from search import analysis


class ContentDocument(Document):
    """A story, a product, a service, an event... all searched together."""

    kind = Keyword()
    object_id = Keyword()
    title = Text(
        analyzer=analysis.ko_index(),
        search_analyzer=analysis.ko_search(),
        fields={
            "prefix": Text(
                analyzer=analysis.ko_prefix(), search_analyzer=analysis.ko_prefix_search()
            ),
            "raw": Keyword(),
        },
    )
    body = Text(analyzer=analysis.ko_index(), search_analyzer=analysis.ko_search())
    # Names around the thing: enterprise, categories. Searchable, weighted between the two.
    tags = Text(analyzer=analysis.ko_index(), search_analyzer=analysis.ko_search())
    url = Keyword(index=False)
    image_url = Keyword(index=False)
    price = Float()
    currency = Keyword()
    in_stock = Boolean()
    service_group = Keyword()
    region = Keyword()
    enterprise = Keyword()
    enterprise_type = Keyword()
    category_paths = Keyword()
    published_at = Date()
    # Events: when they start (shown on the hit) and end (ended ones are not shown).
    starts_at = Date()
    ends_at = Date()
    fingerprint = Keyword()


def build_index(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0, refresh_interval="1s")
    index.document(ContentDocument)
    return index


def index_body(name: str) -> dict:
    return build_index(name).to_dict()

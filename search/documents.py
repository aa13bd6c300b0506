"""The one document every kind of content becomes, and the index that holds it."""

from django.conf import settings
from elasticsearch_dsl import Boolean, Date, Document, Float, Index, Integer, Keyword, Text

from search import analysis


def _fields(rules: list[str]):
    ko = {"analyzer": analysis.ko_index(), "search_analyzer": analysis.ko_search(rules)}

    class ContentDocument(Document):
        """A story, a product, a service, an event... all searched together."""

        kind = Keyword()
        object_id = Keyword()
        title = Text(
            **ko,
            fields={
                "prefix": Text(
                    analyzer=analysis.ko_prefix(), search_analyzer=analysis.ko_keyword()
                ),
                # Inside words, for suggestions: "베이" is in 해님베이커리.
                "infix": Text(analyzer=analysis.ko_infix()),
                "raw": Keyword(),
            },
        )
        body = Text(**ko)
        # The whole category path, the service group, the enterprise type: what it *is*.
        category = Text(**ko)
        # Page tags, place, region, community: what it is about or where.
        tags = Text(**ko)
        # A product's enterprise: findable by it, but weaker than the product's own words.
        partner = Text(**ko)
        # Each word of title and category as letters and as initials (search/hangul.py).
        letters = Text(analyzer=analysis.letters())
        initials = Text(
            analyzer=analysis.letters(),
            fields={
                "grams": Text(
                    analyzer=analysis.initials_grams(), search_analyzer=analysis.letters()
                )
            },
        )
        url = Keyword(index=False)
        image_url = Keyword(index=False)
        price = Float()
        currency = Keyword()
        in_stock = Boolean()
        # Approved reviews (commerce.reviews): average stars and how many, shown on the hit.
        rating = Float()
        review_count = Integer()
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

    return ContentDocument


def build_index(name: str, *, rules: list[str] | None = None) -> Index:
    if rules is None:
        rules = analysis.load_synonym_file()
    index = Index(name)
    index.settings(
        number_of_shards=settings.THECEN_SEARCH_SHARDS,
        number_of_replicas=settings.THECEN_SEARCH_REPLICAS,
        refresh_interval="1s",
        max_ngram_diff=5,
    )
    index.document(_fields(rules))
    return index


def content_document(*, rules: list[str] | None = None):
    """The document class, with the search-time synonyms ``rules`` (none by default)."""
    return _fields(rules or [])


def index_body(name: str, *, rules: list[str] | None = None) -> dict:
    return build_index(name, rules=rules).to_dict()

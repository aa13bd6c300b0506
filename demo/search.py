"""Build the search index for the demo content, when a search node is configured."""

from search import engine
from search.services import search_reindex


def load() -> str | None:
    if not engine.is_configured():
        return None  # `make run`: the database serves search, there is nothing to build
    try:
        return search_reindex()
    except engine.SearchUnavailable:
        return None  # the site still searches through the database; reindex later

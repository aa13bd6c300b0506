"""Korean text analysis for the index (nori) and the synonyms applied at search time."""

from pathlib import Path

from elasticsearch_dsl import analyzer, token_filter, tokenizer

SYNONYMS_FILE = Path(__file__).parent / "synonyms" / "ko.txt"

# Words nori must keep whole: without an entry it reads 돌봄 as the verb stem 돌보.
# Loanwords it otherwise cuts at random places (업사이클 → 업사 + 클) are listed too.
USER_WORDS = [
    "돌봄",
    "케어",
    "마을기업",
    "자활기업",
    "소셜벤처",
    "꾸러미",
    "업사이클",
    "그래놀라",
    "카스텔라",
    "베이커리",
]


def load_synonyms(path: Path = SYNONYMS_FILE) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _nori():
    # Index compounds whole and in parts (mixed), so either form of a query finds them.
    return tokenizer(
        "ko_nori", "nori_tokenizer", decompound_mode="mixed", user_dictionary_rules=USER_WORDS
    )


def _nori_search():
    # Queries are cut into parts only (discard): synonym_graph cannot take the graph that
    # `mixed` makes, and the parts are all in the index anyway.
    return tokenizer(
        "ko_nori_search",
        "nori_tokenizer",
        decompound_mode="discard",
        user_dictionary_rules=USER_WORDS,
    )


def _pos():
    # Default stop tags: drops particles (조사) and endings (어미), keeps nouns and stems.
    return token_filter("ko_pos", "nori_part_of_speech")


def ko_index():
    return analyzer("ko_index", tokenizer=_nori(), filter=[_pos(), "nori_readingform", "lowercase"])


def ko_search():
    synonyms = token_filter("ko_synonyms", "synonym_graph", synonyms=load_synonyms(), lenient=True)
    return analyzer(
        "ko_search",
        tokenizer=_nori_search(),
        filter=[_pos(), "nori_readingform", "lowercase", synonyms],
    )


def ko_prefix():
    """Edge n-grams of each word, for suggestions as the reader types."""
    edge = token_filter("ko_edge", "edge_ngram", min_gram=1, max_gram=20)
    return analyzer("ko_prefix", tokenizer="standard", filter=["lowercase", edge])


def ko_prefix_search():
    return analyzer("ko_prefix_search", tokenizer="standard", filter=["lowercase"])

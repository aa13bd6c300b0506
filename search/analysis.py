"""Korean text analysis for the index: nori, the user dictionary, synonyms, letters, initials."""

from __future__ import annotations

from pathlib import Path

from elasticsearch_dsl import analyzer, token_filter, tokenizer

SYNONYMS_FILE = Path(__file__).parent / "synonyms" / "ko.txt"
SYNONYM_FILTER = "ko_synonyms"

# The user dictionary: a compound followed by its parts, so that nori (decompound mode
# `mixed`) indexes the whole word and its parts, and "마을 기업" finds 마을기업 as "마을기업" does.
# A word alone keeps nori from reading it as something else (돌봄 as the verb stem 돌보,
# 업사이클 as 업사 + 클).
USER_WORDS = [
    "돌봄",
    "케어",
    "꾸러미",
    "업사이클",
    "그래놀라",
    "카스텔라",
    "베이커리",
    "텀블러",
    "이유식",
    "말벗",
    "수세미",
    "걷기",
    "만들기",
    "달리기",
    "글쓰기",
    "마을기업 마을 기업",
    "자활기업 자활 기업",
    "사회적기업 사회 적 기업",
    "사회적협동조합 사회 적 협동 조합",
    "협동조합 협동 조합",
    "소셜벤처 소셜 벤처",
    "사회적경제 사회 적 경제",
    "경영지원 경영 지원",
    "돌봄교실 돌봄 교실",
    "돌봄서비스 돌봄 서비스",
    "방문돌봄 방문 돌봄",
    "새싹돌봄 새싹 돌봄",
    "햇살돌봄 햇살 돌봄",
    "해님베이커리 해님 베이커리",
    "제로웨이스트 제로 웨이스트",
    "원데이클래스 원데이 클래스",
    "그린루프 그린 루프",
    "두레농장 두레 농장",
    "마을공방 마을 공방",
    "함께일터 함께 일터",
    "꿀잠 꿀 잠",
    "걷기반 걷기 반",
    "건강반 건강 반",
    "건강상점 건강 상점",
    "건강식 건강 식",
    "마음쉼 마음 쉼",
    "마음건강 마음 건강",
    "무릎담요 무릎 담요",
    "통밀식빵 통 밀 식 빵",
    "식빵 식 빵",
    "선물세트 선물 세트",
    "허브차 허브 차",
    "허브티 허브 티",
    "에코백 에코 백",
    "커피박 커피 박",
    "수저받침 수저 받침",
    "장바구니 장 바구니",
    "제철채소 제철 채소",
    "체험키트 체험 키트",
    "그림책 그림 책",
    "딸기잼 딸기 잼",
    "포기김치 포기 김치",
    "샴푸바 샴푸 바",
    "원두커피 원두 커피",
    "탄소진단 탄소 진단",
    "생활용품 생활 용품",
    "유아식 유아 식",
]

# What a reader types around the words that matter ("빵을 사고 싶어요", "잠이 안 와요"):
# light verbs and fillers nori keeps as stems. Dropped from queries only, never from documents.
QUERY_STOPWORDS = [
    "싶",
    "하",
    "있",
    "없",
    "되",
    "주",
    "오",
    "가",
    "사",
    "보",
    "찾",
    "알",
    "원하",
    "필요",
    "곳",
    "것",
    "수",
    "좀",
    "추천",
    "구매",
    "구입",
    "주문",
    "어떻",
    "어디",
    "뭐",
    "무엇",
    "좋",
    "들",
    "드리",
    "맡기",
]


def load_synonym_file(path: Path = SYNONYMS_FILE) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def synonym_filter_body(rules: list[str]) -> dict:
    # lenient: a rule nori cannot analyse is skipped, not a broken index.
    return {"type": "synonym_graph", "synonyms": rules or ["더센, thecen"], "lenient": True}


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
    # Default stop tags: drops particles (조사), endings (어미), adverbs, suffixes.
    return token_filter("ko_pos", "nori_part_of_speech")


def ko_index():
    return analyzer("ko_index", tokenizer=_nori(), filter=[_pos(), "nori_readingform", "lowercase"])


# Default stop tags of nori_part_of_speech, and in queries the verbs and adjectives too:
# "어르신을 돌보는", "잠이 안 와요" are about 어르신 and 잠, not about 돌보 and 오.
DEFAULT_STOPTAGS = (
    "EP EF EC ETN ETM IC JKS JKC JKG JKO JKB JKV JKQ JX JC MAG MAJ MM SP SSC SSO SC SE "
    "XPN XSA XSN XSV UNA NA VSV"
).split()
QUERY_STOPTAGS = [*DEFAULT_STOPTAGS, "VV", "VA", "VX", "VCP", "VCN"]


def ko_search(rules: list[str]):
    synonyms = token_filter(SYNONYM_FILTER, **synonym_filter_body(rules))
    stop = token_filter("ko_query_stop", "stop", stopwords=QUERY_STOPWORDS)
    pos = token_filter("ko_query_pos", "nori_part_of_speech", stoptags=QUERY_STOPTAGS)
    return analyzer(
        "ko_search",
        tokenizer=_nori_search(),
        # Synonyms before the part-of-speech filter: "돌보, 돌봄" turns a verb a reader typed
        # into the noun the documents use before verbs are dropped.
        filter=[synonyms, pos, "nori_readingform", "lowercase", stop],
    )


def ko_prefix():
    """Edge n-grams of each word, for suggestions as the reader types."""
    edge = token_filter("ko_edge", "edge_ngram", min_gram=1, max_gram=20)
    return analyzer("ko_prefix", tokenizer="standard", filter=["lowercase", edge])


def ko_keyword():
    return analyzer("ko_keyword", tokenizer="standard", filter=["lowercase"])


def ko_infix():
    """1–3 letter n-grams anywhere in a word: "베이" finds 해님베이커리, "돌" 새싹돌봄."""
    grams = tokenizer("ko_grams", "ngram", min_gram=1, max_gram=3, token_chars=["letter", "digit"])
    return analyzer("ko_infix", tokenizer=grams, filter=["lowercase"])


def letters():
    """Words already written as letters (search/hangul.py): one token per word."""
    return analyzer("ko_letters", tokenizer="whitespace", filter=["lowercase"])


def initials_grams():
    """Initials of each word, cut in 1–6 letter n-grams: ㄷㅂ is inside ㅅㅆㄷㅂ (새싹돌봄)."""
    grams = tokenizer(
        "ko_initial_grams", "ngram", min_gram=1, max_gram=6, token_chars=["letter", "digit"]
    )
    return analyzer("ko_initials", tokenizer=grams, filter=["lowercase"])

"""Hangul letters for search: syllables to jamo and back, initial consonants (초성), particles.

The index stores each word of a title a second time as its letters (돌봄 → ㄷㅗㄹㅂㅗㅁ) and as its
initials (돌봄 → ㄷㅂ): a typo is then one letter away instead of one syllable, and a reader who
types only initials (ㄷㅂ) can be matched at all. Computed here, at indexing, so the engine needs
no plugin for it.
"""

from __future__ import annotations

import re

_BASE, _LAST = 0xAC00, 0xD7A3
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = ["", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"]
_CONSONANTS = set("ㄱㄲㄳㄴㄵㄶㄷㄸㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅃㅄㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")
_WORD = re.compile(r"[0-9A-Za-z가-힣ㄱ-ㅣ]+")


def is_syllable(ch: str) -> bool:
    return _BASE <= ord(ch) <= _LAST


def jamo(text: str) -> str:
    """돌봄교실 → ㄷㅗㄹㅂㅗㅁㄱㅛㅅㅣㄹ; anything that is not a syllable is kept as it is."""
    out = []
    for ch in text:
        if is_syllable(ch):
            code = ord(ch) - _BASE
            out.append(_INITIALS[code // 588] + _MEDIALS[code % 588 // 28] + _FINALS[code % 28])
        else:
            out.append(ch)
    return "".join(out)


def compose(letters: str) -> str:
    """The inverse of :func:`jamo` (ㄷㅗㄹㅂㅗㅁ → 돌봄); letters that make no syllable stay."""
    out, i, n = [], 0, len(letters)
    while i < n:
        ch = letters[i]
        if ch in _INITIALS and i + 1 < n and letters[i + 1] in _MEDIALS:
            initial, medial, final = _INITIALS.index(ch), _MEDIALS.index(letters[i + 1]), 0
            i += 2
            # A consonant closes this syllable unless a vowel follows it (then it opens the next).
            if (
                i < n
                and letters[i] in _FINALS[1:]
                and not (i + 1 < n and letters[i + 1] in _MEDIALS)
            ):
                final = _FINALS.index(letters[i])
                i += 1
            out.append(chr(_BASE + initial * 588 + medial * 28 + final))
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def initials(text: str) -> str:
    """돌봄교실 → ㄷㅂㄱㅅ; letters that are not syllables are kept (so ㄷㅂ stays ㄷㅂ)."""
    return "".join(_INITIALS[(ord(ch) - _BASE) // 588] if is_syllable(ch) else ch for ch in text)


def is_initials_query(text: str) -> bool:
    """Only initial consonants (and spaces): ㄷㅂ, ㅎㄷㅈㅎ."""
    letters = [ch for ch in text if not ch.isspace()]
    return bool(letters) and all(ch in _CONSONANTS for ch in letters)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def word_forms(text: str) -> list[str]:
    """The Hangul words of ``text``, without their particle, and the tails of compounds.

    Korean compounds end in their head (폐현수막 → 현수막, 새싹돌봄 → 돌봄), so the tails of two
    syllables or more are kept too: a typo in 현수막 is then near a word of 폐현수막 장바구니.
    """
    forms = []
    for word in words(text):
        if not any(is_syllable(c) for c in word):
            continue
        for form in dict.fromkeys([word, strip_particle(word)]):
            forms.append(form)
            forms.extend(form[i:] for i in range(1, len(form) - 1))
    return list(dict.fromkeys(forms))


def jamo_words(text: str) -> str:
    """The word forms of ``text`` as letters, space-separated (for the letters field)."""
    return " ".join(jamo(w) for w in word_forms(text))


def initials_words(text: str) -> str:
    return " ".join(initials(w) for w in words(text) if any(is_syllable(c) for c in w))


# Particles (조사) and the commonest endings (어미), longest first: the database fallback strips
# them from the words a reader types; the engine does it properly with nori's part-of-speech tags.
_ENDINGS = sorted(
    """
    에게서 으로써 이라도 에서는 이에요 예요 입니다 습니다 합니다 해요 하고 싶어요 싶은데 싶어
    으로 에서 에게 한테 까지 부터 이랑 하고 처럼 보다 마다 이나 이든 라도 에는 에도 와요 나요
    을 를 이 가 은 는 의 에 도 와 과 로 랑 만 요 께
    """.split(),
    key=len,
    reverse=True,
)


def strip_particle(word: str) -> str:
    """빵을 → 빵, 어르신께 → 어르신; never strips a word down to nothing or to one letter of two."""
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 1:
            if len(word) == 2 and len(ending) == 1 and ending not in "을를은는이가의에도께":
                continue
            return word[: -len(ending)]
    return word


# How a sentence a reader types ends: a word ending so is what they do (담가요, 맡기려면,
# 찾는데), not what they look for, and documents do not carry it.
_PREDICATE_ENDINGS = ("요", "다", "죠", "까", "니다", "려면", "는데", "은데")


def without_predicates(q: str) -> str:
    """김치를 담가요 → 김치를: the words of a sentence that say what is wanted.

    Only a query of two words or more loses its predicates, and never all of its words.
    """
    parts = q.split()
    if len(parts) < 2:
        return q
    kept = [
        w
        for w in parts
        if not (len(w) >= 2 and is_syllable(w[-1]) and w.endswith(_PREDICATE_ENDINGS))
    ]
    return " ".join(kept) if kept else q

"""People's names as Koreans write them: family name first, no space in Hangul ("김민지")."""

import re

_HANGUL = re.compile(r"^[\uac00-\ud7a3]+$")


def full_name(*, first: str, last: str) -> str:
    first, last = (first or "").strip(), (last or "").strip()
    if not first or not last:
        return first or last
    if _HANGUL.match(first) and _HANGUL.match(last):
        return f"{last}{first}"
    return f"{first} {last}"  # a name written in Latin letters keeps its own order


def user_full_name(user) -> str:
    """``User.get_full_name`` in Korean order (installed by commerce.core's AppConfig)."""
    return full_name(first=user.first_name, last=user.last_name)

"""Input that must be cleaned where it enters: ids, single-line text.

A posted id that is not a number, or a name with a line break in it, is bad input: it gets a
Korean message (or a 404) and changes nothing. It must never reach the database (``Field 'id'
expected a number``) or a mail header (``BadHeaderError``) and answer a server error.
"""

from __future__ import annotations

from django import forms

# PostgreSQL's bigint; anything larger is not an id of ours.
MAX_ID = 2**63 - 1


def id_or_none(value) -> int | None:
    """A positive database id from a posted or query value, or None."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def single_line(value: str) -> str:
    """Line breaks, tabs and runs of spaces become one space (names, subjects, titles)."""
    return " ".join(str(value).split())


class SingleLineCharField(forms.CharField):
    """A CharField for values that end up in a mail header or a one-line label."""

    def to_python(self, value):
        value = super().to_python(value)
        return single_line(value) if value else value

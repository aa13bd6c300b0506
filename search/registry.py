"""Which kinds of content are searchable, and how each becomes a :class:`ContentDocument`.

Adding a kind (an event page, a service...) is one small class in ``search/kinds.py``::

    @registry.register
    class EventBuilder(PageBuilder):
        kind = "event"
        label = _("Event")
        model = EventPage

        def fields(self, page):
            return {"body": page.summary, "region": page.region}

Indexing on publish/save, the reindex and check commands, the database fallback and the
facets then pick it up without further changes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.db import models

from search import hangul


class DocumentBuilder:
    """Turns the indexable objects of one model into search documents."""

    kind: str
    label: str
    model: type[models.Model]
    # Models whose changes change our documents: {model: function(instance) -> our pks}.
    dependencies: dict[type[models.Model], Any] = {}

    def get_queryset(self) -> models.QuerySet:
        """Every object that readers may find, prepared to build documents in few queries."""
        raise NotImplementedError

    def build(self, obj) -> dict:
        """The document's fields (kind, id and fingerprint are added by :meth:`document`)."""
        raise NotImplementedError

    def db_filter(self, words: list[str]) -> models.Q:
        """The database fallback's match for these words (every word must match)."""
        raise NotImplementedError

    def db_filter_any(self, options: list[str]) -> models.Q:
        """Any one of these words (a word and its synonyms) in any of the fallback's fields."""
        match = models.Q()
        for option in options:
            match |= self.db_filter([option])
        return match

    def doc_id(self, pk) -> str:
        return f"{self.kind}-{pk}"

    def document(self, obj) -> dict:
        body = {"kind": self.kind, "object_id": str(obj.pk), **self.build(obj)}
        # Letters and initials of what the thing is called, for typos and 초성 (hangul.py).
        named = " ".join(filter(None, [body.get("title"), body.get("category")]))
        body["letters"] = hangul.jamo_words(named)
        body["initials"] = hangul.initials_words(named)
        canonical = json.dumps(body, sort_keys=True, default=str, ensure_ascii=False)
        body["fingerprint"] = hashlib.sha1(canonical.encode()).hexdigest()
        return body

    def prepare(self, objs: list) -> None:
        """Fetch, in a few batched queries, what only some of ``objs`` need."""

    def documents(self, objs: Iterable) -> Iterable[tuple[str, dict]]:
        objs = list(objs)
        self.prepare(objs)
        for obj in objs:
            yield self.doc_id(obj.pk), self.document(obj)


class Registry:
    def __init__(self):
        self._builders: dict[str, DocumentBuilder] = {}

    def register(self, builder_class: type[DocumentBuilder]) -> type[DocumentBuilder]:
        builder = builder_class()
        if builder.kind in self._builders:
            raise ValueError(f"search kind {builder.kind!r} is registered twice")
        self._builders[builder.kind] = builder
        return builder_class

    def unregister(self, kind: str) -> None:
        del self._builders[kind]

    def __iter__(self):
        return iter(self._builders.values())

    def __getitem__(self, kind: str) -> DocumentBuilder:
        return self._builders[kind]

    def __contains__(self, kind: str) -> bool:
        return kind in self._builders

    def for_model(self, model) -> list[DocumentBuilder]:
        return [b for b in self if issubclass(model, b.model)]

    def labels(self) -> dict[str, str]:
        return {b.kind: b.label for b in self}


registry = Registry()

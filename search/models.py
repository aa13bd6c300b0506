from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchQuery(models.Model):
    """One search a reader made, so editors can see what people look for and do not find."""

    query = models.CharField(_("query"), max_length=200, db_index=True)
    result_count = models.PositiveIntegerField(_("results"))
    backend = models.CharField(_("served by"), max_length=20)
    created_at = models.DateTimeField(_("searched at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("search query")
        verbose_name_plural = _("search queries")
        ordering = ["-created_at"]

    def __str__(self):
        return self.query


def _split_terms(text: str) -> list[str]:
    return [" ".join(term.split()) for term in text.replace("\n", ",").split(",") if term.strip()]


class SearchSynonym(models.Model):
    """Words readers use for the same thing (어르신, 노인, 시니어), edited by editors.

    Every change reaches the search index at once, as the search-time synonym list: no reindex.
    """

    terms = models.CharField(
        _("words"),
        max_length=500,
        help_text=_(
            "Words that should find each other, separated by commas, e.g. 어르신, 노인, 시니어"
        ),
    )

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["pk"]

    def __str__(self):
        return ", ".join(self.words)

    @property
    def words(self) -> list[str]:
        return _split_terms(self.terms)

    def clean(self):
        words = self.words
        if len(words) < 2:
            raise ValidationError({"terms": _("Enter at least two words, separated by commas.")})
        if any(ch in self.terms for ch in "=>#\\"):
            raise ValidationError({"terms": _("Use only words and commas (no =>, # or \\).")})
        self.terms = ", ".join(words)

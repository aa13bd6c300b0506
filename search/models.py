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

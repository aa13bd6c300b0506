from django.db import models
from django.utils.translation import gettext_lazy as _


class BasketLineSource(models.Model):
    """The editorial page a basket line was added from."""

    class Kind(models.TextChoices):
        STORY = "story", _("Story")
        CAMPAIGN = "campaign", _("Market Creator campaign")

    line = models.OneToOneField(
        "basket.Line",
        verbose_name=_("basket line"),
        on_delete=models.CASCADE,
        related_name="source",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("basket line source")
        verbose_name_plural = _("basket line sources")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.page_id}"

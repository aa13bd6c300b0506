"""What a self-check scores on (dimensions) and what a score range leads to (result rules)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Orderable

from cms_pages.models.taxonomy import EventKind
from health import engine
from health.models.taxonomy import GroupTheme


class Dimension(models.Model):
    """A health dimension answers score on (physical activity, sleep...). Editors add them."""

    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("slug"), max_length=40, unique=True, allow_unicode=True)
    explanation = models.TextField(
        _("explanation"), help_text=_("What this dimension means, in plain words.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("explanation"), "sort_order"]

    class Meta:
        verbose_name = _("health dimension")
        verbose_name_plural = _("health dimensions")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ResultRule(Orderable):
    """A score range on one dimension, and what it leads to."""

    page = ParentalKey("health.HealthCheckPage", related_name="rules", on_delete=models.CASCADE)
    dimension = models.ForeignKey(
        Dimension, verbose_name=_("dimension"), on_delete=models.PROTECT, related_name="+"
    )
    min_score = models.IntegerField(_("from score"), default=0)
    max_score = models.IntegerField(
        _("to score"), null=True, blank=True, help_text=_("Empty: no upper limit.")
    )
    advice = models.TextField(_("what we suggest"), blank=True)
    warning = models.TextField(
        _("medical help warning"),
        blank=True,
        help_text=_("When filled in, shown as a warning: where to get medical help."),
    )
    service_group = models.CharField(
        _("service group"),
        max_length=20,
        blank=True,
        choices=[
            ("care", _("Care")),
            ("living", _("Living")),
            ("education", _("Education")),
            ("business", _("Business support")),
        ],
    )
    category = models.ForeignKey(
        "catalogue.Category",
        verbose_name=_("catalogue category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    story_tag = models.CharField(_("story tag"), max_length=100, blank=True)
    group_theme = models.CharField(
        _("health group theme"), max_length=20, blank=True, choices=GroupTheme.choices
    )
    event_kind = models.CharField(_("events"), max_length=20, blank=True, choices=EventKind.choices)

    panels = [
        FieldRowPanel([FieldPanel("dimension"), FieldPanel("min_score"), FieldPanel("max_score")]),
        FieldPanel("advice"),
        FieldPanel("warning"),
        MultiFieldPanel(
            [
                FieldPanel("service_group"),
                FieldPanel("category"),
                FieldPanel("story_tag"),
                FieldPanel("group_theme"),
                FieldPanel("event_kind"),
            ],
            heading=_("Recommend"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("result rule")
        verbose_name_plural = _("result rules")

    def as_engine_rule(self) -> engine.Rule:
        return engine.Rule(
            id=self.pk, dimension=self.dimension.slug, low=self.min_score, high=self.max_score
        )

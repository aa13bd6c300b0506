"""Which catalogue items each published story embeds, kept for the enterprise pages."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class StoryCatalogueReference(models.Model):
    """One product, or one enterprise's whole offer, embedded in a live story's shoppable blocks.

    Why a table: "stories that mention this enterprise" must not open every story's
    StreamField at request time. The rows are rewritten from the published content whenever
    a story is published and removed when it is unpublished (``cms_pages.services.
    story_references_sync``); a deleted story, product or partner takes its rows with it.
    Products are stored rather than their enterprise, so a product that changes hands is
    found under its current partner by the one query in ``selectors.story_list``.
    """

    story = models.ForeignKey(
        "cms_pages.StoryPage", on_delete=models.CASCADE, related_name="catalogue_references"
    )
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("story catalogue reference")
        constraints = [
            models.CheckConstraint(
                condition=Q(product__isnull=False, partner__isnull=True)
                | Q(product__isnull=True, partner__isnull=False),
                name="story_reference_product_or_partner",
            ),
            models.UniqueConstraint(fields=["story", "product"], name="story_reference_product"),
            models.UniqueConstraint(fields=["story", "partner"], name="story_reference_partner"),
        ]

    def __str__(self):
        return f"{self.story_id} → {self.product_id or self.partner_id}"

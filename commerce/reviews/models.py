from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.reviews.abstract_models import AbstractProductReview

SCORES = [(score, score) for score in range(1, 6)]
MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 5 * 1024 * 1024


class ProductReview(AbstractProductReview):
    """Oscar's review with a score of 1 to 5 stars (Oscar allows 0); one per user and product."""

    score = models.SmallIntegerField(
        _("Score"),
        choices=SCORES,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    class Meta(AbstractProductReview.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="review_score_1_to_5"
            ),
        ]


class ReviewPhoto(models.Model):
    review = models.ForeignKey(ProductReview, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("Photo"), upload_to="reviews/%Y/%m/")
    display_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["display_order", "pk"]
        verbose_name = _("Review photo")
        verbose_name_plural = _("Review photos")

    def __str__(self):
        return self.image.name


class ReviewAnswer(models.Model):
    """The partner's one public answer to a review of its own product."""

    review = models.OneToOneField(ProductReview, on_delete=models.CASCADE, related_name="answer")
    partner = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="review_answers"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("Answer"))
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Partner answer")
        verbose_name_plural = _("Partner answers")

    def __str__(self):
        return f"{self.partner} → {self.review}"


from oscar.apps.catalogue.reviews.models import *  # noqa: E402, F403  (Oscar's Vote)

from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.reviews import apps


class CatalogueReviewsConfig(apps.CatalogueReviewsConfig):
    """Oscar's reviews, forked: only buyers review, once; moderated; partners answer."""

    name = "commerce.reviews"
    verbose_name = _("Catalogue reviews")

    def ready(self):
        super().ready()
        # Oscar's get_class resolves "catalogue.reviews.views" through the catalogue app,
        # which is not forked: name our views here.
        from .views import CreateProductReview, ProductReviewDetail, ProductReviewList

        self.create_view = CreateProductReview
        self.detail_view = ProductReviewDetail
        self.list_view = ProductReviewList

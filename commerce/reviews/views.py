"""Oscar's review views with the right to review checked first, and the partner's answers."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import ListView, View
from oscar.apps.catalogue.reviews import views as oscar_views
from oscar.core.loading import get_model

from commerce.partner.access import PartnerDashboardMixin

from .forms import ProductReviewForm
from .models import ProductReview
from .selectors import partner_reviews, product_sold_by, review_refusal
from .services import ReviewRefused, review_answer_save, review_create

Product = get_model("catalogue", "Product")


class CreateProductReview(oscar_views.CreateProductReview):
    form_class = ProductReviewForm

    def dispatch(self, request, *args, **kwargs):
        product = get_object_or_404(Product, pk=kwargs["product_pk"], is_public=True)
        if not request.user.is_authenticated:
            messages.info(request, _("Please sign in to write a review."))
            return redirect_to_login(request.path)
        refusal = review_refusal(request.user, product)
        if refusal:
            messages.warning(request, refusal)
            return redirect(product.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            self.object = review_create(
                user=self.request.user,
                product=self.product,
                score=data["score"],
                title=data["title"],
                body=data["body"],
                photos=data.get("photos") or [],
            )
        except ReviewRefused as refused:
            messages.warning(self.request, str(refused))
            return redirect(self.product.get_absolute_url())
        response = redirect(self.get_success_url())
        self.send_signal(self.request, response, self.object)
        return response

    def get_success_url(self):
        if self.object.is_approved:
            messages.success(self.request, _("Thank you for reviewing this product."))
        else:
            messages.success(
                self.request,
                _("Thank you for your review. It will appear once our editors have read it."),
            )
        return self.product.get_absolute_url()


class ProductReviewDetail(oscar_views.ProductReviewDetail):
    def get_queryset(self):
        # A review waiting for moderation (or rejected) is seen by its author only.
        visible = Q(status=ProductReview.APPROVED)
        if self.request.user.is_authenticated:
            visible |= Q(user=self.request.user)
        return ProductReview.objects.filter(visible, product=self.kwargs["product_pk"])


class ProductReviewList(oscar_views.ProductReviewList):
    def get_queryset(self):
        return super().get_queryset().select_related("user", "answer").prefetch_related("photos")


class PartnerReviewListView(PartnerDashboardMixin, ListView):
    """/dashboard/product-reviews/: approved reviews of the partner's own products."""

    template_name = "oscar/catalogue/reviews/partner_reviews.html"
    context_object_name = "reviews"
    paginate_by = 20

    def get_queryset(self):
        return partner_reviews(partners=self.request.user.partners.all())


class PartnerReviewAnswerView(PartnerDashboardMixin, View):
    def post(self, request, pk):
        review = get_object_or_404(ProductReview, pk=pk, status=ProductReview.APPROVED)
        if not product_sold_by(product=review.product, partners=request.user.partners.all()):
            raise PermissionDenied
        try:
            review_answer_save(review=review, user=request.user, body=request.POST.get("body", ""))
        except ReviewRefused as refused:
            messages.error(request, str(refused))
            return redirect("partner_reviews:list")
        messages.success(request, _("Your answer is published under the review."))
        return redirect("partner_reviews:list")

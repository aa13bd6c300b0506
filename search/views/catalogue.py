"""Catalogue and category browsing, served by the search layer.

With the search engine, the page of products comes from the index (category and its
descendants, newest first) and the products are then loaded in one batch; without it, or
when the node is down, the same pages list browsable products from the database.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView
from oscar.apps.catalogue.views import ProductDetailView
from oscar.apps.search.views import catalogue
from oscar.core.loading import get_model

from cms_pages.selectors import offers_for_products, prefetch_stock_and_images
from commerce.partner.selectors import product_is_listed, products_listed
from search.selectors import IndexedProducts

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")


class CatalogueView(ListView):
    context_object_name = "products"
    template_name = "oscar/catalogue/browse.html"
    paginate_by = 24
    summary = _("All products")
    category = None

    def database_queryset(self):
        return (
            products_listed(Product.objects.browsable())
            .select_related("product_class", "parent__product_class")
            .order_by("-date_created", "-pk")
        )

    def get_queryset(self):
        return IndexedProducts.or_database(
            category_path=self.category.path if self.category else None,
            database=self.database_queryset(),
        )

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            return redirect(request.path)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["summary"] = self.summary
        # Listed with the same live cards as goods embedded in stories.
        products = list(ctx["products"])
        prefetch_stock_and_images(products)
        ctx["offers"] = offers_for_products(request=self.request, products=products)
        return ctx


class ProductCategoryView(CatalogueView):
    template_name = "oscar/catalogue/category.html"

    # Oscar's rules for who may see a category and where its canonical URL is.
    is_viewable = catalogue.ProductCategoryView.is_viewable
    redirect_if_necessary = catalogue.ProductCategoryView.redirect_if_necessary
    enforce_paths = True

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        if not self.is_viewable(self.category, request):
            raise Http404
        return self.redirect_if_necessary(request.path, self.category) or super().get(
            request, *args, **kwargs
        )

    def database_queryset(self):
        # A subquery, not a join + DISTINCT: one row per product, so PostgreSQL walks the
        # newest-first index and stops at the page instead of de-duplicating every product.
        categories = self.category.get_descendants_and_self()
        linked = ProductCategory.objects.filter(category__in=categories).values("product_id")
        return super().database_queryset().filter(pk__in=linked)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["category"] = self.category
        ctx["summary"] = self.category.name
        return ctx


class ListedProductDetailView(ProductDetailView):
    """Oscar's product page; a suspended partner's listing is not found (hidden, not sold out).

    Staff still open it, so the secretariat can check what comes back when it is lifted."""

    def get_object(self, queryset=None):
        product = super().get_object(queryset)
        user = self.request.user
        if not (user.is_authenticated and user.is_staff) and not product_is_listed(product):
            raise Http404
        return product

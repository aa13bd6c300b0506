"""The searchable kinds that exist today: stories (Wagtail) and goods (Oscar products).

Other kinds (enterprises, events, campaigns, services) register a builder here once their
models exist; see :mod:`search.registry`.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_model

from cms_pages.models import StoryPage
from search.registry import DocumentBuilder, registry

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")
PartnerAddress = get_model("partner", "PartnerAddress")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
Selector = get_class("partner.strategy", "Selector")

# Enterprise types of the social economy, as facet values. Until partners carry their type
# as a field, it is read from the legal form in the partner's name.
ENTERPRISE_TYPES = {
    "cooperative": (_("Cooperative"), ("협동조합",)),
    "social_enterprise": (_("Social enterprise"), ("사회적기업", "사회적 기업")),
    "village_enterprise": (_("Village enterprise"), ("마을기업",)),
    "self_sufficiency": (_("Self-sufficiency enterprise"), ("자활기업", "자활센터")),
    "social_venture": (_("Social venture"), ("소셜벤처",)),
}


def enterprise_type_of(partner) -> str | None:
    declared = getattr(partner, "enterprise_type", None)
    if declared:
        return declared
    for code, (_label, markers) in ENTERPRISE_TYPES.items():
        if any(marker in partner.name for marker in markers):
            return code
    return None


def region_of(partner) -> str | None:
    address = partner.primary_address
    if address is None:
        return None
    return address.state or address.line4 or None


def words_filter(fields: list[str], words: list[str]) -> Q:
    """Every word must appear in at least one of the fields."""
    match = Q()
    for word in words:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        match &= any_field
    return match


class PageBuilder(DocumentBuilder):
    """A Wagtail page kind: live, public pages only (private sections are never indexed)."""

    db_fields = ["title", "search_description"]

    def get_queryset(self):
        return self.model.objects.live().public().order_by("pk")

    def db_filter(self, words):
        return words_filter(self.db_fields, words)

    def page_fields(self, page) -> dict:
        return {}

    def build(self, page):
        return {
            "title": page.title,
            "body": page.search_description,
            "url": page.get_url(None),
            "published_at": page.first_published_at,
            **self.page_fields(page),
        }


@registry.register
class StoryBuilder(PageBuilder):
    kind = "story"
    label = _("Story")
    model = StoryPage
    db_fields = ["title", "lead", "search_description"]

    def page_fields(self, page):
        body_field = StoryPage._meta.get_field("body")
        text = " ".join(strip_tags(str(t)) for t in body_field.get_searchable_content(page.body))
        return {"body": " ".join(filter(None, [page.lead, text, page.search_description]))}


def _product_pks_of_stockrecord(record):
    product = record.product
    return [product.parent_id or product.pk]


def _product_pks_of_category(category):
    # A renamed category changes the words of every product under it.
    return list(
        Product.objects.filter(categories__path__startswith=category.path).values_list(
            "pk", flat=True
        )
    )


def _product_pks_of_partner(partner):
    return list(
        Product.objects.filter(
            Q(stockrecords__partner=partner) | Q(children__stockrecords__partner=partner)
        ).values_list("pk", flat=True)
    )


@registry.register
class ProductBuilder(DocumentBuilder):
    """Goods: public, browsable products that have a price; out of stock ones stay findable."""

    kind = "product"
    label = _("Goods")
    model = Product
    dependencies = {
        # A variant (child product) changes its parent's price and availability.
        Product: lambda product: [product.parent_id] if product.parent_id else [],
        StockRecord: _product_pks_of_stockrecord,
        Category: _product_pks_of_category,
        ProductCategory: lambda link: [link.product_id],
        ProductImage: lambda image: [image.product_id],
        Partner: _product_pks_of_partner,
        PartnerAddress: lambda address: _product_pks_of_partner(address.partner),
    }

    def get_queryset(self):
        records = StockRecord.objects.select_related("partner").prefetch_related(
            "partner__addresses"
        )
        priced = Q(stockrecords__price__isnull=False) | Q(
            children__is_public=True, children__stockrecords__price__isnull=False
        )
        with_price = Product.objects.browsable().filter(priced).values("pk")
        return (
            Product.objects.filter(pk__in=with_price)
            .select_related("product_class")
            .prefetch_related(
                Prefetch("stockrecords", queryset=records),
                "categories",
                "images",
            )
            .order_by("pk")
        )

    def prepare(self, products):
        # Only parent products need their children; most goods are standalone.
        parents = [p for p in products if p.is_parent]
        if parents:
            records = StockRecord.objects.select_related("partner").prefetch_related(
                "partner__addresses"
            )
            prefetch_related_objects(
                parents,
                Prefetch("children", queryset=Product.objects.filter(is_public=True)),
                Prefetch("children__stockrecords", queryset=records),
            )

    def db_filter(self, words):
        return words_filter(
            ["title", "description", "stockrecords__partner__name", "categories__name"], words
        )

    def build(self, product):
        strategy = Selector().strategy()
        if product.is_parent:
            info = strategy.fetch_for_parent(product)
            records = [r for child in product.children.all() for r in child.stockrecords.all()]
        else:
            info = strategy.fetch_for_product(product)
            records = list(product.stockrecords.all())
        price = info.price
        amount = None
        if price.exists:
            amount = price.incl_tax if price.is_tax_known else price.excl_tax
        partner = records[0].partner if records else None
        categories = list(product.categories.all())
        image = product.primary_image()
        original = getattr(image, "original", None)
        return {
            "title": product.get_title(),
            "body": strip_tags(product.description or ""),
            "tags": " ".join(
                [partner.name if partner else ""] + [category.name for category in categories]
            ).strip(),
            "url": product.get_absolute_url(),
            "image_url": original.url if original else None,
            "price": float(amount) if amount is not None else None,
            "currency": price.currency if price.exists else None,
            "in_stock": bool(info.availability.is_available_to_buy),
            "enterprise": partner.name if partner else None,
            "enterprise_type": enterprise_type_of(partner) if partner else None,
            "region": region_of(partner) if partner else None,
            "category_paths": sorted(
                {c.path[:end] for c in categories for end in range(4, len(c.path) + 1, 4)}
            ),
            "published_at": product.date_created,
        }

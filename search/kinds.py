"""The searchable kinds: stories, enterprises, events and campaigns (Wagtail pages), goods
and services (Oscar products). Each is one builder registered here; see
:mod:`search.registry`.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_model

from cms_pages.models import CampaignPage, EnterprisePage, EventPage, StoryPage
from cms_pages.models.taxonomy import Region
from cms_pages.selectors import public
from commerce.bookings.models import Service, ServiceGroup
from commerce.mc.models import MarketCreator
from commerce.partner.selectors import products_listed
from commerce.reviews.selectors import review_summaries
from search.registry import DocumentBuilder, registry

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Partner = get_model("partner", "Partner")
PartnerAddress = get_model("partner", "PartnerAddress")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
Category = get_model("catalogue", "Category")
Selector = get_class("partner.strategy", "Selector")

# Oscar's product class of bookable services (commerce/services' data migration).
SERVICE_CLASS_SLUG = "service"

# Enterprise types of the social economy, as facet values. Until partners carry their type
# as a field, it is read from the legal form in the partner's name.
ENTERPRISE_TYPES = {
    "cooperative": (_("Cooperative"), ("협동조합",)),
    "social_enterprise": (_("Social enterprise"), ("사회적기업", "사회적 기업")),
    "village_enterprise": (_("Village enterprise"), ("마을기업",)),
    "self_sufficiency": (_("Self-sufficiency enterprise"), ("자활기업", "자활센터")),
    "social_venture": (_("Social venture"), ("소셜벤처",)),
}


def korean(label) -> str:
    """A label as Korean readers search for it (documents are Korean first)."""
    with translation.override("ko"):
        return str(label)


def enterprise_type_label(code: str | None) -> str:
    return korean(ENTERPRISE_TYPES[code][0]) if code in ENTERPRISE_TYPES else ""


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
        return public(self.model.objects.live()).order_by("pk")

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

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags", "enterprises")

    def page_fields(self, page):
        body_field = StoryPage._meta.get_field("body")
        text = " ".join(strip_tags(str(t)) for t in body_field.get_searchable_content(page.body))
        group = dict(ServiceGroup.choices).get(page.service_group.replace("-", "_"), "")
        return {
            "body": " ".join(filter(None, [page.lead, text, page.search_description])),
            "tags": " ".join(
                filter(None, [*(t.name for t in page.tags.all()), region_label(page.region)])
            ),
            "category": korean(group) if group else "",
            "partner": " ".join(p.name for p in page.enterprises.all()),
        }


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

    def findable(self):
        # Services are their own kind (ServiceBuilder): never indexed twice.
        # A suspended partner's listings leave the index (and come back when it is lifted).
        return products_listed(
            Product.objects.browsable().exclude(product_class__slug=SERVICE_CLASS_SLUG)
        )

    def get_queryset(self):
        records = StockRecord.objects.select_related("partner").prefetch_related(
            "partner__addresses"
        )
        priced = Q(stockrecords__price__isnull=False) | Q(
            children__is_public=True, children__stockrecords__price__isnull=False
        )
        with_price = self.findable().filter(priced).values("pk")
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
        # Whole category paths (먹거리 > 음료 > 차) in one query for the batch, not one per hit.
        paths = {
            c.path[:end]
            for p in products
            for c in p.categories.all()
            for end in range(4, len(c.path) + 1, 4)
        }
        names = dict(Category.objects.filter(path__in=paths).values_list("path", "name"))
        for product in products:
            product.search_category_names = [
                names.get(c.path[:end], c.name)
                for c in product.categories.all()
                for end in range(4, len(c.path) + 1, 4)
            ]
        summaries = review_summaries(p.pk for p in products)
        for product in products:
            product.search_review_summary = summaries.get(product.pk)
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

    db_fields = ["title", "description", "stockrecords__partner__name", "categories__name"]

    def db_filter(self, words):
        match = words_filter(self.db_fields, words)
        for word in words:
            # A word of a parent category (먹거리) finds the products of every category below it.
            paths = list(
                Category.objects.filter(name__icontains=word).values_list("path", flat=True)[:20]
            )
            for path in paths:
                match |= Q(categories__path__startswith=path)
        return match

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
        category_names = getattr(product, "search_category_names", None) or [
            c.name for c in categories
        ]
        enterprise_type = enterprise_type_of(partner) if partner else None
        region = region_of(partner) if partner else None
        if hasattr(product, "search_review_summary"):
            reviews = product.search_review_summary
        else:
            reviews = review_summaries([product.pk]).get(product.pk)
        return {
            "title": product.get_title(),
            "body": strip_tags(product.description or ""),
            "category": " ".join(
                dict.fromkeys([*category_names, enterprise_type_label(enterprise_type)])
            ).strip(),
            "tags": region or "",
            "partner": partner.name if partner else "",
            "url": product.get_absolute_url(),
            "image_url": original.url if original else None,
            "price": float(amount) if amount is not None else None,
            "currency": price.currency if price.exists else None,
            "in_stock": bool(info.availability.is_available_to_buy),
            "rating": reviews.average if reviews else None,
            "review_count": reviews.count if reviews else 0,
            "enterprise": partner.name if partner else None,
            "enterprise_type": enterprise_type,
            "region": region,
            "category_paths": sorted(
                {c.path[:end] for c in categories for end in range(4, len(c.path) + 1, 4)}
            ),
            "published_at": product.date_created,
        }


def region_label(code: str) -> str | None:
    """The Korean name of a page's region code, as readers see it in the region facet."""
    if not code or code not in Region.values:
        return code or None
    with translation.override("ko"):
        return str(Region(code).label)


def _rich_text(value) -> str:
    return strip_tags(str(value or ""))


@registry.register
class EnterpriseBuilder(PageBuilder):
    """Enterprise profiles, faceted by enterprise type and region."""

    kind = "enterprise"
    label = _("Enterprise")
    model = EnterprisePage
    db_fields = ["title", "lead", "mission", "address", "search_description"]

    def page_fields(self, page):
        code = page.enterprise_type.replace("-", "_") or None
        return {
            "body": " ".join(filter(None, [page.lead, _rich_text(page.mission)])),
            "category": enterprise_type_label(code),
            "tags": " ".join(filter(None, [page.address, region_label(page.region)])),
            "partner": page.partner.name,
            "enterprise": page.title,
            # The directory writes its codes with hyphens, the search facet with underscores.
            "enterprise_type": page.enterprise_type.replace("-", "_") or None,
            "region": region_label(page.region),
        }

    def get_queryset(self):
        return super().get_queryset().select_related("partner")


@registry.register
class EventBuilder(PageBuilder):
    """Events still to come (or under way): an event that has ended is no longer findable."""

    kind = "event"
    label = _("Event")
    model = EventPage
    db_fields = ["title", "lead", "description", "place_name", "address", "search_description"]

    def get_queryset(self):
        return super().get_queryset().filter(ends_at__gte=timezone.now())

    def page_fields(self, page):
        return {
            "body": " ".join(filter(None, [page.lead, _rich_text(page.description)])),
            "category": korean(page.get_kind_display()),
            "tags": " ".join(filter(None, [page.place_name, page.address])),
            "region": region_label(page.region),
            "starts_at": page.starts_at,
            "ends_at": page.ends_at,
        }


@registry.register
class CampaignBuilder(PageBuilder):
    """Market Creator campaigns, findable while they are live and public."""

    kind = "campaign"
    label = _("Campaign")
    model = CampaignPage
    # The MC's name is indexed with the campaign: a renamed MC re-indexes their campaigns.
    dependencies = {
        MarketCreator: lambda mc: list(mc.campaign_pages.values_list("pk", flat=True)),
    }
    db_fields = [
        "title",
        "lead",
        "community",
        "market_creator__name",
        "legacy_mc_name",
        "search_description",
    ]

    def get_queryset(self):
        return super().get_queryset().select_related("market_creator")

    def page_fields(self, page):
        return {
            "body": " ".join(filter(None, [page.lead, page.search_description])),
            "tags": " ".join(filter(None, [page.community, page.curator_name])),
        }


@registry.register
class ServiceBuilder(ProductBuilder):
    """Bookable services: Oscar products of the service class, with their service group."""

    kind = "service"
    label = _("Service")
    dependencies = {
        **ProductBuilder.dependencies,
        Service: lambda service: [service.product_id],
    }

    def findable(self):
        # A service product without a booking calendar yet is still on sale: it stays findable.
        return products_listed(
            Product.objects.browsable().filter(product_class__slug=SERVICE_CLASS_SLUG)
        )

    def get_queryset(self):
        return super().get_queryset().select_related("service")

    db_fields = [*ProductBuilder.db_fields, "service__place", "product_class__name"]

    def db_filter(self, words):
        match = super().db_filter(words)
        for word in words:
            groups = [code for code, label in ServiceGroup.choices if word in korean(label)]
            if groups:
                match |= Q(service__group__in=groups)
        return match

    def build(self, product):
        try:
            service = product.service
        except Service.DoesNotExist:
            service = None
        document = super().build(product)
        if service is not None:
            group = dict(ServiceGroup.choices).get(service.group, "")
            group = korean(group) if group else ""
            document["category"] = " ".join(filter(None, [document["category"], group, "서비스"]))
            document["tags"] = " ".join(filter(None, [document["tags"], service.place]))
            document["service_group"] = service.group
        else:
            document["category"] = " ".join(filter(None, [document["category"], "서비스"]))
        return document

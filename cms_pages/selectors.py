"""Reads for the editorial pages. The catalogue is always read live, in constant batches.

The page models call these reads from their `get_context`, so this module is imported while
the models load: it names the page classes with `apps.get_model` when a read runs, never
with an import.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr
from django.utils import timezone
from django.utils.functional import cached_property
from oscar.core.loading import get_model

from cms_pages.blocks import stream_catalogue_refs
from commerce.partner.selectors import products_listed
from commerce.partner.strategy import PartnerSuspended
from commerce.reviews.selectors import review_counts_attach

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")
PageViewRestriction = get_model("wagtailcore", "PageViewRestriction")

# How many of an enterprise's products an "whole offer" block or a profile page shows.
ENTERPRISE_OFFER_LIMIT = 24


@dataclass
class Offer:
    """A product as a reader sees it right now: price and availability from Oscar's strategy."""

    product: Product
    purchase_info: object
    enterprise: Partner | None
    enterprise_url: str = ""

    @cached_property
    def url(self) -> str:
        return self.product.get_absolute_url()

    @property
    def price(self):
        return self.purchase_info.price

    @property
    def availability(self):
        return self.purchase_info.availability

    @property
    def is_service(self) -> bool:
        # Services are not shipped: that is what tells them apart in the catalogue.
        return not self.product.get_product_class().requires_shipping

    @property
    def can_buy(self) -> bool:
        return self.product.is_public and self.availability.is_available_to_buy

    @property
    def image(self):
        image = self.product.primary_image()
        return None if isinstance(image, dict) else image


@dataclass
class ShoppableCatalogue:
    """The live catalogue data one page needs, looked up by id from its blocks' templates."""

    offers: dict[int, Offer] = field(default_factory=dict)
    partners: dict[int, Partner] = field(default_factory=dict)
    partner_products: dict[int, list[int]] = field(default_factory=dict)
    partner_urls: dict[int, str] = field(default_factory=dict)
    # Listings of suspended partners: left out of every block, not shown as unavailable.
    hidden: set[int] = field(default_factory=set)

    def offer(self, product_id) -> Offer | None:
        return self.offers.get(getattr(product_id, "pk", product_id))

    def is_hidden(self, product_id) -> bool:
        return getattr(product_id, "pk", product_id) in self.hidden

    def offers_for(self, product_ids) -> list[Offer | None]:
        return [self.offer(pk) for pk in product_ids if pk is not None and not self.is_hidden(pk)]

    def enterprise_offers(self, partner_id) -> list[Offer]:
        ids = self.partner_products.get(partner_id, [])
        return [offer for offer in self.offers_for(ids) if offer is not None]

    def partner(self, partner_id) -> Partner | None:
        return self.partners.get(partner_id)

    def partner_url(self, partner_id) -> str:
        return self.partner_urls.get(partner_id, "")

    def __iter__(self):
        return iter(self.offers.values())


def _enterprise_page_urls(partner_ids, request) -> dict[int, str]:
    EnterprisePage = apps.get_model("cms_pages", "EnterprisePage")

    if not partner_ids:
        return {}
    # Only the URL is needed: skip the profile's StreamFields and rich text.
    pages = (
        EnterprisePage.objects.live()
        .filter(partner_id__in=partner_ids)
        .only("pk", "partner_id", "url_path", "path", "depth", "locale_id")
    )
    return {page.partner_id: page.get_url(request) for page in pages}


def shoppable_catalogue(
    *, request, product_ids=(), partner_ids=(), per_partner=ENTERPRISE_OFFER_LIMIT
) -> ShoppableCatalogue:
    """Fetch the live catalogue data for the given products and enterprises' whole offers.

    The number of queries does not depend on how many products there are: one for the
    enterprises' product ids, one for the enterprises, three for the products (with stock
    records and images), one for the enterprises' profile pages.
    """
    product_ids = set(product_ids)
    partner_ids = set(partner_ids)
    catalogue = ShoppableCatalogue()
    if partner_ids:
        rows = (
            StockRecord.objects.filter(
                partner_id__in=partner_ids,
                partner__suspended_at__isnull=True,
                product__is_public=True,
                product__structure__in=[Product.STANDALONE, Product.CHILD],
            )
            .order_by("partner_id", "-product__date_created")
            .values_list("partner_id", "product_id")
        )
        for partner_id, product_id in rows:
            listed = catalogue.partner_products.setdefault(partner_id, [])
            if len(listed) < per_partner and product_id not in listed:
                listed.append(product_id)
                product_ids.add(product_id)
    if product_ids:
        products = list(
            Product.objects.filter(pk__in=product_ids)
            .select_related("product_class", "parent__product_class", "service")
            .defer("description", "meta_title", "meta_description")
        )
        prefetch_stock_and_images(products)
        for offer in _offers(products, request):
            if isinstance(offer.availability, PartnerSuspended):
                catalogue.hidden.add(offer.product.pk)  # hidden, not shown as sold out
                continue
            catalogue.offers[offer.product.pk] = offer
            if offer.enterprise:
                catalogue.partners.setdefault(offer.enterprise.pk, offer.enterprise)
    missing = partner_ids - catalogue.partners.keys()
    if missing:
        catalogue.partners.update(Partner.objects.in_bulk(missing))
    catalogue.partner_urls = _enterprise_page_urls(catalogue.partners.keys(), request)
    _link_enterprises(catalogue.offers.values(), catalogue.partner_urls)
    return catalogue


class _Prefetched(QuerySet):
    """One object's related rows, already read: what prefetch_related leaves on an instance.

    Reading it asks nothing. A further filter, ordering or values() asks the database for
    this object's rows only, as the related manager's own queryset would (the differential
    test in tests/integration/cms_pages/test_cms_fast_paths.py holds it to that).
    """

    def _chain(self):
        return self.model._default_manager.filter(**self._relation)


def _prefetched(model, rows, **relation):
    queryset = _Prefetched(model=model)
    queryset._relation = relation
    queryset._result_cache, queryset._prefetch_done = rows, True
    return queryset


def prefetch_stock_and_images(products) -> None:
    """prefetch_related("stockrecords__partner", "images") in two plain queries.

    Django's prefetch builds a filtered related queryset per product and per relation,
    which for a page of twenty products costs more than the queries themselves.
    """
    ids = [product.pk for product in products]
    stock, images = defaultdict(list), defaultdict(list)
    for record in StockRecord.objects.filter(product_id__in=ids).select_related("partner"):
        stock[record.product_id].append(record)
    for image in ProductImage.objects.filter(product_id__in=ids):  # ordered as Oscar orders
        images[image.product_id].append(image)
    for product in products:
        product._prefetched_objects_cache = {
            "stockrecords": _prefetched(StockRecord, stock[product.pk], product_id=product.pk),
            "images": _prefetched(ProductImage, images[product.pk], product_id=product.pk),
        }


def _offers(products, request) -> list[Offer]:
    review_counts_attach(products)  # the stars on each card, in one query for all
    offers = []
    for product in products:
        info = request.strategy.fetch_for_product(product)
        offers.append(Offer(product, info, info.stockrecord.partner if info.stockrecord else None))
    return offers


def _link_enterprises(offers, partner_urls) -> None:
    for offer in offers:
        if offer.enterprise:
            offer.enterprise_url = partner_urls.get(offer.enterprise.pk, "")


def offers_for_products(*, request, products) -> list[Offer]:
    """Offers for products already loaded (with their stock records, partners and images),
    in their order: one more query, for the enterprises' profile pages."""
    offers = _offers(products, request)
    partner_ids = {offer.enterprise.pk for offer in offers if offer.enterprise}
    _link_enterprises(offers, _enterprise_page_urls(partner_ids, request))
    return offers


def page_catalogue(*, request, streams) -> ShoppableCatalogue:
    """The live catalogue for every shoppable block in the given StreamField values."""
    product_ids, partner_ids = set(), set()
    for stream in streams:
        products, partners = stream_catalogue_refs(stream)
        product_ids |= products
        partner_ids |= partners
    return shoppable_catalogue(request=request, product_ids=product_ids, partner_ids=partner_ids)


def latest_product_ids(*, limit: int) -> list[int]:
    return list(
        products_listed(Product.objects.browsable())
        .order_by("-date_created")
        .values_list("pk", flat=True)[:limit]
    )


# Privacy


def public(queryset):
    """Pages no view restriction covers: Wagtail's ``.public()`` as one SQL condition.

    Wagtail's version first reads every restriction, one extra query per list; a page with
    four lists (the home page) paid four. Here a page is private when a restricted page's
    path is a prefix of its own (the restricted page itself included), checked in the
    list's own query.
    """
    covering = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return queryset.exclude(Exists(covering))


# Stories


def story_list(*, index=None, service_group="", tag="", region="", enterprise=None):
    StoryPage = apps.get_model("cms_pages", "StoryPage")
    StoryPageTag = apps.get_model("cms_pages", "StoryPageTag")

    stories = public(StoryPage.objects.live()).defer_streamfields()
    if index is not None:
        stories = stories.child_of(index)
    if service_group:
        stories = stories.filter(service_group=service_group)
    if region:
        stories = stories.filter(region=region)
    if tag:
        # A subquery, not a join: one row per story, so no DISTINCT over every live story.
        tagged = StoryPageTag.objects.filter(tag__slug=tag).values("content_object_id")
        stories = stories.filter(pk__in=tagged)
    if enterprise is not None:
        stories = stories.filter(stories_mentioning_q(enterprise))
    # Newest first by the story date's index (cms_story_date_idx), so a page of the list stops
    # after its rows; the mentions are subqueries too (stories_mentioning_q).
    return stories.select_related("author", "hero_image").order_by("-date", "-first_published_at")


def stories_mentioning_q(partner_id) -> Q:
    """Stories that mention an enterprise: chosen by the editor, or embedding one of its
    products or its whole offer (from ``StoryCatalogueReference``, kept on publish).

    Both are subqueries of the one story query, so no story's body is read to answer it.
    """
    StoryCatalogueReference = apps.get_model("cms_pages", "StoryCatalogueReference")
    StoryPage = apps.get_model("cms_pages", "StoryPage")

    chosen = StoryPage.enterprises.through.objects.filter(partner_id=partner_id)
    # The enterprise's products from its own stock records (their partner index), and a parent
    # product through its children's: two small subqueries, where one OR over the product
    # table's joins made PostgreSQL read the whole catalogue.
    records = StockRecord.objects.filter(partner_id=partner_id)
    embedded = StoryCatalogueReference.objects.filter(
        Q(partner_id=partner_id)
        | Q(product_id__in=records.values("product_id"))
        | Q(product_id__in=records.filter(product__parent__isnull=False).values("product__parent"))
    )
    return Q(pk__in=chosen.values("storypage_id")) | Q(pk__in=embedded.values("story_id"))


def paginate(queryset, *, page_number, per_page):
    return Paginator(queryset, per_page).get_page(page_number)


def story_tags(*, index):
    StoryPage = apps.get_model("cms_pages", "StoryPage")
    StoryPageTag = apps.get_model("cms_pages", "StoryPageTag")

    story_ids = public(StoryPage.objects.live()).child_of(index).values("pk")
    return (
        StoryPageTag.objects.filter(content_object_id__in=story_ids)
        .values_list("tag__slug", "tag__name")
        .distinct()
        .order_by("tag__name")
    )


# Enterprises, campaigns, events


def enterprise_list(*, index=None, enterprise_type="", region="", field=""):
    EnterprisePage = apps.get_model("cms_pages", "EnterprisePage")

    enterprises = public(EnterprisePage.objects.live()).defer_streamfields()
    if index is not None:
        enterprises = enterprises.child_of(index)
    filters = {"enterprise_type": enterprise_type, "region": region, "field": field}
    enterprises = enterprises.filter(**{k: v for k, v in filters.items() if v})
    return enterprises.select_related("partner", "logo").order_by("title")


def campaigns_current(*, today: date | None = None):
    CampaignPage = apps.get_model("cms_pages", "CampaignPage")

    today = today or timezone.localdate()
    return (
        public(CampaignPage.objects.live())
        .defer_streamfields()
        .select_related("market_creator")  # cards show the MC's name
        .filter(starts_on__lte=today)
        .filter(Q(ends_on__gte=today))
        .order_by("ends_on")
    )


def events_upcoming(*, now=None):
    EventPage = apps.get_model("cms_pages", "EventPage")

    now = now or timezone.now()
    return (
        public(EventPage.objects.live())
        .defer_streamfields()
        .filter(ends_at__gte=now)
        .order_by("starts_at")
    )


def events_past(*, now=None):
    EventPage = apps.get_model("cms_pages", "EventPage")

    now = now or timezone.now()
    return (
        public(EventPage.objects.live())
        .defer_streamfields()
        .filter(ends_at__lt=now)
        .order_by("-starts_at")
    )

"""The fast paths that lean on framework internals answer exactly what the framework would.

- the offer prefetch fills `QuerySet._result_cache`/`_prefetch_done` itself: it must give
  what `prefetch_related("stockrecords__partner", "images")` gives;
- the site-lookup middleware writes `request._wagtail_site`: it must find the site
  `Site.find_for_request` finds, for every host and port, before and after a site changes.
"""

from decimal import Decimal

from django.db import connection
from django.db.models import prefetch_related_objects
from django.test import RequestFactory, TestCase
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_class, get_model
from wagtail.models import Page, Site

from cms_pages.middleware import SiteLookupMiddleware
from cms_pages.selectors import prefetch_stock_and_images
from tests.factories.commerce import create_goods

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
Selector = get_class("partner.strategy", "Selector")


def what_a_reader_sees(products) -> list[tuple]:
    """Everything the offer cards read from a product's stock records and images."""
    strategy = Selector().strategy()
    seen = []
    for product in products:
        info = strategy.fetch_for_product(product)
        image = product.primary_image()
        seen.append(
            (
                product.pk,
                [(r.pk, r.partner.pk, r.partner.name) for r in product.stockrecords.all()],
                [i.pk for i in product.images.all()],
                len(product.stockrecords.all()),
                product.images.exists(),
                getattr(image, "pk", None),
                info.stockrecord.pk if info.stockrecord else None,
                info.price.incl_tax if info.price.exists else None,
                info.availability.is_available_to_buy,
                info.availability.message,
            )
        )
    return seen


class OfferPrefetchTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        bakery = Partner.objects.create(name="해님베이커리", code="haenim")
        farm = Partner.objects.create(name="두레농장", code="dure")
        cls.single = create_goods(partner=bakery, title="우리밀 식빵", price=6500, stock=3)
        cls.two_sellers = create_goods(partner=bakery, title="유기농 쌀", price=32000, stock=0)
        StockRecord.objects.create(
            product=cls.two_sellers,
            partner=farm,
            partner_sku="DURE-RICE",
            price_currency="KRW",
            price=Decimal("31000"),
            num_in_stock=5,
        )
        cls.with_images = create_goods(partner=farm, title="제철 꾸러미", price=25000, stock=9)
        for order in (2, 0, 1):  # stored out of order: Oscar orders them by display_order
            ProductImage.objects.create(
                product=cls.with_images, original=f"images/box-{order}.jpg", display_order=order
            )
        cls.unsold = Product.objects.create(
            title="준비 중인 상품",
            product_class=ProductClass.objects.get(slug="goods"),
            structure=Product.STANDALONE,
        )

    def products(self):
        return list(
            Product.objects.filter(
                pk__in=[self.single.pk, self.two_sellers.pk, self.with_images.pk, self.unsold.pk]
            )
            .select_related("product_class")
            .order_by("pk")
        )

    def test_the_bypass_gives_what_prefetch_related_gives(self):
        by_django = self.products()
        from_django = list(
            Product.objects.filter(pk__in=[p.pk for p in by_django])
            .select_related("product_class")
            .prefetch_related("stockrecords__partner", "images")
            .order_by("pk")
        )
        ours = self.products()
        prefetch_stock_and_images(ours)

        self.assertEqual(what_a_reader_sees(ours), what_a_reader_sees(from_django))

    def test_the_bypass_costs_two_queries_and_reading_costs_none(self):
        ours = self.products()
        with CaptureQueriesContext(connection) as prefetching:
            prefetch_stock_and_images(ours)
        with CaptureQueriesContext(connection) as reading:
            what_a_reader_sees(ours)
        self.assertEqual(len(prefetching), 2)
        self.assertEqual(len(reading), 0)

    def test_a_further_query_on_a_prefetched_relation_reads_that_products_rows(self):
        def further(products):
            return [
                (
                    list(p.stockrecords.filter(num_in_stock__gt=0).values_list("partner_sku")),
                    list(p.stockrecords.order_by("-price").values_list("pk", flat=True)),
                    list(p.images.exclude(display_order=0).values_list("pk", flat=True)),
                    getattr(p.stockrecords.first(), "pk", None),
                    p.stockrecords.count(),
                )
                for p in products
            ]

        from_django = self.products()
        prefetch_related_objects(from_django, "stockrecords__partner", "images")
        ours = self.products()
        prefetch_stock_and_images(ours)

        self.assertEqual(further(ours), further(from_django))
        self.assertEqual(further(ours)[1][0], [("DURE-RICE",)])  # not another product's rows


HOSTS = [
    # (Host header, server port)
    ("localhost", "80"),
    ("localhost:8000", "8000"),
    ("shop.example.kr", "80"),
    ("shop.example.kr", "443"),
    ("shop.example.kr:8443", "8443"),
    ("shop.example.kr:9999", "9999"),
    ("other.example.kr", "80"),
    ("other.example.kr:8080", "8080"),
    ("unknown.example.kr", "80"),
    ("SHOP.example.kr", "80"),
    ("127.0.0.1:8000", "8000"),
]


class SiteLookupMiddlewareTest(TestCase):
    """Several sites, with and without a default: the middleware answers as Wagtail does."""

    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.shop_home = root.add_child(instance=Page(title="가게", slug="shop"))
        cls.other_home = root.add_child(instance=Page(title="다른 곳", slug="other"))
        cls.default = Site.objects.get(is_default_site=True)
        Site.objects.create(hostname="shop.example.kr", port=80, root_page=cls.shop_home)
        Site.objects.create(hostname="shop.example.kr", port=8443, root_page=cls.other_home)
        Site.objects.create(hostname="other.example.kr", port=80, root_page=cls.other_home)

    def request(self, host, port):
        return RequestFactory().get("/", HTTP_HOST=host, SERVER_PORT=port)

    def through_middleware(self, host, port):
        seen = {}

        def view(request):
            seen["site"] = request._wagtail_site
            return None

        SiteLookupMiddleware(view)(self.request(host, port))
        return seen["site"]

    def assert_same_as_wagtail(self):
        for host, port in HOSTS:
            with self.subTest(host=host, port=port):
                expected = Site.find_for_request(self.request(host, port))
                self.assertEqual(self.through_middleware(host, port), expected)  # a miss
                self.assertEqual(self.through_middleware(host, port), expected)  # from cache

    def test_every_host_and_port_finds_the_site_wagtail_finds(self):
        self.assert_same_as_wagtail()

    def test_a_changed_site_is_found_at_once(self):
        self.assert_same_as_wagtail()  # fills the cache
        shop = Site.objects.get(hostname="shop.example.kr", port=80)
        shop.port = 8000
        shop.save()
        Site.objects.filter(hostname="other.example.kr").delete()  # a queryset delete
        for site in Site.objects.filter(hostname="shop.example.kr", port=8443):
            site.delete()
        self.assert_same_as_wagtail()

    def test_without_a_default_site_an_unknown_host_finds_none(self):
        self.assert_same_as_wagtail()
        self.default.is_default_site = False
        self.default.save()
        self.assert_same_as_wagtail()
        self.assertIsNone(self.through_middleware("unknown.example.kr", "80"))

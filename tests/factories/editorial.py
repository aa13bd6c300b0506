"""Editorial things that are not pages: authors, enterprises (partners), goods and services,
shoppable blocks. The page tree is `tests.factories.pages.PageTree`."""

from decimal import Decimal

from oscar.core.loading import get_model
from oscar.test.factories import create_product

from cms_pages.models import (
    ContentCreatorProfile,
)

Partner = get_model("partner", "Partner")
ProductClass = get_model("catalogue", "ProductClass")


def author(name="김하늘") -> ContentCreatorProfile:
    return ContentCreatorProfile.objects.create(name=name, bio="동네 협동조합을 기록합니다.")


def partner(name="해님베이커리", code="haenim") -> Partner:
    return Partner.objects.get_or_create(code=code, defaults={"name": name})[0]


def goods(title="우리밀 식빵", price=6500, stock=10, enterprise=None, **kwargs):
    return create_product(
        title=title,
        price=Decimal(price),
        num_in_stock=stock,
        partner_name=(enterprise.name if enterprise else "해님베이커리"),
        **kwargs,
    )


def service(title="방문 돌봄 2시간", price=30000, enterprise=None):
    ProductClass.objects.get_or_create(
        name="서비스",
        defaults={"slug": "service", "requires_shipping": False, "track_stock": False},
    )
    return create_product(
        title=title,
        price=Decimal(price),
        product_class="서비스",
        partner_name=(enterprise.name if enterprise else "새싹돌봄"),
    )


def product_blocks(products):
    return [("product", {"product": p.pk, "note": ""}) for p in products]

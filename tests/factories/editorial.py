"""Builders for the editorial page tree: indexes, stories, enterprises, campaigns, events."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from oscar.core.loading import get_model
from oscar.test.factories import create_product

from cms_pages.models import (
    CampaignIndexPage,
    CampaignPage,
    ContentCreatorProfile,
    EnterpriseIndexPage,
    EnterprisePage,
    EventIndexPage,
    EventPage,
    StoryIndexPage,
    StoryPage,
)
from tests.factories.pages import build_site

Partner = get_model("partner", "Partner")
ProductClass = get_model("catalogue", "ProductClass")


class EditorialTree:
    """A home page with one index of each kind, built once per test class."""

    def __init__(self):
        self.home = build_site()
        self.stories = self.home.add_child(instance=StoryIndexPage(title="이야기", slug="이야기"))
        self.enterprises = self.home.add_child(
            instance=EnterpriseIndexPage(title="기업", slug="기업")
        )
        self.campaigns = self.home.add_child(
            instance=CampaignIndexPage(title="캠페인", slug="캠페인")
        )
        self.events = self.home.add_child(instance=EventIndexPage(title="행사", slug="행사"))

    def story(self, **fields) -> StoryPage:
        fields.setdefault("title", "협동조합 빵집 이야기")
        fields.setdefault("slug", fields["title"].replace(" ", "-"))
        fields.setdefault("lead", "우리밀로 일자리를 굽는 사람들")
        tags = fields.pop("tags", [])
        story = StoryPage(**fields)
        if tags:
            story.tags.add(*tags)
        return self.stories.add_child(instance=story)

    def enterprise(self, partner, **fields) -> EnterprisePage:
        fields.setdefault("title", partner.name)
        fields.setdefault("slug", partner.code or partner.name)
        fields.setdefault("enterprise_type", "cooperative")
        fields.setdefault("region", "seoul")
        fields.setdefault("field", "food")
        return self.enterprises.add_child(instance=EnterprisePage(partner=partner, **fields))

    def campaign(self, *, starts_in=-1, lasts=10, **fields) -> CampaignPage:
        today = timezone.localdate()
        fields.setdefault("title", "우리 동네 꾸러미")
        fields.setdefault("slug", fields["title"].replace(" ", "-"))
        if "market_creator" not in fields:
            fields.setdefault("legacy_mc_name", "정다운 MC")
        fields.setdefault("community", "둔산동 아파트 공동체")
        fields.setdefault("starts_on", today + timedelta(days=starts_in))
        fields.setdefault("ends_on", today + timedelta(days=starts_in + lasts))
        return self.campaigns.add_child(instance=CampaignPage(**fields))

    def event(self, *, starts_in_days=7, hours=3, **fields) -> EventPage:
        starts = timezone.now().replace(microsecond=0) + timedelta(days=starts_in_days)
        fields.setdefault("title", "봄 장터")
        fields.setdefault("slug", fields["title"].replace(" ", "-"))
        fields.setdefault("kind", "market-fair")
        fields.setdefault("place_name", "마을광장")
        fields.setdefault("address", "서울특별시 마포구 성미산로 25")
        fields.setdefault("starts_at", starts)
        fields.setdefault("ends_at", starts + timedelta(hours=hours))
        return self.events.add_child(instance=EventPage(**fields))


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

"""The one page-tree builder: a home page as the default site's root, the section indexes
under it (made when first used), and the pages of each kind."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page, Site

from cms_pages.models import (
    CampaignIndexPage,
    CampaignPage,
    EnterpriseIndexPage,
    EnterprisePage,
    EventIndexPage,
    EventPage,
    HomePage,
    StoryIndexPage,
    StoryPage,
)

INDEXES = {
    "stories": (StoryIndexPage, "이야기"),
    "enterprises": (EnterpriseIndexPage, "기업"),
    "campaigns": (CampaignIndexPage, "캠페인"),
    "events": (EventIndexPage, "행사"),
}


def _new_home() -> HomePage:
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2, content_type__model="page").delete()
    home = root.add_child(instance=HomePage(title="더센 홈", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


class PageTree:
    """A home page with the section indexes named in ``indexes`` (all four unless told),
    built once per test class; ``tree.stories`` and the others make theirs when first used."""

    def __init__(self, *, indexes=tuple(INDEXES), home: HomePage | None = None):
        self.home = home or _new_home()
        for name in indexes:
            self.index(name)

    def index(self, name: str) -> Page:
        if name not in self.__dict__:
            model, title = INDEXES[name]
            self.__dict__[name] = model.objects.child_of(self.home).first() or self.home.add_child(
                instance=model(title=title, slug=title)
            )
        return self.__dict__[name]

    def __getattr__(self, name):
        if name in INDEXES:
            return self.index(name)
        raise AttributeError(name)

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


def build_site() -> HomePage:
    """Only the home page (the tree's root), for tests that add their own pages."""
    return PageTree(indexes=()).home


def build_story(home: HomePage, **fields) -> StoryPage:
    return PageTree(indexes=(), home=home).story(**fields)

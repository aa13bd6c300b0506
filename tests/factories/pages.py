"""Page-tree builders for tests: a home page as the default site's root, and stories."""

from wagtail.models import Page, Site

from cms_pages.models import HomePage, StoryIndexPage, StoryPage


def build_site() -> HomePage:
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2, content_type__model="page").delete()
    home = root.add_child(instance=HomePage(title="더센 홈", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home


def build_story(home: HomePage, **fields) -> StoryPage:
    index = StoryIndexPage.objects.child_of(home).first() or home.add_child(
        instance=StoryIndexPage(title="이야기", slug="이야기")
    )
    fields.setdefault("title", "협동조합 빵집 이야기")
    fields.setdefault("lead", "우리밀로 일자리를 굽는 사람들")
    return index.add_child(instance=StoryPage(**fields))

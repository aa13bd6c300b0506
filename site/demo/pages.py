"""Demo editorial pages: the home page and a few stories."""

from wagtail.models import Page, Site

from cms_pages.models import HomePage, StoryIndexPage, StoryPage

STORIES = [
    (
        "동네 빵집이 일자리를 굽는 법",
        "발달장애 청년 제빵사 여섯 명이 매일 아침 우리밀 식빵을 굽습니다.",
        "<p>해님베이커리는 2014년 사회적기업 인증을 받았습니다. 반죽부터 포장까지 "
        "청년 제빵사들이 맡고, 수익은 다시 일자리로 돌아갑니다.</p>",
    ),
    (
        "채소 꾸러미로 이어진 도시와 농촌",
        "두레농장 협동조합의 조합원 농가 스무 곳이 매주 제철 채소를 보냅니다.",
        "<p>꾸러미 하나에는 그 주에 거둔 채소 다섯 가지가 담깁니다. 도시의 조합원은 "
        "농가의 한 해 살림을 함께 계획합니다.</p>",
    ),
    (
        "마을공방에서 다시 태어나는 나무",
        "버려지는 원목 자투리가 도마와 수저받침이 됩니다.",
        "<p>마을공방은 어르신 일자리와 자원 순환을 함께 해결하는 마을기업입니다.</p>",
    ),
]


def load() -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        # Wagtail's first migration leaves a placeholder welcome page where ours belongs.
        Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
        home = root.add_child(
            instance=HomePage(
                title="사회적경제의 이야기와 상품을 한곳에서",
                slug="home",
                intro="<p>협동조합과 사회적기업이 만든 상품과 서비스를, 그 이야기와 함께 만나세요.</p>",
            )
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "더센"},
    )

    index = StoryIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=StoryIndexPage(title="이야기", slug="이야기"))
    for title, lead, paragraph in STORIES:
        if not StoryPage.objects.filter(title=title).exists():
            index.add_child(
                instance=StoryPage(title=title, lead=lead, body=[("paragraph", paragraph)])
            )
    return home

"""Demo editorial pages: home, 10 stories, 6 enterprise profiles, 2 MC campaigns, 3 events.

Idempotent: every page is looked up by its slug under its index before it is created.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Page, Site

from cms_pages.models import (
    CampaignIndexPage,
    CampaignPage,
    ContentCreatorProfile,
    EnterpriseIndexPage,
    EnterprisePage,
    EventIndexPage,
    EventPage,
    HomePage,
    StoryIndexPage,
    StoryPage,
)
from demo import mc as mc_demo
from demo.images import image_make

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
SEOUL = ZoneInfo("Asia/Seoul")
PALETTE = [
    (11, 110, 79),
    (39, 94, 140),
    (140, 82, 39),
    (112, 60, 120),
    (60, 110, 60),
    (150, 60, 60),
]


def _picture(title, n):
    return image_make(title=title, colour=PALETTE[n % len(PALETTE)])


AUTHORS = [
    ("김하늘", "동네의 작은 가게와 협동조합을 찾아다니며 기록합니다."),
    ("이바람", "돌봄과 복지 현장의 이야기를 씁니다. 전직 사회복지사."),
    ("박솔", "지역에서 일하고 먹고 사는 방법을 궁리하는 글쓴이."),
]

# (partner code, page slug, type, region, field, lead, mission, phone, address)
ENTERPRISES = [
    (
        "pa-1018600011",  # 햇살돌봄: approved through membership (demo/commerce.py)
        "햇살돌봄",
        "cooperative",
        "seoul",
        "care",
        "요양보호사와 주민이 함께 만든 마포의 돌봄 협동조합",
        "어르신과 가족이 동네에서 오래 살 수 있도록 방문 돌봄과 건강 코칭을 잇습니다.",
        "02-332-1004",
        "서울특별시 마포구 성미산로 17",
    ),
    (
        "dure-farm",
        "두레농장",
        "cooperative",
        "gyeonggi",
        "food",
        "조합원 농가 스무 곳이 함께 짓는 유기농 협동조합",
        "땅을 살리는 농사와 도시-농촌의 신뢰를 잇습니다.",
        "031-555-0101",
        "경기도 양평군 양서면 두물머리길 12",
    ),
    (
        "haenim-bakery",
        "해님베이커리",
        "social-enterprise",
        "seoul",
        "food",
        "발달장애 청년 제빵사들이 일하는 빵집",
        "좋은 일자리를 굽고, 번 돈은 다시 일자리로 돌립니다.",
        "02-555-0102",
        "서울특별시 마포구 성미산로 25",
    ),
    (
        "maeul-craft",
        "마을공방",
        "village-enterprise",
        "daejeon",
        "living",
        "어르신 손끝에서 다시 태어나는 나무와 천",
        "마을 어르신 일자리와 자원 순환을 함께 풉니다.",
        "042-555-0103",
        "대전광역시 유성구 어은로 40",
    ),
    (
        "saessak-care",
        "새싹돌봄",
        "cooperative",
        "daejeon",
        "care",
        "아이와 어르신을 함께 돌보는 돌봄 협동조합",
        "돌봄 노동이 존중받는 동네를 만듭니다.",
        "042-555-0104",
        "대전광역시 서구 둔산로 88",
    ),
    (
        "hamkke-works",
        "함께일터",
        "self-sufficiency",
        "busan",
        "living",
        "기술을 배워 자립하는 사람들의 일터",
        "일을 통해 다시 서는 길을 함께 닦습니다.",
        "051-555-0105",
        "부산광역시 사하구 낙동대로 210",
    ),
    (
        "green-loop",
        "그린루프",
        "social-venture",
        "seoul",
        "environment",
        "버려지는 것을 다시 쓰게 만드는 소셜벤처",
        "동네 가게의 쓰레기와 탄소를 줄입니다.",
        "02-555-0106",
        "서울특별시 성동구 왕십리로 115",
    ),
]

ALL_UPCS = [f"CEN-G-00{i}" for i in range(1, 7)] + [
    f"CEN-{k}-{n}"
    for n, k in [
        (101, "S"),
        (102, "S"),
        (103, "G"),
        (104, "G"),
        (105, "G"),
        (201, "S"),
        (202, "S"),
        (203, "G"),
        (204, "G"),
        (205, "G"),
        (301, "S"),
        (302, "S"),
        (303, "G"),
        (304, "G"),
        (305, "G"),
    ]
]

# (slug, title, lead, author index, service group, region, tags, enterprises, paragraphs, upcs)
STORIES = [
    (
        "빵집이-일자리를-굽는-법",
        "동네 빵집이 일자리를 굽는 법",
        "발달장애 청년 제빵사 여섯 명이 매일 아침 우리밀 식빵을 굽습니다.",
        0,
        "living",
        "seoul",
        ["일자리", "먹거리"],
        ["haenim-bakery"],
        [
            "해님베이커리의 아침은 새벽 다섯 시에 시작됩니다. 반죽을 치대는 손이 빨라질수록 가게 앞 줄도 길어집니다.",
            "이곳의 수익은 다시 새 제빵사를 뽑는 데 쓰입니다.",
        ],
        ["CEN-G-003", "CEN-G-004"],
    ),
    (
        "채소-꾸러미로-이어진-도시와-농촌",
        "채소 꾸러미로 이어진 도시와 농촌",
        "두레농장 조합원 농가 스무 곳이 매주 제철 채소를 보냅니다.",
        0,
        "living",
        "gyeonggi",
        ["먹거리", "협동조합"],
        ["dure-farm"],
        [
            "꾸러미 하나에는 그 주에 거둔 채소 다섯 가지가 담깁니다.",
            "도시 조합원은 농가의 한 해 농사 계획을 함께 세웁니다.",
        ],
        ["CEN-G-001", "CEN-G-002"],
    ),
    (
        "마을공방에서-다시-태어나는-나무",
        "마을공방에서 다시 태어나는 나무",
        "버려지는 원목 자투리가 도마와 수저받침이 됩니다.",
        2,
        "living",
        "daejeon",
        ["자원순환", "마을"],
        ["maeul-craft"],
        [
            "공방의 막내는 일흔둘입니다. 대패질 소리가 멈추지 않는 오후, 어르신들은 서로의 작품을 품평합니다."
        ],
        ["CEN-G-005", "CEN-G-006"],
    ),
    (
        "할머니와-말벗이-된-요양보호사",
        "할머니와 말벗이 된 요양보호사",
        "새싹돌봄의 방문 돌봄은 두 시간의 대화로 시작합니다.",
        1,
        "care",
        "daejeon",
        ["돌봄", "어르신"],
        ["saessak-care"],
        [
            "혼자 사는 어르신에게 가장 필요한 것은 약보다 이야기 상대일 때가 많습니다.",
            "돌봄 협동조합은 요양보호사가 같은 어르신을 오래 만날 수 있도록 일정을 짭니다.",
        ],
        ["CEN-S-101", "CEN-G-104"],
    ),
    (
        "방과후-돌봄교실의-하루",
        "방과후 돌봄교실의 하루",
        "맞벌이 부모의 오후를 동네가 함께 책임집니다.",
        1,
        "care",
        "daejeon",
        ["돌봄", "아이"],
        ["saessak-care"],
        ["세 시가 되면 돌봄교실 문이 열리고, 아이들은 간식을 먹은 뒤 그림책 앞에 모입니다."],
        ["CEN-S-102", "CEN-G-103"],
    ),
    (
        "기술로-다시-서는-사람들",
        "기술로 다시 서는 사람들",
        "함께일터 참여자들은 집수리 기술로 이웃의 불편을 덜어 줍니다.",
        2,
        "living",
        "busan",
        ["자활", "일자리"],
        ["hamkke-works"],
        ["처음 공구를 잡던 날을 기억하는 참여자들은 이제 후배에게 드라이버 쥐는 법을 가르칩니다."],
        ["CEN-S-201", "CEN-S-202", "CEN-G-203"],
    ),
    (
        "현수막이-장바구니가-되기까지",
        "현수막이 장바구니가 되기까지",
        "선거가 끝나면 쏟아지는 현수막, 함께일터는 그것을 씻고 자릅니다.",
        0,
        "living",
        "busan",
        ["자원순환"],
        ["hamkke-works"],
        ["한 장의 현수막에서 장바구니 여섯 개가 나옵니다. 끈은 자투리 천으로 만듭니다."],
        ["CEN-G-203", "CEN-G-204"],
    ),
    (
        "가게의-탄소를-재는-사람들",
        "가게의 탄소를 재는 사람들",
        "그린루프는 동네 가게의 전기 요금 고지서부터 함께 읽습니다.",
        2,
        "business-support",
        "seoul",
        ["환경", "소상공인"],
        ["green-loop"],
        ["냉장고 문 하나 바꾸는 일로 한 달 전기 요금이 눈에 띄게 줄기도 합니다."],
        ["CEN-S-301", "CEN-G-303"],
    ),
    (
        "교실로-찾아가는-제로웨이스트",
        "교실로 찾아가는 제로웨이스트",
        "아이들이 직접 밀랍 랩을 만들어 보는 두 시간 수업.",
        1,
        "education",
        "seoul",
        ["환경", "교육"],
        ["green-loop"],
        ["수업이 끝나면 아이들은 집에 가서 부모님께 랩 쓰는 법을 가르칩니다."],
        ["CEN-S-302", "CEN-G-305"],
    ),
    (
        "더센-장바구니-스무-가지",
        "더센 장바구니에 담긴 스무 가지 이야기",
        "여섯 기업의 상품과 서비스 스무 가지를 한 번에 둘러봅니다.",
        0,
        "living",
        "seoul",
        ["모아보기"],
        ["dure-farm", "haenim-bakery", "maeul-craft", "saessak-care", "hamkke-works", "green-loop"],
        ["장바구니 하나로 여섯 기업을 응원하는 방법을 모았습니다."],
        ALL_UPCS[:20],
    ),
]

# (slug, title, MC code, community, lead, start offset in days, length in days, upcs)
CAMPAIGNS = [
    (
        "우리동네-돌봄-꾸러미",
        "우리 동네 돌봄 꾸러미",
        "jeongdaun",
        "대전 둔산동 아파트 공동체",
        "이웃 어르신과 아이를 위한 돌봄 서비스와 선물을 골랐습니다.",
        -7,
        30,
        ["CEN-S-101", "CEN-S-102", "CEN-G-104", "CEN-G-105"],
    ),
    (
        "제로웨이스트-가게-응원",
        "제로웨이스트 가게 응원전",
        "chorok",
        "성동구 상인회",
        "가게에서 바로 쓸 수 있는 리필 세제와 컨설팅을 묶었습니다.",
        -3,
        20,
        ["CEN-S-301", "CEN-G-303", "CEN-G-304"],
    ),
]

# (slug, title, kind, lead, day offset, start hour, hours, place, address, capacity, partners)
EVENTS = [
    (
        "봄-사회적경제-장터",
        "봄 사회적경제 장터",
        "market-fair",
        "여섯 기업이 한자리에 모이는 주말 장터입니다.",
        14,
        11,
        6,
        "성미산 마을광장",
        "서울특별시 마포구 성미산로 25",
        200,
        ["haenim-bakery", "dure-farm", "green-loop"],
    ),
    (
        "돌봄-체험의-날",
        "돌봄 체험의 날",
        "experience-day",
        "돌봄 서비스를 직접 체험하고 상담받는 하루.",
        21,
        14,
        3,
        "둔산 주민센터 3층",
        "대전광역시 서구 둔산로 88",
        30,
        ["saessak-care"],
    ),
    (
        "마켓크리에이터-양성과정-1기",
        "마켓크리에이터 양성과정 1기",
        "mc-course",
        "공동체와 기업을 잇는 MC가 되는 네 번의 수업.",
        -30,
        19,
        2,
        "더센 교육장",
        "서울특별시 종로구 세종대로 175",
        20,
        ["green-loop"],
    ),
]


def _child(parent, model, slug, **fields):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(instance=model(slug=slug, **fields))
    return page


def _rich(paragraphs):
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


def _product_ids(upcs):
    ids = dict(Product.objects.filter(upc__in=upcs).values_list("upc", "pk"))
    return [ids[upc] for upc in upcs if upc in ids]


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
    partners = {p.code: p for p in Partner.objects.all()}
    authors = [
        ContentCreatorProfile.objects.get_or_create(
            name=name, defaults={"bio": bio, "photo": _picture(f"CC {name}", n)}
        )[0]
        for n, (name, bio) in enumerate(AUTHORS)
    ]

    directory = _child(
        home,
        EnterpriseIndexPage,
        "기업",
        title="함께하는 기업",
        intro="<p>협동조합, 사회적기업, 마을기업, 자활기업, 소셜벤처를 소개합니다.</p>",
    )
    for n, (code, slug, kind, region, field, lead, mission, phone, address) in enumerate(
        ENTERPRISES
    ):
        draft = EnterprisePage.objects.filter(partner=partners.get(code), live=False).first()
        if draft is not None:  # drafted when membership was approved: the demo publishes it
            draft.save_revision().publish()
        if code in partners and not EnterprisePage.objects.filter(partner=partners[code]).exists():
            directory.add_child(
                instance=EnterprisePage(
                    title=partners[code].name,
                    slug=slug,
                    partner=partners[code],
                    enterprise_type=kind,
                    region=region,
                    field=field,
                    lead=lead,
                    mission=f"<p>{mission}</p>",
                    phone=phone,
                    address=address,
                    email=f"hello@{code}.example.kr",
                    logo=_picture(partners[code].name, n),
                )
            )

    index = _child(home, StoryIndexPage, "이야기", title="이야기")
    for offset, (
        slug,
        title,
        lead,
        author,
        group,
        region,
        tags,
        mentions,
        paragraphs,
        upcs,
    ) in enumerate(STORIES):
        if StoryPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        ids = _product_ids(upcs)
        body = _rich(paragraphs)
        if len(ids) > 2:
            body.append(("product_list", {"heading": "이야기 속 상품과 서비스", "products": ids}))
        else:
            body += [("product", {"product": pk, "note": ""}) for pk in ids]
        story = StoryPage(
            title=title,
            slug=slug,
            lead=lead,
            author=authors[author],
            service_group=group,
            region=region,
            body=body,
            date=timezone.localdate() - timedelta(days=offset * 3),
            hero_image=_picture(title, offset),
        )
        story.tags.add(*tags)
        index.add_child(instance=story)
        story.enterprises.set([partners[c] for c in mentions if c in partners])
        story.save_revision().publish()

    campaigns = _child(home, CampaignIndexPage, "캠페인", title="MC 캠페인")
    today = timezone.localdate()
    creators = mc_demo.load()  # idempotent: the campaigns' MCs, with their profiles
    for n, (slug, title, code, community, lead, start, length, upcs) in enumerate(CAMPAIGNS):
        campaign = _child(
            campaigns,
            CampaignPage,
            slug,
            title=title,
            market_creator=creators[code],
            community=community,
            lead=lead,
            hero_image=_picture(title, n + 2),
            starts_on=today + timedelta(days=start),
            ends_on=today + timedelta(days=start + length),
            body=[
                (
                    "product_list",
                    {"heading": "MC가 고른 상품과 서비스", "products": _product_ids(upcs)},
                )
            ],
        )
        if campaign.market_creator_id is None:  # a campaign loaded before MCs had records
            campaign.market_creator = creators[code]
            campaign.save_revision().publish()

    events = _child(home, EventIndexPage, "행사", title="행사")
    for slug, title, kind, lead, day, hour, hours, place, address, capacity, codes in EVENTS:
        starts = datetime.combine(today + timedelta(days=day), datetime.min.time(), SEOUL)
        starts = starts.replace(hour=hour)
        participants = [
            (
                "participant",
                {
                    "enterprise": partners[c].pk,
                    "brings": "",
                    "products": _product_ids(
                        [
                            u
                            for u in ALL_UPCS
                            if Product.objects.filter(
                                upc=u, stockrecords__partner=partners[c]
                            ).exists()
                        ][:2]
                    ),
                },
            )
            for c in codes
            if c in partners
        ]
        _child(
            events,
            EventPage,
            slug,
            title=title,
            kind=kind,
            lead=lead,
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            place_name=place,
            address=address,
            capacity=capacity,
            participants=participants,
            programme=[
                ("item", {"time": f"{hour:02d}:00", "title": "여는 인사", "description": ""}),
                (
                    "item",
                    {"time": f"{hour + 1:02d}:00", "title": "기업 소개와 체험", "description": ""},
                ),
            ],
        )
    return home

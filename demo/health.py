"""Demo health side: six dimensions, a quick and a detailed self-check with result rules,
health services and goods, a story, an experience day and five health groups (건강반).

Idempotent: everything is looked up by its slug, code or UPC before it is created.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from cms_pages.models import EventIndexPage, EventPage, HomePage, StoryIndexPage, StoryPage
from commerce.bookings.models import Service, WeeklySlot
from commerce.membership.models import PartnerApplication
from demo.catalogue import listing
from health.models import (
    Dimension,
    HealthCheckPage,
    HealthGroupIndexPage,
    HealthGroupPage,
    ResultRule,
)
from health.models.checks import question_block

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")
create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")

DEMO_BRN = "1018600011"  # the demo partner agency of demo/commerce.py

DIMENSIONS = [
    (
        "activity",
        "신체 활동",
        "몸을 얼마나 움직이는지 봅니다. 점수가 높을수록 활동을 늘리면 좋습니다.",
    ),
    (
        "nutrition",
        "영양",
        "끼니를 챙기고 골고루 먹는지 봅니다. 점수가 높을수록 식사에 도움이 필요합니다.",
    ),
    ("sleep", "수면", "잠들고 깨는 것이 편한지 봅니다. 점수가 높을수록 잠을 돌볼 때입니다."),
    (
        "mood",
        "마음과 스트레스",
        "요즘 기분과 긴장을 봅니다. 점수가 높을수록 마음을 쉬게 할 방법이 필요합니다.",
    ),
    (
        "social",
        "사회적 관계",
        "이웃, 가족, 친구와 얼마나 이어져 있는지 봅니다. 점수가 높을수록 외로움이 클 수 있습니다.",
    ),
    (
        "support",
        "일상생활 지원",
        "장보기, 청소, 병원 가기 같은 일을 혼자 하기 어려운 정도를 봅니다.",
    ),
]

# (upc, group, category, title, description, price, place, [(weekday, hour)], capacity)
SERVICES = [
    (
        "CEN-H-301",
        "care",
        "서비스 > 건강",
        "동네 건강 코치와 1:1 걷기 상담",
        "운동 처방사와 함께 지금 몸 상태에 맞는 걷기 계획을 세웁니다. 50분.",
        15000,
        "서울 마포구 성미산로 17 햇살돌봄 상담실",
        [(0, 10), (2, 10), (4, 15)],
        2,
    ),
    (
        "CEN-H-302",
        "care",
        "서비스 > 마음건강",
        "마음 쉼 상담 (50분)",
        "심리상담사가 요즘의 걱정과 긴장을 함께 정리합니다. 상담 내용은 기록하지 않습니다.",
        30000,
        "서울 마포구 성미산로 17 2층 조용한 방",
        [(1, 14), (3, 14), (3, 19)],
        1,
    ),
    (
        "CEN-H-303",
        "education",
        "서비스 > 건강",
        "어르신 근력 운동 교실",
        "의자와 밴드로 하는 쉬운 근력 운동을 배웁니다. 8명 소그룹.",
        5000,
        "서울 마포구 성미산로 17 2층 교육장",
        [(1, 10), (3, 10)],
        8,
    ),
]
# (upc, category, title, description, price, stock)
GOODS = [
    (
        "CEN-H-401",
        "먹거리 > 건강식",
        "싱겁게 만든 건강 반찬 네 가지",
        "소금을 절반으로 줄이고 제철 채소를 넉넉히 넣은 반찬 꾸러미입니다.",
        18000,
        40,
    ),
    (
        "CEN-H-402",
        "생활용품 > 수면",
        "메밀 베개와 면 안대 세트",
        "마을 공방에서 메밀 껍질을 채워 만든 베개와 부드러운 면 안대입니다.",
        27000,
        20,
    ),
]

FREQUENCY = [
    ("a", "전혀 아니다", 0),
    ("b", "가끔 그렇다", 1),
    ("c", "자주 그렇다", 2),
    ("d", "거의 항상 그렇다", 3),
]

QUICK = [
    {
        "key": "walk",
        "text": "지난 일주일 동안 30분 넘게 걸은 날은 며칠인가요?",
        "kind": "single",
        "answers": [
            ("a", "5일 이상", {"activity": 0}),
            ("b", "2~4일", {"activity": 2}),
            ("c", "하루 이하", {"activity": 4}),
        ],
    },
    {
        "key": "meal",
        "text": "끼니를 거르는 일이 얼마나 자주 있나요?",
        "kind": "single",
        "answers": [
            ("a", "거의 없어요", {"nutrition": 0}),
            ("b", "일주일에 한두 번", {"nutrition": 2}),
            ("c", "거의 매일", {"nutrition": 4}),
        ],
    },
    {
        "key": "sleep",
        "text": "요즘 잠은 어떠세요? (1 아주 잘 잔다 – 5 거의 못 잔다)",
        "kind": "scale",
        "answers": [(str(n), str(n), {"sleep": n - 1}) for n in range(1, 6)],
    },
    {
        "key": "mood",
        "text": "지난 2주 동안 기분이 가라앉거나 아무것도 하기 싫은 날이 있었나요?",
        "kind": "single",
        "answers": [
            ("a", "없었어요", {"mood": 0}),
            ("b", "며칠 있었어요", {"mood": 2}),
            ("c", "거의 매일이었어요", {"mood": 5}),
        ],
    },
    {
        "key": "mood2",
        "text": "그 기분 때문에 일이나 집안일, 사람 만나는 일이 어려울 정도인가요?",
        "kind": "single",
        "answers": [
            ("a", "그 정도는 아니에요", {"mood": 0}),
            ("b", "네, 많이 어려워요", {"mood": 5}),
        ],
        "show_if": ("mood", "c"),
    },
    {
        "key": "life",
        "text": "다음 중 해당하는 것을 모두 골라 주세요.",
        "kind": "multiple",
        "required": False,
        "answers": [
            ("a", "혼자 살고 있어요", {"social": 2}),
            ("b", "일주일 동안 이웃이나 가족과 이야기하지 않은 적이 있어요", {"social": 3}),
            ("c", "장보기나 청소가 힘에 부쳐요", {"support": 3}),
            ("d", "병원에 혼자 가기 어려워요", {"support": 3}),
        ],
    },
]

DETAILED_ITEMS = {
    "activity": [
        "하루에 30분도 걷지 않는 날이 많다.",
        "계단을 오르면 금방 숨이 찬다.",
        "앉아 있는 시간이 하루 8시간을 넘는다.",
        "일주일에 한 번도 땀이 날 만큼 움직이지 않는다.",
    ],
    "nutrition": [
        "아침을 거른다.",
        "채소나 과일을 하루 한 번도 먹지 않는 날이 있다.",
        "라면이나 배달 음식으로 끼니를 때운다.",
        "혼자 먹는 밥이 귀찮아 대충 먹는다.",
    ],
    "sleep": [
        "잠드는 데 30분 넘게 걸린다.",
        "밤중에 깨서 다시 잠들기 어렵다.",
        "아침에 일어나도 개운하지 않다.",
        "낮에 꾸벅꾸벅 졸 때가 있다.",
    ],
    "mood": [
        "사소한 일에도 짜증이 난다.",
        "걱정이 많아 일에 집중하기 어렵다.",
        "예전에 즐겁던 일이 재미없다.",
        "이유 없이 마음이 가라앉는다.",
    ],
    "social": [
        "속마음을 털어놓을 사람이 없다.",
        "하루 종일 누구와도 말하지 않는 날이 있다.",
        "동네 모임이나 활동에 나가지 않는다.",
        "외롭다고 느낀다.",
    ],
    "support": [
        "장보기가 힘들다.",
        "청소나 빨래를 미루게 된다.",
        "병원이나 관공서에 혼자 가기 어렵다.",
        "약을 제때 챙겨 먹지 못한다.",
    ],
}

MOOD_HELP = (
    "마음이 많이 힘들 때는 혼자 견디지 마세요. 자살예방 상담전화 109(24시간), "
    "정신건강 위기상담 1577-0199, 가까운 정신건강복지센터나 보건소에서 도움을 받을 수 있습니다. "
    "위급하면 119에 전화하세요."
)

# (dimension, quick low, detailed low, advice, what to recommend, warning: (quick, detailed) low)
RULES = [
    (
        "activity",
        2,
        5,
        "조금씩 몸을 움직여 볼 때예요. 이웃과 함께 걷는 모임부터 시작해 보세요.",
        {"category": "서비스 > 건강", "group_theme": "walking", "event_kind": "experience-day"},
    ),
    (
        "nutrition",
        2,
        5,
        "끼니를 챙기기 어렵다면 싱거운 반찬이나 함께 밥 짓는 모임이 도움이 됩니다.",
        {"category": "먹거리 > 건강식", "group_theme": "cooking", "story_tag": "먹거리"},
    ),
    (
        "sleep",
        2,
        5,
        "잠자리 습관을 함께 바꿔 보는 모임과 편안한 침구를 살펴보세요.",
        {"category": "생활용품 > 수면", "group_theme": "sleep"},
    ),
    (
        "mood",
        2,
        5,
        "마음을 쉬게 할 시간이 필요해 보여요. 이야기를 들어 줄 상담이나 모임이 있습니다.",
        {"category": "서비스 > 마음건강", "group_theme": "mind"},
    ),
    (
        "social",
        2,
        5,
        "가까운 이웃과 만날 자리를 만들어 보세요. 작은 모임이 큰 힘이 됩니다.",
        {"group_theme": "social", "story_tag": "어르신"},
    ),
    (
        "support",
        3,
        5,
        "일상의 일을 덜어 줄 돌봄 서비스가 있습니다. 먼저 상담부터 받아 보세요.",
        {"service_group": "care", "story_tag": "돌봄"},
    ),
]
WARNINGS = [("mood", 8, 10, MOOD_HELP)]

GROUPS = [
    # slug, title, theme, lead, leader name, weekday, hour, place, address, region, capacity, cost
    (
        "갑천-아침-걷기반",
        "갑천 아침 걷기반",
        "walking",
        "해 뜰 무렵 갑천 둔치를 한 시간 함께 걷습니다. 처음 오신 분은 짧은 코스로 안내합니다.",
        "정새벽 (주민 리더)",
        1,
        7,
        "갑천 엑스포다리 아래",
        "대전광역시 유성구 대덕대로 480",
        "daejeon",
        12,
        0,
    ),
    (
        "성미산-저녁-걷기반",
        "성미산 저녁 걷기반",
        "walking",
        "퇴근 뒤 성미산 둘레길을 천천히 걷고 스트레칭으로 마무리합니다.",
        "햇살돌봄 건강 코치",
        3,
        19,
        "성미산 마을극장 앞",
        "서울특별시 마포구 성미산로 17",
        "seoul",
        10,
        0,
    ),
    (
        "마음쉼-모임",
        "마음쉼 모임",
        "mind",
        "한 주의 걱정을 내려놓는 호흡과 짧은 글쓰기 모임입니다. 말하지 않고 듣기만 해도 괜찮아요.",
        "햇살돌봄 상담팀",
        3,
        19,
        "햇살돌봄 2층 조용한 방",
        "서울특별시 마포구 성미산로 17",
        "seoul",
        8,
        5000,
    ),
    (
        "함께-밥상-요리교실",
        "함께 밥상 요리교실",
        "cooking",
        "제철 채소로 싱겁고 든든한 한 끼를 함께 만들어 나눠 먹습니다.",
        "햇살돌봄 주방팀",
        5,
        11,
        "햇살돌봄 공동 부엌",
        "서울특별시 마포구 성미산로 17",
        "seoul",
        10,
        10000,
    ),
    (
        "꿀잠-습관-모임",
        "꿀잠 습관 모임",
        "sleep",
        "잠자리 일기를 쓰고 서로의 수면 습관을 한 달 동안 함께 바꿔 봅니다.",
        "한소리 (주민 리더)",
        2,
        20,
        "둔산동 주민센터 3층",
        "대전광역시 서구 둔산로 100",
        "daejeon",
        6,
        0,
    ),
    (
        "이웃-말벗-모임",
        "이웃 말벗 모임",
        "social",
        "차 한 잔 놓고 동네 소식을 나누는 어르신 말벗 모임입니다.",
        "햇살돌봄 사회복지사",
        0,
        14,
        "성미산 마을 사랑방",
        "서울특별시 마포구 성미산로 25",
        "seoul",
        3,
        0,
    ),
]


def _partner():
    application = PartnerApplication.objects.filter(brn=DEMO_BRN).first()
    if application and application.partner_id:
        return application.partner
    return Partner.objects.order_by("pk").first()


def _catalogue(partner) -> list:
    service_class = ProductClass.objects.get(slug="service")
    goods_class, _ = ProductClass.objects.get_or_create(
        slug="goods", defaults={"name": "상품", "requires_shipping": True, "track_stock": True}
    )
    services = []
    for upc, group, path, title, description, price, place, starts, capacity in SERVICES:
        product = listing(partner, service_class, upc, path, title, description, price, 0)
        service, created = Service.objects.get_or_create(
            product=product,
            defaults={
                "group": group,
                "duration_minutes": 50,
                "place": place,
                "horizon_days": 28,
                "cancel_hours": 24,
                "onsite_payment": True,
                "cancellation_policy": "시작 24시간 전까지 취소하시면 전액 환불해 드립니다.",
            },
        )
        if created:
            for weekday, hour in starts:
                WeeklySlot.objects.create(
                    service=service,
                    weekday=weekday,
                    start=datetime.time(hour, 0),
                    capacity=capacity,
                )
        services.append(product)
    for row in GOODS:
        listing(partner, goods_class, *row)
    return services


def _dimensions():
    for order, (slug, name, explanation) in enumerate(DIMENSIONS):
        Dimension.objects.get_or_create(
            slug=slug, defaults={"name": name, "explanation": explanation, "sort_order": order}
        )


def _quick_questions():
    return [
        question_block(
            q["key"],
            q["text"],
            q["kind"],
            q["answers"],
            q.get("show_if"),
            q.get("required", True),
        )
        for q in QUICK
    ]


def _detailed_questions():
    blocks = []
    for dimension, texts in DETAILED_ITEMS.items():
        for number, text in enumerate(texts, start=1):
            answers = [(k, label, {dimension: p}) for k, label, p in FREQUENCY]
            blocks.append(question_block(f"{dimension}{number}", text, "single", answers))
    # One follow-up only for those whose mood is low almost always.
    blocks.insert(
        16,
        question_block(
            "mood_daily",
            "그런 기분 때문에 일상생활이 어려울 정도인가요?",
            "single",
            [("a", "아니요", {"mood": 0}), ("b", "네", {"mood": 4})],
            ("mood4", "d"),
        ),
    )
    return blocks


def _check(home, slug, title, kind, intro, questions, quick: bool):
    page = HealthCheckPage.objects.child_of(home).filter(slug=slug).first()
    if page is not None:
        return page
    page = HealthCheckPage(title=title, slug=slug, kind=kind, intro=f"<p>{intro}</p>")
    page.questions = questions
    dimensions = {d.slug: d for d in Dimension.objects.all()}
    for order, (dimension, quick_low, detailed_low, advice, recommend) in enumerate(RULES):
        fields = dict(recommend)
        if "category" in fields:
            fields["category"] = create_from_breadcrumbs(fields["category"])
        page.rules.add(
            ResultRule(
                dimension=dimensions[dimension],
                min_score=quick_low if quick else detailed_low,
                advice=advice,
                sort_order=order,
                **fields,
            )
        )
    for dimension, quick_low, detailed_low, warning in WARNINGS:
        page.rules.add(
            ResultRule(
                dimension=dimensions[dimension],
                min_score=quick_low if quick else detailed_low,
                warning=warning,
                sort_order=len(RULES),
            )
        )
    home.add_child(instance=page)
    return page


def _groups(home, partner, service_ids):
    index = HealthGroupIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=HealthGroupIndexPage(
                title="건강반",
                slug="건강반",
                intro="<p>동네에서 함께 걷고, 먹고, 쉬는 작은 모임입니다.</p>",
            )
        )
    User = get_user_model()
    resident, _ = User.objects.get_or_create(
        username="walk-leader", defaults={"email": "walk@demo.example", "first_name": "정새벽"}
    )
    for (
        slug,
        title,
        theme,
        lead,
        leader_name,
        weekday,
        hour,
        place,
        address,
        region,
        capacity,
        cost,
    ) in GROUPS:
        if HealthGroupPage.objects.child_of(index).filter(slug=slug).exists():
            continue
        group = HealthGroupPage(
            title=title,
            slug=slug,
            theme=theme,
            lead=lead,
            leader_name=leader_name,
            leader_user=resident if "주민" in leader_name else None,
            leader_partner=None if "주민" in leader_name else partner,
            weekday=weekday,
            start_time=datetime.time(hour, 0),
            place_name=place,
            address=address,
            region=region,
            capacity=capacity,
            cost=cost,
        )
        index.add_child(instance=group)
        if theme in {"walking", "mind"}:
            group.related_services.set(service_ids)
            group.save_revision().publish()


def _story_and_event(home):
    stories = StoryIndexPage.objects.child_of(home).first()
    if (
        stories
        and not StoryPage.objects.child_of(stories).filter(slug="걷기반에서-만난-이웃").exists()
    ):
        story = StoryPage(
            title="걷기반에서 만난 이웃",
            slug="걷기반에서-만난-이웃",
            lead="아침마다 함께 걷던 이웃이 어느새 서로의 안부를 묻는 사이가 되었습니다.",
            service_group="care",
            region="daejeon",
            body=[
                (
                    "paragraph",
                    "<p>처음엔 다섯 명이었습니다. 석 달이 지나자 갑천 둔치의 아침 걷기반은 "
                    "스무 명이 넘는 모임이 되었지요.</p>",
                )
            ],
        )
        stories.add_child(instance=story)
        story.tags.add("건강", "어르신", "먹거리")
        story.save_revision().publish()
    events = EventIndexPage.objects.child_of(home).first()
    if events and not EventPage.objects.child_of(events).filter(slug="건강상점-체험의-날").exists():
        starts = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
        starts += datetime.timedelta(days=12)
        events.add_child(
            instance=EventPage(
                title="건강상점 체험의 날",
                slug="건강상점-체험의-날",
                kind="experience-day",
                lead="동네 사회적기업의 건강 서비스를 하루 동안 무료로 체험해 보세요.",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=6),
                place_name="대전 사회적경제 혁신타운",
                address="대전광역시 중구 대종로 373",
                region="daejeon",
                capacity=60,
            )
        )


def load() -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    partner = _partner()
    services = _catalogue(partner) if partner else []
    _dimensions()
    _check(
        home,
        "건강-체크",
        "1분 건강 체크",
        "quick",
        "다섯 가지 질문으로 요즘 내 몸과 마음을 살펴봅니다.",
        _quick_questions(),
        quick=True,
    )
    _check(
        home,
        "자세한-건강-체크",
        "자세한 건강 체크",
        "detailed",
        "스물네 가지 질문으로 여섯 가지 건강 영역을 꼼꼼히 살펴봅니다.",
        _detailed_questions(),
        quick=False,
    )
    _groups(home, partner, [p.pk for p in services])
    _story_and_event(home)

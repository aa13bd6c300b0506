"""Builders for the health side: dimensions, a self-check with rules, health groups."""

import datetime

from oscar.core.loading import get_class, get_model

from health.models import (
    Dimension,
    HealthCheckPage,
    HealthGroupIndexPage,
    HealthGroupPage,
    ResultRule,
)
from health.models.checks import question_block
from tests.factories.commerce import create_goods, create_service
from tests.factories.pages import PageTree

Partner = get_model("partner", "Partner")
ProductCategory = get_model("catalogue", "ProductCategory")
create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")

HELP = "자살예방 상담전화 109에서 24시간 도움을 받을 수 있습니다."


QUESTIONS = [
    question_block(
        "walk",
        "지난 일주일 동안 30분 넘게 걸은 날은?",
        "single",
        [("a", "5일 이상", {"activity": 0}), ("b", "하루 이하", {"activity": 4})],
    ),
    question_block(
        "mood",
        "기분이 가라앉은 날이 많았나요?",
        "single",
        [("a", "아니요", {"mood": 0}), ("b", "거의 매일", {"mood": 5})],
    ),
    question_block(
        "mood2",
        "일상생활이 어려울 정도인가요?",
        "single",
        [("a", "아니요", {"mood": 0}), ("b", "네", {"mood": 5})],
        show_if=("mood", "b"),
    ),
    question_block(
        "sleep",
        "잠은 어떠세요?",
        "scale",
        [(str(n), str(n), {"sleep": n - 1}) for n in range(1, 6)],
    ),
    question_block(
        "life",
        "해당하는 것을 모두 고르세요",
        "multiple",
        [("a", "혼자 산다", {"mood": 1}), ("b", "장보기가 힘들다", {"activity": 1})],
        required=False,
    ),
]


class HealthTree(PageTree):
    """The editorial tree plus dimensions, a quick check with rules, and two groups."""

    def __init__(self):
        super().__init__()
        self.dimensions = {
            slug: Dimension.objects.create(slug=slug, name=name, explanation=text, sort_order=i)
            for i, (slug, name, text) in enumerate(
                [
                    ("activity", "신체 활동", "몸을 얼마나 움직이는지 봅니다."),
                    ("mood", "마음과 스트레스", "요즘 기분과 긴장을 봅니다."),
                    ("sleep", "수면", "잠이 편한지 봅니다."),
                ]
            )
        }
        self.check = self.home.add_child(
            instance=HealthCheckPage(
                title="1분 건강 체크", slug="건강-체크", kind="quick", questions=QUESTIONS
            )
        )
        self.health_category = create_from_breadcrumbs("서비스 > 건강")
        self.food_category = create_from_breadcrumbs("먹거리 > 건강식")
        self.groups = self.home.add_child(
            instance=HealthGroupIndexPage(title="건강반", slug="건강반")
        )

    def rule(self, dimension, low, high=None, **fields):
        return ResultRule.objects.create(
            page=self.check,
            dimension=self.dimensions[dimension],
            min_score=low,
            max_score=high,
            **fields,
        )

    def group(self, **fields) -> HealthGroupPage:
        fields.setdefault("title", "갑천 아침 걷기반")
        fields.setdefault("slug", fields["title"].replace(" ", "-"))
        fields.setdefault("theme", "walking")
        fields.setdefault("lead", "아침마다 함께 걷습니다.")
        fields.setdefault("leader_name", "정새벽")
        fields.setdefault("weekday", 1)
        fields.setdefault("start_time", datetime.time(7, 0))
        fields.setdefault("place_name", "갑천 둔치")
        fields.setdefault("address", "대전광역시 유성구 대덕대로 480")
        fields.setdefault("region", "daejeon")
        fields.setdefault("capacity", 10)
        return self.groups.add_child(instance=HealthGroupPage(**fields))

    def health_service(self, *, partner, title, category=None, **kwargs):
        service = create_service(partner=partner, title=title, **kwargs)
        ProductCategory.objects.create(
            product=service.product, category=category or self.health_category
        )
        return service

    def health_goods(self, *, partner, title, price=18000, category=None):
        product = create_goods(partner=partner, title=title, price=price, stock=10)
        ProductCategory.objects.create(product=product, category=category or self.food_category)
        return product

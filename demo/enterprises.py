"""Demo enterprises for the editorial pages: three more partners, their goods and services.

Together with `catalogue.py` this makes six enterprises of different types, with enough goods
and services to fill a story with twenty embedded products.
"""

import datetime
from decimal import Decimal

from oscar.core.loading import get_model

from commerce.bookings.models import Service, WeeklySlot

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")

ENTERPRISES = [
    ("saessak-care", "새싹돌봄 사회적협동조합"),
    ("hamkke-works", "함께일터 자활기업"),
    ("green-loop", "그린루프 소셜벤처"),
]

# The service group of each service below (돌봄/생활/교육/경영지원).
_GROUPS = {
    "CEN-S-101": "care",
    "CEN-S-102": "care",
    "CEN-S-201": "living",
    "CEN-S-202": "living",
    "CEN-S-301": "business",
    "CEN-S-302": "education",
}

# (upc, enterprise, is service, title, description, price, stock)
OFFERS = [
    (
        "CEN-S-101",
        "saessak-care",
        True,
        "어르신 방문 말벗 돌봄 (2시간)",
        "요양보호사가 댁으로 찾아가 말벗과 산책을 함께합니다.",
        30000,
        0,
    ),
    (
        "CEN-S-102",
        "saessak-care",
        True,
        "방과후 아이 돌봄 (1회)",
        "동네 돌봄교사가 숙제와 놀이를 함께 봅니다.",
        22000,
        0,
    ),
    (
        "CEN-G-103",
        "saessak-care",
        False,
        "돌봄교실 그림책 꾸러미",
        "돌봄교사들이 고른 그림책 다섯 권입니다.",
        38000,
        15,
    ),
    (
        "CEN-G-104",
        "saessak-care",
        False,
        "손뜨개 무릎담요",
        "어르신 손뜨개 모임이 뜬 포근한 담요입니다.",
        27000,
        10,
    ),
    (
        "CEN-G-105",
        "saessak-care",
        False,
        "허브차 선물 상자",
        "돌봄 텃밭에서 말린 허브로 만든 차입니다.",
        16000,
        35,
    ),
    (
        "CEN-S-201",
        "hamkke-works",
        True,
        "집수리 방문 점검",
        "자활 참여자들이 배운 기술로 작은 수리를 돕습니다.",
        45000,
        0,
    ),
    (
        "CEN-S-202",
        "hamkke-works",
        True,
        "이사 청소 서비스 (원룸)",
        "친환경 세제로 꼼꼼히 청소합니다.",
        120000,
        0,
    ),
    (
        "CEN-G-203",
        "hamkke-works",
        False,
        "재생 원단 장바구니",
        "현수막을 깨끗이 씻어 만든 장바구니입니다.",
        9000,
        50,
    ),
    (
        "CEN-G-204",
        "hamkke-works",
        False,
        "천연 수세미 3개",
        "직접 키운 수세미를 말렸습니다.",
        6000,
        80,
    ),
    (
        "CEN-G-205",
        "hamkke-works",
        False,
        "원목 수저받침 세트",
        "자투리 나무를 다듬어 만든 수저받침입니다.",
        11000,
        25,
    ),
    (
        "CEN-S-301",
        "green-loop",
        True,
        "소상공인 탄소진단 컨설팅",
        "가게의 에너지 사용을 함께 살피고 줄일 방법을 제안합니다.",
        150000,
        0,
    ),
    (
        "CEN-S-302",
        "green-loop",
        True,
        "제로웨이스트 교육 (단체)",
        "학교와 기관을 찾아가는 두 시간 교육입니다.",
        200000,
        0,
    ),
    (
        "CEN-G-303",
        "green-loop",
        False,
        "리필 세제 1L",
        "빈 병을 가져오면 다시 채워 드리는 세제입니다.",
        8500,
        100,
    ),
    (
        "CEN-G-304",
        "green-loop",
        False,
        "커피박 화분",
        "카페에서 모은 커피 찌꺼기로 빚은 화분입니다.",
        14000,
        30,
    ),
    (
        "CEN-G-305",
        "green-loop",
        False,
        "밀랍 랩 3종",
        "비닐 랩 대신 쓰는 밀랍 랩입니다.",
        19000,
        40,
    ),
]


def load() -> list[Product]:
    goods_class, _ = ProductClass.objects.get_or_create(
        slug="goods",
        defaults={"name": "상품", "requires_shipping": True, "track_stock": True},
    )
    service_class, _ = ProductClass.objects.get_or_create(
        slug="service",
        defaults={"name": "서비스", "requires_shipping": False, "track_stock": False},
    )
    partners = {
        code: Partner.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in ENTERPRISES
    }
    products = []
    for upc, partner_code, is_service, title, description, price, stock in OFFERS:
        product, _ = Product.objects.get_or_create(
            upc=upc,
            defaults={
                "title": title,
                "description": description,
                "product_class": service_class if is_service else goods_class,
                "structure": Product.STANDALONE,
            },
        )
        StockRecord.objects.get_or_create(
            product=product,
            partner=partners[partner_code],
            defaults={
                "partner_sku": upc,
                "price_currency": "KRW",
                "price": Decimal(price),
                "num_in_stock": stock or None,
            },
        )
        if is_service:
            _booking_setup(product)
        products.append(product)
    return products


def _booking_setup(product) -> None:
    """Every service the demo sells can be booked: a week of times, as a partner would set."""
    service, created = Service.objects.get_or_create(
        product=product,
        defaults={
            "group": _GROUPS.get(product.upc, "living"),
            "duration_minutes": 90,
            "place": "신청하신 곳으로 찾아갑니다 (서울 전 지역)",
            "horizon_days": 28,
            "cancel_hours": 24,
            "onsite_payment": True,
            "cancellation_policy": "시작 24시간 전까지 취소하시면 전액 환불해 드립니다.",
        },
    )
    if created:
        for weekday in (1, 3, 5):
            WeeklySlot.objects.create(
                service=service, weekday=weekday, start=datetime.time(10, 0), capacity=4
            )
            WeeklySlot.objects.create(
                service=service, weekday=weekday, start=datetime.time(14, 0), capacity=4
            )

"""Demo Market Creators with public profiles; the demo campaigns are theirs."""

from decimal import Decimal

from django.contrib.auth import get_user_model

from commerce.mc.models import MarketCreator
from demo.images import image_make

# (code, username, name, kind, region, community, bio, website, colour)
CREATORS = [
    (
        "jeongdaun",
        "mc-jeongdaun",
        "정다운 MC",
        "public-interest",
        "대전 서구 둔산동",
        "둔산동 아파트 단지의 돌봄 품앗이 모임",
        "아파트 관리사무소에서 십 년을 일하며 이웃의 사정을 가까이서 보았습니다. "
        "어르신과 아이를 함께 돌보는 동네 기업의 서비스를 단지 이웃에게 소개합니다.",
        "https://daun.example.kr",
        (120, 72, 140),
    ),
    (
        "chorok",
        "mc-chorok",
        "초록손 MC",
        "individual",
        "서울 성동구",
        "성동구 골목 상인회",
        "버리는 것이 적은 가게를 늘리고 싶은 동네 상인입니다. "
        "리필 세제와 가게 운영 상담처럼 당장 가게에서 쓸 수 있는 것을 골라 나눕니다.",
        "",
        (46, 125, 50),
    ),
    (
        "dongne",
        "mc-dongne",
        "김동네",
        "individual",
        "서울 마포구",
        "마포구 공동육아 모임",
        "공동육아 어린이집 부모 모임을 꾸리고 있습니다. 아이 키우는 집에 필요한 먹거리와 "
        "돌봄을 직접 써 보고 권합니다.",
        "",
        (200, 120, 40),
    ),
]


def _creator(code, username, name, kind, region, community, bio, website, colour):
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"email": f"{code}@mc.example", "first_name": name}
    )
    mc, _ = MarketCreator.objects.get_or_create(
        code=code,
        defaults={
            "user": user,
            "name": name,
            "kind": kind,
            "email": f"{code}@mc.example",
            "phone": "010-2024-1004",
            "community": community,
            "status": MarketCreator.Status.APPROVED,
            "withholding_rate": Decimal("3.30") if kind == "individual" else Decimal("0"),
        },
    )
    if not mc.bio:  # fill the profile once; editors may have changed it since
        mc.bio, mc.region, mc.website = bio, region, website
        mc.photo = image_make(title=f"{name} 프로필", colour=colour, size=(480, 480))
        mc.save()
    return mc


def load() -> dict[str, MarketCreator]:
    """The demo MCs by code (idempotent)."""
    return {row[0]: _creator(*row) for row in CREATORS}

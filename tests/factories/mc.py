"""Builders for Market Creators and their commission ledger."""

from decimal import Decimal

from commerce.mc.models import MarketCreator
from tests.factories.commerce import create_customer


def approved_mc(*, code: str, name: str = "초록손", kind: str = "individual", user=None, **extra):
    """An approved MC with a public profile (and a user account of their own)."""
    extra.setdefault("bio", "성동구 골목 가게들과 이웃을 잇는 마켓크리에이터입니다.")
    extra.setdefault("region", "서울 성동구")
    return MarketCreator.objects.create(
        user=user or create_customer(f"{code}@mc.example"),
        name=name,
        kind=kind,
        email=f"{code}@mc.example",
        phone="010-1234-5678",
        code=code,
        status=MarketCreator.Status.APPROVED,
        withholding_rate=Decimal("3.30") if kind == "individual" else Decimal("0"),
        **extra,
    )

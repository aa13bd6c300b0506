"""Builders for Market Creators and their commission ledger."""

import datetime
from decimal import Decimal

from oscar.test.factories import create_order

from commerce.mc.models import LedgerEntry, MarketCreator
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


SEOUL = datetime.timezone(datetime.timedelta(hours=9))


def entry(mc, *, amount, withholding, at, kind="commission", status="confirmed", line=None):
    """A ledger entry written ``at`` a given moment (created is set by the database)."""
    line = line or create_order().lines.get()
    created = LedgerEntry.objects.create(
        mc=mc,
        order_line=line,
        kind=kind,
        base_amount=amount * 10,
        rate=10,
        amount=amount,
        withholding=withholding,
        campaign_title="봄 꾸러미",
        status=status,
    )
    LedgerEntry.objects.filter(pk=created.pk).update(created=at)
    return created


def october_and_november(mc, other_mc):
    """October: 3,000 earned, 1,000 reversed, 66 withheld → 1,934 to pay. Plus noise."""
    first = entry(
        mc, amount=1000, withholding=33, at=datetime.datetime(2026, 10, 5, 10, tzinfo=SEOUL)
    )
    # 23:30 on 31 October in Seoul is still October (14:30 UTC)
    entry(mc, amount=2000, withholding=66, at=datetime.datetime(2026, 10, 31, 23, 30, tzinfo=SEOUL))
    entry(
        mc,
        kind="reversal",
        amount=-1000,
        withholding=-33,
        line=first.order_line,
        at=datetime.datetime(2026, 10, 20, 9, tzinfo=SEOUL),
    )
    entry(
        mc,
        amount=500,
        withholding=16,
        status="pending",
        at=datetime.datetime(2026, 10, 29, tzinfo=SEOUL),
    )
    entry(mc, amount=700, withholding=23, at=datetime.datetime(2026, 11, 1, 0, 10, tzinfo=SEOUL))
    entry(other_mc, amount=900, withholding=0, at=datetime.datetime(2026, 10, 7, tzinfo=SEOUL))

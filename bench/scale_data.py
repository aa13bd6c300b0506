"""Grows the demo database to the beta target, then to 10x it, for bench/scale.py.

Where the project has a service that is cheap enough per row, the data goes through it, so
what it writes (and what it triggers) is real:

- partners: ``membership_approve`` (Oscar partner, dashboard user, membership, dues invoice,
  and, through ``partner_approved``, the draft enterprise profile page);
- stories: Wagtail's ``add_child`` and ``save_revision().publish()`` (the catalogue
  references of each story are kept by its publish receiver);
- event registrations: ``event_register``;
- MCs: ``mc_approve``.

Bulk-created (a service per row would take hours on two cores; the rows are shaped like the
services' own): products with stock records and categories, services with weekly times,
orders with lines, payments, MC attributions, ledger entries and bookings, payout
statements, pending applications. The measured partner (the demo's 햇살돌봄) gets a fixed
share of the orders and bookings, as a busy partner would.
"""

from __future__ import annotations

import datetime
import itertools
import random
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.sites.models import Site
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from cms_pages.models import (
    EventIndexPage,
    EventPage,
    StoryIndexPage,
    StoryPage,
)
from cms_pages.services import event_register
from commerce.bookings.models import Booking, Service, Slot, WeeklySlot
from commerce.mc.models import LedgerEntry, MarketCreator, OrderAttribution, PayoutStatement
from commerce.mc.services import mc_approve
from commerce.membership.models import Grade, PartnerApplication
from commerce.membership.services import membership_approve
from commerce.orderpayments.methods import AWAITING_DEPOSIT, PAID, PaymentMethod
from commerce.orderpayments.models import OrderPayment

Category = get_model("catalogue", "Category")
Line = get_model("order", "Line")
Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
User = get_user_model()

DEMO_PARTNER_CODE = "pa-1018600011"
WORDS = ["햇살", "마을", "두레", "나눔", "초록", "이웃", "한살림", "들꽃", "바람", "온기"]
THINGS = ["반찬", "담요", "비누", "된장", "차", "수세미", "도시락", "꿀", "장갑", "책"]


@dataclass(frozen=True)
class Scale:
    """Target totals of generated rows (the demo's own rows come on top)."""

    name: str
    partners: int
    products: int
    mcs: int
    stories: int
    orders: int
    events: int
    registrations: int

    @property
    def bookings(self) -> int:
        return self.orders // 9


BETA = Scale("beta", 100, 1000, 50, 200, 5000, 7, 300)
TEN_X = Scale("10x", 1000, 10000, 500, 2000, 50000, 66, 3000)


def _brn(n: int) -> str:
    """A 10-digit business number with a valid check digit (not a real one)."""
    digits = [int(c) for c in f"{900000000 + n:09d}"]
    weights = [1, 3, 7, 1, 3, 7, 1, 3, 5]
    total = sum(d * w for d, w in zip(digits, weights, strict=True))
    total += digits[8] * 5 // 10
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


def _partners(target: int, rng: random.Random) -> None:
    existing = PartnerApplication.objects.filter(brn__startswith="9").count()
    grades = list(Grade.objects.all())
    now = timezone.now()
    for n in range(existing, target):
        application = PartnerApplication.objects.create(
            name=f"{rng.choice(WORDS)}{n} 사회적협동조합",
            kind=rng.choice(["cooperative", "social-enterprise", "village-enterprise"]),
            brn=_brn(n),
            representative="대표",
            contact_name="담당",
            phone="02-332-1004",
            email=f"pa{n}@scale.example",
            postcode="03994",
            address="서울특별시 마포구 성미산로 17",
            principles_version="2026-01",
            principles_accepted_at=now,
            ethics_version="2026-01",
            ethics_accepted_at=now,
        )
        membership_approve(application=application, grade=rng.choice(grades), by=None)
    # A few pending applications, as the review queue would hold.
    pending = PartnerApplication.objects.filter(status=PartnerApplication.Status.PENDING).count()
    PartnerApplication.objects.bulk_create(
        PartnerApplication(
            name=f"신청 {n}",
            kind="cooperative",
            brn=_brn(500000 + n),
            representative="대표",
            contact_name="담당",
            phone="02-332-1004",
            email=f"apply{n}@scale.example",
            postcode="03994",
            address="서울특별시 마포구 성미산로 17",
            principles_version="2026-01",
            principles_accepted_at=now,
            ethics_version="2026-01",
            ethics_accepted_at=now,
        )
        for n in range(pending, target // 10)
    )


def _products(target: int, rng: random.Random) -> None:
    existing = Product.objects.filter(upc__startswith="SCALE-").count()
    if existing >= target:
        return
    goods = ProductClass.objects.get(slug="goods")
    service_class = ProductClass.objects.get(slug="service")
    partners = list(Partner.objects.order_by("pk"))
    categories = list(Category.objects.filter(depth__gt=1)) or list(Category.objects.all())
    new = range(existing, target)
    products = Product.objects.bulk_create(
        Product(
            title=f"{rng.choice(WORDS)} {rng.choice(THINGS)} {i}호",
            slug=f"scale-{i}",
            upc=f"SCALE-{i:06d}",
            description=f"{rng.choice(WORDS)} 조합이 만든 {rng.choice(THINGS)}입니다.",
            product_class=service_class if i % 5 == 0 else goods,
            structure=Product.STANDALONE,
            is_public=True,
        )
        for i in new
    )
    StockRecord.objects.bulk_create(
        StockRecord(
            product=product,
            partner=partners[i % len(partners)],
            partner_sku=product.upc,
            price_currency="KRW",
            price=Decimal(rng.randrange(3000, 90000, 500)),
            num_in_stock=rng.randint(50, 500),
        )
        for i, product in zip(new, products, strict=True)
    )
    ProductCategory.objects.bulk_create(
        ProductCategory(product=product, category=rng.choice(categories)) for product in products
    )
    services = Service.objects.bulk_create(
        Service(product=p, group="care", place="마포구 성미산로", horizon_days=28)
        for p in products
        if p.product_class_id == service_class.pk
    )
    WeeklySlot.objects.bulk_create(
        WeeklySlot(service=s, weekday=d, start=datetime.time(10), capacity=4)
        for s in services
        for d in range(5)
    )


def _mcs(target: int) -> None:
    existing = MarketCreator.objects.filter(email__endswith="@mc.scale.example").count()
    kinds = ["corporate", "individual", "public-interest", "celebrity"]
    for n in range(existing, target):
        user = User.objects.create(
            username=f"scale-mc-{n}", email=f"mc{n}@mc.scale.example", password="!"
        )
        mc = MarketCreator.objects.create(
            user=user,
            name=f"MC {n}",
            kind=kinds[n % 4],
            email=f"mc{n}@mc.scale.example",
            phone="010-2024-1004",
            withholding_rate=Decimal("3.30") if kinds[n % 4] == "individual" else Decimal(0),
        )
        mc_approve(mc=mc, code=f"scale{n}")


def _stories(target: int, rng: random.Random) -> None:
    index = StoryIndexPage.objects.first()
    existing = StoryPage.objects.filter(slug__startswith="scale-story-").count()
    partner_ids = list(Partner.objects.values_list("pk", flat=True))
    product_ids = list(
        Product.objects.filter(upc__startswith="SCALE-").values_list("pk", flat=True)[:5000]
    )
    today = timezone.localdate()
    for n in range(existing, target):
        story = StoryPage(
            title=f"{rng.choice(WORDS)} 이야기 {n}",
            slug=f"scale-story-{n}",
            lead="조합원들이 함께 만든 이야기입니다.",
            date=today - datetime.timedelta(days=n % 900),
            service_group=rng.choice(["care", "living", "education", "business-support"]),
            body=[
                ("paragraph", "<p>마을에서 함께 일하고 나누는 사람들의 이야기입니다.</p>"),
                (
                    "product_list",
                    {"heading": "이야기 속 상품", "products": rng.sample(product_ids, 3)},
                ),
            ],
        )
        index.add_child(instance=story)
        story.enterprises.set(rng.sample(partner_ids, 2))
        story.save_revision().publish()


def _events(target: int, registrations: int) -> None:
    index = EventIndexPage.objects.first()
    existing = EventPage.objects.filter(slug__startswith="scale-event-").count()
    now = timezone.now()
    for n in range(existing, target):
        starts = now + datetime.timedelta(days=3 + n)
        index.add_child(
            instance=EventPage(
                title=f"사회적경제 장터 {n}",
                slug=f"scale-event-{n}",
                kind="market-fair",
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=6),
                place_name="마포구청 앞 광장",
                address="서울 마포구 월드컵로 212",
                capacity=10_000,
            )
        ).save_revision().publish()
    events = list(EventPage.objects.filter(slug__startswith="scale-event-"))
    done = sum(event.registrations.count() for event in events)
    for n in range(done, registrations):
        event_register(
            event=events[n % len(events)], name=f"참가자 {n}", phone="010-1234-5678", email=""
        )


def _orders(target: int, rng: random.Random) -> None:
    """Orders with one to three lines; a third paid, a fifth awaiting deposit (half of those
    overdue), the rest cancelled or complete. Every twentieth line is the measured
    partner's; four out of five orders came through an MC."""
    existing = Order.objects.filter(number__startswith="S").count()
    if existing >= target:
        return
    site = Site.objects.get_current()
    demo_partner = Partner.objects.get(code=DEMO_PARTNER_CODE)
    records = list(
        StockRecord.objects.filter(product__upc__startswith="SCALE-")
        .exclude(product__product_class__slug="service")
        .select_related("partner", "product")[:3000]
    )
    demo_records = list(
        StockRecord.objects.filter(partner=demo_partner).select_related("partner", "product")
    )
    demo_services = list(Service.objects.filter(product__stockrecords__partner=demo_partner))
    other_services = list(Service.objects.filter(product__upc__startswith="SCALE-")[:500])
    mcs = list(MarketCreator.objects.filter(status=MarketCreator.Status.APPROVED))
    buyers = list(User.objects.filter(username__startswith="scale-buyer-"))
    for n in range(len(buyers), 200):
        buyers.append(
            User(
                username=f"scale-buyer-{n}",
                email=f"buyer{n}@scale.example",
                password=make_password(None),
            )
        )
    User.objects.bulk_create([b for b in buyers if b.pk is None])
    buyers = list(User.objects.filter(username__startswith="scale-buyer-"))
    now = timezone.now()
    for start in range(existing, target, 2000):
        stop = min(start + 2000, target)
        with transaction.atomic():
            _order_batch(
                range(start, stop),
                rng=rng,
                now=now,
                site=site,
                records=records,
                demo_records=demo_records,
                services=(demo_services, other_services),
                mcs=mcs,
                buyers=buyers,
            )


def _order_batch(numbers, *, rng, now, site, records, demo_records, services, mcs, buyers):
    orders, plans = [], []
    for n in numbers:
        placed = now - datetime.timedelta(days=rng.randint(0, 400), minutes=n % 1440)
        roll = n % 15
        status = PAID if roll < 5 else AWAITING_DEPOSIT if roll < 8 else "Cancelled"
        lines = []
        for k in range(1 + n % 3):
            record = demo_records[n % len(demo_records)] if (n + k) % 20 == 0 else None
            lines.append(record or records[(n * 7 + k) % len(records)])
        total = sum((r.price for r in lines), Decimal(0))
        orders.append(
            Order(
                number=f"S{n:07d}",
                site=site,
                user=buyers[n % len(buyers)],
                currency="KRW",
                total_incl_tax=total,
                total_excl_tax=total,
                shipping_incl_tax=0,
                shipping_excl_tax=0,
                shipping_method="배송 없음",
                shipping_code="no-shipping-required",
                status=status,
                date_placed=placed,
            )
        )
        plans.append((n, status, placed, lines))
    Order.objects.bulk_create(orders)
    line_rows, payments, attributions = [], [], []
    for order, (n, status, placed, records_) in zip(orders, plans, strict=True):
        for record in records_:
            line_rows.append(
                Line(
                    order=order,
                    partner=record.partner,
                    partner_name=record.partner.name,
                    partner_sku=record.partner_sku,
                    stockrecord=record,
                    product=record.product,
                    title=record.product.title,
                    upc=record.product.upc,
                    quantity=1,
                    num_allocated=1,
                    line_price_incl_tax=record.price,
                    line_price_excl_tax=record.price,
                    line_price_before_discounts_incl_tax=record.price,
                    line_price_before_discounts_excl_tax=record.price,
                    unit_price_incl_tax=record.price,
                    unit_price_excl_tax=record.price,
                    status=status,
                )
            )
        overdue = n % 2 == 0
        deadline = now + datetime.timedelta(hours=-2 if overdue else 48)
        payments.append(
            OrderPayment(
                order=order,
                method=PaymentMethod.BANK_TRANSFER,
                deadline=deadline if status == AWAITING_DEPOSIT else placed,
                paid_at=placed if status == PAID else None,
                cancelled_at=placed if status == "Cancelled" else None,
            )
        )
        if n % 5:
            attributions.append(
                OrderAttribution(
                    order=order, mc=mcs[n % len(mcs)], source_page="/", clicked_at=placed
                )
            )
    Line.objects.bulk_create(line_rows)
    OrderPayment.objects.bulk_create(payments)
    OrderAttribution.objects.bulk_create(attributions)
    attributed = {a.order_id: a.mc for a in attributions}
    matured = now - datetime.timedelta(days=14)
    LedgerEntry.objects.bulk_create(
        LedgerEntry(
            mc=attributed[line.order_id],
            order_line=line,
            kind="commission",
            base_amount=int(line.line_price_incl_tax),
            rate=Decimal(5),
            amount=int(line.line_price_incl_tax) // 20,
            status="confirmed" if line.order.date_placed < matured else "pending",
        )
        for line in line_rows
        if line.order_id in attributed and line.status == PAID
    )
    _bookings(orders, plans, rng=rng, services=services, now=now)


def _bookings(orders, plans, *, rng, services, now):
    demo_services, other_services = services
    slots, bookings = [], []
    for order, (n, status, _placed, _lines) in zip(orders, plans, strict=True):
        if n % 9:
            continue
        pool = demo_services if n % 36 == 0 and demo_services else other_services
        service = pool[n % len(pool)]
        starts = now + datetime.timedelta(days=rng.randint(-60, 60), hours=n % 8)
        starts = starts.replace(minute=0, second=0, microsecond=0)
        slot = Slot(service=service, starts_at=starts + datetime.timedelta(seconds=n), capacity=4)
        slots.append(slot)
        bookings.append(
            Booking(
                reference=uuid.uuid4(),
                slot=slot,
                user=order.user,
                places=1,
                status={PAID: "confirmed", AWAITING_DEPOSIT: "awaiting-deposit"}.get(
                    status, "cancelled"
                ),
                held_until=now + datetime.timedelta(days=2),
                paid_by="bank-transfer",
            )
        )
    Slot.objects.bulk_create(slots)
    Booking.objects.bulk_create(bookings)


def _statements(target: int) -> None:
    existing = PayoutStatement.objects.count()
    operator = User.objects.filter(is_superuser=True).first()
    mcs = itertools.cycle(MarketCreator.objects.filter(status=MarketCreator.Status.APPROVED))
    today = timezone.localdate().replace(day=1)
    PayoutStatement.objects.bulk_create(
        PayoutStatement(
            mc=next(mcs),
            period=today - datetime.timedelta(days=31 * (1 + n % 12)),
            gross=100_000,
            reversals=-5_000,
            withholding=3_135,
            net=91_865,
            paid_at=timezone.now(),
            operator=operator,
        )
        for n in range(existing, target)
    )


def grow(scale: Scale, *, seed: int = 16, log=print) -> None:
    """Add what is missing to reach the scale's totals (safe to run again)."""
    rng = random.Random(seed)
    steps = [
        ("partners (membership_approve)", lambda: _partners(scale.partners, rng)),
        ("products (bulk)", lambda: _products(scale.products, rng)),
        ("MCs (mc_approve)", lambda: _mcs(scale.mcs)),
        ("stories (add_child + publish)", lambda: _stories(scale.stories, rng)),
        (
            "events (add_child), registrations (event_register)",
            lambda: _events(scale.events, scale.registrations),
        ),
        ("orders, lines, payments, ledger, bookings (bulk)", lambda: _orders(scale.orders, rng)),
        ("payout statements (bulk)", lambda: _statements(scale.mcs * 2)),
    ]
    for label, step in steps:
        started = timezone.now()
        step()
        log(f"  {label}: {(timezone.now() - started).total_seconds():.1f} s")

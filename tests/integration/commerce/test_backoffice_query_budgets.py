"""Back-office lists cost the same whatever they hold: one page of rows, counts in SQL.

Each list is requested with a few rows, then with several pages' worth: the number of
queries must not change and the page shows one page of rows with its pager.
"""

import datetime
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from cms_pages.models import EventRegistration
from commerce.bookings.models import Booking, Slot
from commerce.mc.models import MarketCreator, PayoutStatement
from commerce.membership.models import PartnerApplication
from tests.factories.commerce import create_customer, create_partner_user, create_service
from tests.factories.pages import PageTree

Partner = get_model("partner", "Partner")

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> tuple[int, str]:
    client.get(url)  # warm: sessions, content types, site
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured), response.content.decode()


def _add_bookings(service, customer, count: int, *, offset: int) -> None:
    start = timezone.now() + datetime.timedelta(days=3)
    slots = Slot.objects.bulk_create(
        Slot(service=service, starts_at=start + datetime.timedelta(hours=offset + n), capacity=2)
        for n in range(count)
    )
    Booking.objects.bulk_create(
        Booking(
            reference=uuid.uuid4(),
            slot=slot,
            user=customer,
            status=Booking.Status.CONFIRMED if n % 3 else Booking.Status.AWAITING_DEPOSIT,
            held_until=start,
        )
        for n, slot in enumerate(slots)
    )


def test_partner_bookings_cost_one_page_whatever_the_partner_holds(client):
    # given a partner with a service, and another partner whose bookings it must not see
    partner = Partner.objects.create(name="햇살돌봄", code="haessal")
    user = create_partner_user(partner, "haessal@example.kr")
    service = create_service(partner=partner)
    other = create_service(partner=Partner.objects.create(name="다른 조합", code="other"))
    customer = create_customer("buyer@example.kr", first_name="이소비")
    _add_bookings(service, customer, 3, offset=0)
    _add_bookings(other, customer, 5, offset=0)
    client.force_login(user)
    url = reverse("services:dashboard-bookings")
    few, page = _queries(client, url)
    assert page.count('data-testid="partner-booking"') == 3

    # when the partner has several pages of bookings
    _add_bookings(service, customer, 130, offset=10)
    many, page = _queries(client, url)

    # then the page costs the same and shows one page, with counts per status
    assert many == few
    assert page.count('data-testid="partner-booking"') == 50
    assert 'href="?page=2"' in page  # the pager's "next" link
    awaiting = Booking.objects.filter(
        slot__service=service, status=Booking.Status.AWAITING_DEPOSIT
    ).count()
    assert f"({awaiting})" in page
    _count, last = _queries(client, url + "?page=3")
    assert last.count('data-testid="partner-booking"') == 133 - 100
    _count, filtered = _queries(client, url + "?status=awaiting-deposit")
    assert filtered.count('data-testid="partner-booking"') == min(awaiting, 50)


def _operator(client):
    admin = get_user_model().objects.create_superuser("ops", "ops@example.kr", "pw")
    client.force_login(admin)


def _registrations(event, count: int, start: int) -> None:
    EventRegistration.objects.bulk_create(
        EventRegistration(event=event, name=f"참가자 {n}", email=f"p{n}@example.kr")
        for n in range(start, start + count)
    )


def _applications(count: int, start: int) -> None:
    now = timezone.now()
    PartnerApplication.objects.bulk_create(
        PartnerApplication(
            name=f"신청 조합 {n}",
            kind="cooperative",
            brn=f"{1000000000 + n}",
            representative="대표",
            contact_name="담당",
            phone="02-332-1004",
            email=f"apply{n}@example.kr",
            postcode="03994",
            address="서울특별시 마포구 성미산로 17",
            principles_version="2026-01",
            principles_accepted_at=now,
            ethics_version="2026-01",
            ethics_accepted_at=now,
        )
        for n in range(start, start + count)
    )


def _statements(count: int, start: int) -> None:
    operator = get_user_model().objects.get(username="ops")
    mcs = []
    for n in range(start, start + count):
        user = create_customer(f"mc{n}@example.kr")
        mcs.append(
            MarketCreator.objects.create(
                user=user,
                name=f"MC {n}",
                kind="individual",
                email=user.email,
                phone="010-1234-5678",
                status=MarketCreator.Status.APPROVED,
                code=f"mc{n}",
            )
        )
    PayoutStatement.objects.bulk_create(
        PayoutStatement(
            mc=mc,
            period=datetime.date(2026, 1, 1),
            gross=10_000,
            reversals=0,
            withholding=330,
            net=9_670,
            paid_at=timezone.now(),
            operator=operator,
        )
        for mc in mcs
    )


def _mc_applications(count: int, start: int) -> None:
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"applicant{n}", email=f"applicant{n}@example.kr")
        for n in range(start, start + count)
    )
    MarketCreator.objects.bulk_create(
        MarketCreator(
            user=user,
            name=f"지원자 {n}",
            kind="individual",
            email=user.email,
            phone="010-1234-5678",
        )
        for n, user in enumerate(users, start)
    )


@pytest.mark.parametrize(
    "url_name, add",
    [
        ("mc_marketcreator_modeladmin_index", "mc_applications"),
        ("cms_pages_eventregistration_modeladmin_index", "registrations"),
        ("membership_partnerapplication_modeladmin_index", "applications"),
        ("mc_payoutstatement_modeladmin_index", "statements"),
    ],
)
def test_operator_lists_cost_one_page_whatever_they_hold(client, url_name, add):
    _operator(client)
    event = PageTree().event(capacity=500) if add == "registrations" else None
    grow = {
        "registrations": lambda n, s: _registrations(event, n, s),
        "applications": _applications,
        "statements": _statements,
        "mc_applications": _mc_applications,
    }[add]
    grow(3, 0)
    url = reverse(url_name)
    few, _page = _queries(client, url)
    grow(120, 3)
    many, page = _queries(client, url)
    assert many == few, f"{add}: {few} queries with 3 rows, {many} with 123"
    assert "123" in page  # the total is shown (counted in SQL), not every row
    listing = page.split('class="listing', 1)[1].split("</table>", 1)[0]
    rows = listing.split("<tbody", 1)[1].count("<tr")
    assert rows == 50  # one page of rows

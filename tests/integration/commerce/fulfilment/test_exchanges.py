"""Exchanges (교환): the replacement goes out with its own courier and tracking number, the
customer sees both parcels, and the line is 교환 완료 once the replacement is delivered."""

import datetime

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from commerce.fulfilment.models import Courier, FulfilmentEvent, LineFulfilment
from commerce.fulfilment.returns import (
    exchange_deliver,
    exchange_ship,
    return_accept,
    return_request,
)
from commerce.fulfilment.services import FulfilmentError, line_confirm, lines_confirm_matured
from tests.factories.fulfilment import deliver, partner_user, two_partner_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def exchanging():
    """다라's jam delivered (CJ 123456789012), an exchange asked for and accepted."""
    o = two_partner_order()
    o["da_user"] = partner_user(o["da"], "da@coop.kr")
    deliver(o["jam_line"], o["da_user"])
    request = return_request(
        line=o["jam_line"],
        by=o["customer"],
        kind="exchange",
        reason_code="wrong_item",
        reason="딸기잼 대신 사과잼이 왔어요",
    )
    return_accept(request=request, by=o["da_user"])
    o["dashboard"] = Client()
    o["dashboard"].force_login(o["da_user"])
    o["url"] = f"/dashboard/orders/{o['order'].number}/"
    return o


def order_page(o) -> str:
    return o["client"].get(f"/accounts/orders/{o['order'].number}/").content.decode()


def test_the_partner_ships_the_replacement_and_the_customer_sees_both_parcels(
    exchanging, django_capture_on_commit_callbacks
):
    o = exchanging
    epost = Courier.objects.get(name="우체국택배")
    # given the accepted exchange: the customer sees it, the partner is asked for the parcel
    assert "교환 승인됨" in order_page(o)
    dash = o["dashboard"].get(o["url"]).content.decode()
    assert 'data-testid="replacement-ship"' in dash and "교환품 송장번호" in dash

    # when the partner records the replacement's courier and tracking number
    with django_capture_on_commit_callbacks(execute=True):
        response = o["dashboard"].post(
            o["url"],
            {
                "line_action": "exchange_ship",
                "selected_line": o["jam_line"].pk,
                "courier": epost.pk,
                "tracking_number": "6071 2345 6789",
            },
            follow=True,
        )
    assert response.status_code == 200

    # then both parcels are kept, and the customer sees both in the page and the mail
    f = LineFulfilment.objects.get(line=o["jam_line"])
    assert (f.state, f.tracking_number, f.exchange_tracking_number) == (
        "exchange_shipped",
        "123456789012",
        "607123456789",
    )
    assert f.courier.name == "CJ대한통운" and f.exchange_courier == epost
    page = order_page(o)
    assert "교환품 배송중" in page
    assert "wblNo=123456789012" in page  # the first parcel, still there
    assert "sid1=607123456789" in page  # the replacement
    assert "처음 보낸 상품" in page and "교환품" in page
    sent = mail.outbox[-1]
    assert sent.to == [o["customer"].email] and "교환품이 발송되었습니다" in sent.subject
    assert "607123456789" in sent.body and "123456789012" in sent.body
    assert "epost.go.kr" in sent.body and "cjlogistics.com" in sent.body

    # when the replacement arrives, the line is 교환 완료 and may be confirmed
    o["dashboard"].post(
        o["url"], {"line_action": "exchange_deliver", "selected_line": o["jam_line"].pk}
    )
    f.refresh_from_db()
    assert f.state == "exchanged" and f.exchange_delivered_at is not None
    page = order_page(o)
    assert "교환 완료" in page and "구매확정" in page
    states = list(
        FulfilmentEvent.objects.filter(line=o["jam_line"]).values_list("state", flat=True)
    )
    assert states[-3:] == ["exchanging", "exchange_shipped", "exchanged"]
    assert o["order"].notes.filter(message__contains="교환 완료").exists()
    line_confirm(line=o["jam_line"], by=o["customer"])
    assert LineFulfilment.objects.get(line=o["jam_line"]).state == "confirmed"


def test_the_replacement_cannot_be_delivered_before_it_is_shipped_nor_shipped_twice(exchanging):
    o = exchanging
    cj = Courier.objects.get(name="CJ대한통운")
    response = o["dashboard"].post(
        o["url"],
        {"line_action": "exchange_deliver", "selected_line": o["jam_line"].pk},
        follow=True,
    )
    assert "교환 완료&#x27;(으)로 바꿀 수 없습니다" in response.content.decode()
    assert LineFulfilment.objects.get(line=o["jam_line"]).state == "exchanging"
    post = {
        "line_action": "exchange_ship",
        "selected_line": o["jam_line"].pk,
        "courier": cj.pk,
        "tracking_number": "998877665544",
    }
    o["dashboard"].post(o["url"], post)
    o["dashboard"].post(o["url"], post | {"tracking_number": "111122223333"})
    f = LineFulfilment.objects.get(line=o["jam_line"])
    assert (f.state, f.exchange_tracking_number) == ("exchange_shipped", "998877665544")


def test_a_bad_or_missing_replacement_parcel_is_a_korean_message_and_nothing_changes(
    exchanging,
):
    o = exchanging
    cj = Courier.objects.get(name="CJ대한통운")
    for data in (
        {"courier": cj.pk, "tracking_number": "12"},
        {"courier": cj.pk, "tracking_number": "번호없음번호없음"},
        {"courier": "abc", "tracking_number": "998877665544"},
        {"tracking_number": "998877665544"},
        {"courier": cj.pk},
    ):
        response = o["dashboard"].post(
            o["url"],
            {"line_action": "exchange_ship", "selected_line": o["jam_line"].pk} | data,
            follow=True,
        )
        assert response.status_code == 200
        text = response.content.decode()
        assert (
            "택배사를 선택하고 송장번호를 입력해 주세요." in text
            or "송장번호를 입력해 주세요 (영문·숫자 6~30자)." in text
        )
    for bad_line in ("abc", "", "99999999"):
        response = o["dashboard"].post(
            o["url"],
            {"line_action": "exchange_deliver", "selected_line": bad_line},
            follow=True,
        )
        assert response.status_code == 200
        assert "우리 공급사의 주문 항목만 처리할 수 있습니다." in response.content.decode()
    f = LineFulfilment.objects.get(line=o["jam_line"])
    assert (f.state, f.exchange_tracking_number) == ("exchanging", "")


def test_another_partner_cannot_ship_the_replacement(exchanging):
    o = exchanging
    ga_user = partner_user(o["ga"], "ga@coop.kr")
    with pytest.raises(FulfilmentError):
        exchange_ship(
            line=o["jam_line"],
            by=ga_user,
            courier=Courier.objects.get(name="CJ대한통운"),
            tracking_number="998877665544",
        )
    assert LineFulfilment.objects.get(line=o["jam_line"]).state == "exchanging"


def test_the_confirmation_clock_of_an_exchange_starts_when_the_replacement_arrives(
    exchanging, settings
):
    o = exchanging
    exchange_ship(
        line=o["jam_line"],
        by=o["da_user"],
        courier=Courier.objects.get(name="CJ대한통운"),
        tracking_number="998877665544",
    )
    exchange_deliver(line=o["jam_line"], by=o["da_user"])
    days = settings.THECEN_PURCHASE_CONFIRM_DAYS
    # the first parcel arrived long ago, the replacement today: not yet
    LineFulfilment.objects.filter(line=o["jam_line"]).update(
        delivered_at=timezone.now() - datetime.timedelta(days=days + 5)
    )
    assert lines_confirm_matured() == 0
    LineFulfilment.objects.filter(line=o["jam_line"]).update(
        exchange_delivered_at=timezone.now() - datetime.timedelta(days=days, minutes=1)
    )
    assert lines_confirm_matured() == 1
    assert LineFulfilment.objects.get(line=o["jam_line"]).state == "confirmed"


def test_the_return_screen_answers_bad_input_in_korean_and_never_with_a_server_error():
    o = two_partner_order()
    da_user = partner_user(o["da"], "da@coop.kr")
    deliver(o["jam_line"], da_user)
    number, line = o["order"].number, o["jam_line"]
    # ids that are not numbers, or not this customer's: not found, never a server error
    for url in (
        f"/accounts/orders/{number}/lines/abc/return/",
        f"/accounts/orders/{number}/lines/99999999/return/",
        f"/accounts/orders/nope/lines/{line.pk}/return/",
        f"/accounts/orders/{number}/lines/abc/confirm/",
    ):
        assert o["client"].get(url).status_code == 404
    # missing or unknown fields: the form again, nothing saved
    page = o["client"].get(f"/accounts/orders/{number}/lines/{line.pk}/return/").content.decode()
    assert "반품 또는 교환" in page and "Return" not in page.split("<main")[1]
    for data in ({}, {"kind": "swap", "reason_code": "defect", "reason": "x"}):
        response = o["client"].post(f"/accounts/orders/{number}/lines/{line.pk}/return/", data)
        assert response.status_code == 200
        assert 'data-testid="return-form"' in response.content.decode()
    assert not line.return_requests.exists()

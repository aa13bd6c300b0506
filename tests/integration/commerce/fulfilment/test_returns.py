"""Returns and exchanges of delivered lines: who pays the parcel, the refund, stock, commission."""

import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from PIL import Image

from commerce.fulfilment.models import LineFulfilment, ReturnRequest
from commerce.fulfilment.returns import return_accept, return_refuse, return_request
from commerce.fulfilment.services import FulfilmentError, line_confirm
from commerce.mc.models import LedgerEntry
from tests.factories.fulfilment import deliver, partner_user, two_partner_order
from tests.factories.mc import approved_mc, entry

pytestmark = pytest.mark.django_db


def png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile("broken.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def delivered():
    o = two_partner_order()
    o["ga_user"] = partner_user(o["ga"], "ga@coop.kr")
    o["da_user"] = partner_user(o["da"], "da@coop.kr")
    deliver(o["rice_line"], o["ga_user"])
    deliver(o["jam_line"], o["da_user"])
    return o


def refunded(order) -> int:
    return int(sum(e.amount for e in order.payment_events.filter(event_type__name="Refunded")))


def test_the_customer_asks_from_the_order_page_and_the_partner_sees_it(
    delivered, django_capture_on_commit_callbacks
):
    o = delivered
    number, line = o["order"].number, o["rice_line"]
    page = o["client"].get(f"/accounts/orders/{number}/").content.decode()
    assert "반품·교환 신청" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = o["client"].post(
            f"/accounts/orders/{number}/lines/{line.pk}/return/",
            {
                "kind": "return",
                "reason_code": "defect",
                "reason": "포장이 터져 왔어요",
                "photo": png(),
            },
            follow=True,
        )

    assert "요청을 공급사에 보냈습니다" in response.content.decode()
    request = ReturnRequest.objects.get(line=line)
    assert request.photo.name.endswith(".png") and request.status == "requested"
    assert mail.outbox[-1].to == ["ga@coop.kr"] and "포장이 터져" in mail.outbox[-1].body
    partner_page = Client()
    partner_page.force_login(o["ga_user"])
    dash = partner_page.get(f"/dashboard/orders/{number}/").content.decode()
    assert "포장이 터져 왔어요" in dash and "파손 또는 불량" in dash
    assert o["order"].notes.filter(message__contains="포장이 터져").exists()


def test_a_change_of_mind_refunds_the_price_less_the_return_fee_and_stock_comes_back(
    delivered, django_capture_on_commit_callbacks
):
    o = delivered
    line = o["rice_line"]  # 2 × 32,000; 가나's return fee 3,000
    request = return_request(
        line=line,
        by=o["customer"],
        kind="return",
        reason_code="change_of_mind",
        reason="색이 달라요",
    )
    with django_capture_on_commit_callbacks(execute=True):
        return_accept(request=request, by=o["ga_user"])

    request.refresh_from_db()
    assert (request.fee_payer, request.return_fee, request.refund_amount) == ("buyer", 3000, 61000)
    assert refunded(o["order"]) == 61000
    assert o["order"].sources.get().amount_refunded == 61000
    assert o["rice"].stockrecords.get().num_in_stock == 10  # 8 after shipping, 2 came back
    assert LineFulfilment.objects.get(line=line).state == "returned"
    assert "61,000원을 환불" in mail.outbox[-1].body
    assert o["order"].notes.filter(message__contains="환불 61,000원").exists()


def test_a_defect_is_refunded_in_full_and_the_partner_pays_the_parcel(delivered):
    o = delivered
    request = return_request(
        line=o["jam_line"], by=o["customer"], kind="return", reason_code="defect", reason="깨짐"
    )
    return_accept(request=request, by=o["da_user"])
    request.refresh_from_db()
    assert (request.fee_payer, request.return_fee, request.refund_amount) == (
        "partner",
        2500,
        15000,
    )
    assert refunded(o["order"]) == 15000


def test_accepting_twice_refunds_once_and_returns_stock_once(delivered):
    o = delivered
    request = return_request(
        line=o["rice_line"], by=o["customer"], kind="return", reason_code="defect", reason="벌레"
    )
    return_accept(request=request, by=o["ga_user"])
    return_accept(request=request, by=o["ga_user"])
    assert refunded(o["order"]) == 64000
    assert o["rice"].stockrecords.get().num_in_stock == 10


def test_the_mc_commission_of_a_returned_line_is_reversed_once(delivered):
    o = delivered
    mc = approved_mc(code="green")
    entry(mc, amount=6400, withholding=211, at=timezone.now(), line=o["rice_line"])
    request = return_request(
        line=o["rice_line"], by=o["customer"], kind="return", reason_code="defect", reason="상함"
    )
    return_accept(request=request, by=o["ga_user"])
    return_accept(request=request, by=o["ga_user"])
    reversals = LedgerEntry.objects.filter(order_line=o["rice_line"], kind="reversal")
    assert [r.amount for r in reversals] == [-6400]


def test_a_refusal_says_why_and_the_line_can_still_be_confirmed(
    delivered, django_capture_on_commit_callbacks
):
    o = delivered
    request = return_request(
        line=o["jam_line"],
        by=o["customer"],
        kind="exchange",
        reason_code="change_of_mind",
        reason="다른 맛으로",
    )
    with pytest.raises(FulfilmentError):  # not while the partner has not answered
        line_confirm(line=o["jam_line"], by=o["customer"])
    with pytest.raises(FulfilmentError):
        return_refuse(request=request, by=o["da_user"], reason="  ")
    with django_capture_on_commit_callbacks(execute=True):
        return_refuse(request=request, by=o["da_user"], reason="개봉한 식품은 교환할 수 없습니다")
    assert "개봉한 식품" in mail.outbox[-1].body
    page = o["client"].get(f"/accounts/orders/{o['order'].number}/").content.decode()
    assert "거절됨: 개봉한 식품은 교환할 수 없습니다" in page
    line_confirm(line=o["jam_line"], by=o["customer"])
    assert refunded(o["order"]) == 0


def test_an_exchange_moves_no_money_and_no_stock(delivered):
    o = delivered
    request = return_request(
        line=o["jam_line"],
        by=o["customer"],
        kind="exchange",
        reason_code="wrong_item",
        reason="딸기 대신 사과",
    )
    return_accept(request=request, by=o["da_user"])
    request.refresh_from_db()
    assert (request.fee_payer, request.return_fee, request.refund_amount) == ("partner", 5000, 0)
    assert refunded(o["order"]) == 0
    assert o["jam"].stockrecords.get().num_in_stock == 9
    assert LineFulfilment.objects.get(line=o["jam_line"]).state == "exchanging"


def test_no_return_after_seven_days_nor_by_someone_else_nor_twice(delivered):
    o = delivered
    with pytest.raises(FulfilmentError):  # another customer
        return_request(
            line=o["jam_line"], by=o["ga_user"], kind="return", reason_code="defect", reason="x"
        )
    return_request(
        line=o["jam_line"], by=o["customer"], kind="return", reason_code="defect", reason="x"
    )
    with pytest.raises(FulfilmentError, match="이미"):
        return_request(
            line=o["jam_line"], by=o["customer"], kind="return", reason_code="defect", reason="y"
        )
    LineFulfilment.objects.filter(line=o["rice_line"]).update(
        delivered_at=timezone.now() - datetime.timedelta(days=7, minutes=1)
    )
    response = o["client"].post(
        f"/accounts/orders/{o['order'].number}/lines/{o['rice_line'].pk}/return/",
        {"kind": "return", "reason_code": "change_of_mind", "reason": "늦었지만"},
    )
    assert "반품 가능 기간(7일)이 지났습니다" in response.content.decode()
    assert not ReturnRequest.objects.filter(line=o["rice_line"]).exists()


def test_another_partner_cannot_accept(delivered):
    o = delivered
    request = return_request(
        line=o["rice_line"], by=o["customer"], kind="return", reason_code="defect", reason="x"
    )
    with pytest.raises(FulfilmentError):
        return_accept(request=request, by=o["da_user"])
    assert refunded(o["order"]) == 0

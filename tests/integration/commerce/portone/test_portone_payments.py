"""Card, easy pay and virtual account through PortOne V2, against the local fake PortOne.

The shopper walks the real checkout forms; PortOne's part (its window, its API, its
webhooks) is the fake HTTP server of tests/fakes/portone.py.
"""

import datetime
import json
import socket
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from oscar.core.loading import get_model

from commerce.orderpayments.services import orders_expire
from commerce.portone.models import PortOneOrphan, PortOnePayment, PortOneWebhook
from commerce.portone.services import portone_orphans_sweep
from tests.factories.commerce import create_goods, create_partner_user
from tests.factories.portone import (
    ADDRESS,
    WEBHOOK,
    pay_and_return,
    place_virtual_account_order,
    post_webhook,
    to_payment_step,
)

Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")


@pytest.fixture
def partner(db):
    return Partner.objects.create(name="가나 협동조합", code="ga")


@pytest.mark.django_db
def test_without_portone_keys_only_bank_transfer_is_offered(client, partner):
    goods = create_goods(partner=partner, title="유기농 현미", price=32000, stock=5)
    client.post(f"/basket/add/{goods.pk}/", {"quantity": 1})
    client.post("/checkout/", {"options": "anonymous", "username": "a@example.kr"})
    client.post("/checkout/shipping-address/", ADDRESS)
    client.post("/checkout/shipping-method/", {"method_code": "partner-shipping"})

    page = client.get("/checkout/payment-details/", follow=True).content.decode()

    assert "무통장입금" in page
    assert "카카오페이" not in page and 'value="card"' not in page
    assert "portone-requests" not in page


@pytest.mark.django_db
def test_card_payment_is_verified_and_the_order_is_paid(
    client, partner, portone, django_capture_on_commit_callbacks
):
    goods = create_goods(partner=partner, title="유기농 현미", price=32000, stock=5)
    page, requests = to_payment_step(client, goods)
    for label in ("카드", "카카오페이", "네이버페이", "토스페이", "가상계좌", "무통장입금"):
        assert label in page
    request = requests["card"]
    assert request["currency"] == "KRW" and request["payMethod"] == "CARD"

    with django_capture_on_commit_callbacks(execute=True):
        response = pay_and_return(client, portone, request, "card")

    order = Order.objects.get()
    assert request["paymentId"].startswith(f"{order.number}-")
    assert order.total_incl_tax == request["totalAmount"]
    assert order.status == "Paid"
    assert order.payment.method == "card" and order.payment.paid_at is not None
    assert order.lines.get().status == "Paid"
    page = response.content.decode()
    assert response.request["PATH_INFO"] == "/checkout/thank-you/"
    assert "결제 수단: 카드" in page
    receipt = f"{portone.url}/receipts/{request['paymentId']}"
    assert f'href="{receipt}"' in page and "영수증 보기" in page
    assert portone.cancel_requests == []
    # the confirmation mail says how it was paid and links the receipt
    assert receipt in mail.outbox[-1].body
    assert "카드" in mail.outbox[-1].body
    # the shopper's basket is closed
    assert "유기농 현미" not in client.get("/basket/").content.decode()


@pytest.mark.django_db
def test_easy_pay_uses_its_provider(client, partner, portone):
    goods = create_goods(partner=partner, title="수제 딸기잼", price=15000, stock=5)
    _page, requests = to_payment_step(client, goods)
    assert requests["kakaopay"]["easyPay"] == {"easyPayProvider": "KAKAOPAY"}
    assert requests["kakaopay"]["channelKey"] == "channel-key-fake-kakaopay"

    pay_and_return(client, portone, requests["kakaopay"], "kakaopay")

    order = Order.objects.get()
    assert (order.status, order.payment.method) == ("Paid", "kakaopay")


@pytest.mark.django_db
def test_a_payment_for_another_amount_is_refused_and_cancelled_at_portone(client, partner, portone):
    goods = create_goods(partner=partner, title="유기농 현미", price=32000, stock=5)
    _page, requests = to_payment_step(client, goods)
    request = requests["card"]

    # the shopper's browser paid ₩1,000 for the order (a tampered request)
    response = pay_and_return(client, portone, request, "card", amount=1000)

    assert not Order.objects.exists()
    page = response.content.decode()
    assert "결제 금액(₩1,000)이 주문 금액" in page and "결제를 취소했습니다" in page
    assert [c["payment_id"] for c in portone.cancel_requests] == [request["paymentId"]]
    assert portone.payments[request["paymentId"]]["status"] == "CANCELLED"
    # the basket is still the shopper's, open, with its product
    assert "유기농 현미" in client.get("/basket/").content.decode()
    assert goods.stockrecords.get().num_allocated in (0, None)


@pytest.mark.django_db
def test_a_return_without_a_payment_at_portone_places_nothing(client, partner, portone):
    goods = create_goods(partner=partner, title="유기농 현미", price=32000, stock=5)
    _page, requests = to_payment_step(client, goods)

    response = client.get(
        f"/checkout/portone/return/?method=card&paymentId={requests['card']['paymentId']}",
        follow=True,
    )

    assert not Order.objects.exists()
    assert "결제가 완료되지 않았습니다" in response.content.decode()


@pytest.mark.django_db
def test_the_shopper_closes_the_payment_window(client, partner, portone):
    goods = create_goods(partner=partner, title="유기농 현미", price=32000, stock=5)
    to_payment_step(client, goods)

    response = client.get(
        "/checkout/portone/return/?method=card&paymentId=1&code=FAILURE_TYPE_PG"
        "&message=사용자가 결제를 취소했습니다.",
        follow=True,
    )

    assert not Order.objects.exists()
    assert "사용자가 결제를 취소했습니다." in response.content.decode()
    assert response.request["PATH_INFO"] == "/checkout/payment-details/"


@pytest.mark.django_db
def test_virtual_account_order_waits_for_the_deposit_and_a_webhook_confirms_it(
    client, partner, portone
):
    order, response = place_virtual_account_order(client, partner, portone)

    # the order waits, with the issued account, bank and deadline shown
    assert order.status == "Awaiting deposit"
    account = PortOnePayment.objects.get(order=order)
    page = response.content.decode()
    assert "신한은행" in page and account.account_number in page
    assert "입금 기한" in page
    assert order.payment.deadline == account.account_due

    # the shopper transfers; PortOne tells us by webhook
    portone.deposit(order.portone.payment_id)
    answer = post_webhook(client, *portone.webhook("Transaction.Paid", order.portone.payment_id))

    assert answer.status_code == 200
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.payment.paid_at is not None and order.payment.confirmed_by is None


@pytest.mark.django_db
def test_a_forged_webhook_changes_nothing(client, partner, portone):
    order, _response = place_virtual_account_order(client, partner, portone)
    portone.deposit(order.portone.payment_id)

    forged = portone.webhook(
        "Transaction.Paid", order.portone.payment_id, secret="whsec_bm90LXRoZS1zaXRlcy1zZWNyZXQ="
    )
    answer = post_webhook(client, *forged)

    assert answer.status_code == 400
    order.refresh_from_db()
    assert order.status == "Awaiting deposit" and order.payment.paid_at is None
    assert not PortOneWebhook.objects.exists()
    # and one without any signature headers
    assert client.post(WEBHOOK, data="{}", content_type="application/json").status_code == 400


@pytest.mark.django_db
def test_the_same_webhook_twice_confirms_once(client, partner, portone):
    order, _response = place_virtual_account_order(client, partner, portone)
    portone.deposit(order.portone.payment_id)
    body, headers = portone.webhook("Transaction.Paid", order.portone.payment_id)

    first = post_webhook(client, body, headers)
    second = post_webhook(client, body, headers)

    assert (first.status_code, second.status_code) == (200, 200)
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.payment_events.filter(event_type__name="Paid").count() == 1
    assert order.sources.get().amount_debited == order.total_incl_tax
    assert PortOneWebhook.objects.count() == 1


@pytest.mark.django_db
def test_a_deposit_of_another_amount_is_not_confirmed(client, partner, portone):
    order, _response = place_virtual_account_order(client, partner, portone)
    portone.deposit(order.portone.payment_id, amount=1000)

    post_webhook(client, *portone.webhook("Transaction.Paid", order.portone.payment_id))

    order.refresh_from_db()
    assert order.status == "Awaiting deposit"
    assert order.notes.filter(message__contains="₩1,000").exists()


@pytest.mark.django_db
def test_a_partner_cancels_one_line_and_portone_refunds_that_part(
    client, partner, portone, django_capture_on_commit_callbacks
):
    other = Partner.objects.create(name="다라 사회적기업", code="da")
    rice = create_goods(partner=partner, title="유기농 현미", price=32000, stock=5)
    jam = create_goods(partner=other, title="수제 딸기잼", price=15000, stock=5)
    _page, requests = to_payment_step(client, rice, jam)
    pay_and_return(client, portone, requests["card"], "card")
    order = Order.objects.get()
    assert order.status == "Paid"
    paid = requests["card"]["totalAmount"]

    # when PA 다라 cancels its line in the dashboard
    line = order.lines.get(partner=other)
    client.force_login(create_partner_user(other, "da@da.kr"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/dashboard/orders/{order.number}/",
            {
                "line_action": "change_line_statuses",
                "selected_line": [line.pk],
                f"selected_line_qty_{line.pk}": 1,
                "new_status": "Cancelled",
                "reason": "재고 소진",
            },
            follow=True,
        )

    # then PortOne is asked to cancel ₩15,000 of what was paid, and it is recorded
    assert portone.cancel_requests == [
        {
            "payment_id": order.portone.payment_id,
            "amount": 15000,
            "reason": "재고 소진",
            "currentCancellableAmount": paid,
        }
    ]
    assert portone.payments[order.portone.payment_id]["status"] == "PARTIAL_CANCELLED"
    record = PortOnePayment.objects.get(order=order)
    assert record.cancelled_amount == Decimal(15000)
    assert record.cancellations.get().amount == Decimal(15000)
    assert order.notes.filter(message__contains="₩15,000").exists()
    line.refresh_from_db()
    assert line.status == "Cancelled"


@pytest.mark.django_db
def test_paid_but_sold_out_meanwhile_the_payment_is_given_back(client, partner, portone):
    goods = create_goods(partner=partner, title="한정판 도자기 컵", price=28000, stock=1)
    _page, requests = to_payment_step(client, goods)
    # while the shopper is on PortOne's window, someone else buys the last one
    goods.stockrecords.update(num_allocated=1)

    response = pay_and_return(client, portone, requests["card"], "card")

    assert not Order.objects.exists()
    assert "한정판 도자기 컵은(는) 0개만 남았습니다" in response.content.decode()
    assert [c["payment_id"] for c in portone.cancel_requests] == [requests["card"]["paymentId"]]
    assert portone.payments[requests["card"]["paymentId"]]["status"] == "CANCELLED"


@pytest.mark.django_db
def test_a_retry_after_a_failed_payment_gets_a_new_payment_id(client, partner, portone):
    goods = create_goods(partner=partner, title="유기농 현미", price=32000, stock=5)
    _page, first = to_payment_step(client, goods)
    # the first window fails; PortOne now holds that paymentId as used
    portone.used_payment_ids.add(first["card"]["paymentId"])
    client.get(
        f"/checkout/portone/return/?method=card&paymentId={first['card']['paymentId']}"
        "&code=FAILURE_TYPE_PG&message=한도 초과",
        follow=True,
    )

    page = client.get("/checkout/payment-details/", follow=True).content.decode()
    start = page.index('<script id="portone-requests" type="application/json">')
    retry = json.loads(page[start:].split(">", 1)[1].split("</script>", 1)[0])
    assert retry["card"]["paymentId"] != first["card"]["paymentId"]

    pay_and_return(client, portone, retry["card"], "card")

    order = Order.objects.get()
    assert order.status == "Paid" and order.portone.payment_id == retry["card"]["paymentId"]


@pytest.mark.django_db
def test_a_payment_id_not_issued_to_this_checkout_places_nothing(client, partner, portone):
    goods = create_goods(partner=partner, title="유기농 현미", price=32000, stock=5)
    _page, requests = to_payment_step(client, goods)
    forged = dict(requests["card"], paymentId=requests["card"]["paymentId"] + "x")

    pay_and_return(client, portone, forged, "card")

    assert not Order.objects.exists()


@pytest.mark.django_db
def test_a_second_payment_for_an_ordered_basket_is_cancelled_at_portone(client, partner, portone):
    goods = create_goods(partner=partner, title="유기농 현미", price=32000, stock=5)
    _page, first = to_payment_step(client, goods)
    page = client.get("/checkout/payment-details/", follow=True).content.decode()
    start = page.index('<script id="portone-requests" type="application/json">')
    second = json.loads(page[start:].split(">", 1)[1].split("</script>", 1)[0])["card"]
    pay_and_return(client, portone, first["card"], "card")

    # the same basket paid a second time in another tab: the order exists already
    response = pay_and_return(client, portone, second, "card")

    order = Order.objects.get()
    assert order.portone.payment_id == first["card"]["paymentId"]
    assert [c["payment_id"] for c in portone.cancel_requests] == [second["paymentId"]]
    assert portone.payments[second["paymentId"]]["status"] == "CANCELLED"
    # the shopper lands on the order and reads that the second payment was given back
    assert response.request["PATH_INFO"] == "/checkout/thank-you/"
    assert order.number in response.content.decode()
    assert "두 번 결제되지 않도록 이번 결제는 취소했습니다" in response.content.decode()


@pytest.mark.django_db
def test_a_guessed_payment_id_shows_no_one_elses_order(client, partner, portone):
    goods = create_goods(partner=partner, title="유기농 현미", price=32000, stock=5)
    _page, requests = to_payment_step(client, goods)
    pay_and_return(client, portone, requests["card"], "card")
    order = Order.objects.get()

    stranger = Client()
    response = stranger.get(
        f"/checkout/portone/return/?method=card&paymentId={order.number}-00000000", follow=True
    )

    assert order.number not in response.content.decode()
    assert portone.cancel_requests == []


def _past_due(order) -> None:
    """The virtual account's deadline went by (PortOne's own clock keeps it issued)."""
    order.payment.deadline = timezone.now() - datetime.timedelta(minutes=1)
    order.payment.save(update_fields=["deadline"])


@pytest.mark.django_db
def test_an_unpaid_virtual_account_expires_and_is_closed_at_portone_first(
    client, partner, portone, django_capture_on_commit_callbacks
):
    order, _response = place_virtual_account_order(client, partner, portone)
    stock = order.lines.get().stockrecord
    assert stock.num_allocated == 1
    _past_due(order)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert orders_expire() == [order.number]

    order.refresh_from_db()
    stock.refresh_from_db()
    assert order.status == "Cancelled"
    assert stock.num_allocated == 0  # back on sale
    # no transfer can reach the account of a cancelled order any more
    assert portone.closed_accounts == [order.portone.payment_id]
    assert portone.payments[order.portone.payment_id]["status"] == "CANCELLED"
    assert [message.to for message in mail.outbox] == [[order.email]]
    # the next run finds nothing more to do
    assert orders_expire() == []
    assert portone.closed_accounts == [order.portone.payment_id]


@pytest.mark.django_db
def test_a_deposit_whose_webhook_was_lost_is_confirmed_not_expired(client, partner, portone):
    order, _response = place_virtual_account_order(client, partner, portone)
    portone.deposit(order.portone.payment_id)  # paid in time; PortOne's webhook never came
    _past_due(order)

    assert orders_expire() == []

    order.refresh_from_db()
    assert order.status == "Paid" and order.payment.paid_at is not None
    assert portone.closed_accounts == []
    assert portone.cancel_requests == []


@pytest.mark.django_db
def test_while_portone_is_unreachable_a_virtual_account_order_is_kept(
    client, partner, portone, settings
):
    order, _response = place_virtual_account_order(client, partner, portone)
    _past_due(order)
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        settings.THECEN_PORTONE_API_URL = f"http://127.0.0.1:{closed.getsockname()[1]}"

    assert orders_expire() == []  # we cannot know it was not paid: wait for the next run

    order.refresh_from_db()
    assert order.status == "Awaiting deposit"
    settings.THECEN_PORTONE_API_URL = portone.url
    assert orders_expire() == [order.number]


def _paid_and_gone(client, partner, portone):
    """The shopper pays by card, then closes the tab before PortOne sends them back; only
    PortOne's webhook reaches the site. Returns the payment id, now an hour old."""
    goods = create_goods(partner=partner, title="유기농 현미", price=32000, stock=5)
    _page, requests = to_payment_step(client, goods)
    card = requests["card"]
    portone.put_payment(card["paymentId"], amount=card["totalAmount"])
    answer = post_webhook(client, *portone.webhook("Transaction.Paid", card["paymentId"]))
    assert answer.status_code == 200
    PortOneWebhook.objects.update(received_at=timezone.now() - datetime.timedelta(hours=1))
    return card["paymentId"]


@pytest.mark.django_db
def test_a_payment_whose_shopper_never_came_back_is_given_back(client, partner, portone):
    payment_id = _paid_and_gone(client, partner, portone)
    assert not Order.objects.exists()

    assert portone_orphans_sweep() == [payment_id]

    assert portone.payments[payment_id]["status"] == "CANCELLED"
    assert [request["payment_id"] for request in portone.cancel_requests] == [payment_id]
    orphan = PortOneOrphan.objects.get()
    assert (orphan.amount, orphan.returned) == (Decimal("32000"), True)
    assert not Order.objects.exists()
    # once only
    assert portone_orphans_sweep() == []
    assert len(portone.cancel_requests) == 1


@pytest.mark.django_db
def test_a_shopper_back_after_the_sweep_is_told_and_not_charged(client, partner, portone):
    payment_id = _paid_and_gone(client, partner, portone)
    portone_orphans_sweep()
    # the fake says CANCELLED now; a PortOne that still said PAID must not place it either
    portone.payments[payment_id]["status"] = "PAID"

    response = client.get(
        f"/checkout/portone/return/?method=card&paymentId={payment_id}", follow=True
    )

    assert not Order.objects.exists()
    assert "이 결제는 취소되었고, 결제 금액은 환불되었습니다" in response.content.decode()
    # back where a new payment can be chosen, not on a preview that reads "무통장입금"
    assert response.request["PATH_INFO"] == "/checkout/payment-details/"
    assert len(portone.cancel_requests) == 1


@pytest.mark.django_db
def test_a_payment_that_became_an_order_is_never_swept(client, partner, portone):
    goods = create_goods(partner=partner, title="유기농 현미", price=32000, stock=5)
    _page, requests = to_payment_step(client, goods)
    pay_and_return(client, portone, requests["card"], "card")
    order = Order.objects.get()
    post_webhook(client, *portone.webhook("Transaction.Paid", order.portone.payment_id))
    PortOneWebhook.objects.update(received_at=timezone.now() - datetime.timedelta(hours=1))

    assert portone_orphans_sweep() == []
    assert portone.cancel_requests == []
    assert order.portone.payment_id in portone.payments

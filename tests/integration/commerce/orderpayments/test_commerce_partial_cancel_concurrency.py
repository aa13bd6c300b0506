"""A deposit confirmation and a line cancellation at the same moment, on PostgreSQL."""

from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from oscar.core.loading import get_model

from commerce.orderpayments.services import order_lines_cancel, order_payment_confirm
from tests.concurrency import race
from tests.factories.commerce import (
    checkout_pay,
    create_customer,
    create_goods,
    create_partner_user,
)

Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def place_shared_order():
    pa_a = Partner.objects.create(name="가나 협동조합", code="ga")
    pa_b = Partner.objects.create(name="다라 사회적기업", code="da")
    rice = create_goods(partner=pa_a, title="유기농 현미", price=32000, stock=9)
    jam = create_goods(partner=pa_b, title="수제 딸기잼", price=15000, stock=9)
    client = Client()
    client.force_login(create_customer("buyer@example.kr"))
    client.post(f"/basket/add/{rice.pk}/", {"quantity": 2})
    client.post(f"/basket/add/{jam.pk}/", {"quantity": 1})
    checkout_pay(client, shipping=True)
    # another customer's unpaid order holds 3 more, so a double release would show
    StockRecord.objects.filter(product=rice).update(num_allocated=5)
    order = Order.objects.get()
    return order, order.lines.get(partner=pa_a), pa_a, rice


def test_deposit_confirmed_while_a_line_is_cancelled_leaves_one_consistent_story(postgres):
    order, line, _pa, rice = place_shared_order()
    operator = create_customer("ops@thecen.kr", is_staff=True)

    race(
        lambda: order_payment_confirm(order=order, by=operator),
        lambda: order_lines_cancel(order=order, lines=[line], actor="operator"),
    )

    order.refresh_from_db()
    line.refresh_from_db()
    assert (order.status, line.status) == ("Paid", "Cancelled")
    assert StockRecord.objects.get(product=rice).num_allocated == 3
    paid = order.payment_events.get(event_type__name="Paid").amount
    refunded = sum(
        e.amount for e in order.payment_events.filter(event_type__name="Refunded")
    ) or Decimal(0)
    # whichever came first, what the customer pays minus what comes back is the jam alone
    assert paid - refunded == 15000
    assert (paid, refunded) in {(Decimal(15000), 0), (Decimal(79000), Decimal(64000))}
    assert order.notes.filter(message__contains="유기농 현미").count() == 1


def test_the_cancel_form_sent_twice_at_once_cancels_once(postgres):
    order, line, pa, rice = place_shared_order()
    partners = []
    for email in ("ga1@ga.kr", "ga2@ga.kr"):
        client = Client()
        client.force_login(create_partner_user(pa, email))
        partners.append(client)
    form = {
        "line_action": "change_line_statuses",
        "selected_line": [line.pk],
        f"selected_line_qty_{line.pk}": 2,
        "new_status": "Cancelled",
    }
    emails = len(mail.outbox)

    race(*(lambda c=c: c.post(f"/dashboard/orders/{order.number}/", form) for c in partners))

    order.refresh_from_db()
    assert order.total_incl_tax == 15000
    assert StockRecord.objects.get(product=rice).num_allocated == 3
    assert order.notes.filter(message__contains="유기농 현미").count() == 1
    assert len(mail.outbox) == emails + 1


def test_a_customer_cancelling_a_booking_while_the_deposit_is_confirmed_does_not_deadlock(
    postgres,
):
    from commerce.bookings.models import Booking
    from commerce.bookings.selectors import slot_places_taken
    from tests.factories.commerce import create_service, slot_time

    # given an unpaid order with a booked class and a bag of rice
    pa = Partner.objects.create(name="가나 협동조합", code="ga")
    rice = create_goods(partner=pa, title="유기농 현미", price=32000, stock=9)
    service = create_service(partner=pa, title="목공 교실", price=30000)
    customer = Client()
    customer.force_login(create_customer("hana@example.kr"))
    starts_at = slot_time(service)
    customer.post(
        f"/services/{service.product.pk}/reserve/",
        {"starts_at": starts_at.isoformat(), "places": 1},
    )
    customer.post(f"/basket/add/{rice.pk}/", {"quantity": 1})
    checkout_pay(customer, shipping=True)
    order = Order.objects.get()
    booking = Booking.objects.get()
    operator = create_customer("ops@thecen.kr", is_staff=True)

    # when the customer cancels the class while the operator confirms the deposit
    race(
        lambda: customer.post(f"/accounts/bookings/{booking.pk}/cancel/"),
        lambda: order_payment_confirm(order=order, by=operator),
    )

    # then both went through, in one order or the other, and the story adds up
    order.refresh_from_db()
    booking.refresh_from_db()
    assert order.status == "Paid"
    assert booking.status == "cancelled"
    assert slot_places_taken(slot=booking.slot, now=starts_at.replace(hour=0)) == 0
    paid = order.payment_events.get(event_type__name="Paid").amount
    refunded = sum(e.amount for e in order.payment_events.filter(event_type__name="Refunded"))
    assert paid - refunded == 32000

"""Fulfilment per line through the partner's dashboard and the customer's order page."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from commerce.fulfilment.models import Courier, FulfilmentEvent, LineFulfilment
from commerce.fulfilment.services import FulfilmentError, line_confirm, line_prepare, line_ship
from tests.factories.commerce import create_service
from tests.factories.fulfilment import deliver, partner_user, two_partner_order

pytestmark = pytest.mark.django_db


def dashboard(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_partner_ships_its_line_with_tracking_and_the_customer_sees_it(
    django_capture_on_commit_callbacks,
):
    # given a paid order of two partners
    o = two_partner_order()
    ga_user = partner_user(o["ga"], "ga@coop.kr")
    client = dashboard(ga_user)
    url = f"/dashboard/orders/{o['order'].number}/"
    cj = Courier.objects.get(name="CJ대한통운")

    # when 가나 prepares and ships its rice from the dashboard
    page = client.get(url).content.decode()
    section = page.split('data-testid="partner-fulfilment"')[1].split("</section>")[0]
    assert "유기농 현미" in section and "수제 딸기잼" not in section
    client.post(url, {"line_action": "fulfil_prepare", "selected_line": o["rice_line"].pk})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "line_action": "fulfil_ship",
                "selected_line": o["rice_line"].pk,
                "courier": cj.pk,
                "tracking_number": "6123-4567-8901",
            },
        )

    # then the line is shipped with a tracking link, the customer is told by mail
    f = LineFulfilment.objects.get(line=o["rice_line"])
    assert (f.state, f.tracking_number) == ("shipped", "612345678901")
    assert mail.outbox[-1].to == [o["customer"].email]
    assert "612345678901" in mail.outbox[-1].body and "cjlogistics.com" in mail.outbox[-1].body
    order_page = o["client"].get(f"/accounts/orders/{o['order'].number}/").content.decode()
    assert "배송중" in order_page
    assert "https://trace.cjlogistics.com/next/tracking.html?wblNo=612345678901" in order_page
    # the allocation became a real stock movement
    record = o["rice"].stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (8, 0)
    # each step is an event with who and when, and an order note
    events = list(FulfilmentEvent.objects.filter(line=o["rice_line"]))
    assert [e.state for e in events] == ["preparing", "shipped"]
    assert all(e.actor == ga_user and e.created for e in events)
    assert o["order"].notes.filter(message__contains="배송중").exists()


def test_a_partner_cannot_act_on_another_partners_line():
    o = two_partner_order()
    ga_user = partner_user(o["ga"], "ga@coop.kr")
    client = dashboard(ga_user)
    url = f"/dashboard/orders/{o['order'].number}/"
    response = client.post(
        url, {"line_action": "fulfil_prepare", "selected_line": o["jam_line"].pk}, follow=True
    )
    assert "우리 공급사의 주문 항목만" in response.content.decode()
    assert not LineFulfilment.objects.filter(line=o["jam_line"]).exists()
    with pytest.raises(FulfilmentError):
        line_prepare(line=o["jam_line"], by=ga_user)


def test_lines_move_only_forward():
    o = two_partner_order()
    ga_user = partner_user(o["ga"], "ga@coop.kr")
    cj = Courier.objects.get(name="CJ대한통운")
    line = o["rice_line"]
    with pytest.raises(FulfilmentError):  # not prepared yet
        line_ship(line=line, by=ga_user, courier=cj, tracking_number="123456789")
    deliver(line, ga_user)
    line_confirm(line=line, by=o["customer"])
    for move in (
        lambda: line_prepare(line=line, by=ga_user),
        lambda: line_ship(line=line, by=ga_user, courier=cj, tracking_number="99999999"),
        lambda: line_confirm(line=line, by=o["customer"]),
    ):
        with pytest.raises(FulfilmentError):
            move()
    f = LineFulfilment.objects.get(line=line)
    assert (f.state, f.tracking_number) == ("confirmed", "123456789012")
    assert FulfilmentEvent.objects.filter(line=line).count() == 4


def test_a_bad_tracking_number_is_refused_and_nothing_changes():
    o = two_partner_order()
    ga_user = partner_user(o["ga"], "ga@coop.kr")
    line_prepare(line=o["rice_line"], by=ga_user)
    client = dashboard(ga_user)
    url = f"/dashboard/orders/{o['order'].number}/"
    cj = Courier.objects.get(name="CJ대한통운")
    response = client.post(
        url,
        {
            "line_action": "fulfil_ship",
            "selected_line": o["rice_line"].pk,
            "courier": cj.pk,
            "tracking_number": "=1+2",
        },
        follow=True,
    )
    assert "송장번호" in response.content.decode()
    assert LineFulfilment.objects.get(line=o["rice_line"]).state == "preparing"


def test_the_customer_confirms_a_delivered_line_from_the_order_page():
    o = two_partner_order()
    deliver(o["rice_line"], partner_user(o["ga"], "ga@coop.kr"))
    number = o["order"].number
    page = o["client"].get(f"/accounts/orders/{number}/").content.decode()
    assert "배송완료" in page and "구매확정" in page
    o["client"].post(f"/accounts/orders/{number}/lines/{o['rice_line'].pk}/confirm/")
    assert LineFulfilment.objects.get(line=o["rice_line"]).state == "confirmed"
    # another customer cannot confirm it (nor see it)
    stranger = Client()
    stranger.force_login(partner_user(o["da"], "other@example.kr"))
    response = stranger.post(f"/accounts/orders/{number}/lines/{o['jam_line'].pk}/confirm/")
    assert response.status_code == 404


def test_the_daily_job_confirms_lines_delivered_long_enough_ago(settings):
    settings.THECEN_PURCHASE_CONFIRM_DAYS = 7
    o = two_partner_order()
    deliver(o["rice_line"], partner_user(o["ga"], "ga@coop.kr"))
    deliver(o["jam_line"], partner_user(o["da"], "da@coop.kr"))
    LineFulfilment.objects.filter(line=o["rice_line"]).update(
        delivered_at=timezone.now() - datetime.timedelta(days=7, minutes=1)
    )
    LineFulfilment.objects.filter(line=o["jam_line"]).update(
        delivered_at=timezone.now() - datetime.timedelta(days=6, hours=23)
    )
    call_command("fulfilment_daily")
    assert LineFulfilment.objects.get(line=o["rice_line"]).state == "confirmed"
    assert LineFulfilment.objects.get(line=o["jam_line"]).state == "delivered"
    event = FulfilmentEvent.objects.filter(line=o["rice_line"]).last()
    assert (event.actor, event.actor_kind) == (None, "system")


def test_services_are_never_shipped():
    o = two_partner_order()
    service = create_service(partner=o["ga"])
    o["order"].lines.filter(pk=o["rice_line"].pk).update(product=service.product)
    ga_user = partner_user(o["ga"], "ga@coop.kr")
    with pytest.raises(FulfilmentError, match="서비스"):
        line_prepare(line=o["rice_line"], by=ga_user)
    page = dashboard(ga_user).get(f"/dashboard/orders/{o['order'].number}/").content.decode()
    assert "서비스 (배송 없음)" in page


def test_operators_keep_the_couriers_in_the_admin():
    admin = get_user_model().objects.create_superuser("ops", "ops@thecen.kr", "pw-ops-12345")
    client = dashboard(admin)
    page = client.get("/cms/fulfilment/courier/").content.decode()
    assert all(
        name in page for name in ("CJ대한통운", "우체국택배", "한진택배", "롯데택배", "로젠택배")
    )
    client.post(
        "/cms/fulfilment/courier/create/",
        {
            "name": "경동택배",
            "tracking_url": "https://kdexp.com/?no={number}",
            "active": "on",
            "position": 9,
        },
    )
    assert Courier.objects.get(name="경동택배").url_for("123") == "https://kdexp.com/?no=123"

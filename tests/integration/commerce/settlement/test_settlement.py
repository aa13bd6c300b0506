"""Partner statements: what they hold adds up to the won, once per line, negative carried over."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from commerce.fulfilment.models import LineFulfilment
from commerce.fulfilment.returns import return_accept, return_request
from commerce.fulfilment.services import line_confirm
from commerce.membership.models import Grade, Membership
from commerce.settlement.models import FeeRate, Statement, StatementLine
from commerce.settlement.money import won_floor
from commerce.settlement.services import (
    last_closed_period,
    period_of,
    statement_create,
    statement_mark_paid,
)
from commerce.shipping.models import ShippingPolicy
from tests.factories.commerce import create_customer
from tests.factories.fulfilment import deliver, partner_user, two_partner_order
from tests.factories.mc import approved_mc, entry

pytestmark = pytest.mark.django_db


def this_month():
    return period_of(timezone.localdate(), period="monthly")


@pytest.fixture
def settled_world():
    """가나's rice (64,000) confirmed; 다라's jam (15,000) returned as defective."""
    o = two_partner_order()
    grade = Grade.objects.create(name="정회원", code="regular", listing_limit=100, annual_dues=0)
    Membership.objects.create(partner=o["ga"], grade=grade, since=datetime.date(2026, 1, 1))
    FeeRate.objects.create(grade=grade, rate="3.33")
    ShippingPolicy.objects.filter(partner=o["da"]).update(return_fee=4000)
    o["ga_user"] = partner_user(o["ga"], "ga@coop.kr")
    o["da_user"] = partner_user(o["da"], "da@coop.kr")
    deliver(o["rice_line"], o["ga_user"])
    deliver(o["jam_line"], o["da_user"])
    line_confirm(line=o["rice_line"], by=o["customer"])
    request = return_request(
        line=o["jam_line"], by=o["customer"], kind="return", reason_code="defect", reason="깨짐"
    )
    return_accept(request=request, by=o["da_user"])
    o["operator"] = create_customer("money@thecen.kr", is_staff=True)
    return o


def test_a_statement_adds_up_to_the_won_with_the_grade_rate_rounded_down(settled_world):
    o = settled_world
    start, end = this_month()
    s = statement_create(partner=o["ga"], period_start=start, period_end=end)
    # 64,000 × 3.33% = 2,131.2 → 2,131 (원 미만 절사); free shipping over 50,000
    assert (s.gross, s.shipping, s.refunds, s.return_fees, s.fee) == (64000, 0, 0, 0, 2131)
    assert s.net == 61869 and s.status == "due"
    assert list(s.lines.values_list("line_id", flat=True)) == [o["rice_line"].pk]
    assert won_floor("2131.99") == 2131


def test_a_negative_statement_is_carried_to_the_next_one(settled_world):
    o = settled_world
    start, end = this_month()
    # the jam: 15,000 sale + 2,500 shipping − 15,000 refund − 4,000 return parcel = −1,500
    first = statement_create(partner=o["da"], period_start=start, period_end=end)
    assert (first.gross, first.shipping, first.refunds, first.return_fees) == (
        15000,
        2500,
        15000,
        4000,
    )
    assert (first.fee, first.net, first.status) == (0, -1500, "carried")
    with pytest.raises(ValueError):
        statement_mark_paid(statement=first, reference="x", by=o["operator"])

    # next month the same partner sells a jar that is confirmed (default rate 10%)
    o2 = two_partner_order(email="second@example.kr", rice_qty=1)
    deliver(o2["jam_line"], o["da_user"])
    line_confirm(line=o2["jam_line"], by=o2["customer"])
    nxt_start, nxt_end = period_of(end, period="monthly")
    LineFulfilment.objects.filter(line=o2["jam_line"]).update(confirmed_at=timezone.now())
    second = statement_create(partner=o["da"], period_start=nxt_start, period_end=nxt_end)
    assert (second.gross, second.shipping, second.fee, second.carried_in) == (
        15000,
        2500,
        1500,
        -1500,
    )
    assert second.net == 15000 + 2500 - 1500 - 1500
    assert second.carried_from == first
    # and the carry is used once
    third = statement_create(
        partner=o["da"], period_start=nxt_end, period_end=period_of(nxt_end)[1]
    )
    assert third is None


def test_a_line_is_settled_once_and_a_repeat_returns_the_same_statement(settled_world):
    o = settled_world
    start, end = this_month()
    first = statement_create(partner=o["ga"], period_start=start, period_end=end)
    again = statement_create(partner=o["ga"], period_start=start, period_end=end)
    assert again.pk == first.pk
    later = statement_create(partner=o["ga"], period_start=end, period_end=period_of(end)[1])
    assert later is None
    assert StatementLine.objects.filter(line=o["rice_line"]).count() == 1


def test_lines_not_yet_confirmed_wait(settled_world):
    o = settled_world
    o3 = two_partner_order(email="third@example.kr")
    deliver(o3["rice_line"], o["ga_user"])  # delivered, not confirmed
    start, end = this_month()
    s = statement_create(partner=o["ga"], period_start=start, period_end=end)
    assert s.lines.count() == 1


def test_the_partner_sees_its_own_statements_and_the_operator_pays_them(settled_world):
    o = settled_world
    operator = Client()
    operator.force_login(o["operator"])
    day = timezone.localdate().isoformat()
    response = operator.post("/dashboard/settlement/", {"day": day}, follow=True)
    assert "2건" in response.content.decode() or Statement.objects.count() == 2
    ga_statement = Statement.objects.get(partner=o["ga"])

    ga = Client()
    ga.force_login(o["ga_user"])
    page = ga.get("/dashboard/settlement/").content.decode()
    assert "₩61,869" in page and "다라 사회적기업" not in page
    da_statement = Statement.objects.get(partner=o["da"])
    assert ga.get(f"/dashboard/settlement/{da_statement.pk}/").status_code == 404
    assert (
        ga.post(
            f"/dashboard/settlement/{ga_statement.pk}/", {"transfer_reference": "x"}
        ).status_code
        == 403
    )

    empty = operator.post(f"/dashboard/settlement/{ga_statement.pk}/", {"transfer_reference": " "})
    assert empty.status_code == 200
    operator.post(
        f"/dashboard/settlement/{ga_statement.pk}/", {"transfer_reference": "신협 20261202-01"}
    )
    page = ga.get(f"/dashboard/settlement/{ga_statement.pk}/").content.decode()
    assert "지급 완료" in page and "신협 20261202-01" in page


def test_the_download_is_excel_safe_korean_and_seoul_timed(settled_world):
    o = settled_world
    o["order"].lines.filter(pk=o["rice_line"].pk).update(title='=HYPERLINK("x") 현미')
    start, end = this_month()
    s = statement_create(partner=o["ga"], period_start=start, period_end=end)
    client = Client()
    client.force_login(o["ga_user"])
    csv = client.get(f"/dashboard/settlement/{s.pk}/?format=csv").content
    assert csv.startswith(b"\xef\xbb\xbf")
    text = csv.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("주문번호,상품,수량")
    assert "'=HYPERLINK" in text
    confirmed = timezone.localtime(LineFulfilment.objects.get(line=o["rice_line"]).confirmed_at)
    assert confirmed.strftime("%Y-%m-%d %H:%M") in text
    assert "61869" in text
    xlsx = client.get(f"/dashboard/settlement/{s.pk}/?format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_operators_set_the_fee_rate_of_a_grade_in_the_admin(settled_world):
    grade = Grade.objects.create(name="우수회원", code="excellent", listing_limit=1, annual_dues=0)
    admin = get_user_model().objects.create_superuser("ops", "ops@thecen.kr", "pw-ops-12345")
    client = Client()
    client.force_login(admin)
    client.post("/cms/settlement/feerate/create/", {"grade": grade.pk, "rate": "8.50"})
    assert str(FeeRate.objects.get(grade=grade).rate) == "8.50"
    refused = client.post("/cms/settlement/feerate/create/", {"grade": grade.pk, "rate": "120"})
    assert refused.status_code == 200 and FeeRate.objects.filter(grade=grade).count() == 1


def test_the_job_settles_the_last_closed_period(settled_world, settings):
    settings.THECEN_SETTLEMENT_PERIOD = "monthly"
    start, end = last_closed_period()
    last_month = datetime.datetime.combine(
        start + datetime.timedelta(days=3),
        datetime.time(14),
        tzinfo=timezone.get_current_timezone(),
    )
    LineFulfilment.objects.update(confirmed_at=last_month, returned_at=last_month)
    call_command("settlement_run", stdout=io.StringIO())
    made = Statement.objects.filter(period_start=start, period_end=end)
    assert sorted(s.partner.code for s in made) == ["da", "ga"]


def test_weeks_run_monday_to_sunday_and_months_by_the_calendar():
    assert period_of(datetime.date(2026, 12, 2), period="weekly") == (
        datetime.date(2026, 11, 30),
        datetime.date(2026, 12, 7),
    )
    assert period_of(datetime.date(2026, 12, 31), period="monthly") == (
        datetime.date(2026, 12, 1),
        datetime.date(2027, 1, 1),
    )


def test_the_mc_commission_the_grade_makes_the_partner_bear_is_its_own_column(settled_world):
    # given 가나's grade makes it bear the MC commission, and an MC brought the rice sale:
    # 4,972 won of commission still carried by the line (5,472 written, 500 reversed)
    o = settled_world
    FeeRate.objects.filter(grade__code="regular").update(partner_bears_mc_commission=True)
    mc = approved_mc(code="chorok")
    now = timezone.now()
    entry(mc, amount=5472, withholding=180, at=now, line=o["rice_line"])
    entry(mc, amount=-500, withholding=-16, at=now, kind="reversal", line=o["rice_line"])
    start, end = this_month()

    # when the statement is made
    s = statement_create(partner=o["ga"], period_start=start, period_end=end)

    # then the commission stands apart and the net accounts for it, to the won
    assert (s.gross, s.fee, s.mc_commissions) == (64000, 2131, 4972)
    assert s.net == 64000 - 2131 - 4972 == 56897
    assert s.lines.get().mc_commission == 4972
    client = Client()
    client.force_login(o["ga_user"])
    page = client.get(f"/dashboard/settlement/{s.pk}/").content.decode()
    assert "공급사 부담 MC 수수료" in page and "원 미만 절사" in page
    mc_cell = page.split('data-testid="statement-mc-commissions">')[1].split("</td>")[0]
    assert "4,972" in mc_cell
    text = client.get(f"/dashboard/settlement/{s.pk}/?format=csv").content.decode("utf-8-sig")
    header = text.splitlines()[0].split(",")
    assert header[-1] == "공급사 부담 MC 수수료 (원)"
    assert any(r.endswith(",4972") for r in text.splitlines()[1:2])
    assert any(
        r.startswith("공급사 부담 MC 수수료 (원),") and "-4972" in r for r in text.splitlines()
    )
    assert text.splitlines()[-1].endswith(",56897,,,") or "56897" in text.splitlines()[-1]


def test_a_grade_that_does_not_bear_the_mc_commission_pays_it_no_part(settled_world):
    o = settled_world
    mc = approved_mc(code="chorok")
    entry(mc, amount=4972, withholding=0, at=timezone.now(), line=o["rice_line"])
    start, end = this_month()
    s = statement_create(partner=o["ga"], period_start=start, period_end=end)
    assert (s.mc_commissions, s.net) == (0, 61869)

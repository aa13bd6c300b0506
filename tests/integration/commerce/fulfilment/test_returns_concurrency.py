"""Two accepts of one return at the same moment, on PostgreSQL: one refund, stock back once."""

import pytest

from commerce.fulfilment.returns import return_accept, return_request
from tests.concurrency import race
from tests.factories.fulfilment import deliver, partner_user, two_partner_order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_accepts_give_one_refund(postgres):
    o = two_partner_order()
    ga_user = partner_user(o["ga"], "ga@coop.kr")
    ops = partner_user(o["ga"], "ga2@coop.kr")
    deliver(o["rice_line"], ga_user)
    request = return_request(
        line=o["rice_line"], by=o["customer"], kind="return", reason_code="defect", reason="깨짐"
    )

    race(
        lambda: return_accept(request=request, by=ga_user),
        lambda: return_accept(request=request, by=ops),
    )

    events = o["order"].payment_events.filter(event_type__name="Refunded")
    assert [int(e.amount) for e in events] == [64000]
    assert o["order"].sources.get().amount_refunded == 64000
    assert o["rice"].stockrecords.get().num_in_stock == 10

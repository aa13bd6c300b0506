"""The demo shows an operator every fulfilment and settlement state."""

import pytest
from django.test import Client

from commerce.fulfilment.models import LineFulfilment
from commerce.settlement.models import Statement
from demo import catalogue, commerce, market

pytestmark = pytest.mark.django_db


def test_the_demo_has_shipped_delivered_confirmed_returned_and_settled_lines():
    catalogue.load()
    commerce.load()
    market.load()
    market.load()  # a second run changes nothing

    states = sorted(LineFulfilment.objects.values_list("state", flat=True))
    assert states == ["confirmed", "confirmed", "delivered", "returned", "shipped"]
    statement = Statement.objects.get()
    assert statement.status == "paid" and statement.lines.count() == 2
    assert statement.refunds > 0 and statement.net == (
        statement.gross - statement.refunds - statement.fee
    )
    partner_user = statement.partner.users.first()
    client = Client()
    client.force_login(partner_user)
    page = client.get("/dashboard/settlement/").content.decode()
    assert "지급 완료" in page

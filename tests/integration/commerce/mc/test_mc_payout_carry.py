"""A Market Creator's negative payout statement is taken off the next one, once."""

import datetime

import pytest

from commerce.mc.services import payout_statement_create
from tests.factories.commerce import create_customer
from tests.factories.mc import SEOUL, approved_mc, entry

pytestmark = pytest.mark.django_db


def test_a_negative_month_is_carried_to_the_next_statement():
    mc = approved_mc(code="green")
    operator = create_customer("ops@thecen.kr", is_staff=True)
    # October: 1,000 earned, 4,000 of September's reversed → −3,000 (withholding −99)
    entry(mc, amount=1000, withholding=33, at=datetime.datetime(2026, 10, 5, tzinfo=SEOUL))
    entry(
        mc,
        kind="reversal",
        amount=-4000,
        withholding=-132,
        at=datetime.datetime(2026, 10, 6, tzinfo=SEOUL),
    )
    october = payout_statement_create(mc=mc, period=datetime.date(2026, 10, 1), operator=operator)
    assert october.net == 1000 - 4000 + 99 and october.carried_in == 0
    # November: 5,000 earned (165 withheld) minus October's −2,901
    entry(mc, amount=5000, withholding=165, at=datetime.datetime(2026, 11, 5, tzinfo=SEOUL))
    november = payout_statement_create(mc=mc, period=datetime.date(2026, 11, 1), operator=operator)
    assert november.carried_in == -2901 and november.carried_from == october
    assert november.net == 5000 - 165 - 2901
    # December: the carry is not taken twice
    entry(mc, amount=1000, withholding=33, at=datetime.datetime(2026, 12, 5, tzinfo=SEOUL))
    december = payout_statement_create(mc=mc, period=datetime.date(2026, 12, 1), operator=operator)
    assert december.carried_in == 0 and december.net == 967

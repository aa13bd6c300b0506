"""Two operators make the same partner's statement at once, on PostgreSQL: one statement."""

import pytest
from django.utils import timezone

from commerce.fulfilment.services import line_confirm
from commerce.settlement.models import Statement, StatementLine
from commerce.settlement.services import period_of, statement_create
from tests.concurrency import race
from tests.factories.fulfilment import deliver, partner_user, two_partner_order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_runs_at_once_give_one_statement(postgres):
    o = two_partner_order()
    deliver(o["rice_line"], partner_user(o["ga"], "ga@coop.kr"))
    line_confirm(line=o["rice_line"], by=o["customer"])
    start, end = period_of(timezone.localdate(), period="monthly")

    first, second = race(
        lambda: statement_create(partner=o["ga"], period_start=start, period_end=end),
        lambda: statement_create(partner=o["ga"], period_start=start, period_end=end),
    )

    assert first.pk == second.pk
    assert Statement.objects.count() == 1
    assert StatementLine.objects.filter(line=o["rice_line"]).count() == 1

"""PortOne delivers the same webhook twice at the same moment: the order is confirmed once."""

import pytest
from django.test import Client
from oscar.core.loading import get_model

from commerce.portone.models import PortOneWebhook
from tests.concurrency import race
from tests.factories.portone import place_virtual_account_order, post_webhook

Order = get_model("order", "Order")
Partner = get_model("partner", "Partner")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_webhook_at_the_same_moment_confirms_once(postgres, client, portone):
    partner = Partner.objects.create(name="가나 협동조합", code="ga")
    order, _response = place_virtual_account_order(client, partner, portone)
    portone.deposit(order.portone.payment_id)
    body, headers = portone.webhook("Transaction.Paid", order.portone.payment_id)

    statuses = race(
        lambda: post_webhook(Client(), body, headers).status_code,
        lambda: post_webhook(Client(), body, headers).status_code,
    )

    assert statuses == [200, 200]
    order.refresh_from_db()
    assert order.status == "Paid"
    assert order.payment_events.filter(event_type__name="Paid").count() == 1
    assert order.sources.get().amount_debited == order.total_incl_tax
    assert PortOneWebhook.objects.count() == 1

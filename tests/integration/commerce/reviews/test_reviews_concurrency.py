"""A review form posted twice at the same moment gives one review, on PostgreSQL."""

import pytest
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from commerce.reviews.models import ProductReview
from tests.concurrency import race
from tests.factories.commerce import create_customer, create_goods
from tests.factories.reviews import buy

Partner = get_model("partner", "Partner")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_submissions_at_once_make_one_review():
    partner = Partner.objects.create(name="마을공방", code="maeul-craft")
    product = create_goods(partner=partner, title="업사이클 도마", price=32000, stock=9)
    buyer = create_customer("buyer@example.kr")
    operator = create_customer("ops@thecen.kr", is_staff=True)
    buy(Client(), customer=buyer, product=product, operator=operator)
    url = reverse(
        "catalogue:reviews-add", kwargs={"product_slug": product.slug, "product_pk": product.pk}
    )
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(buyer)
    form = {"score": "5", "title": "튼튼해요", "body": "손에 잘 맞아요."}

    responses = race(*(lambda c=c: c.post(url, form) for c in clients))

    assert [r.status_code for r in responses] == [302, 302]
    assert ProductReview.objects.filter(product=product, user=buyer).count() == 1

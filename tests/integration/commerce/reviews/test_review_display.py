"""The average and count of approved reviews, where readers look: cards, search hits."""

from decimal import Decimal

import pytest
from django.test import TestCase
from django.utils.html import strip_tags
from oscar.core.loading import get_model

from commerce.reviews.models import ProductReview
from search.registry import registry
from search.services import search_reindex
from tests.factories.commerce import create_customer
from tests.factories.editorial import goods, partner, product_blocks
from tests.factories.pages import PageTree
from tests.factories.search import EngineTestCase
from tests.factories.search import partner as search_partner
from tests.factories.search import product as search_product

Product = get_model("catalogue", "Product")


def review(product, user, score, status=ProductReview.APPROVED):
    return ProductReview.objects.create(
        product=product, user=user, score=score, title="후기", body="좋아요", status=status
    )


class RatingShownTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.bakery = partner()
        cls.bread = goods("우리밀 통밀식빵", 6500, 10, enterprise=cls.bakery)
        cls.cookies = goods("쿠키 선물세트", 12500, 5, enterprise=cls.bakery)
        people = [create_customer(f"r{n}@example.kr") for n in range(4)]
        review(cls.bread, people[0], 5)
        review(cls.bread, people[1], 4)
        review(cls.bread, people[2], 1, status=ProductReview.FOR_MODERATION)  # not counted
        review(cls.cookies, people[3], 2, status=ProductReview.REJECTED)
        cls.story = cls.tree.story(
            title="빵집이 일자리를 굽는 법", body=product_blocks([cls.bread, cls.cookies])
        )

    def test_a_card_shows_the_average_and_count_of_approved_reviews_only(self):
        page = self.client.get(self.story.url)
        self.assertContains(page, "고객 2명의 평균 별점 5점 만점에 4.5점")
        self.assertContains(page, "★★★★★", count=1)  # 4.5 rounds to five stars
        self.assertContains(page, 'data-testid="rating"', count=1)  # cookies: none approved

    def test_a_review_approved_later_changes_the_card_at_once(self):
        self.assertContains(self.client.get(self.story.url), "고객 2명의")
        pending = ProductReview.objects.get(product=self.bread, status=ProductReview.FOR_MODERATION)
        pending.status = ProductReview.APPROVED
        pending.save()
        page = self.client.get(self.story.url)
        self.assertContains(page, "고객 3명의 평균 별점 5점 만점에 3.3점")
        self.assertContains(page, "★★★☆☆")

    def test_the_search_document_carries_rating_and_count(self):
        builder = registry["product"]
        products = list(builder.get_queryset().filter(pk__in=[self.bread.pk, self.cookies.pk]))
        docs = dict(builder.documents(products))
        bread = docs[builder.doc_id(self.bread.pk)]
        cookies = docs[builder.doc_id(self.cookies.pk)]
        self.assertEqual((bread["rating"], bread["review_count"]), (4.5, 2))
        self.assertEqual((cookies["rating"], cookies["review_count"]), (None, 0))


@pytest.mark.search_engine
class RatingInSearchHitsTest(EngineTestCase):
    @classmethod
    def setUpTestData(cls):
        bakery = search_partner("해님베이커리 사회적기업", state="서울특별시")
        cls.bread = search_product("우리밀 통밀식빵", price=Decimal("6500"), enterprise=bakery)
        search_product("우리밀 쿠키 선물세트", price=Decimal("12500"), enterprise=bakery)
        review(cls.bread, create_customer("a@example.kr"), 4)
        search_reindex()

    def test_a_hit_shows_its_stars_and_count_from_the_index(self):
        response = self.client.get("/search/", {"q": "우리밀"})
        hits = {strip_tags(h.title): h for h in response.context["results"].hits}
        self.assertEqual(
            (hits["우리밀 통밀식빵"].rating, hits["우리밀 통밀식빵"].review_count), (4.0, 1)
        )
        self.assertEqual(hits["우리밀 쿠키 선물세트"].review_count, 0)
        self.assertContains(response, 'data-testid="hit-rating"', count=1)
        self.assertContains(response, "고객 1명의 평균 별점 5점 만점에 4.0점")

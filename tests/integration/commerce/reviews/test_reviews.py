"""Reviews that mean something: only buyers, once, moderated, answered by the seller."""

import datetime

from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from commerce.bookings.models import Booking, Slot
from commerce.fulfilment.services import line_confirm
from commerce.orderpayments.services import order_lines_cancel
from commerce.reviews.models import ProductReview, ReviewAnswer
from commerce.reviews.selectors import review_eligible, review_refusal
from tests.factories.commerce import (
    create_customer,
    create_goods,
    create_partner_user,
    create_service,
)
from tests.factories.fulfilment import deliver
from tests.factories.reviews import buy, photo

Partner = get_model("partner", "Partner")


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


class ReviewRightTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = Partner.objects.create(name="마을공방", code="maeul-craft")
        cls.product = create_goods(partner=cls.partner, title="업사이클 도마", price=32000, stock=9)
        cls.buyer = create_customer("buyer@example.kr", first_name="하나", last_name="김")
        cls.stranger = create_customer("stranger@example.kr")
        cls.operator = create_customer("ops@thecen.kr", is_staff=True, is_superuser=True)

    def add_url(self, product=None):
        product = product or self.product
        return reverse(
            "catalogue:reviews-add", kwargs={"product_slug": product.slug, "product_pk": product.pk}
        )

    def post_review(self, **data):
        fields = {"score": "5", "title": "튼튼해요", "body": "매일 씁니다. 손에 잘 맞아요."}
        fields.update(data)
        return self.client.post(self.add_url(), fields)

    def test_an_anonymous_visitor_is_sent_to_sign_in_and_nothing_is_saved(self):
        page = self.client.get(self.add_url())
        self.assertRedirects(page, f"/accounts/login/?next={self.add_url()}", 302, 200)
        self.assertIn("리뷰를 쓰려면 로그인해 주세요.", messages_of(page))
        posted = self.post_review()
        self.assertEqual(posted.status_code, 302)
        self.assertFalse(ProductReview.objects.exists())

    def test_a_customer_who_never_bought_it_cannot_review(self):
        self.client.force_login(self.stranger)
        page = self.client.get(self.add_url())
        self.assertRedirects(page, self.product.get_absolute_url(), 302, 200)
        self.assertIn(
            "이 상품을 구매했거나 서비스를 이용한 고객만 리뷰를 쓸 수 있습니다.", messages_of(page)
        )
        self.post_review()
        self.assertFalse(ProductReview.objects.exists())
        # and the product page offers no "write a review" button
        self.assertNotContains(
            self.client.get(self.product.get_absolute_url()), 'id="write_review"'
        )

    def test_an_order_not_yet_paid_gives_no_right_to_review(self):
        buy(
            self.client,
            customer=self.buyer,
            product=self.product,
            operator=self.operator,
            paid=False,
        )
        self.post_review()
        self.assertFalse(ProductReview.objects.exists())

    def test_a_paid_line_not_yet_confirmed_is_told_to_confirm_first(self):
        # given a paid, delivered line whose purchase is not yet confirmed
        order = buy(
            self.client,
            customer=self.buyer,
            product=self.product,
            operator=self.operator,
            confirmed=False,
        )
        line = order.lines.get()
        deliver(line, self.operator)
        page = self.client.get(self.add_url())
        self.assertRedirects(page, self.product.get_absolute_url(), 302, 200)
        self.assertIn("구매 확정 후 리뷰를 쓸 수 있어요.", messages_of(page))
        self.post_review()
        self.assertFalse(ProductReview.objects.exists())
        order_page = self.client.get(f"/accounts/orders/{order.number}/")
        self.assertNotContains(order_page, 'data-testid="write-review"')
        # nor does the product page link to the review form anywhere
        self.assertNotContains(self.client.get(self.product.get_absolute_url()), self.add_url())

        # when the customer confirms the purchase, the order page offers "리뷰 쓰기"
        line_confirm(line=line, by=self.buyer)
        self.assertContains(self.client.get(self.product.get_absolute_url()), self.add_url())
        order_page = self.client.get(f"/accounts/orders/{order.number}/")
        self.assertContains(order_page, "리뷰 쓰기")
        self.assertContains(order_page, f'href="{self.add_url()}"')
        self.assertRedirects(self.post_review(), self.product.get_absolute_url(), 302, 200)
        self.assertEqual(ProductReview.objects.get().user, self.buyer)
        # once written, the order page no longer offers it
        order_page = self.client.get(f"/accounts/orders/{order.number}/")
        self.assertNotContains(order_page, 'data-testid="write-review"')

    def test_a_cancelled_line_gives_no_right_to_review(self):
        order = buy(
            self.client,
            customer=self.buyer,
            product=self.product,
            operator=self.operator,
            confirmed=False,
        )
        self.assertIn("구매 확정 후", review_refusal(self.buyer, self.product))
        order_lines_cancel(order=order, lines=list(order.lines.all()), reason="단순 변심")
        self.assertFalse(review_eligible(self.buyer, self.product))
        self.post_review()
        self.assertFalse(ProductReview.objects.exists())

    def test_a_buyer_reviews_once_and_the_second_attempt_is_refused(self):
        buy(self.client, customer=self.buyer, product=self.product, operator=self.operator)
        product_page = self.client.get(self.product.get_absolute_url())
        self.assertContains(product_page, 'id="write_review"')
        first = self.post_review()
        self.assertRedirects(first, self.product.get_absolute_url(), 302, 200)
        self.assertIn(
            "리뷰를 보내 주셔서 고맙습니다. 편집자가 확인한 뒤에 게시됩니다.", messages_of(first)
        )
        review = ProductReview.objects.get()
        self.assertEqual((review.user, review.score), (self.buyer, 5))

        again_page = self.client.get(self.add_url())
        self.assertRedirects(again_page, self.product.get_absolute_url(), 302, 200)
        self.assertIn("이미 이 상품의 리뷰를 쓰셨습니다.", messages_of(again_page))
        self.post_review(title="두 번째")
        self.assertEqual(ProductReview.objects.count(), 1)

    def test_a_score_out_of_range_or_not_a_number_is_a_korean_form_error(self):
        buy(self.client, customer=self.buyer, product=self.product, operator=self.operator)
        for score in ("abc", "0", "6", "", "4.5"):
            with self.subTest(score=score):
                response = self.post_review(score=score)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "별점을 1점에서 5점 사이로 골라 주세요.")
        self.assertFalse(ProductReview.objects.exists())

    def test_photos_are_images_up_to_three(self):
        buy(self.client, customer=self.buyer, product=self.product, operator=self.operator)
        too_many = self.post_review(photos=[photo(f"p{n}.png") for n in range(4)])
        self.assertContains(too_many, "사진은 3장까지 올릴 수 있습니다.")
        not_image = self.post_review(
            photos=[SimpleUploadedFile("virus.png", b"MZ not a picture", "image/png")]
        )
        self.assertContains(not_image, "이미지 파일이 아닙니다")
        self.assertFalse(ProductReview.objects.exists())

        self.post_review(photos=[photo("a.png"), photo("b.jpg", fmt="JPEG")])
        review = ProductReview.objects.get()
        self.assertEqual(review.photos.count(), 2)

    @override_settings(THECEN_REVIEW_PHOTO_MAX_BYTES=10_000)
    def test_a_photo_over_the_size_limit_is_refused(self):
        buy(self.client, customer=self.buyer, product=self.product, operator=self.operator)
        response = self.post_review(photos=[photo("big.bmp", size=(200, 100), fmt="BMP")])
        self.assertContains(response, "big.bmp 파일이 너무 큽니다")
        self.assertFalse(ProductReview.objects.exists())

    def test_moderation_hides_a_review_until_an_editor_approves_it(self):
        buy(self.client, customer=self.buyer, product=self.product, operator=self.operator)
        self.post_review(title="튼튼해요", photos=[photo()])
        review = ProductReview.objects.get()
        self.assertEqual(review.status, ProductReview.FOR_MODERATION)

        self.client.force_login(self.stranger)
        self.assertNotContains(self.client.get(self.product.get_absolute_url()), "튼튼해요")
        detail = self.client.get(review.get_absolute_url())
        self.assertEqual(detail.status_code, 404)

        # the editor approves it in Oscar's review dashboard
        self.client.force_login(self.operator)
        listing = self.client.get("/dashboard/reviews/")
        self.assertContains(listing, "튼튼해요")
        self.client.post(
            "/dashboard/reviews/",
            {"action": "update_selected_review_status", "selected_review": review.pk, "status": 1},
        )
        review.refresh_from_db()
        self.assertTrue(review.is_approved)

        self.client.force_login(self.stranger)
        page = self.client.get(self.product.get_absolute_url())
        self.assertContains(page, "튼튼해요")
        self.assertContains(page, "★★★★★")
        self.assertContains(page, "리뷰 1개")


class ServiceReviewTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = Partner.objects.create(name="돌봄협동조합", code="dolbom")
        cls.service = create_service(partner=cls.partner)
        cls.customer = create_customer("care@example.kr")

    def booking(self, *, days: int, status=Booking.Status.CONFIRMED):
        slot = Slot.objects.create(
            service=self.service,
            starts_at=timezone.now() + datetime.timedelta(days=days),
            capacity=2,
        )
        return Booking.objects.create(slot=slot, user=self.customer, status=status)

    def test_a_booking_that_took_place_gives_the_right_to_review_a_future_one_does_not(self):
        product = self.service.product
        self.booking(days=3)
        self.assertFalse(review_eligible(self.customer, product))
        self.booking(days=-1, status=Booking.Status.CANCELLED)
        self.assertFalse(review_eligible(self.customer, product))
        self.booking(days=-2)
        self.assertTrue(review_eligible(self.customer, product))

        self.client.force_login(self.customer)
        url = reverse(
            "catalogue:reviews-add", kwargs={"product_slug": product.slug, "product_pk": product.pk}
        )
        self.client.post(url, {"score": "4", "title": "친절해요", "body": "어머니가 좋아하셨어요."})
        self.assertEqual(ProductReview.objects.get().score, 4)


class PartnerAnswerTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = Partner.objects.create(name="마을공방", code="maeul-craft")
        cls.other = Partner.objects.create(name="햇살농장", code="sunny-farm")
        cls.product = create_goods(partner=cls.partner, title="업사이클 도마", price=32000, stock=9)
        cls.seller = create_partner_user(cls.partner, "seller@maeul.kr")
        cls.other_seller = create_partner_user(cls.other, "farmer@sunny.kr")
        cls.customer = create_customer("buyer@example.kr")
        cls.review = ProductReview.objects.create(
            product=cls.product,
            user=cls.customer,
            score=4,
            title="좋아요",
            body="잘 쓰고 있어요.",
            status=ProductReview.APPROVED,
        )

    def answer_url(self):
        return reverse("partner_reviews:answer", kwargs={"pk": self.review.pk})

    def test_the_seller_answers_once_and_the_answer_shows_under_the_review(self):
        self.client.force_login(self.seller)
        listing = self.client.get("/dashboard/product-reviews/")
        self.assertContains(listing, "좋아요")
        self.client.post(self.answer_url(), {"body": "고맙습니다! 오래 쓰세요."})
        self.client.post(self.answer_url(), {"body": "고맙습니다! 오일칠도 해 주세요."})
        answer = ReviewAnswer.objects.get()
        self.assertEqual(
            (answer.partner, answer.body), (self.partner, "고맙습니다! 오일칠도 해 주세요.")
        )

        page = self.client.get(self.product.get_absolute_url())
        self.assertContains(page, "마을공방의 답변")
        self.assertContains(page, "오일칠도 해 주세요")

    def test_another_partner_cannot_answer_and_does_not_see_the_review(self):
        self.client.force_login(self.other_seller)
        self.assertNotContains(self.client.get("/dashboard/product-reviews/"), "좋아요")
        response = self.client.post(self.answer_url(), {"body": "저희 것도 사세요"})
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ReviewAnswer.objects.exists())

    def test_a_customer_cannot_reach_the_answer_page(self):
        self.client.force_login(self.customer)
        self.assertEqual(self.client.post(self.answer_url(), {"body": "x"}).status_code, 403)
        self.assertFalse(ReviewAnswer.objects.exists())

"""Consult → reserve → pay → confirm, through the service page and Oscar's checkout."""

import datetime

from django.core import mail
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from oscar.core.loading import get_model

from commerce.bookings.models import Booking, Consultation, Service
from commerce.bookings.services import bookings_send_reminders
from commerce.orderpayments.services import order_payment_confirm, orders_expire
from tests.factories.commerce import (
    checkout_pay,
    create_customer,
    create_partner_user,
    create_service,
    next_weekday,
    slot_time,
)

Partner = get_model("partner", "Partner")
Order = get_model("order", "Order")


def calendars_sent() -> list[Calendar]:
    """The calendar files attached to the mails sent so far, parsed back."""
    return [
        Calendar.from_ical(content)
        for message in mail.outbox
        for _name, content, mimetype in message.attachments
        if mimetype == "text/calendar"
    ]


class ServiceBookingJourneyTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = Partner.objects.create(name="성미산 돌봄 사회적협동조합", code="sungmisan")
        cls.partner_user = create_partner_user(cls.partner, "care@sungmisan.kr")
        cls.service = create_service(partner=cls.partner, capacity=2, onsite_payment=True)
        cls.product = cls.service.product
        cls.customer = create_customer("hana@example.kr")
        cls.operator = create_customer("ops@thecen.kr", is_staff=True)

    def setUp(self):
        self.client.force_login(self.customer)

    def reserve(self, starts_at, places=1):
        return self.client.post(
            f"/services/{self.product.pk}/reserve/",
            {"starts_at": starts_at.isoformat(), "places": places},
        )

    def test_service_page_shows_times_places_and_the_consultation_form(self):
        response = self.client.get(self.product.get_absolute_url())
        self.assertContains(response, "서울 마포구 성미산로 1, 2층 상담실")
        self.assertContains(response, "₩30,000")
        self.assertContains(response, 'name="starts_at"')
        self.assertContains(response, "2자리 남음")
        self.assertContains(response, 'name="question"')

    def test_question_goes_to_the_partner_and_the_answer_back_to_the_customer(self):
        # given a customer asking from the service page (mail goes once the request commits)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                f"/services/{self.product.pk}/ask/", {"question": "휠체어로 가도 되나요?"}
            )
        self.assertEqual(mail.outbox[-1].to, ["care@sungmisan.kr"])
        self.assertIn("휠체어로 가도 되나요?", mail.outbox[-1].body)
        # when the partner answers in its dashboard
        consultation = Consultation.objects.get()
        self.client.force_login(self.partner_user)
        page = self.client.get("/dashboard/bookings/")
        self.assertContains(page, "휠체어로 가도 되나요?")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                "/dashboard/bookings/",
                {"consultation": consultation.pk, "answer": "네, 경사로가 있습니다."},
            )
        # then the customer is emailed the answer
        self.assertEqual(mail.outbox[-1].to, ["hana@example.kr"])
        self.assertIn("경사로가 있습니다", mail.outbox[-1].body)

    def test_reserve_then_pay_by_bank_transfer_then_deposit_confirms_with_calendar(self):
        starts_at = slot_time(self.service)
        response = self.reserve(starts_at)
        self.assertRedirects(response, "/checkout/", fetch_redirect_response=False)
        basket = self.client.get("/basket/")
        local = timezone.localtime(starts_at)
        weekday = "월화수목금토일"[local.weekday()]
        self.assertContains(basket, f"{local.month}월 {local.day}일 ({weekday}) 오전 10:00 · 1명")
        booking = Booking.objects.get()
        self.assertEqual(booking.status, Booking.Status.HELD)
        self.assertAlmostEqual(
            booking.held_until,
            timezone.now() + datetime.timedelta(minutes=15),
            delta=datetime.timedelta(seconds=30),
        )

        thank_you = checkout_pay(self.client)

        self.assertContains(thank_you, "131-000-000000")  # the account to pay into
        self.assertContains(thank_you, "어르신 방문 돌봄 상담")
        order = Order.objects.get()
        self.assertEqual(order.status, "Awaiting deposit")
        self.assertEqual(order.shipping_code, "no-shipping-required")
        booking.refresh_from_db()
        self.assertEqual(booking.status, Booking.Status.AWAITING_DEPOSIT)
        self.assertEqual(booking.held_until, order.payment.deadline)

        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            order_payment_confirm(order=order, by=self.operator)
        booking.refresh_from_db()
        order.refresh_from_db()
        self.assertEqual(order.status, "Paid")
        self.assertEqual(booking.status, Booking.Status.CONFIRMED)
        confirmation = mail.outbox[-1]
        self.assertEqual(confirmation.to, ["hana@example.kr"])
        filename, ics, mimetype = confirmation.attachments[0]
        self.assertEqual((filename, mimetype), ("booking.ics", "text/calendar"))
        calendar = Calendar.from_ical(ics)
        self.assertEqual(calendar["METHOD"], "REQUEST")  # mail clients offer to add it
        (event,) = calendar.events
        self.assertEqual(event.start, starts_at)
        self.assertEqual(str(event.start.tzinfo), "Asia/Seoul")  # the time the customer chose
        self.assertEqual(event["SUMMARY"], "어르신 방문 돌봄 상담")
        self.assertIn(str(booking.reference), event["UID"])

    def test_service_page_reads_its_open_times_in_a_few_queries(self):
        # four weeks of daily slots: the query count must not grow with bookings
        url = self.product.get_absolute_url()
        self.client.get(url)  # warm up Oscar's analytics and thumbnail rows

        def count():
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(url)
            return response, len(queries)

        _, before = count()
        other = self.client_class()
        other.force_login(create_customer("other@example.kr"))
        for days in (2, 3, 4):
            other.post(
                f"/services/{self.product.pk}/reserve/",
                {"starts_at": slot_time(self.service, after_days=days).isoformat(), "places": 1},
            )
        response, after = count()
        # each time's label (the calendar's days also say how many places are left)
        self.assertContains(response, '<span class="slot-free">1자리 남음', count=3)
        self.assertEqual(after, before)
        # Oscar's product page itself makes most of them (43 since the merges of this session)
        self.assertLessEqual(after, 44)

    def test_reminder_with_calendar_goes_out_the_day_before(self):
        self.reserve(slot_time(self.service, after_days=1))
        checkout_pay(self.client)
        order_payment_confirm(order=Order.objects.get(), by=self.operator)
        mail.outbox.clear()
        booking = Booking.objects.get()
        day_before = booking.slot.starts_at - datetime.timedelta(hours=20)
        with self.captureOnCommitCallbacks(execute=True):
            self.assertEqual(bookings_send_reminders(now=day_before), 1)
            self.assertEqual(bookings_send_reminders(now=day_before), 0)  # once only
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["hana@example.kr"])
        self.assertEqual(mail.outbox[0].attachments[0][2], "text/calendar")

    def test_on_site_payment_confirms_at_once(self):
        self.reserve(slot_time(self.service))
        with self.captureOnCommitCallbacks(execute=True):
            thank_you = checkout_pay(self.client, method="on-site")
        self.assertContains(thank_you, "현장에서 제공기관에 결제해 주세요")
        order = Order.objects.get()
        self.assertEqual(order.status, "Pay on site")
        booking = Booking.objects.get()
        self.assertEqual(booking.status, Booking.Status.CONFIRMED)
        # the booking confirmation (with its calendar file) goes out beside the order mail
        self.assertTrue(any(message.attachments for message in mail.outbox))
        # the partner records the payment it took on the day
        self.client.force_login(self.partner_user)
        self.client.post("/dashboard/bookings/", {"paid_on_site": booking.pk})
        order.refresh_from_db()
        self.assertEqual(order.status, "Paid")

    def test_a_consult_first_service_is_booked_after_a_question(self):
        Service.objects.filter(pk=self.service.pk).update(consult_first=True)
        starts_at = slot_time(self.service)
        response = self.client.post(
            f"/services/{self.product.pk}/reserve/",
            {"starts_at": starts_at.isoformat(), "places": 1},
            follow=True,
        )
        self.assertContains(response, "먼저 문의를 보내 주세요")
        self.assertFalse(Booking.objects.exists())
        self.client.post(f"/services/{self.product.pk}/ask/", {"question": "주차가 되나요?"})
        self.reserve(starts_at)
        self.assertEqual(Booking.objects.count(), 1)

    def test_the_last_place_cannot_be_held_twice(self):
        starts_at = slot_time(self.service)
        self.reserve(starts_at, places=2)
        other = create_customer("dul@example.kr")
        self.client.force_login(other)
        response = self.reserve(starts_at)
        self.assertRedirects(
            response,
            self.product.get_absolute_url() + "#booking-title",
            fetch_redirect_response=False,
        )
        page = self.client.get(self.product.get_absolute_url())
        self.assertContains(page, "방금 이 시간의 예약이 모두 찼습니다")
        self.assertEqual(Booking.objects.count(), 1)

    def test_an_expired_hold_frees_the_place_and_cannot_be_paid(self):
        starts_at = slot_time(self.service)
        self.reserve(starts_at, places=2)
        Booking.objects.update(held_until=timezone.now() - datetime.timedelta(seconds=1))
        page = self.client.get(self.product.get_absolute_url())
        self.assertNotContains(page, "마감")
        response = checkout_pay(self.client)
        self.assertContains(response, "예약 확보 시간이 지났습니다")
        self.assertFalse(Order.objects.exists())

    def test_unpaid_order_is_cancelled_after_the_deadline_and_the_place_freed(self):
        starts_at = slot_time(self.service)
        self.reserve(starts_at, places=2)
        checkout_pay(self.client)
        order = Order.objects.get()
        cancelled = orders_expire(now=order.payment.deadline + datetime.timedelta(minutes=1))
        self.assertEqual(cancelled, [order.number])
        order.refresh_from_db()
        self.assertEqual(order.status, "Cancelled")
        self.assertEqual(Booking.objects.get().status, Booking.Status.CANCELLED)

    def test_customer_cancels_within_policy_and_partner_cancels_with_reason(self):
        self.reserve(slot_time(self.service, after_days=3))
        checkout_pay(self.client)
        order = Order.objects.get()
        with self.captureOnCommitCallbacks(execute=True):
            order_payment_confirm(order=order, by=self.operator)
        (confirmed,) = calendars_sent()
        booking = Booking.objects.get()
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(f"/accounts/bookings/{booking.pk}/cancel/")
        booking.refresh_from_db()
        self.assertEqual(booking.status, Booking.Status.CANCELLED)
        self.assertEqual(booking.refund_amount, 30000)
        order.refresh_from_db()
        self.assertEqual(order.status, "Cancelled")
        self.assertTrue(order.payment_events.filter(event_type__name="Refunded").exists())
        # the calendar that took the confirmation removes the event: same UID, next version
        (cancelled,) = calendars_sent()
        self.assertEqual(cancelled["METHOD"], "CANCEL")
        self.assertEqual(cancelled.events[0]["UID"], confirmed.events[0]["UID"])
        self.assertEqual(cancelled.events[0]["STATUS"], "CANCELLED")
        self.assertGreater(cancelled.events[0]["SEQUENCE"], confirmed.events[0]["SEQUENCE"])

        # a second booking, cancelled by the partner with a reason
        self.reserve(slot_time(self.service, after_days=4))
        checkout_pay(self.client)
        second = Booking.objects.exclude(pk=booking.pk).get()
        self.client.force_login(self.partner_user)
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post("/dashboard/bookings/", {"booking": second.pk, "reason": "강사 병가"})
        second.refresh_from_db()
        self.assertEqual(second.status, Booking.Status.CANCELLED)
        self.assertEqual(second.cancel_reason, "강사 병가")
        (told,) = [m for m in mail.outbox if m.attachments]
        self.assertEqual(told.to, ["hana@example.kr"])
        self.assertIn("강사 병가", told.body)
        self.assertEqual(calendars_sent()[0]["METHOD"], "CANCEL")

    def test_customer_cannot_cancel_after_the_policy_limit(self):
        # the next start of the daily slot: always less than 24 hours away, whatever the hour
        start = slot_time(self.service, after_days=0)
        if start <= timezone.now():
            start += datetime.timedelta(days=1)
        self.reserve(start)
        checkout_pay(self.client)
        booking = Booking.objects.get()
        response = self.client.post(f"/accounts/bookings/{booking.pk}/cancel/", follow=True)
        booking.refresh_from_db()
        self.assertNotEqual(booking.status, Booking.Status.CANCELLED)
        self.assertContains(response, "예약은 시작 24시간 전까지만 취소할 수 있습니다")


class PartnerSetsAvailabilityTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.partner = Partner.objects.create(name="마을목공 협동조합", code="mokgong")
        cls.partner_user = create_partner_user(cls.partner, "wood@mokgong.kr")
        cls.other_user = create_partner_user(
            Partner.objects.create(name="다른 조합", code="other"), "x@other.kr"
        )
        service = create_service(partner=cls.partner, title="목공 원데이 클래스")
        service.weekly_slots.all().delete()
        cls.product = service.product

    def test_partner_sets_weekly_times_and_closes_a_day(self):
        wednesday = next_weekday(2, after_days=1)
        closed = wednesday + datetime.timedelta(days=7)
        self.client.force_login(self.partner_user)
        url = f"/dashboard/services/{self.product.pk}/"
        self.assertContains(self.client.get("/dashboard/bookings/"), url)
        response = self.client.post(
            url,
            {
                "group": "education",
                "duration_minutes": 120,
                "place": "서울 성북구 마을공방",
                "horizon_days": 20,
                "cancel_hours": 48,
                "cancellation_policy": "이틀 전까지 전액 환불",
                "slots-TOTAL_FORMS": 1,
                "slots-INITIAL_FORMS": 0,
                "slots-0-weekday": 2,
                "slots-0-start": "15:00",
                "slots-0-capacity": 4,
                "exceptions-TOTAL_FORMS": 1,
                "exceptions-INITIAL_FORMS": 0,
                "exceptions-0-date": closed.isoformat(),
                "exceptions-0-capacity": "",
                "exceptions-0-note": "공방 휴무",
            },
        )
        self.assertRedirects(response, url)

        page = self.client.get(self.product.get_absolute_url())
        self.assertContains(page, "서울 성북구 마을공방")
        self.assertContains(page, f'value="{wednesday.isoformat()}T15:00:00+09:00"')
        self.assertNotContains(page, f'value="{closed.isoformat()}T15:00:00+09:00"')
        self.assertContains(page, "4자리 남음")

    def test_another_partner_cannot_open_the_settings(self):
        self.client.force_login(self.other_user)
        self.assertEqual(
            self.client.get(f"/dashboard/services/{self.product.pk}/").status_code, 404
        )

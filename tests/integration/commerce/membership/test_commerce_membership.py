"""A partner agency applies, is approved in the Wagtail admin, lists goods within its grade."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client, TestCase
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from commerce.membership.brn import brn_check_digit, brn_clean
from commerce.membership.models import DuesInvoice, Grade, Membership, PartnerApplication
from commerce.membership.selectors import promoted_products
from commerce.membership.services import memberships_suspend_overdue
from commerce.orderpayments.services import order_payment_confirm
from tests.factories.commerce import (
    checkout_pay,
    create_customer,
    create_goods,
    create_partner_user,
)

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")
ProductClass = get_model("catalogue", "ProductClass")
Order = get_model("order", "Order")

VALID_BRN = "220-81-62517"  # check digit 7
INVALID_BRN = "220-81-62518"  # same number, wrong check digit


def valid_brn(first_nine: str) -> str:
    number = first_nine + str(brn_check_digit(first_nine))
    return f"{number[:3]}-{number[3:5]}-{number[5:]}"


def application_form(**overrides):
    data = {
        "name": "햇살돌봄 사회적협동조합",
        "kind": "cooperative",
        "brn": VALID_BRN,
        "representative": "이햇살",
        "contact_name": "박담당",
        "phone": "02-765-4321",
        "email": "office@haessal.kr",
        "postcode": "04524",
        "address": "서울특별시 중구 세종대로 110",
        "address_detail": "2층",
        "accept_principles": "on",
        "accept_ethics": "on",
        # the versions the form showed (the seeded texts, before any edit)
        "principles_version": "2026-01",
        "ethics_version": "2026-01",
    }
    data.update(overrides)
    return data


def form_fields(html: str) -> dict:
    """The values a browser would submit from the first form with Oscar's formsets."""
    fields = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        if "-" in name and name.endswith(
            ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")
        ):
            fields[name] = value
    return fields


class BusinessRegistrationNumberTest(TestCase):
    def test_real_format_numbers_with_a_right_check_digit_pass(self):
        for number in (VALID_BRN, valid_brn("101860001"), valid_brn("214870284")):
            self.assertEqual(len(brn_clean(number)), 10)

    def test_wrong_check_digit_wrong_length_and_letters_fail(self):
        for number in (INVALID_BRN, "220-81-6251", "22O-81-62517", "000-00-00000"):
            with self.assertRaises(ValidationError, msg=number):
                brn_clean(number)


class MembershipJourneyTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.grade = Grade.objects.create(
            name="준회원", code="associate", listing_limit=1, promotion_slots=0, annual_dues=120000
        )
        cls.operator = get_user_model().objects.create_superuser(
            username="secretariat", email="office@thecen.kr", password="pw-secretariat-1"
        )
        create_goods(
            partner=Partner.objects.create(name="다른 조합", code="other"),
            title="다른 조합의 잼",
            price=9000,
            stock=5,
        )

    def apply(self, **overrides):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post("/partners/apply/", application_form(**overrides))

    def test_application_with_an_invalid_number_is_refused_with_a_clear_message(self):
        response = self.apply(brn=INVALID_BRN)
        self.assertContains(response, "올바른 사업자등록번호가 아닙니다")
        self.assertFalse(PartnerApplication.objects.exists())

    def test_acceptance_of_principles_and_ethics_is_required(self):
        data = application_form()
        del data["accept_ethics"]
        response = self.client.post("/partners/apply/", data)
        self.assertEqual(response.status_code, 200)
        self.assertFalse(PartnerApplication.objects.exists())

    def test_the_same_business_cannot_apply_twice(self):
        self.apply()
        response = self.apply(name="같은 사업자")
        self.assertContains(response, "이미 회원이거나 심사 중인 신청이 있는 사업자입니다")
        self.assertEqual(PartnerApplication.objects.count(), 1)

    def test_apply_approve_then_list_goods_within_the_grade(self):
        # given an application through the public form
        response = self.apply()
        self.assertContains(response, "신청을 받았습니다")
        application = PartnerApplication.objects.get()
        self.assertEqual(application.brn, "2208162517")
        self.assertEqual(application.principles_version, "2026-01")
        self.assertIsNotNone(application.ethics_accepted_at)
        self.assertEqual(mail.outbox[-1].to, ["office@haessal.kr"])

        # when the secretariat approves it in the Wagtail admin
        self.client.force_login(self.operator)
        listing = self.client.get("/cms/membership/partnerapplication/")
        self.assertContains(listing, "햇살돌봄 사회적협동조합")
        self.assertContains(listing, f"/cms/membership/applications/{application.pk}/review/")
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                f"/cms/membership/applications/{application.pk}/review/",
                {"decision": "approve", "grade": self.grade.pk},
            )

        # then a partner, a dashboard user limited to it and a membership exist
        application.refresh_from_db()
        partner = application.partner
        self.assertEqual(partner.name, "햇살돌봄 사회적협동조합")
        user = partner.users.get()
        self.assertEqual(user.email, "office@haessal.kr")
        self.assertFalse(user.is_staff)
        self.assertTrue(user.has_perm("partner.dashboard_access"))
        self.assertEqual(Membership.objects.get(partner=partner).grade, self.grade)
        self.assertEqual(DuesInvoice.objects.get().amount, 120000)
        welcome = mail.outbox[-1]
        self.assertIn("/password-reset/confirm/", welcome.body)

        # and the new member lists its first product from Oscar's dashboard
        self.client.force_login(user)
        self.assertEqual(self.client.get("/dashboard/catalogue/").status_code, 200)
        created = self.create_product(partner, "햇살 반찬 꾸러미")
        self.assertEqual(created.status_code, 302)
        self.assertTrue(Product.objects.filter(title="햇살 반찬 꾸러미").exists())
        # a second listing is over the grade's limit and refused with a clear message
        refused = self.create_product(partner, "햇살 김치")
        self.assertContains(refused, "준회원 등급은 상품을 1개까지 등록할 수 있고")
        self.assertFalse(Product.objects.filter(title="햇살 김치").exists())
        # it sees its own product only
        products = self.client.get("/dashboard/catalogue/")
        self.assertContains(products, "햇살 반찬 꾸러미")
        self.assertNotContains(products, "다른 조합의 잼")

    def create_product(self, partner, title):
        ProductClass.objects.get_or_create(
            slug="goods", defaults={"name": "상품", "requires_shipping": True, "track_stock": True}
        )
        url = "/dashboard/catalogue/products/create/goods/"
        category = create_from_breadcrumbs("먹거리 > 반찬")
        data = form_fields(self.client.get(url).content.decode())
        data.update(
            {
                # the empty image and recommendation rows a browser leaves blank
                "images-TOTAL_FORMS": "0",
                "primary_recommendations-TOTAL_FORMS": "0",
                "productcategory_set-0-category": category.pk,
                "stockrecords-0-price_currency": "KRW",
                "title": title,
                "structure": "standalone",
                "is_public": "on",
                "stockrecords-TOTAL_FORMS": "1",
                "stockrecords-0-partner": partner.pk,
                "stockrecords-0-partner_sku": f"SKU-{title}",
                "stockrecords-0-price": "15000",
                "stockrecords-0-num_in_stock": "10",
            }
        )
        return self.client.post(url, data)

    def test_rejection_emails_the_reason(self):
        self.apply()
        application = PartnerApplication.objects.get()
        self.client.force_login(self.operator)
        with self.captureOnCommitCallbacks(execute=True):
            self.client.post(
                f"/cms/membership/applications/{application.pk}/review/",
                {"decision": "reject", "reason": "사업자 등록 서류 확인 불가"},
            )
        application.refresh_from_db()
        self.assertEqual(application.status, "rejected")
        self.assertIn("사업자 등록 서류 확인 불가", mail.outbox[-1].body)
        self.assertIsNone(application.partner)

    def test_unpaid_dues_hide_listings_and_payment_restores_them(self):
        partner = Partner.objects.create(name="초록공방", code="chorok")
        membership = Membership.objects.create(
            partner=partner, grade=self.grade, since=timezone.localdate()
        )
        invoice = DuesInvoice.objects.create(
            membership=membership,
            year=2026,
            amount=120000,
            due_date=timezone.localdate() - datetime.timedelta(days=40),
        )
        product = create_goods(partner=partner, title="초록 비누", price=5000, stock=10)

        suspended = memberships_suspend_overdue()

        self.assertEqual(suspended, [partner])
        # hidden from the public (not "sold out"); nothing can be bought
        self.assertEqual(self.client.get(product.get_absolute_url()).status_code, 404)
        self.client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
        self.assertEqual(self.client.get("/basket/").context["basket"].num_items, 0)
        self.assertTrue(Product.objects.filter(pk=product.pk).exists())  # nothing deleted

        self.client.force_login(self.operator)
        self.client.post(f"/cms/membership/dues/{invoice.pk}/paid/")
        partner.refresh_from_db()
        self.assertFalse(partner.is_suspended)
        self.client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
        self.assertEqual(self.client.get("/basket/").context["basket"].num_items, 1)


class ManualSuspensionTest(TestCase):
    """The secretariat hides a member's listings by hand (a complaint, a recall) and lifts it."""

    @classmethod
    def setUpTestData(cls):
        grade = Grade.objects.create(
            name="준회원", code="associate", listing_limit=5, promotion_slots=0, annual_dues=0
        )
        cls.partner = Partner.objects.create(name="햇살공방", code="haessal")
        cls.membership = Membership.objects.create(
            partner=cls.partner, grade=grade, since=timezone.localdate()
        )
        cls.seller = create_customer("seller@haessal.kr")
        cls.partner.users.add(cls.seller)
        cls.product = create_goods(partner=cls.partner, title="햇살 비누", price=5000, stock=10)
        cls.operator = get_user_model().objects.create_superuser(
            username="secretariat", email="office@thecen.kr", password="pw-secretariat-1"
        )

    def suspension(self, data=None):
        url = f"/cms/membership/members/{self.membership.pk}/suspension/"
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(url, data) if data is not None else self.client.get(url)

    def test_suspend_with_a_reason_then_put_back_on_sale(self):
        self.client.force_login(self.operator)
        members = self.client.get("/cms/membership/membership/")
        self.assertContains(members, "판매 중지")

        # a confirmation step, and no reason is no suspension
        self.assertContains(self.suspension(), "숨길까요?")
        refused = self.suspension({"reason": " "})
        self.assertContains(refused, "판매를 중지하는 사유를 적어 주세요.")
        self.partner.refresh_from_db()
        self.assertFalse(self.partner.is_suspended)

        mail.outbox.clear()
        self.suspension({"reason": "소비자 민원(성분 표시 누락) 확인 중"})
        self.partner.refresh_from_db()
        self.assertTrue(self.partner.is_suspended)
        reader = Client()  # staff still see the page; readers do not
        self.assertEqual(reader.get(self.product.get_absolute_url()).status_code, 404)
        self.assertEqual([m.to for m in mail.outbox], [["seller@haessal.kr"]])
        self.assertIn("소비자 민원(성분 표시 누락) 확인 중", mail.outbox[0].body)
        listed = self.client.get("/cms/membership/membership/", {"suspended": "yes"})
        self.assertContains(listed, "햇살공방")
        self.assertContains(listed, "판매 재개")

        mail.outbox.clear()
        self.assertContains(self.suspension(), "다시 판매할까요?")
        self.suspension({})
        self.partner.refresh_from_db()
        self.assertFalse(self.partner.is_suspended)
        self.assertEqual(reader.get(self.product.get_absolute_url()).status_code, 200)
        self.assertEqual(len(mail.outbox), 1)

    def test_only_the_secretariat_may_suspend(self):
        self.client.force_login(self.seller)
        self.assertIn(self.suspension({"reason": "x"}).status_code, (302, 403))
        self.partner.refresh_from_db()
        self.assertFalse(self.partner.is_suspended)


class DuesPaidOnlineTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        grade = Grade.objects.create(
            name="정회원", code="regular", listing_limit=50, promotion_slots=2, annual_dues=300000
        )
        cls.partner = Partner.objects.create(
            name="초록공방", code="chorok", suspended_at=timezone.now()
        )
        cls.user = create_partner_user(cls.partner, "green@chorok.kr")
        membership = Membership.objects.create(
            partner=cls.partner, grade=grade, since=timezone.localdate()
        )
        cls.invoice = DuesInvoice.objects.create(
            membership=membership,
            year=2026,
            amount=300000,
            due_date=timezone.localdate() - datetime.timedelta(days=40),
        )
        cls.operator = create_customer("ops@thecen.kr", is_staff=True)

    def test_partner_pays_overdue_dues_through_checkout_and_listings_return(self):
        self.client.force_login(self.user)
        page = self.client.get("/dashboard/membership/")
        self.assertContains(page, "회비가 밀려")
        self.assertContains(page, "₩300,000")
        self.client.post("/dashboard/membership/", {"invoice": self.invoice.pk})
        thank_you = checkout_pay(self.client)
        self.assertContains(thank_you, "131-000-000000")
        order = Order.objects.get()
        self.assertEqual(order.total_incl_tax, 300000)

        order_payment_confirm(order=order, by=self.operator)

        self.invoice.refresh_from_db()
        self.partner.refresh_from_db()
        self.assertEqual(self.invoice.status, "paid")
        self.assertFalse(self.partner.is_suspended)


class PromotionSlotsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        grade = Grade.objects.create(
            name="정회원", code="regular", listing_limit=50, promotion_slots=1, annual_dues=300000
        )
        cls.partner = Partner.objects.create(name="해님베이커리", code="haenim")
        cls.user = create_partner_user(cls.partner, "bake@haenim.kr")
        Membership.objects.create(partner=cls.partner, grade=grade, since=timezone.localdate())
        cls.bread = create_goods(partner=cls.partner, title="우리밀 식빵", price=6500, stock=9)
        cls.cookie = create_goods(partner=cls.partner, title="쿠키 세트", price=12500, stock=9)

    def test_promotion_is_limited_by_the_grade_with_a_clear_message(self):
        self.client.force_login(self.user)
        self.client.post("/dashboard/membership/", {"promote": self.bread.pk})
        response = self.client.post(
            "/dashboard/membership/", {"promote": self.cookie.pk}, follow=True
        )
        self.assertContains(response, "홍보 지원 슬롯 1개를 모두 쓰고 있습니다")
        self.assertEqual(list(promoted_products()), [self.bread])
        # a suspended partner's promotions disappear with its listings
        Partner.objects.filter(pk=self.partner.pk).update(suspended_at=timezone.now())
        self.assertEqual(list(promoted_products()), [])


class ApprovalDraftsTheEnterpriseProfileTest(TestCase):
    """Approving a PA application links the new partner to a draft profile in the directory."""

    @classmethod
    def setUpTestData(cls):
        cls.grade = Grade.objects.create(
            name="준회원", code="associate", listing_limit=1, promotion_slots=0, annual_dues=120000
        )
        cls.operator = get_user_model().objects.create_superuser(
            username="secretariat", email="office@thecen.kr", password="pw-secretariat-1"
        )

    def approve(self, **overrides):
        self.client.post("/partners/apply/", application_form(**overrides))
        application = PartnerApplication.objects.get()
        self.client.force_login(self.operator)
        self.client.post(
            f"/cms/membership/applications/{application.pk}/review/",
            {"decision": "approve", "grade": self.grade.pk},
        )
        application.refresh_from_db()
        return application

    def test_a_draft_profile_is_waiting_for_editors_under_the_directory(self):
        from cms_pages.models.enterprises import EnterpriseIndexPage, EnterprisePage
        from tests.factories.pages import build_site

        directory = build_site().add_child(
            instance=EnterpriseIndexPage(title="참여 기업", slug="enterprises")
        )
        application = self.approve()

        page = EnterprisePage.objects.get(partner=application.partner)
        self.assertEqual(page.get_parent().specific, directory)
        self.assertFalse(page.live)  # editors complete and publish it
        self.assertEqual(page.title, "햇살돌봄 사회적협동조합")
        self.assertEqual(page.enterprise_type, "cooperative")
        self.assertEqual(page.region, "seoul")
        self.assertEqual(page.address, "서울특별시 중구 세종대로 110 2층")
        self.assertEqual((page.phone, page.email), ("02-765-4321", "office@haessal.kr"))
        # the editors find it in the admin, ready to edit, and the public does not see it
        edit = self.client.get(f"/cms/pages/{page.pk}/edit/")
        self.assertContains(edit, "햇살돌봄 사회적협동조합")
        self.assertEqual(self.client.get(directory.url + page.slug + "/").status_code, 404)

    def test_without_a_directory_the_approval_still_goes_through(self):
        from cms_pages.models.enterprises import EnterprisePage

        application = self.approve(address="부산광역시 해운대구 센텀중앙로 79")
        self.assertEqual(application.status, PartnerApplication.Status.APPROVED)
        self.assertTrue(Membership.objects.filter(partner=application.partner).exists())
        self.assertFalse(EnterprisePage.objects.exists())

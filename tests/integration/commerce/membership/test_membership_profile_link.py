"""A PA application links to its enterprise profile page, not to a typed-in address."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TestCase
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.models import Site

from cms_pages.models import EnterpriseIndexPage, EnterprisePage
from commerce.membership.models import Grade, PartnerApplication
from commerce.membership.profile_links import profile_page_for_url
from tests.factories.pages import build_site
from tests.integration.commerce.membership.test_commerce_membership import application_form

Partner = get_model("partner", "Partner")


class ApprovedApplicationShowsItsProfileTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = build_site()
        cls.directory = cls.home.add_child(
            instance=EnterpriseIndexPage(title="참여 기업", slug="enterprises")
        )
        cls.grade = Grade.objects.create(
            name="정회원", code="regular", listing_limit=10, promotion_slots=1, annual_dues=240000
        )
        cls.operator = get_user_model().objects.create_superuser(
            username="secretariat", email="office@thecen.kr", password="pw-secretariat-1"
        )

    def approve(self):
        self.client.post("/partners/apply/", application_form())
        application = PartnerApplication.objects.get()
        self.client.force_login(self.operator)
        review = self.client.get(f"/cms/membership/applications/{application.pk}/review/")
        self.assertContains(review, "신청을 승인하면 기업 소개 초안이 만들어집니다")
        self.client.post(
            f"/cms/membership/applications/{application.pk}/review/",
            {"decision": "approve", "grade": self.grade.pk},
        )
        application.refresh_from_db()
        return application

    def test_draft_profile_is_linked_for_editors_then_its_public_address_once_live(self):
        application = self.approve()
        page = application.profile_page
        self.assertEqual(page, EnterprisePage.objects.get(partner=application.partner))

        # while it is a draft, the secretariat's list and detail lead to the editor
        edit_url = f"/cms/pages/{page.pk}/edit/"
        listing = self.client.get("/cms/membership/partnerapplication/")
        self.assertContains(listing, f'href="{edit_url}"')
        self.assertContains(listing, "초안: 편집하기")
        inspect = self.client.get(f"/cms/membership/partnerapplication/inspect/{application.pk}/")
        self.assertContains(inspect, f'href="{edit_url}"')
        # and the partner is told the editors are on it
        pa_user = application.partner.users.get()
        self.client.force_login(pa_user)
        self.assertContains(
            self.client.get("/dashboard/membership/"), 'data-testid="profile-draft"'
        )

        # when an editor completes and publishes it, everyone gets its public address
        page.field = "care"
        page.save_revision().publish()
        page.refresh_from_db()
        live_url = page.url
        self.assertTrue(live_url.startswith("/enterprises/"))
        self.assertContains(
            self.client.get("/dashboard/membership/"),
            f'href="{live_url}" data-testid="profile-link">햇살돌봄 사회적협동조합<',
        )
        self.client.force_login(self.operator)
        listing = self.client.get("/cms/membership/partnerapplication/")
        self.assertContains(listing, f'href="{live_url}"')
        self.assertNotContains(listing, "초안: 편집하기")
        self.assertEqual(self.client.get(live_url).status_code, 200)


class ProfileUrlResolutionTest(TestCase):
    """What the data migration understands of the old free-text addresses."""

    @classmethod
    def setUpTestData(cls):
        home = build_site()
        directory = home.add_child(
            instance=EnterpriseIndexPage(title="참여 기업", slug="enterprises")
        )
        cls.page = directory.add_child(
            instance=EnterprisePage(
                title="햇살돌봄",
                slug="haessal",
                partner=Partner.objects.create(name="햇살돌봄", code="haessal"),
                enterprise_type="cooperative",
                region="seoul",
                field="care",
            )
        )

    def resolve(self, url):
        return profile_page_for_url(
            url, enterprise_pages=EnterprisePage.objects.all(), sites=Site.objects
        )

    def test_addresses_editors_used_resolve_to_the_page(self):
        for url in (
            "https://thecen.kr/enterprises/haessal/",
            "/enterprises/haessal",
            "enterprises/haessal/?utm_source=mail",
            f"https://thecen.kr/cms/pages/{self.page.pk}/edit/",
            "haessal",
        ):
            with self.subTest(url=url):
                self.assertEqual(self.resolve(url), self.page)

    def test_unknown_or_empty_addresses_resolve_to_nothing(self):
        for url in ("", "https://example.kr/about/", "/enterprises/nobody/", "/cms/pages/999999/"):
            with self.subTest(url=url):
                self.assertIsNone(self.resolve(url))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_old_addresses_into_page_links(postgres):
    # given a profile page and applications written before the migration
    home = build_site()
    directory = home.add_child(instance=EnterpriseIndexPage(title="참여 기업", slug="enterprises"))
    partner = Partner.objects.create(name="햇살돌봄", code="haessal")
    page = directory.add_child(
        instance=EnterprisePage(
            title="햇살돌봄",
            slug="haessal",
            partner=partner,
            enterprise_type="cooperative",
            region="seoul",
            field="care",
            live=False,
        )
    )
    other = Partner.objects.create(name="마을공방", code="maeul")
    before, after = ("membership", "0003_promoted_listing"), ("membership", "0004_profile_page")
    executor = MigrationExecutor(connection)
    executor.migrate([before])
    OldApplication = executor.loader.project_state([before]).apps.get_model(
        "membership", "PartnerApplication"
    )
    now = timezone.now()
    common = {
        "kind": "cooperative",
        "representative": "대표",
        "contact_name": "담당",
        "phone": "02-123-4567",
        "email": "a@example.kr",
        "postcode": "04524",
        "address": "서울특별시 중구 세종대로 110",
        "principles_version": "2026-1",
        "principles_accepted_at": now,
        "ethics_version": "2026-1",
        "ethics_accepted_at": now - datetime.timedelta(minutes=1),
    }
    by_url = OldApplication.objects.create(
        name="주소로",
        brn="2208162517",
        profile_url="https://thecen.kr/enterprises/haessal/",
        **common,
    )
    by_partner = OldApplication.objects.create(
        name="파트너로", brn="1010000001", partner_id=partner.pk, status="rejected", **common
    )
    unknown = OldApplication.objects.create(
        name="모름", brn="1010000002", partner_id=other.pk, profile_url="/nowhere/", **common
    )

    # when the migration runs
    executor = MigrationExecutor(connection)
    executor.migrate([after])
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    # then the addresses it understood are links to the page
    links = dict(PartnerApplication.objects.values_list("pk", "profile_page_id"))
    assert links == {by_url.pk: page.pk, by_partner.pk: page.pk, unknown.pk: None}

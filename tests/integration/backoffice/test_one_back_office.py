"""One back office: partners land in their dashboard and find it from the storefront;
operators cross between /cms/ and /dashboard/; names in Korean order."""

from django.contrib.auth import get_user_model
from django.test import TestCase

from tests.factories.commerce import PASSWORD, create_customer, create_partner_user
from tests.factories.editorial import partner
from tests.factories.pages import PageTree


class OneBackOfficeTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        PageTree(indexes=())
        cls.partner_user = create_partner_user(partner(), "bake@haenim.kr")
        cls.customer = create_customer("buyer@example.kr")
        cls.operator = get_user_model().objects.create_superuser(
            username="ops", email="ops@thecen.kr", password="pw-ops-12345"
        )

    def sign_in(self, email):
        # Oscar's sign-in form, as a person submits it (axes needs the request)
        return self.client.post(
            "/accounts/login/",
            {"login-username": email, "login-password": PASSWORD, "login_submit": "1"},
            follow=True,
        )

    def test_a_partner_lands_in_the_dashboard_and_a_customer_at_home(self):
        landed = self.sign_in("bake@haenim.kr")
        self.assertEqual(landed.redirect_chain[-1][0], "/dashboard/")
        self.client.logout()
        landed = self.sign_in("buyer@example.kr")
        self.assertEqual(landed.redirect_chain[-1][0], "/")

    def test_the_storefront_header_links_partners_to_their_dashboard(self):
        self.client.force_login(self.partner_user)
        self.assertContains(self.client.get("/"), 'href="/dashboard/"')
        self.client.force_login(self.customer)
        self.assertNotContains(self.client.get("/"), 'href="/dashboard/"')

    def test_operators_cross_between_cms_and_dashboard(self):
        self.client.force_login(self.operator)
        # Wagtail draws its menu from JSON props
        self.assertContains(self.client.get("/cms/"), "/dashboard/")
        self.assertContains(self.client.get("/dashboard/"), 'href="/cms/"')
        self.client.force_login(self.partner_user)
        self.assertNotContains(self.client.get("/dashboard/"), 'href="/cms/"')

    def test_full_names_read_in_korean_order(self):
        user = create_customer("minji@example.kr", first_name="민지", last_name="김")
        self.assertEqual(user.get_full_name(), "김민지")
        latin = create_customer("jane@example.kr", first_name="Jane", last_name="Doe")
        self.assertEqual(latin.get_full_name(), "Jane Doe")
        self.client.force_login(self.operator)
        self.assertContains(self.client.get("/cms/users/"), "김민지")

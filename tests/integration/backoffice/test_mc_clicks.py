"""One visit through an MC's link is one click, whatever the basket's redirect does (#15)."""

from django.test import TestCase

from commerce.mc.models import Click
from tests.factories.editorial import goods, partner
from tests.factories.mc import approved_mc
from tests.factories.pages import PageTree


class MarketCreatorClickTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.mc = approved_mc(code="chorok", name="초록손 MC")
        cls.product = goods(enterprise=partner())

    def test_adding_to_the_basket_from_an_mc_link_counts_one_click(self):
        page = f"{self.product.get_absolute_url()}?mc=chorok"
        self.assertEqual(self.client.get(page).status_code, 200)
        # Oscar's add-to-basket redirects back to the page it came from, ?mc= included
        added = self.client.post(
            f"/basket/add/{self.product.pk}/",
            {"quantity": 1},
            headers={"referer": f"http://testserver{page}"},
        )
        self.assertEqual(added.status_code, 302)
        self.client.get(added["Location"])
        self.client.get(page)  # and a reload
        self.assertEqual(Click.objects.filter(mc=self.mc).count(), 1)

    def test_the_link_on_another_page_is_another_click(self):
        self.client.get("/?mc=chorok")
        self.client.get(f"{self.product.get_absolute_url()}?mc=chorok")
        self.assertEqual(Click.objects.filter(mc=self.mc).count(), 2)

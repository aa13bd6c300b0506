"""MC campaigns: period, share link, and purchases recorded with the campaign as source."""

from django.test import TestCase
from oscar.core.loading import get_model

from commerce.provenance.models import BasketLineSource
from tests.factories.editorial import goods, product_blocks
from tests.factories.pages import PageTree

Basket = get_model("basket", "Basket")


class CampaignPageTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.jam = goods("유기농 딸기잼", 9000, 5)
        cls.running = cls.tree.campaign(title="돌봄 꾸러미", body=product_blocks([cls.jam]))
        cls.ended = cls.tree.campaign(
            title="지난 꾸러미", starts_in=-30, lasts=5, body=product_blocks([cls.jam])
        )

    def test_a_running_campaign_shows_its_mc_community_goods_and_share_link(self):
        response = self.client.get(self.running.url)
        self.assertContains(response, "정다운 MC")
        self.assertContains(response, "둔산동 아파트 공동체")
        self.assertContains(response, "₩9,000")
        self.assertContains(response, f"/c/{self.running.share_code}/")

    def test_the_share_link_leads_to_the_campaign(self):
        response = self.client.get(f"/c/{self.running.share_code}/")
        self.assertRedirects(response, self.running.url)

    def test_outside_its_period_the_campaign_says_it_has_ended_and_sells_nothing(self):
        response = self.client.get(self.ended.url)
        self.assertContains(response, 'data-testid="campaign-ended"')
        self.assertContains(response, "유기농 딸기잼")
        self.assertNotContains(response, f'action="/basket/add/{self.jam.pk}/"')

    def test_a_purchase_started_on_the_campaign_records_the_campaign(self):
        self.client.post(
            f"/basket/add/{self.jam.pk}/",
            {"quantity": 1, "next": self.running.url, "source_page": self.running.pk},
        )
        source = BasketLineSource.objects.get(line__basket=Basket.objects.get())
        self.assertEqual((source.page_id, source.kind), (self.running.pk, "campaign"))

    def test_an_ended_campaign_is_not_recorded_as_a_source(self):
        self.client.post(
            f"/basket/add/{self.jam.pk}/",
            {"quantity": 1, "next": self.ended.url, "source_page": self.ended.pk},
        )
        self.assertFalse(BasketLineSource.objects.exists())

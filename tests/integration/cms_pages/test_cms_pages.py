"""Each editorial page type can be created by an editor and renders what a reader expects."""

from datetime import timedelta

from django.utils import timezone
from icalendar import Calendar
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms_pages.models import (
    CampaignIndexPage,
    CampaignPage,
    EnterpriseIndexPage,
    EnterprisePage,
    EventIndexPage,
    EventPage,
    EventRegistration,
    HomePage,
    StoryIndexPage,
    StoryPage,
)
from demo.images import image_make
from tests.factories.editorial import author, goods, partner, service
from tests.factories.mc import approved_mc
from tests.factories.pages import PageTree


class EditorCanCreateEachPageTypeTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.partner = partner("그린루프", "green-loop")
        cls.product = goods("리필 세제", 8500, 10, enterprise=cls.partner)
        cls.mc = approved_mc(code="chorok", name="초록손 MC")

    def setUp(self):
        self.login()

    def test_index_pages_under_home(self):
        for model, slug in [
            (StoryIndexPage, "이야기-2"),
            (EnterpriseIndexPage, "기업-2"),
            (CampaignIndexPage, "캠페인-2"),
            (EventIndexPage, "행사-2"),
        ]:
            self.assertCanCreate(
                self.tree.home,
                model,
                nested_form_data({"title": slug, "slug": slug, "intro": rich_text("")}),
            )

    def test_story_with_a_shoppable_block(self):
        self.assertCanCreate(
            self.tree.stories,
            StoryPage,
            nested_form_data(
                {
                    "title": "새 이야기",
                    "slug": "새-이야기",
                    "lead": "짧은 요약",
                    "date": "2026-03-02",
                    "service_group": "care",
                    "region": "seoul",
                    "body": streamfield(
                        [
                            ("paragraph", rich_text("<p>본문</p>")),
                            ("product", {"product": self.product.pk, "note": ""}),
                        ]
                    ),
                }
            ),
        )
        story = StoryPage.objects.get(slug="새-이야기")
        self.assertEqual(story.body[1].value["product"], self.product.pk)

    def test_enterprise_profile(self):
        self.assertCanCreate(
            self.tree.enterprises,
            EnterprisePage,
            nested_form_data(
                {
                    "title": "그린루프",
                    "slug": "그린루프",
                    "partner": self.partner.pk,
                    "enterprise_type": "social-venture",
                    "region": "seoul",
                    "field": "environment",
                    "lead": "",
                    "mission": rich_text("<p>쓰레기를 줄입니다.</p>"),
                    "photos": streamfield([]),
                    "extra": streamfield([]),
                }
            ),
        )

    def test_campaign_and_event(self):
        self.assertCanCreate(
            self.tree.campaigns,
            CampaignPage,
            nested_form_data(
                {
                    "title": "가게 응원전",
                    "slug": "가게-응원전",
                    "market_creator": self.mc.pk,
                    "community": "성동구 상인회",
                    "starts_on": "2026-03-01",
                    "ends_on": "2026-03-31",
                    "lead": "",
                    "body": streamfield([]),
                }
            ),
        )
        self.assertCanCreate(
            self.tree.events,
            EventPage,
            nested_form_data(
                {
                    "title": "봄 장터",
                    "slug": "봄-장터",
                    "kind": "market-fair",
                    "lead": "",
                    "starts_at": "2026-04-04 11:00",
                    "ends_at": "2026-04-04 17:00",
                    "place_name": "마을광장",
                    "address": "서울특별시 마포구 성미산로 25",
                    "region": "seoul",
                    "description": rich_text(""),
                    "programme": streamfield([]),
                    "participants": streamfield([]),
                    "capacity": 30,
                }
            ),
        )

    def test_page_tree_rules(self):
        from health.models import HealthCheckPage, HealthGroupIndexPage

        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StoryIndexPage,
                EnterpriseIndexPage,
                CampaignIndexPage,
                EventIndexPage,
                HealthCheckPage,
                HealthGroupIndexPage,
            },
        )
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})


class ReaderSeesEditorialPagesTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.writer = author("이바람")
        cls.care = partner("새싹돌봄", "saessak")
        cls.bakery = partner("해님베이커리", "haenim")
        cls.blanket = goods("손뜨개 무릎담요", 27000, 4, enterprise=cls.care)
        cls.visit = service("방문 말벗 돌봄", 30000, enterprise=cls.care)
        cls.care_page = cls.tree.enterprise(
            cls.care,
            title="새싹돌봄",
            enterprise_type="cooperative",
            region="daejeon",
            field="care",
            lead="아이와 어르신을 함께 돌봅니다.",
            phone="042-555-0104",
        )
        cls.bakery_page = cls.tree.enterprise(
            cls.bakery,
            title="해님베이커리",
            enterprise_type="social-enterprise",
            region="seoul",
            field="food",
        )
        cls.care_story = cls.tree.story(
            title="할머니와 말벗이 된 요양보호사",
            author=cls.writer,
            service_group="care",
            region="daejeon",
            tags=["돌봄"],
            date=timezone.localdate(),
        )
        cls.care_story.enterprises.set([cls.care])
        cls.care_story.save()
        for n in range(13):
            cls.tree.story(
                title=f"빵 이야기 {n}",
                service_group="living",
                region="seoul",
                date=timezone.localdate() - timedelta(days=n + 1),
            )
        cls.fair = cls.tree.event(title="봄 장터", capacity=2)
        cls.past = cls.tree.event(title="지난 장터", starts_in_days=-10)
        cls.campaign = cls.tree.campaign(title="돌봄 꾸러미")

    def test_home_shows_curated_sections_with_fallbacks(self):
        response = self.client.get("/")
        for text in [
            "돌봄",
            "생활",
            "교육",
            "경영지원",
            "할머니와 말벗이 된 요양보호사",
            "돌봄 꾸러미",
            "봄 장터",
            "새싹돌봄",
        ]:
            self.assertContains(response, text)
        self.assertNotContains(response, "지난 장터")

    def test_every_page_links_to_the_editorial_sections(self):
        response = self.client.get("/catalogue/")
        for section in (self.tree.stories, self.tree.enterprises, self.tree.events):
            self.assertContains(response, f'<a href="{section.url}">{section.title}</a>', html=True)

    def test_home_puts_the_editors_choice_first(self):
        home = HomePage.objects.get(pk=self.tree.home.pk)
        home.featured_stories = [("story", StoryPage.objects.get(title="빵 이야기 12"))]
        home.save()
        content = self.client.get("/").content.decode()
        self.assertLess(content.index("빵 이야기 12"), content.index("할머니와 말벗이"))

    def test_story_shows_author_tags_and_region(self):
        response = self.client.get(self.care_story.url)
        self.assertContains(response, "이바람")
        self.assertContains(response, "동네 협동조합을 기록합니다.")
        self.assertContains(response, "#돌봄")
        self.assertContains(response, "대전")
        self.assertContains(response, '"@type": "Article"')
        self.assertContains(response, 'property="og:title"')

    def test_story_images_are_served_as_renditions_and_shared_on_opengraph(self):
        story = self.tree.story(
            title="사진이 있는 이야기",
            hero_image=image_make(title="빵 굽는 새벽", colour=(11, 110, 79)),
        )
        response = self.client.get(story.url)
        self.assertContains(response, "fill-1200x630.format-webp")
        self.assertContains(response, 'property="og:image"')
        self.assertNotContains(response, 'src="/media/original_images/')

    def test_story_index_filters_by_group_region_and_tag(self):
        index = self.tree.stories.url
        by_group = self.client.get(index, {"service_group": "care"})
        self.assertContains(by_group, "할머니와 말벗이 된 요양보호사")
        self.assertNotContains(by_group, "빵 이야기 0")
        self.assertContains(by_group, '<option value="care" selected>')  # the filter stays set
        self.assertNotContains(self.client.get(index, {"region": "seoul"}), "할머니와 말벗이")
        self.assertContains(self.client.get(index, {"tag": "돌봄"}), "할머니와 말벗이")

    def test_story_index_paginates_twelve_at_a_time(self):
        first = self.client.get(self.tree.stories.url)
        self.assertEqual(len(first.context["stories"]), 12)
        self.assertContains(first, 'rel="next"')
        second = self.client.get(self.tree.stories.url, {"page": 2})
        self.assertEqual(len(second.context["stories"]), 2)

    def test_enterprise_profile_lists_its_goods_services_and_stories(self):
        response = self.client.get(self.care_page.url)
        self.assertContains(response, "손뜨개 무릎담요")
        self.assertContains(response, "₩27,000")
        self.assertContains(response, "방문 말벗 돌봄")
        self.assertContains(response, "할머니와 말벗이 된 요양보호사")
        self.assertContains(response, '"@type": "Organization"')

    def test_enterprise_directory_filters_by_type_region_and_field(self):
        url = self.tree.enterprises.url
        response = self.client.get(url, {"enterprise_type": "social-enterprise"})
        self.assertContains(response, "해님베이커리")
        self.assertNotContains(response, "새싹돌봄")
        self.assertContains(response, '<option value="social-enterprise" selected>')
        self.assertNotContains(self.client.get(url, {"region": "seoul"}), "새싹돌봄")
        self.assertContains(self.client.get(url, {"field": "care"}), "새싹돌봄")

    def test_event_page_shows_time_in_seoul_map_and_schema(self):
        response = self.client.get(self.fair.url)
        self.assertContains(response, "봄 장터")
        self.assertContains(response, "https://map.kakao.com/?q=")
        self.assertContains(response, '"@type": "Event"')
        self.assertContains(response, "+09:00")
        self.assertContains(response, "2자리 남음")

    def test_past_events_stay_visible_as_past(self):
        index = self.client.get(self.tree.events.url)
        self.assertContains(index, "지난 행사")
        self.assertContains(index, "지난 장터")
        response = self.client.get(self.past.url)
        self.assertContains(response, 'data-testid="event-past"')
        self.assertNotContains(response, 'id="register"')

    def test_registration_fills_the_places_then_the_waiting_list(self):
        register = self.fair.url + "register/"
        for name, phone in [("홍길동", "010-1234-5678"), ("김철수", "010-2345-6789")]:
            response = self.client.post(register, {"name": name, "phone": phone})
            self.assertRedirects(response, self.fair.url)
        response = self.client.post(
            register, {"name": "이영희", "email": "young@example.kr"}, follow=True
        )
        self.assertContains(response, "대기자 1번")
        statuses = list(
            EventRegistration.objects.filter(event=self.fair).values_list("status", flat=True)
        )
        self.assertEqual(statuses, ["confirmed", "confirmed", "waitlisted"])

    def test_registration_needs_a_way_to_reach_the_person(self):
        response = self.client.post(self.fair.url + "register/", {"name": "홍길동"})
        self.assertContains(response, "전화번호나 이메일 주소 중 하나를 남겨 주세요.")
        self.assertFalse(EventRegistration.objects.exists())

    def test_events_export_to_icalendar(self):
        response = self.client.get(self.tree.events.url + "ical/")
        self.assertEqual(response["Content-Type"], "text/calendar; charset=utf-8")
        feed = Calendar.from_ical(response.content.decode())
        self.assertEqual(feed["METHOD"], "PUBLISH")
        self.assertEqual(len(feed.events), 2)
        fair = next(e for e in feed.events if e["SUMMARY"] == "봄 장터")
        self.assertEqual(fair.start, self.fair.starts_at)
        self.assertEqual(str(fair.start.tzinfo), "Asia/Seoul")
        single = Calendar.from_ical(self.client.get(self.fair.url + "ical/").content.decode())
        self.assertEqual(len(single.events), 1)
        # the same event keeps its UID, whichever host the reader used
        other_host = self.client.get(self.fair.url + "ical/", HTTP_HOST="127.0.0.1")
        self.assertEqual(
            Calendar.from_ical(other_host.content.decode()).events[0]["UID"], fair["UID"]
        )

    def test_campaign_index_and_sitemap(self):
        self.assertContains(self.client.get(self.tree.campaigns.url), "돌봄 꾸러미")
        sitemap = self.client.get("/sitemap.xml").content.decode()
        self.assertIn("%EC%9D%B4%EC%95%BC%EA%B8%B0", sitemap)  # the Korean slug 이야기
        self.assertIn("<loc>", sitemap)

    def test_every_page_type_renders(self):
        for page in [
            self.tree.home,
            self.tree.stories,
            self.care_story,
            self.tree.enterprises,
            self.care_page,
            self.tree.campaigns,
            self.campaign,
            self.tree.events,
            self.fair,
        ]:
            self.assertPageIsRenderable(page)

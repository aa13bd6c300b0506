"""Wagtail's moderation workflow: a Contents Creator cannot publish, an Editor's approval does."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms_pages.models import StoryPage
from commerce.core.roles import (
    CONTENTS_CREATORS,
    EDITORIAL_WORKFLOW,
    EDITORS,
    EDITORS_APPROVAL,
    MARKET_CREATORS,
)
from tests.factories.mc import approved_mc
from tests.factories.pages import PageTree


def member(username, group_name):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@thecen.test", password="pw-for-tests"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


class ModerationWorkflowTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.cc = member("cc", CONTENTS_CREATORS)
        cls.editor = member("editor", EDITORS)
        cls.mc = member("mc", MARKET_CREATORS)
        cls.mc_record = approved_mc(code="chorok", name="초록손 MC", user=cls.mc)
        cls.other_mc_record = approved_mc(code="haru", name="하루 MC")

    def _story_form(self, action):
        return nested_form_data(
            {
                "title": "마을 빵집의 새벽",
                "slug": "마을-빵집의-새벽",
                "lead": "새벽 다섯 시의 빵집",
                "date": "2026-03-02",
                "body": streamfield([]),
                action: "1",
            }
        )

    def _add_story(self, user, action):
        self.client.force_login(user)
        url = reverse(
            "wagtailadmin_pages:add", args=("cms_pages", "storypage", self.tree.stories.pk)
        )
        return self.client.post(url, self._story_form(action))

    def test_a_contents_creator_cannot_publish_directly(self):
        self._add_story(self.cc, "action-publish")
        story = StoryPage.objects.get(slug="마을-빵집의-새벽")
        self.assertFalse(story.live)
        self.assertEqual(self.client.get(story.url).status_code, 404)

    def test_an_editors_approval_publishes_what_a_cc_submitted(self):
        # given a story a CC submitted for moderation
        self._add_story(self.cc, "action-submit")
        story = StoryPage.objects.get(slug="마을-빵집의-새벽")
        state = story.current_workflow_state
        self.assertEqual(state.status, "in_progress")
        self.assertEqual(state.workflow.name, EDITORIAL_WORKFLOW)
        self.assertEqual(state.current_task_state.task.name, EDITORS_APPROVAL)
        self.assertFalse(story.live)
        # when an editor approves it with a comment
        self.client.force_login(self.editor)
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(story.pk, "approve", state.current_task_state.pk),
            ),
            {"comment": "좋은 이야기입니다."},
        )
        self.assertLess(response.status_code, 400)
        # then it is live for readers
        story.refresh_from_db()
        self.assertTrue(story.live)
        self.assertEqual(self.client.get(story.url).status_code, 200)

    def test_an_editor_can_reject_with_a_comment_and_nothing_is_published(self):
        self._add_story(self.cc, "action-submit")
        story = StoryPage.objects.get(slug="마을-빵집의-새벽")
        state = story.current_workflow_state
        self.client.force_login(self.editor)
        self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(story.pk, "reject", state.current_task_state.pk),
            ),
            {"comment": "사진을 더 넣어 주세요."},
        )
        story.refresh_from_db()
        self.assertFalse(story.live)
        state.refresh_from_db()
        self.assertEqual(state.status, "needs_changes")
        self.assertEqual(state.current_task_state.comment, "사진을 더 넣어 주세요.")

    def test_a_cc_cannot_approve_their_own_story(self):
        self._add_story(self.cc, "action-submit")
        story = StoryPage.objects.get(slug="마을-빵집의-새벽")
        state = story.current_workflow_state
        self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(story.pk, "approve", state.current_task_state.pk),
            ),
            {"comment": ""},
        )
        story.refresh_from_db()
        self.assertFalse(story.live)

    def test_an_editor_publishes_directly(self):
        self._add_story(self.editor, "action-publish")
        self.assertTrue(StoryPage.objects.get(slug="마을-빵집의-새벽").live)

    def test_roles_only_create_their_own_kinds_of_page(self):
        def can_open_create_form(user, model, parent):
            self.client.force_login(user)
            url = reverse("wagtailadmin_pages:add", args=("cms_pages", model, parent.pk))
            return self.client.get(url).status_code == 200

        self.assertTrue(can_open_create_form(self.cc, "storypage", self.tree.stories))
        self.assertFalse(can_open_create_form(self.cc, "eventpage", self.tree.events))
        self.assertFalse(can_open_create_form(self.cc, "campaignpage", self.tree.campaigns))
        self.assertTrue(can_open_create_form(self.mc, "campaignpage", self.tree.campaigns))
        self.assertFalse(can_open_create_form(self.mc, "storypage", self.tree.stories))
        self.assertTrue(can_open_create_form(self.editor, "eventpage", self.tree.events))

    def test_a_cc_cannot_edit_an_event(self):
        event = self.tree.event(title="봄 장터")
        self.client.force_login(self.cc)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=(event.pk,)))
        self.assertNotEqual(response.status_code, 200)

    def _mc_campaign_form(self, action, market_creator):
        return nested_form_data(
            {
                "title": "내 캠페인",
                "slug": "내-캠페인",
                "market_creator": market_creator.pk,
                "community": "성동구 상인회",
                "starts_on": "2026-03-01",
                "ends_on": "2026-03-31",
                "body": streamfield([]),
                action: "1",
            }
        )

    def test_a_market_creator_may_draft_a_campaign_but_not_publish_it(self):
        self.client.force_login(self.mc)
        url = reverse(
            "wagtailadmin_pages:add", args=("cms_pages", "campaignpage", self.tree.campaigns.pk)
        )
        # the form offers the MC only their own record, already chosen
        form = self.client.get(url).context["form"]
        self.assertEqual(list(form.fields["market_creator"].queryset), [self.mc_record])
        self.assertEqual(form.fields["market_creator"].initial, self.mc_record.pk)
        # another MC's record is refused
        response = self.client.post(
            url, self._mc_campaign_form("action-publish", self.other_mc_record)
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(Page.objects.filter(slug="내-캠페인").exists())

        self.client.post(url, self._mc_campaign_form("action-publish", self.mc_record))
        campaign = Page.objects.get(slug="내-캠페인")
        self.assertFalse(campaign.live)
        self.assertEqual(campaign.owner, self.mc)
        self.assertEqual(campaign.specific.market_creator, self.mc_record)

    def test_an_editor_approves_the_campaign_an_mc_submitted(self):
        # given an MC submitted their campaign for review
        self.client.force_login(self.mc)
        url = reverse(
            "wagtailadmin_pages:add", args=("cms_pages", "campaignpage", self.tree.campaigns.pk)
        )
        self.client.post(url, self._mc_campaign_form("action-submit", self.mc_record))
        campaign = Page.objects.get(slug="내-캠페인")
        state = campaign.current_workflow_state
        self.assertEqual(state.status, "in_progress")
        # the MC cannot approve it themself
        self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(campaign.pk, "approve", state.current_task_state.pk),
            ),
            {"comment": ""},
        )
        campaign.refresh_from_db()
        self.assertFalse(campaign.live)
        # when an editor approves it
        self.client.force_login(self.editor)
        self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(campaign.pk, "approve", state.current_task_state.pk),
            ),
            {"comment": "좋습니다."},
        )
        # then it is live, with the MC's card on it
        campaign.refresh_from_db()
        self.assertTrue(campaign.live)
        page = self.client.get(campaign.url)
        self.assertContains(page, 'data-testid="mc-card-name">초록손 MC<')


class WorkflowNamesTest(TestCase):
    def test_every_workflow_and_approval_step_staff_see_is_named_in_korean(self):
        from wagtail.models import Task, Workflow

        names = list(Workflow.objects.values_list("name", flat=True)) + list(
            Task.objects.values_list("name", flat=True)
        )
        self.assertIn(EDITORS_APPROVAL, names)
        english = [n for n in names if not any("가" <= ch <= "힣" for ch in n)]
        self.assertEqual(english, [])

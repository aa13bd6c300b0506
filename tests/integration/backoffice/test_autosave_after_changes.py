"""The page editor's autosave keeps working around "변경 요청" (issue #15 §2).

Wagtail 8.0.1's side panel asks ``workflow_status_with_date`` for the current task's dates;
while a resubmitted workflow has no current task state the tag raised AttributeError and the
autosave POST answered HTTP 500.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import TestCase
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms_pages.models import StoryPage
from commerce.core.roles import CONTENTS_CREATORS, EDITORS
from tests.factories.pages import PageTree


def member(username, group_name):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@thecen.test", password="pw-for-tests"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


class AutosaveAfterChangesRequestedTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()
        cls.cc = member("cc", CONTENTS_CREATORS)
        cls.editor = member("editor", EDITORS)

    def form(self, lead, action=None):
        data = {
            "title": "마을 빵집의 새벽",
            "slug": "마을-빵집의-새벽",
            "lead": lead,
            "date": "2026-03-02",
            "body": streamfield([]),
        }
        if action:
            data[action] = "1"
        return nested_form_data(data)

    def autosave(self, story, lead):
        """What the editor's JavaScript posts every few seconds: JSON, not a page."""
        return self.client.post(
            reverse("wagtailadmin_pages:edit", args=(story.pk,)),
            self.form(lead),
            headers={"accept": "application/json"},
        )

    def request_changes(self, story):
        state = story.current_workflow_state
        self.client.force_login(self.editor)
        response = self.client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(story.pk, "reject", state.current_task_state.pk),
            ),
            {"comment": "사진 설명을 더 써 주세요."},
        )
        self.assertLess(response.status_code, 400)
        self.client.force_login(self.cc)

    def test_autosave_answers_json_before_and_after_resubmitting(self):
        # given a story the CC submitted and the editor sent back with "변경 요청"
        self.client.force_login(self.cc)
        add = reverse(
            "wagtailadmin_pages:add", args=("cms_pages", "storypage", self.tree.stories.pk)
        )
        self.client.post(add, self.form("첫 원고", "action-submit"))
        story = StoryPage.objects.get(slug="마을-빵집의-새벽")
        self.request_changes(story)
        self.assertEqual(story.current_workflow_state.status, WorkflowState.STATUS_NEEDS_CHANGES)

        # when the CC edits (autosave) and resubmits, and the editor keeps typing
        self.assertEqual(self.autosave(story, "고친 원고").status_code, 200)
        edit = reverse("wagtailadmin_pages:edit", args=(story.pk,))
        resubmitted = self.client.post(edit, self.form("고친 원고", "action-submit"))
        self.assertLess(resubmitted.status_code, 400)
        response = self.autosave(story, "조금 더 고친 원고")

        # then the save answers in JSON (the story is locked while in review, as Wagtail
        # locks it for its author), the edit page opens, and the story is back in review
        self.assertEqual(response.status_code, 400, response.content[:300])
        self.assertEqual(response.json()["error_code"], "locked")
        self.assertEqual(self.client.get(edit).status_code, 200)
        state = StoryPage.objects.get(pk=story.pk).current_workflow_state
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)

    def test_a_workflow_between_tasks_does_not_break_the_editor(self):
        # given a resubmission caught between its two writes (Wagtail's resume() saves the
        # workflow with no current task before it starts the task again)
        self.client.force_login(self.cc)
        add = reverse(
            "wagtailadmin_pages:add", args=("cms_pages", "storypage", self.tree.stories.pk)
        )
        self.client.post(add, self.form("첫 원고", "action-submit"))
        story = StoryPage.objects.get(slug="마을-빵집의-새벽")
        self.request_changes(story)
        WorkflowState.objects.filter(pk=story.current_workflow_state.pk).update(
            current_task_state=None, status=WorkflowState.STATUS_IN_PROGRESS
        )
        # when the autosave or the page editor asks for the status, then no 500
        response = self.autosave(story, "고친 원고")
        self.assertEqual(response.status_code, 200, response.content[:300])
        edit = reverse("wagtailadmin_pages:edit", args=(story.pk,))
        self.assertEqual(self.client.get(edit).status_code, 200)

"""Editors build a self-check in the Wagtail admin, without code: dimensions, questions with a
condition, scores and result rules; then a reader takes it."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from health.models import Dimension, HealthCheckPage
from tests.factories.pages import PageTree


def listblock(items):
    return {
        "count": len(items),
        **{i: {"value": item, "deleted": "", "order": i, "id": ""} for i, item in enumerate(items)},
    }


def answer(key, label, **scores):
    return {
        "key": key,
        "label": label,
        "scores": listblock([{"dimension": d, "points": p} for d, p in scores.items()]),
    }


def question(key, text, kind, answers, show_if=("", "")):
    return (
        "question",
        {
            "key": key,
            "text": text,
            "help": "",
            "kind": kind,
            "required": "on",
            "answers": listblock(answers),
            "show_if_question": show_if[0],
            "show_if_answers": show_if[1],
        },
    )


class EditorBuildsACheckTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = PageTree()

    def setUp(self):
        self.login()

    def test_a_dimension_snippet_then_a_check_with_a_conditional_question_and_a_rule(self):
        # the editor adds a dimension in Snippets
        response = self.client.post(
            "/cms/snippets/health/dimension/add/",
            {
                "name": "수면",
                "slug": "sleep",
                "explanation": "잠이 편한지 봅니다.",
                "sort_order": 0,
            },
        )
        self.assertEqual(response.status_code, 302)
        sleep = Dimension.objects.get(slug="sleep")
        # the question editor offers it
        form = self.client.get(f"/cms/pages/add/health/healthcheckpage/{self.tree.home.pk}/")
        self.assertContains(form, "수면")

        self.assertCanCreate(
            self.tree.home,
            HealthCheckPage,
            nested_form_data(
                {
                    "title": "잠 체크",
                    "slug": "잠-체크",
                    "kind": "quick",
                    "intro": rich_text(""),
                    "questions": streamfield(
                        [
                            question(
                                "bed",
                                "잠드는 데 오래 걸리나요?",
                                "single",
                                [answer("a", "아니요", sleep=0), answer("b", "네", sleep=3)],
                            ),
                            question(
                                "night",
                                "밤에 자주 깨나요?",
                                "scale",
                                [answer("1", "1", sleep=0), answer("5", "5", sleep=4)],
                                show_if=("bed", "b"),
                            ),
                        ]
                    ),
                    "rules": inline_formset(
                        [
                            {
                                "dimension": sleep.pk,
                                "min_score": 5,
                                "max_score": "",
                                "advice": "잠자리 습관을 함께 바꿔 봐요.",
                                "warning": "",
                                "service_group": "",
                                "category": "",
                                "story_tag": "",
                                "group_theme": "sleep",
                                "event_kind": "",
                            }
                        ]
                    ),
                }
            ),
        )
        check = HealthCheckPage.objects.get(slug="잠-체크")
        questions = check.engine_questions()
        self.assertEqual([q.key for q in questions], ["bed", "night"])
        self.assertEqual(questions[1].show_if_answers, frozenset({"b"}))
        self.assertEqual(questions[0].answer("b").scores, {"sleep": 3})

        # a reader who cannot fall asleep and wakes at night gets the rule's advice
        self.client.logout()
        response = self.client.post(check.url, {"q-bed": "b", "q-night": "5"}, follow=True)
        self.assertContains(response, "잠자리 습관을 함께 바꿔 봐요.")
        self.assertContains(response, "잠이 편한지 봅니다.")
        # one who falls asleep easily never sees, nor scores, the follow-up
        response = self.client.post(check.url, {"q-bed": "a", "q-night": "5"}, follow=True)
        self.assertNotContains(response, "잠자리 습관을 함께 바꿔 봐요.")

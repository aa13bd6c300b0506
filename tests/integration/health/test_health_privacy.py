"""Health answers are sensitive: nothing kept without consent, and deletion really deletes."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import TestCase
from django.utils import timezone

from health.models import HealthCheckPage, SavedResult
from health.services import results_purge_expired
from search.registry import registry
from tests.factories.commerce import PASSWORD, create_customer
from tests.factories.health import HealthTree

ANSWERS = {"q-walk": "b", "q-mood": "a", "q-sleep": "2", "region": ""}


class SavingResultsTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = HealthTree()
        cls.check = cls.tree.check
        cls.hana = create_customer("hana@example.kr")
        cls.other = create_customer("dul@example.kr")

    def result_url(self):
        return self.check.url + "result/"

    def save_url(self):
        return self.check.url + "save/"

    def test_taking_the_check_stores_nothing_that_identifies_the_person(self):
        self.client.login(username="hana", password=PASSWORD)
        self.client.post(self.check.url, ANSWERS)
        self.assertFalse(SavedResult.objects.exists())
        # the server-side session holds no score and no answer
        for session in Session.objects.all():
            data = session.get_decoded()
            self.assertFalse({"s", "scores", "walk", "q-walk"} & set(map(str, data)))
            self.assertNotIn("activity", str(data))

    def test_answers_are_masked_in_error_reports(self):
        from django.views.debug import SafeExceptionReporterFilter

        response = self.client.post(self.check.url, ANSWERS)
        request = response.wsgi_request
        shown = SafeExceptionReporterFilter().get_post_parameters(request)
        masked = SafeExceptionReporterFilter.cleansed_substitute
        self.assertEqual((shown["q-walk"], shown["q-mood"]), (masked, masked))

    def test_without_consent_nothing_is_saved(self):
        self.client.login(username="hana", password=PASSWORD)
        self.client.post(self.check.url, ANSWERS)
        response = self.client.post(self.save_url(), {}, follow=True)
        self.assertContains(response, "동의하지 않으셔서 결과를 저장하지 않았습니다.")
        self.assertFalse(SavedResult.objects.exists())

    def test_a_signed_out_person_is_asked_to_log_in_and_nothing_is_saved(self):
        self.client.post(self.check.url, ANSWERS)
        response = self.client.get(self.result_url())
        self.assertContains(response, "아무것도 저장되지 않았습니다.")
        response = self.client.post(self.save_url(), {"consent": "yes"})
        self.assertIn("/accounts/login/", response["Location"])
        self.assertFalse(SavedResult.objects.exists())

    def test_with_consent_the_scores_are_kept_for_the_stated_period_and_listed(self):
        self.client.login(username="hana", password=PASSWORD)
        self.client.post(self.check.url, ANSWERS)
        result_page = self.client.get(self.result_url())
        self.assertContains(result_page, "보관 기간: 365일 뒤 삭제")
        response = self.client.post(self.save_url(), {"consent": "yes"}, follow=True)
        self.assertContains(response, "결과를 저장했습니다.")
        saved = SavedResult.objects.get(user=self.hana)
        self.assertEqual(saved.scores, {"activity": 4, "mood": 0, "sleep": 1})
        self.assertIn("365일", saved.consent_text)
        self.assertAlmostEqual(
            saved.expires_at,
            timezone.now() + datetime.timedelta(days=365),
            delta=datetime.timedelta(minutes=1),
        )
        self.assertContains(response, "1분 건강 체크")
        self.assertContains(response, "신체 활동: 4")

    def test_deleting_a_result_removes_the_row_and_nobody_else_can_delete_it(self):
        saved = SavedResult.objects.create(
            user=self.hana,
            check_page=self.check,
            scores={"activity": 4},
            consent_text="동의",
            expires_at=timezone.now() + datetime.timedelta(days=365),
        )
        self.client.login(username="dul", password=PASSWORD)
        self.client.post(f"/health/results/{saved.pk}/delete/")
        self.assertTrue(SavedResult.objects.filter(pk=saved.pk).exists())
        self.assertNotContains(self.client.get("/health/results/"), "신체 활동")

        self.client.login(username="hana", password=PASSWORD)
        response = self.client.post(f"/health/results/{saved.pk}/delete/", follow=True)
        self.assertContains(response, "결과를 삭제했습니다.")
        self.assertContains(response, "보관한 결과가 없습니다.")
        self.assertFalse(SavedResult.objects.filter(pk=saved.pk).exists())

    def test_expired_results_are_purged(self):
        SavedResult.objects.create(
            user=self.hana,
            check_page=self.check,
            scores={"activity": 1},
            consent_text="동의",
            expires_at=timezone.now() - datetime.timedelta(days=1),
        )
        self.assertEqual(results_purge_expired(), 1)
        self.assertFalse(SavedResult.objects.exists())

    def test_deleting_the_account_deletes_its_results(self):
        user = create_customer("set@example.kr")
        SavedResult.objects.create(
            user=user,
            check_page=self.check,
            scores={"activity": 1},
            consent_text="동의",
            expires_at=timezone.now() + datetime.timedelta(days=1),
        )
        get_user_model().objects.filter(pk=user.pk).delete()
        self.assertFalse(SavedResult.objects.exists())

    def test_self_checks_never_reach_the_search_index(self):
        self.assertEqual(registry.for_model(HealthCheckPage), [])
        self.assertEqual(registry.for_model(SavedResult), [])

    def test_operators_see_only_aggregate_statistics(self):
        self.client.post(self.check.url, ANSWERS)
        admin = get_user_model().objects.create_superuser("ops", "ops@example.kr", PASSWORD)
        self.client.force_login(admin)
        response = self.client.get("/cms/health/stats/")
        self.assertContains(response, "1회 참여")
        self.assertNotContains(response, "하루 이하")  # no answer text
        self.client.force_login(self.hana)
        self.assertNotEqual(self.client.get("/cms/health/stats/").status_code, 200)

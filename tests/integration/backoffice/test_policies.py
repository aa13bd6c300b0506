"""The operating principles and ethics code are editable, versioned texts: the application
forms show them (and link them), and an application stores the version the applicant saw."""

import re

from django.contrib.auth import get_user_model
from django.test import TestCase

from commerce.core.models import PolicyText
from commerce.mc.models import MarketCreator
from commerce.membership.models import PartnerApplication
from tests.factories.commerce import create_customer
from tests.integration.commerce.membership.test_commerce_membership import application_form


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


class PoliciesTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.editor = get_user_model().objects.create_superuser(
            username="editor", email="editor@thecen.kr", password="pw-editor-123"
        )

    def publish_new_principles(self, text):
        policy = PolicyText.objects.get(kind="principles")
        policy.body = f"<p>{text}</p>"
        policy.version_label = "2026-02"
        policy.save_revision(user=self.editor).publish()
        return PolicyText.objects.get(pk=policy.pk)

    def test_the_form_shows_the_texts_and_links_them(self):
        page = self.client.get("/partners/apply/")
        self.assertContains(page, "운영원칙")
        self.assertContains(page, "윤리강령")
        self.assertContains(page, "사회적경제 조직이 서로 사고팔며")  # the text itself
        self.assertContains(page, 'href="/policies/principles/"')
        self.assertContains(self.client.get("/policies/ethics/"), "공정한 대가")
        self.client.force_login(create_customer("reader@example.kr"))
        self.assertContains(self.client.get("/mc/apply/"), "운영원칙")

    def test_an_edit_is_a_new_version_and_the_application_stores_the_one_shown(self):
        policy = self.publish_new_principles("입점사는 매달 재고를 점검합니다.")
        page = self.client.get("/partners/apply/").content.decode()
        self.assertIn("입점사는 매달 재고를 점검합니다.", page)
        shown = hidden(page, "principles_version")
        self.assertEqual(shown, f"2026-02 r{policy.live_revision_id}")

        data = application_form(
            principles_version=shown,
            ethics_version=hidden(page, "ethics_version"),
            email="policy@haessal.kr",  # a public form mails each address once a day
        )
        self.client.post("/partners/apply/", data)
        application = PartnerApplication.objects.get()
        self.assertEqual(application.principles_version, shown)
        self.assertEqual(application.principles_revision_id, policy.live_revision_id)
        # the exact text accepted can be read back from the revision
        accepted = application.principles_revision.as_object()
        self.assertIn("매달 재고를 점검", accepted.body)
        self.assertEqual(application.ethics_version, "2026-01")

    def test_a_text_changed_while_filling_in_the_form_is_accepted_again(self):
        page = self.client.get("/partners/apply/").content.decode()
        shown = hidden(page, "principles_version")
        self.publish_new_principles("바뀐 운영원칙")
        response = self.client.post(
            "/partners/apply/",
            application_form(
                principles_version=shown, ethics_version="2026-01", email="late@haessal.kr"
            ),
        )
        self.assertContains(response, "바뀌었습니다")
        self.assertContains(response, "바뀐 운영원칙")
        self.assertFalse(PartnerApplication.objects.exists())

    def test_an_mc_application_stores_the_versions_too(self):
        policy = self.publish_new_principles("MC도 같은 원칙을 지킵니다.")
        user = create_customer("mc@example.kr")
        self.client.force_login(user)
        page = self.client.get("/mc/apply/").content.decode()
        self.client.post(
            "/mc/apply/",
            {
                "name": "김동네",
                "kind": "corporate",
                "email": "policy-mc@example.kr",
                "phone": "010-3333-4444",
                "payout-bank": "신협",
                "payout-account_number": "131012345678",
                "payout-holder": "동네협동조합",
                "accept_principles": "on",
                "accept_ethics": "on",
                "principles_version": hidden(page, "principles_version"),
                "ethics_version": hidden(page, "ethics_version"),
            },
        )
        mc = MarketCreator.objects.get()
        self.assertEqual(mc.principles_revision_id, policy.live_revision_id)
        self.assertIsNotNone(mc.policies_accepted_at)

    def test_editors_edit_the_texts_in_the_admin(self):
        self.client.force_login(self.editor)
        listing = self.client.get("/cms/snippets/commerce_core/policytext/")
        self.assertContains(listing, "운영원칙")
        policy = PolicyText.objects.get(kind="ethics")
        edit = self.client.get(f"/cms/snippets/commerce_core/policytext/edit/{policy.pk}/")
        self.assertEqual(edit.status_code, 200)

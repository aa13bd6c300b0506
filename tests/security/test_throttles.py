"""Throttles: a login lock-out on the three login forms, per-client limits on the public forms
(on the shared cache), one registration per contact, and one mail to an address nobody has
proved is theirs."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, RequestFactory, TestCase, override_settings
from oscar.core.loading import get_model

from commerce.core.models import SIGNUP_POLICIES
from commerce.core.policies import policies_shown
from commerce.membership.brn import brn_check_digit
from commerce.membership.models import PartnerApplication
from health.models import GroupMembership
from tests.factories.commerce import create_customer, create_goods, create_service
from tests.factories.health import HealthTree
from tests.factories.pages import PageTree
from thecen.clientip import client_ip

Partner = get_model("partner", "Partner")
PASSWORD = "a-right-password-42"
FAILURES = settings.AXES_FAILURE_LIMIT


def brn(n: int) -> str:
    first_nine = f"{220810100 + n:09d}"  # serial 0000 is not a real number
    return first_nine + str(brn_check_digit(first_nine))


def policy_versions() -> dict:
    """The versions of the principles and ethics code the form shows, sent back with it."""
    return {f"{kind}_version": policy.version for kind, policy in policies_shown().items()}


def application(n: int, **overrides):
    return {
        "name": f"햇살돌봄 {n}호 협동조합",
        "kind": "cooperative",
        "brn": brn(n),
        "representative": "이햇살",
        "contact_name": "박담당",
        "phone": "02-765-4321",
        "email": f"office{n}@haessal.example",
        "postcode": "04524",
        "address": "서울특별시 중구 세종대로 110",
        "accept_principles": "on",
        "accept_ethics": "on",
        **policy_versions(),
        **overrides,
    }


LOGIN_FORMS = [
    # (login page, its field names, who signs in there)
    ("/accounts/login/", "login-username", "login-password", {"login_submit": "1"}, False),
    ("/dashboard/login/", "username", "password", {}, True),
    ("/cms/login/", "username", "password", {}, True),
]


@pytest.mark.parametrize("url,user_field,password_field,extra,staff", LOGIN_FORMS)
@pytest.mark.django_db
def test_login_locks_after_the_failure_limit_for_that_account_and_address(
    url, user_field, password_field, extra, staff
):
    user = get_user_model().objects.create_user(
        username="haessal", email="office@haessal.example", password=PASSWORD, is_staff=staff
    )
    if staff:
        user.is_superuser = True
        user.save()
    login = user.email if user_field == "login-username" else user.username

    def attempt(password, address="203.0.113.7"):
        client = Client(REMOTE_ADDR=address)
        response = client.post(url, {user_field: login, password_field: password, **extra})
        return response, "_auth_user_id" in client.session

    answers = [attempt(f"wrong-{i}")[0].status_code for i in range(FAILURES)]
    locked, signed_in = attempt(PASSWORD)
    print(
        f"\n{url}: {FAILURES} wrong passwords answered {sorted(set(answers))}; "
        f"then the right one: {locked.status_code}"
    )

    # the wrong passwords are answered by the form until the limit is reached, which locks
    assert all(code < 400 for code in answers[: FAILURES - 1])
    assert answers[-1] == 429
    assert not signed_in  # the right password no longer works from there
    assert locked.status_code == 429
    assert "로그인" in locked.content.decode()
    # The same account from another address, or the next try after the cool-off, still works.
    _, elsewhere = attempt(PASSWORD, address="198.51.100.9")
    assert elsewhere


class PerClientLimitTest(TestCase):
    """Beyond each form's rate one client gets a Korean 429 with Retry-After and nothing is
    stored; another client is unaffected."""

    @classmethod
    def setUpTestData(cls):
        tree = PageTree(indexes=("events",))
        cls.event = tree.event(capacity=500)
        cls.customer = create_customer("buyer@example.kr")
        partner = Partner.objects.create(name="가나", code="ga")
        cls.service = create_service(partner=partner)
        create_goods(partner=partner, title="가나 쌀", price=1000, stock=1)

    def flood(self, url, data_for, rate: str, login=False):
        limit = int(rate.split("/")[0])
        client = Client(REMOTE_ADDR="203.0.113.50")
        if login:
            client.force_login(self.customer)
        answers = [client.post(url, data_for(i)).status_code for i in range(limit + 1)]
        return answers, limit

    def rate(self, scope):
        return next(r for name, _, r in settings.THECEN_THROTTLE if name == scope)

    def assert_limited(self, answers, limit, label):
        print(f"\n{label}: {limit} accepted, request {limit + 1} answered {answers[-1]}")
        self.assertTrue(all(code != 429 for code in answers[:limit]), answers)
        self.assertEqual(answers[-1], 429)

    def test_partner_applications(self):
        rate = self.rate("partner-apply")
        answers, limit = self.flood("/partners/apply/", application, rate)
        self.assert_limited(answers, limit, f"partner applications ({rate})")
        self.assertEqual(PartnerApplication.objects.count(), limit)
        other = Client(REMOTE_ADDR="198.51.100.1").post("/partners/apply/", application(99))
        self.assertNotEqual(other.status_code, 429)

    def test_event_registrations(self):
        rate = self.rate("event-register")
        url = f"{self.event.url}register/"
        answers, limit = self.flood(
            url, lambda i: {"name": f"참가자{i}", "phone": f"010-1000-{i:04d}"}, rate
        )
        self.assert_limited(answers, limit, f"event registrations ({rate})")
        self.assertEqual(self.event.registrations.count(), limit)
        refused = Client(REMOTE_ADDR="203.0.113.50").post(url, {"name": "x", "phone": "010"})
        self.assertIn("잠시 후", refused.content.decode())
        self.assertTrue(refused["Retry-After"].isdigit())

    def test_consultations(self):
        rate = self.rate("consultation")
        url = f"/services/{self.service.product_id}/ask/"
        answers, limit = self.flood(url, lambda i: {"question": f"질문 {i}"}, rate, login=True)
        self.assert_limited(answers, limit, f"consultations ({rate})")

    def test_sign_ups(self):
        rate = self.rate("signup")

        def sign_up(i):
            return {
                "registration-email": f"new{i}@example.kr",
                "registration-password1": "a-long-pass-phrase-1",
                "registration-password2": "a-long-pass-phrase-1",
                "registration-accept_terms": "on",
                "registration-accept_privacy": "on",
                **{
                    f"registration-{kind}_version": policy.version
                    for kind, policy in policies_shown(SIGNUP_POLICIES).items()
                },
                "registration_submit": "1",
            }

        answers, limit = self.flood("/accounts/login/", sign_up, rate)
        self.assert_limited(answers, limit, f"sign-ups ({rate})")
        self.assertEqual(get_user_model().objects.filter(email__startswith="new").count(), limit)

    def test_mc_applications(self):
        rate = self.rate("mc-apply")
        answers, limit = self.flood("/mc/apply/", lambda i: {"name": ""}, rate, login=True)
        self.assert_limited(answers, limit, f"MC applications ({rate})")


PROXY = "10.0.0.5"  # the operator's nginx: every request reaches the app servers from here


def through_proxy(client_address: str, written_by_client: str = "") -> Client:
    """A shopper at client_address, reaching the site through one proxy that appends the address
    it was reached from to X-Forwarded-For (a client may have sent a header of its own)."""
    forwarded = f"{written_by_client}, {client_address}" if written_by_client else client_address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


@pytest.mark.parametrize(
    "hops,forwarded,seen",
    [
        (0, "203.0.113.5", PROXY),  # no proxy configured: the header is anyone's to write
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "192.0.2.1, 203.0.113.5", "203.0.113.5"),  # the client's own entry is ignored
        (2, "192.0.2.1, 203.0.113.5, 10.0.0.9", "203.0.113.5"),  # CDN, then nginx
        (2, "203.0.113.5", PROXY),  # fewer entries than proxies: only the peer is known
        (1, "", PROXY),
        (1, "not-an-address", PROXY),
        (1, "2001:db8::7", "2001:db8::7"),
    ],
)
def test_the_client_is_read_from_as_many_entries_as_there_are_proxies(hops, forwarded, seen):
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(THECEN_PROXY_HOPS=hops):
        assert client_ip(request) == seen


@override_settings(THECEN_PROXY_HOPS=1)
class BehindAProxyTest(TestCase):
    """Behind the proxy every request comes from its address: the limits and the lock-out must
    still count each shopper apart, and a shopper must not dodge them by writing the header."""

    def test_one_shoppers_applications_do_not_close_the_form_for_the_next(self):
        limit = int(next(r for n, _, r in settings.THECEN_THROTTLE if n == "partner-apply")[0])
        first = [
            through_proxy("203.0.113.50").post("/partners/apply/", application(i)).status_code
            for i in range(limit + 1)
        ]
        second = through_proxy("198.51.100.20").post("/partners/apply/", application(50))
        print(f"\nbehind a proxy: one shopper {first}, the next shopper {second.status_code}")
        self.assertEqual(first[-1], 429)
        self.assertNotEqual(second.status_code, 429)
        self.assertEqual(PartnerApplication.objects.count(), limit + 1)

    def test_an_address_written_by_the_client_is_not_believed(self):
        limit = int(next(r for n, _, r in settings.THECEN_THROTTLE if n == "partner-apply")[0])
        answers = [
            through_proxy("203.0.113.50", written_by_client=f"192.0.2.{i}")
            .post("/partners/apply/", application(i))
            .status_code
            for i in range(limit + 1)
        ]
        self.assertEqual(answers[-1], 429, answers)
        self.assertEqual(PartnerApplication.objects.count(), limit)

    def test_a_strangers_wrong_passwords_do_not_lock_the_member_out_everywhere(self):
        get_user_model().objects.create_user(
            username="haessal", email="office@haessal.example", password=PASSWORD
        )
        form = {"login-username": "office@haessal.example", "login_submit": "1"}
        stranger = through_proxy("203.0.113.66")
        answers = [
            stranger.post("/accounts/login/", {**form, "login-password": f"wrong-{i}"}).status_code
            for i in range(FAILURES)
        ]
        self.assertEqual(answers[-1], 429)
        self.assertEqual(
            stranger.post("/accounts/login/", {**form, "login-password": PASSWORD}).status_code,
            429,
        )
        member = through_proxy("198.51.100.30")
        member.post("/accounts/login/", {**form, "login-password": PASSWORD})
        self.assertIn("_auth_user_id", member.session)


class PerContactCapTest(TestCase):
    @classmethod
    def setUpTestData(cls):
        tree = HealthTree()
        cls.group = tree.group(capacity=1)
        cls.event = PageTree(indexes=("events",), home=tree.home).event(capacity=30)

    def test_one_registration_per_phone_or_email_per_event(self):
        url = f"{self.event.url}register/"
        for i, contact in enumerate(
            [
                {"phone": "010-1234-5678"},
                {"phone": "010-1234-5678", "email": "a@example.kr"},
                {"email": "b@example.kr"},
                {"email": "B@Example.kr"},
            ]
        ):
            Client(REMOTE_ADDR=f"203.0.113.{i}").post(url, {"name": f"참가{i}", **contact})
        self.assertEqual(self.event.registrations.count(), 2)

    def test_one_membership_per_person_per_group(self):
        person = create_customer("joiner@example.kr")
        client = Client()
        client.force_login(person)
        for _ in range(5):
            client.post(f"{self.group.url}join/")
        self.assertEqual(GroupMembership.objects.filter(group_id=self.group.pk).count(), 1)


class UnverifiedAddressTest(TestCase):
    def test_an_address_typed_into_a_form_gets_one_confirmation(self):
        victim = "victim@elsewhere.example"
        with self.captureOnCommitCallbacks(execute=True):
            for n in range(4):
                Client(REMOTE_ADDR=f"203.0.113.{n}").post(
                    "/partners/apply/", application(n, email=victim)
                )
        self.assertEqual(PartnerApplication.objects.filter(email=victim).count(), 4)
        to_victim = [m for m in mail.outbox if victim in m.to]
        print(f"\nmail to an unverified address: {len(to_victim)} for 4 applications")
        self.assertEqual(len(to_victim), 1)

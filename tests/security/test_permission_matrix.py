"""The permission matrix, as data: every role × every resource × read/write, each cell asserted
allowed or refused.

A cell is *refused* when the answer is 403 or 404, or a redirect to a login page (or, inside
the Wagtail admin, back to its home page with "no permission"); anything else below 500 is
*allowed*. Writes run inside a savepoint that is rolled back, so every cell starts from the
same world; for the writes that matter most the world is checked too (an order's status, an
MC's approval), so a refused write must also have changed nothing.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.test import Client
from oscar.core.loading import get_model

from commerce.bookings.models import Booking
from commerce.mc.models import MarketCreator
from commerce.membership.models import DuesInvoice, PartnerApplication
from tests.security.world import SecurityWorld

Order = get_model("order", "Order")
ROLES = (
    "anonymous",
    "customer",
    "cc",
    "editor",
    "operator",
    "partner_a",
    "partner_b",
    "mc",
    "suspended",
)
ALL = frozenset(ROLES)
USERS = ALL - {"anonymous"}
NOBODY = frozenset()
OPERATOR = frozenset({"operator"})
PARTNERS = frozenset({"partner_a", "partner_b", "suspended"})
DASHBOARD = PARTNERS | OPERATOR
EDITORIAL = frozenset({"editor", "operator"})
CMS = frozenset({"cc", "editor", "operator", "mc"})
LOGIN_PATHS = ("/accounts/login/", "/dashboard/login/", "/cms/login/", "/django-admin/login/")


@dataclass(frozen=True)
class Cell:
    name: str
    url: str
    allowed: frozenset
    method: str = "get"
    data: dict = field(default_factory=dict)
    # For writes: a function of the world that must return the same before and after a
    # refused write.
    state: object = None


def refused(response, url: str) -> bool:
    if response.status_code in (403, 404):
        return True
    if response.status_code in (301, 302, 303):
        location = response["Location"]
        if any(location.startswith(p) or f"{p}?" in location for p in LOGIN_PATHS):
            return True
        if url.startswith("/cms/") and location.rstrip("/").endswith("/cms"):
            return True  # Wagtail's "Sorry, you do not have permission"
    return False


class PermissionMatrixTest(SecurityWorld):
    # -- the matrix ------------------------------------------------------------------------

    def cells(self) -> list[Cell]:
        a, b, s = self.goods_a, self.goods_b, self.goods_s
        order_a, shared = self.order_a, self.shared_order
        line_a = order_a.lines.get()
        order_status = lambda: Order.objects.get(pk=order_a.pk).status  # noqa: E731
        mc_status = lambda: MarketCreator.objects.get(pk=self.pending_mc.pk).status  # noqa: E731
        app_status = lambda: PartnerApplication.objects.get(pk=self.application.pk).status  # noqa: E731
        dues_status = lambda: DuesInvoice.objects.get(pk=self.invoice.pk).status  # noqa: E731
        booking_status = lambda: Booking.objects.get(pk=self.booking.pk).status  # noqa: E731
        reads = [
            # storefront
            Cell("home", "/", ALL),
            Cell("story", self.story.url, ALL),
            Cell("event", self.event.url, ALL),
            Cell("catalogue", "/catalogue/", ALL),
            Cell("product A", a.get_absolute_url(), ALL),
            # Hidden while the partner is suspended: not found for everyone but staff (the
            # secretariat checks what comes back when the suspension is lifted), the
            # suspended partner included.
            Cell("suspended partner's product page", s.get_absolute_url(), OPERATOR),
            Cell("basket", "/basket/", ALL),
            Cell("search", "/search/?q=쌀", ALL),
            Cell("partner application", "/partners/apply/", ALL),
            Cell("MC application", "/mc/apply/", USERS),
            # the customer's account
            Cell("account", "/accounts/", USERS),
            Cell("profile", "/accounts/profile/", USERS),
            Cell("order history", "/accounts/orders/", USERS),
            Cell("customer's order", f"/accounts/orders/{order_a.number}/", {"customer"}),
            Cell("my bookings", "/accounts/bookings/", USERS),
            Cell("addresses", "/accounts/addresses/", USERS),
            # the Wagtail admin
            Cell("cms home", "/cms/", CMS),
            Cell("cms page explorer", "/cms/pages/", CMS),
            Cell("cms edit story", f"/cms/pages/{self.story.pk}/edit/", {"cc", *EDITORIAL}),
            Cell("cms images", "/cms/images/", CMS),
            Cell("cms MC list", "/cms/mc/marketcreator/", EDITORIAL),
            Cell("cms MC review", f"/cms/mc/{self.pending_mc.pk}/review/", OPERATOR),
            Cell("cms MC payout", f"/cms/mc/{self.mc.pk}/payout/", OPERATOR),
            Cell("cms commission rules", "/cms/mc/commissionrule/", OPERATOR),
            Cell("cms MC ledger", "/cms/mc/ledgerentry/", OPERATOR),
            Cell("cms payout statements", "/cms/mc/payoutstatement/", OPERATOR),
            Cell("cms applications", "/cms/membership/partnerapplication/", OPERATOR),
            Cell(
                "cms application review",
                f"/cms/membership/applications/{self.application.pk}/review/",
                OPERATOR,
            ),
            Cell("cms memberships", "/cms/membership/membership/", OPERATOR),
            Cell("cms dues", "/cms/membership/duesinvoice/", OPERATOR),
            Cell("cms dues paid", f"/cms/membership/dues/{self.invoice.pk}/paid/", OPERATOR),
            Cell("cms registrations", "/cms/cms_pages/eventregistration/", EDITORIAL),
            Cell("cms CC profiles", "/cms/cms_pages/contentcreatorprofile/", EDITORIAL),
            Cell("cms users", "/cms/users/", OPERATOR),
            Cell("cms groups", "/cms/groups/", OPERATOR),
            Cell("cms settings: sites", "/cms/sites/", OPERATOR),
            Cell("cms search queries (every admin user, by design)", "/cms/search-queries/", CMS),
            # exports
            Cell(
                "export: registrations (csv)",
                "/cms/cms_pages/eventregistration/?export=csv",
                EDITORIAL,
            ),
            Cell("export: MC list (xlsx)", "/cms/mc/marketcreator/?export=xlsx", EDITORIAL),
            Cell(
                "export: payout statements",
                "/cms/mc/payoutstatement/?export=csv",
                OPERATOR,
            ),
            Cell(
                "export: orders (partner's own)",
                "/dashboard/orders/?response_format=csv",
                DASHBOARD,
            ),
            Cell("export: MC's own statement", f"/mc/statements/{self.statement.pk}.csv", {"mc"}),
            Cell(
                "export: statement (operator)",
                f"/cms/mc/statements/{self.statement.pk}/csv/",
                OPERATOR,
            ),
            # the MC's page
            Cell("MC dashboard", "/mc/dashboard/", USERS),
            # Oscar's dashboard
            Cell("dashboard home", "/dashboard/", DASHBOARD),
            Cell("dashboard products", "/dashboard/catalogue/", DASHBOARD),
            Cell(
                "own product (A)",
                f"/dashboard/catalogue/products/{a.pk}/",
                {"partner_a", "operator"},
            ),
            Cell(
                "other's product (B)",
                f"/dashboard/catalogue/products/{b.pk}/",
                {"partner_b", "operator"},
            ),
            Cell("product create", "/dashboard/catalogue/products/create/", DASHBOARD),
            Cell("dashboard orders", "/dashboard/orders/", DASHBOARD),
            Cell(
                "order of A only", f"/dashboard/orders/{order_a.number}/", {"partner_a", "operator"}
            ),
            Cell(
                "order shared by A and B",
                f"/dashboard/orders/{shared.number}/",
                {"partner_a", "partner_b", "operator"},
            ),
            Cell(
                "A's order line",
                f"/dashboard/orders/{order_a.number}/lines/{line_a.pk}/",
                {"partner_a", "operator"},
            ),
            Cell("dashboard bookings", "/dashboard/bookings/", DASHBOARD),
            Cell(
                "A's service settings",
                f"/dashboard/services/{self.service_a.product_id}/",
                {"partner_a", "operator"},
            ),
            Cell("deposits", "/dashboard/deposits/", OPERATOR),
            Cell("membership page", "/dashboard/membership/", DASHBOARD),
            Cell("shipping policy", "/dashboard/shipping-policy/", DASHBOARD),
            Cell("dashboard users", "/dashboard/users/", OPERATOR),
            Cell("dashboard partners", "/dashboard/partners/", OPERATOR),
            Cell("partner A's settings", f"/dashboard/partners/{self.partner_a.pk}/", OPERATOR),
            Cell("dashboard reports", "/dashboard/reports/", OPERATOR),
            Cell("dashboard offers", "/dashboard/offers/", OPERATOR),
            Cell("dashboard vouchers", "/dashboard/vouchers/", OPERATOR),
            Cell("dashboard ranges", "/dashboard/ranges/", OPERATOR),
            Cell("dashboard categories", "/dashboard/catalogue/categories/", OPERATOR),
            Cell("dashboard product types", "/dashboard/catalogue/product-types/", OPERATOR),
            Cell("dashboard reviews", "/dashboard/reviews/", OPERATOR),
            Cell("dashboard flat pages", "/dashboard/pages/", OPERATOR),
            Cell("dashboard e-mails", "/dashboard/comms/", OPERATOR),
            Cell("dashboard shipping methods", "/dashboard/shipping/weight-based/", OPERATOR),
            Cell("order statistics (own orders)", "/dashboard/orders/statistics/", DASHBOARD),
            Cell("django admin", "/django-admin/", OPERATOR),
        ]
        writes = [
            Cell("add to basket", f"/basket/add/{a.pk}/", ALL, "post", {"quantity": 1}),
            Cell(
                "consultation",
                f"/services/{self.service_a.product_id}/ask/",
                USERS,
                "post",
                {"question": "토요일도 되나요?", "phone": "010-1234-5678"},
            ),
            Cell("partner application", "/partners/apply/", ALL, "post", {"name": ""}),
            Cell("MC application", "/mc/apply/", USERS, "post", {"name": ""}),
            Cell("profile edit", "/accounts/profile/edit/", USERS, "post", {"email": ""}),
            Cell(
                "cancel customer's booking",
                f"/accounts/bookings/{self.booking.pk}/cancel/",
                {"customer"},
                "post",
                {},
                booking_status,
            ),
            Cell("lock story", f"/cms/pages/{self.story.pk}/lock/", EDITORIAL, "post", {}),
            Cell(
                "approve MC",
                f"/cms/mc/{self.pending_mc.pk}/review/",
                OPERATOR,
                "post",
                {"decision": "approve", "code": "newmc"},
                mc_status,
            ),
            Cell(
                "approve partner",
                f"/cms/membership/applications/{self.application.pk}/review/",
                OPERATOR,
                "post",
                {"decision": "approve", "grade": self.invoice.membership.grade_id},
                app_status,
            ),
            Cell(
                "mark dues paid",
                f"/cms/membership/dues/{self.invoice.pk}/paid/",
                OPERATOR,
                "post",
                {},
                dues_status,
            ),
            Cell(
                "export registrations by POST",
                "/cms/cms_pages/eventregistration/?export=csv",
                EDITORIAL,
                "post",
                {},
            ),
            Cell(
                "bulk order status (Cancelled)",
                "/dashboard/orders/",
                OPERATOR,
                "post",
                {
                    "action": "change_order_statuses",
                    "new_status": "Cancelled",
                    "selected_order": [order_a.pk],
                },
                order_status,
            ),
            Cell(
                "bulk order status (Paid)",
                "/dashboard/orders/",
                OPERATOR,
                "post",
                {
                    "action": "change_order_statuses",
                    "new_status": "Paid",
                    "selected_order": [order_a.pk],
                },
                order_status,
            ),
            Cell(
                "order note on A's order",
                f"/dashboard/orders/{order_a.number}/",
                {"partner_a", "operator"},
                "post",
                {"order_action": "save_note", "message": "확인했습니다"},
            ),
            Cell(
                "order status on A's order",
                f"/dashboard/orders/{order_a.number}/",
                OPERATOR,
                "post",
                {"order_action": "change_order_status", "new_status": "Paid"},
                order_status,
            ),
            Cell(
                "edit A's product",
                f"/dashboard/catalogue/products/{a.pk}/",
                {"partner_a", "operator"},
                "post",
                {"title": ""},
            ),
            Cell(
                "delete B's product",
                f"/dashboard/catalogue/products/{b.pk}/delete/",
                {"partner_b", "operator"},
                "post",
                {},
            ),
            Cell(
                "A's service settings",
                f"/dashboard/services/{self.service_a.product_id}/",
                {"partner_a", "operator"},
                "post",
                {},
            ),
            Cell(
                # the deposits desk's second step: the ticked order, its amount as shown
                "confirm deposit",
                "/dashboard/deposits/confirm/",
                OPERATOR,
                "post",
                {
                    "order": order_a.number,
                    f"amount-{order_a.number}": str(order_a.total_incl_tax),
                    "step": "confirm",
                },
                order_status,
            ),
            Cell("shipping policy", "/dashboard/shipping-policy/", DASHBOARD, "post", {}),
            Cell(
                "dashboard user edit",
                f"/dashboard/users/{self.users['customer'].pk}/",
                OPERATOR,
                "post",
                {},
            ),
            Cell("create a partner", "/dashboard/partners/create/", OPERATOR, "post", {}),
            Cell("create a voucher", "/dashboard/vouchers/create/", OPERATOR, "post", {}),
        ]
        return [("read", c) for c in reads] + [("write", c) for c in writes]

    def answer(self, role: str, cell: Cell):
        client = Client(raise_request_exception=False)
        if role != "anonymous":
            client.force_login(self.users[role])
        before = cell.state() if cell.state else None
        with transaction.atomic():
            response = getattr(client, cell.method)(cell.url, cell.data)
            after = cell.state() if cell.state else None
            transaction.set_rollback(True)
        return response, before, after

    def test_every_role_on_every_resource(self):
        wrong = []
        size = 0
        for kind, cell in self.cells():
            for role in ROLES:
                size += 1
                response, before, after = self.answer(role, cell)
                expected = "allowed" if role in cell.allowed else "refused"
                if response.status_code >= 500:
                    got = f"server error {response.status_code}"
                elif cell.state:
                    # A write that matters is allowed when it took effect, whatever the page.
                    got = "allowed" if before != after else "refused"
                    if got == "allowed" and refused(response, cell.url):
                        got = f"refused, but changed {before!r} → {after!r}"
                elif refused(response, cell.url):
                    got = "refused"
                else:
                    got = "allowed"
                if got != expected:
                    wrong.append(
                        f"{role:>10} {kind:5} {cell.name} ({cell.url}): expected {expected}, "
                        f"got {got} [{response.status_code} {response.get('Location', '')}]"
                    )
        print(
            f"\npermission matrix: {len(ROLES)} roles × {size // len(ROLES)} resources = "
            f"{size} cells, {len(wrong)} wrong"
        )
        assert not wrong, "\n".join(wrong)

    def test_a_partner_sees_only_its_own_orders_in_lists_and_exports(self):
        for role, own, other in (
            ("partner_b", self.shared_order, self.order_a),
            ("suspended", None, self.order_a),
        ):
            client = Client()
            client.force_login(self.users[role])
            listing = client.get("/dashboard/orders/").content.decode()
            export = client.get("/dashboard/orders/?response_format=csv").content.decode()
            self.assertNotIn(other.number, listing)
            self.assertNotIn(other.number, export)
            if own:
                self.assertIn(own.number, listing)
                self.assertIn(own.number, export)
        client = Client()
        client.force_login(self.users["partner_b"])
        page = client.get(f"/dashboard/orders/{self.shared_order.number}/").content.decode()
        self.assertIn("다라 잼", page)
        self.assertNotIn("가나 쌀", page)  # partner A's line of the same order

    def test_nobody_can_buy_a_suspended_partners_goods(self):
        for role in ROLES:
            client = Client()
            if role != "anonymous":
                client.force_login(self.users[role])
            client.post(f"/basket/add/{self.goods_s.pk}/", {"quantity": 1})
            with self.subTest(role=role):
                self.assertEqual(client.get("/basket/").context["basket"].num_items, 0)

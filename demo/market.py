"""Demo orders in every fulfilment and settlement state, so `make run` shows them all.

The demo partner's goods, bought by the demo customer and each moved along through the real
services: 배송중 (with a tracking link), 배송완료, 구매확정 (not yet settled), 반품완료
(a change of mind, refunded less the return fee), and a paid statement for the settled ones.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_class, get_model

from commerce.fulfilment.models import Courier, LineFulfilment
from commerce.fulfilment.returns import return_accept, return_request
from commerce.fulfilment.services import line_confirm, line_deliver, line_prepare, line_ship
from commerce.membership.models import Grade
from commerce.settlement.models import FeeRate
from commerce.settlement.services import period_of, statement_create, statement_mark_paid
from demo.commerce import DEMO_BRN, GOODS, demo_order

Basket = get_model("basket", "Basket")
Product = get_model("catalogue", "Product")
PartnerApplication = get_model("membership", "PartnerApplication")
OrderCreator = get_class("order.utils", "OrderCreator")
OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
Selector = get_class("partner.strategy", "Selector")
NoShippingRequired = get_class("shipping.methods", "NoShippingRequired")

FEE_RATES = {"associate": "12", "regular": "10", "excellent": "8"}
STATES = ["shipped", "delivered", "confirmed", "returned", "settled"]


def _order(buyer, product):
    return demo_order(buyer=buyer, product=product).lines.get()


def load() -> None:
    for code, rate in FEE_RATES.items():
        grade = Grade.objects.filter(code=code).first()
        if grade is not None:
            FeeRate.objects.get_or_create(grade=grade, defaults={"rate": Decimal(rate)})
    application = PartnerApplication.objects.filter(brn=DEMO_BRN).first()
    partner = application.partner if application else None
    if partner is None or LineFulfilment.objects.filter(partner=partner).exists():
        return
    User = get_user_model()
    staff = partner.users.order_by("pk").first()
    buyer, _ = User.objects.get_or_create(
        username="demo-buyer", defaults={"email": "buyer@demo.example", "first_name": "이소비"}
    )
    products = list(Product.objects.filter(upc__in=[row[0] for row in GOODS]).order_by("upc"))
    lines = {state: _order(buyer, products[i % len(products)]) for i, state in enumerate(STATES)}
    cj = Courier.objects.filter(active=True).order_by("position").first()
    for number, (state, line) in enumerate(lines.items(), start=1):
        line_prepare(line=line, by=staff)
        line_ship(line=line, by=staff, courier=cj, tracking_number=f"64120000{number:04d}")
        if state != "shipped":
            line_deliver(line=line, by=staff)
    line_confirm(line=lines["settled"], by=buyer)
    request = return_request(
        line=lines["returned"],
        by=buyer,
        kind="return",
        reason_code="change_of_mind",
        reason="색이 생각과 달라 돌려보내고 싶어요.",
    )
    return_accept(request=request, by=staff)
    start, end = period_of(timezone.localdate())
    statement = statement_create(partner=partner, period_start=start, period_end=end, by=None)
    if statement is not None and statement.status == "due":
        statement_mark_paid(statement=statement, reference="신협 이체 0001", by=None)
    # confirmed after the statement: it waits for the next one
    line_confirm(line=lines["confirmed"], by=buyer)

"""Builders for the review tests: a real purchase through the checkout, a photo."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from PIL import Image

from commerce.fulfilment.services import line_confirm, line_ships
from commerce.orderpayments.services import order_payment_confirm
from tests.factories.commerce import checkout_pay
from tests.factories.fulfilment import deliver

Order = get_model("order", "Order")


def buy(client, *, customer, product, operator, paid: bool = True, confirmed: bool = True):
    """``customer`` buys one ``product`` by bank transfer; the operator confirms the deposit;
    when ``confirmed``, the goods are delivered and the customer confirms the purchase (구매확정),
    which is what gives the right to review."""
    client.force_login(customer)
    client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    checkout_pay(client, shipping=True)
    order = Order.objects.filter(user=customer).latest("pk")
    if paid:
        order_payment_confirm(order=order, by=operator)
        if confirmed:
            for line in order.lines.all():
                if line_ships(line):
                    deliver(line, operator)
                    line_confirm(line=line, by=customer)
    return order


def photo(name: str = "photo.png", *, size=(40, 30), fmt: str = "PNG") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")

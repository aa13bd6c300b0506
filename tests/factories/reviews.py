"""Builders for the review tests: a real purchase through the checkout, a photo."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.core.loading import get_model
from PIL import Image

from commerce.orderpayments.services import order_payment_confirm
from tests.factories.commerce import checkout_pay

Order = get_model("order", "Order")


def buy(client, *, customer, product, operator, paid: bool = True):
    """``customer`` buys one ``product`` by bank transfer; the operator confirms the deposit."""
    client.force_login(customer)
    client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    checkout_pay(client, shipping=True)
    order = Order.objects.filter(user=customer).latest("pk")
    if paid:
        order_payment_confirm(order=order, by=operator)
    return order


def photo(name: str = "photo.png", *, size=(40, 30), fmt: str = "PNG") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")

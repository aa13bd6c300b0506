"""Reads for shipping: zones of a postcode, and the charges of a basket or an order."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from oscar.core.loading import get_model

from .charges import Item, PartnerCharge, Policy, partner_charges
from .models import PostcodeZone, ProductShipping, ShippingPolicy

Partner = get_model("partner", "Partner")


def won(value) -> int:
    return int(Decimal(value or 0).quantize(Decimal("1"), rounding=ROUND_FLOOR))


def postcode_zones(postcode: str) -> set[str]:
    """The zone kinds ("jeju", "remote") a five-digit postcode falls in."""
    code = (postcode or "").strip().replace("-", "")
    if len(code) != 5 or not code.isdigit():
        return set()
    return set(
        PostcodeZone.objects.filter(postcode_from__lte=code, postcode_to__gte=code)
        .values_list("kind", flat=True)
        .distinct()
    )


def _policies(partner_ids) -> dict[int, Policy]:
    return {
        p.partner_id: Policy(
            base_fee=p.base_fee,
            free_over=p.free_over,
            jeju_fee=p.jeju_fee,
            remote_fee=p.remote_fee,
            bundled=p.bundled,
        )
        for p in ShippingPolicy.objects.filter(partner_id__in=partner_ids)
    }


def _items(rows) -> list[Item]:
    """rows: (partner_id, product, quantity, total) of lines that need shipping."""
    rows = [r for r in rows if r[0] is not None]
    terms = {
        t.product_id: t
        for t in ProductShipping.objects.filter(product_id__in={r[1].pk for r in rows})
    }
    items = []
    for partner_id, product, quantity, total in rows:
        term = terms.get(product.pk)
        items.append(
            Item(
                partner_id=partner_id,
                product_id=product.pk,
                quantity=quantity,
                total=won(total),
                extra_fee=term.extra_fee if term else 0,
                separate=term.separate if term else False,
            )
        )
    return items


def _ships(product) -> bool:
    return bool(product) and product.get_product_class().requires_shipping


def basket_charges(*, basket, postcode: str = "") -> list[PartnerCharge]:
    rows = [
        (
            line.stockrecord.partner_id if line.stockrecord_id else None,
            line.product,
            line.quantity,
            line.line_price_incl_tax_incl_discounts,
        )
        for line in basket.all_lines()
        if _ships(line.product)
    ]
    items = _items(rows)
    return partner_charges(
        items=items,
        policies=_policies({i.partner_id for i in items}),
        zones=postcode_zones(postcode),
    )


def order_charges(*, order) -> list[PartnerCharge]:
    """The same rules over an order's lines (as placed) and its delivery postcode."""
    lines = order.lines.select_related("product__product_class", "product__parent")
    rows = [
        (line.partner_id, line.product, line.quantity, line.line_price_incl_tax)
        for line in lines
        if _ships(line.product)
    ]
    items = _items(rows)
    address = order.shipping_address
    return partner_charges(
        items=items,
        policies=_policies({i.partner_id for i in items}),
        zones=postcode_zones(address.postcode if address else ""),
    )


def charges_with_partners(charges: list[PartnerCharge]) -> list[tuple[object, PartnerCharge]]:
    partners = Partner.objects.in_bulk({c.partner_id for c in charges})
    return [(partners.get(c.partner_id), c) for c in charges]


def partner_policy(*, partner) -> ShippingPolicy | None:
    return ShippingPolicy.objects.filter(partner=partner).first()

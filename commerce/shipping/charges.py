"""The shipping rules, written once: what each partner charges for its goods in one order.

Per partner (its goods in the order form one parcel when its policy bundles them):
- base fee, once per parcel; waived when the partner's goods reach ``free_over``;
- 제주 and 도서산간 surcharges, once per parcel, by the delivery postcode (both when both apply);
- a product's extra fee × quantity, always charged;
- goods marked "배송비 별도" add nothing here (paid to the courier on delivery) and alone
  make no parcel.
Services never ship: their lines are not given to these rules. All amounts are whole won.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    partner_id: int
    product_id: int
    quantity: int
    total: int  # the line's price in won, after discounts
    extra_fee: int = 0  # per unit
    separate: bool = False


@dataclass(frozen=True)
class Policy:
    base_fee: int = 0
    free_over: int | None = None
    jeju_fee: int = 0
    remote_fee: int = 0
    bundled: bool = True


FREE = Policy()


@dataclass(frozen=True)
class PartnerCharge:
    partner_id: int
    goods_total: int
    base: int
    surcharge: int
    extra: int
    waived: bool
    separate_items: int
    items: list[Item] = field(default_factory=list)

    @property
    def amount(self) -> int:
        return self.base + self.surcharge + self.extra


def partner_charges(
    *, items: list[Item], policies: dict[int, Policy], zones: set[str]
) -> list[PartnerCharge]:
    """One charge per partner with goods in ``items``, in the order partners first appear."""
    by_partner: dict[int, list[Item]] = {}
    for item in items:
        by_partner.setdefault(item.partner_id, []).append(item)
    charges = []
    for partner_id, its in by_partner.items():
        policy = policies.get(partner_id, FREE)
        shipped = [i for i in its if not i.separate]
        goods_total = sum(i.total for i in shipped)
        parcels = (1 if shipped else 0) if policy.bundled else len(shipped)
        waived = policy.free_over is not None and goods_total >= policy.free_over
        base = 0 if waived else policy.base_fee * parcels
        per_parcel = (policy.jeju_fee if "jeju" in zones else 0) + (
            policy.remote_fee if "remote" in zones else 0
        )
        charges.append(
            PartnerCharge(
                partner_id=partner_id,
                goods_total=goods_total,
                base=base,
                surcharge=per_parcel * parcels,
                extra=sum(i.extra_fee * i.quantity for i in shipped),
                waived=waived and parcels > 0 and policy.base_fee > 0,
                separate_items=len(its) - len(shipped),
                items=its,
            )
        )
    return charges

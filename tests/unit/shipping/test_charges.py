"""The shipping rules as a customer meets them: one parcel per partner, its fees, in won."""

from commerce.shipping.charges import Item, Policy, partner_charges

POLICY = Policy(base_fee=3000, free_over=50000, jeju_fee=3000, remote_fee=5000, bundled=True)


def charge(items, zones=(), policies=None):
    return partner_charges(items=items, policies=policies or {1: POLICY}, zones=set(zones))


def test_goods_of_one_partner_ship_as_one_parcel_with_one_base_fee():
    [c] = charge([Item(1, 10, 1, 12000), Item(1, 11, 2, 20000)])
    assert (c.base, c.surcharge, c.extra, c.amount) == (3000, 0, 0, 3000)


def test_free_above_the_amount_but_jeju_and_remote_surcharges_still_apply():
    [c] = charge([Item(1, 10, 1, 50000)], zones={"jeju", "remote"})
    assert c.waived and (c.base, c.surcharge, c.amount) == (0, 8000, 8000)


def test_without_bundling_each_line_is_a_parcel():
    policies = {1: Policy(base_fee=2500, jeju_fee=3000, bundled=False)}
    [c] = charge([Item(1, 10, 1, 1000), Item(1, 11, 1, 1000)], zones={"jeju"}, policies=policies)
    assert c.amount == 2 * 2500 + 2 * 3000


def test_extra_fee_per_unit_is_charged_even_when_shipping_is_free():
    [c] = charge([Item(1, 10, 3, 90000, extra_fee=2000)])
    assert (c.base, c.extra, c.amount) == (0, 6000, 6000)


def test_goods_with_shipping_paid_on_delivery_add_nothing_and_make_no_parcel():
    [c] = charge([Item(1, 10, 1, 70000, separate=True)], zones={"jeju"})
    assert (c.amount, c.separate_items) == (0, 1)


def test_each_partner_has_its_own_charge_and_a_partner_without_policy_ships_free():
    charges = charge([Item(1, 10, 1, 1000), Item(2, 20, 1, 1000)], zones={"jeju"})
    assert [(c.partner_id, c.amount) for c in charges] == [(1, 6000), (2, 0)]

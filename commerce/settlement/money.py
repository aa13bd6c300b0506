"""The one rounding rule of settlement: 원 미만 절사 (whole won, the fraction dropped).

Every rate applied to a KRW amount goes through ``won_floor``; nothing else rounds.
"""

from decimal import ROUND_FLOOR, Decimal


def won_floor(value) -> int:
    """Whole won, rounding down (a fee of 1,234.9원 is 1,234원)."""
    return int(Decimal(value).to_integral_value(rounding=ROUND_FLOOR))


def rate_of(amount: int, percent: Decimal) -> int:
    """``percent`` % of ``amount`` won, 원 미만 절사."""
    return won_floor(Decimal(amount) * Decimal(percent) / Decimal(100))

"""Korean business registration numbers (사업자등록번호).

python-stdnum's ``stdnum.kr.brn`` checks the length and the office/type components but not
the check digit, so the National Tax Service's check-digit rule is applied here on top.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.kr import brn

_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def brn_check_digit(first_nine: str) -> int:
    digits = [int(c) for c in first_nine]
    total = sum(d * w for d, w in zip(digits, _WEIGHTS, strict=True)) + (digits[8] * 5) // 10
    return (10 - total % 10) % 10


def brn_clean(value: str) -> str:
    """The 10 digits of a valid number, or a ValidationError a person can act on."""
    try:
        number = brn.validate(value)
    except StdnumError as error:
        raise ValidationError(
            _("Enter the 10-digit business registration number, e.g. 220-81-62517.")
        ) from error
    if brn_check_digit(number[:9]) != int(number[9]):
        raise ValidationError(
            _("This business registration number is not valid: please check the digits.")
        )
    return number


def brn_format(number: str) -> str:
    return brn.format(number)

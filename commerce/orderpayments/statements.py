"""A bank statement (입금 내역, CSV or XLSX as the bank's site exports it) read into deposits,
and each deposit proposed against the orders awaiting one, by amount and depositor name.

Nothing here confirms anything: the operator ticks the proposals and confirms them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from openpyxl import load_workbook

NAME_HEADERS = (
    "입금자",
    "보낸분",
    "보낸 분",
    "의뢰인",
    "기재내용",
    "적요",
    "내용",
    "depositor",
    "name",
)
AMOUNT_HEADERS = ("입금액", "입금금액", "맡기신금액", "맡기신 금액", "입금", "금액", "amount")
WHEN_HEADERS = ("거래일시", "거래일자", "일시", "일자", "날짜", "date")
MAX_ROWS = 5000


class StatementError(ValueError):
    pass


@dataclass(frozen=True)
class Deposit:
    row: int
    name: str
    amount: Decimal
    when: str = ""


@dataclass
class Proposal:
    deposit: Deposit
    payment: object | None = None  # the OrderPayment proposed, if one fits
    name_matches: bool = False
    candidates: list = field(default_factory=list)  # every payment of that amount


def _rows_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise StatementError(_("The file is neither UTF-8 nor CP949 text."))
    return [row for row in csv.reader(io.StringIO(text))]


def _rows_xlsx(data: bytes) -> list[list[str]]:
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    except Exception as error:  # openpyxl raises many kinds for a file that is not XLSX
        raise StatementError(_("This file could not be read as an Excel workbook.")) from error
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _column(header: list[str], names) -> int | None:
    cleaned = [h.strip().lower() for h in header]
    for name in names:  # the most specific name first
        for index, cell in enumerate(cleaned):
            if cell == name or (len(name) > 1 and name in cell):
                return index
    return None


def _amount(value: str) -> Decimal | None:
    digits = re.sub(r"[,\s원₩]", "", value or "")
    if not digits:
        return None
    try:
        amount = Decimal(digits)
    except InvalidOperation:
        return None
    return amount if amount > 0 and amount == amount.to_integral_value() else None


def _header(rows):
    """The header row (banks put a title above the table) and its two columns, or None."""
    for start, header in enumerate(rows[:20]):
        name_col, amount_col = _column(header, NAME_HEADERS), _column(header, AMOUNT_HEADERS)
        if name_col is not None and amount_col is not None and name_col != amount_col:
            return start, header, name_col, amount_col
    return None


def statement_read(*, filename: str, data: bytes) -> list[Deposit]:
    """The deposits of a statement file; rows without an incoming amount are skipped."""
    rows = _rows_xlsx(data) if filename.lower().endswith(".xlsx") else _rows_csv(data)
    found = _header(rows)
    if found is None:
        raise StatementError(
            _("No depositor and amount columns were found (e.g. 입금자명 and 입금액).")
        )
    start, header, name_col, amount_col = found
    when_col = _column(header, WHEN_HEADERS)
    deposits = []
    for number, row in enumerate(rows[start + 1 :][:MAX_ROWS], start=start + 2):
        cells = row + [""] * (len(header) - len(row))
        amount = _amount(cells[amount_col])
        if amount is None:
            continue
        deposits.append(
            Deposit(
                row=number,
                name=" ".join(cells[name_col].split()),
                amount=amount,
                when=cells[when_col].strip() if when_col is not None else "",
            )
        )
    return deposits


def _same_name(a: str, b: str) -> bool:
    a, b = re.sub(r"\s", "", a).lower(), re.sub(r"\s", "", b).lower()
    return bool(a and b) and (a == b or a in b or b in a)


def _payment_names(payment) -> list[str]:
    order = payment.order
    names = [payment.depositor_name]
    if order.user_id:
        names.append(order.user.get_full_name())
    address = order.shipping_address
    if address is not None:
        names.append(address.first_name)
    return [n for n in names if n]


def statement_match(*, deposits: list[Deposit], payments) -> list[Proposal]:
    """Propose, for each deposit, the awaiting order of that exact amount whose name fits
    (or the only one of that amount); each order is proposed once."""
    by_amount: dict[Decimal, list] = {}
    for payment in payments:
        by_amount.setdefault(payment.order.total_incl_tax, []).append(payment)
    taken: set[int] = set()
    proposals = []
    for deposit in deposits:
        candidates = [p for p in by_amount.get(deposit.amount, []) if p.pk not in taken]
        named = [
            p for p in candidates if any(_same_name(deposit.name, n) for n in _payment_names(p))
        ]
        chosen, name_matches = None, False
        if len(named) == 1:
            chosen, name_matches = named[0], True
        elif not named and len(candidates) == 1:
            chosen = candidates[0]
        if chosen is not None:
            taken.add(chosen.pk)
        proposals.append(
            Proposal(
                deposit=deposit, payment=chosen, name_matches=name_matches, candidates=candidates
            )
        )
    return proposals

"""Spreadsheets staff open in Excel: XLSX by default, CSV with a BOM, both safe and Korean.

- Cells that start with = + - @ (or a tab / carriage return) are prefixed with ' so that a
  name like =HYPERLINK(...) stays text instead of becoming a formula (CSV injection).
- Date-times are written in Asia/Seoul (the site's TIME_ZONE), as people read them.
- Booleans and choice codes should be turned into labels by the caller; None is empty.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone
from django.utils.encoding import escape_uri_path
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def cell_safe(value):
    """One cell's value, neutralised and localised; numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "예" if value else "아니오"
    if isinstance(value, (int, float, Decimal)):
        return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def csv_bytes(*, headers: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([cell_safe(h) for h in headers])
    for row in rows:
        writer.writerow([cell_safe(v) for v in row])
    # The BOM tells Korean Excel the file is UTF-8 (without it Excel shows mojibake).
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(*, headers: Sequence[str], rows: Iterable[Sequence], title: str = "Sheet") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31] or "Sheet"
    sheet.append([cell_safe(h) for h in headers])
    widths = [len(str(h)) for h in headers]
    for row in rows:
        values = [cell_safe(v) for v in row]
        # openpyxl would read a leading = as a formula: store every text cell as a string.
        sheet.append(values)
        for index, value in enumerate(values):
            if index < len(widths):
                widths[index] = max(widths[index], min(len(str(value)), 60))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width * 1.6 + 2
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def spreadsheet_response(
    *, filename: str, headers: Sequence[str], rows: Iterable[Sequence], fmt: str = "xlsx"
) -> HttpResponse:
    """An attachment named ``filename`` + .xlsx or .csv (Korean names are fine)."""
    if fmt == "csv":
        content, ext = csv_bytes(headers=headers, rows=rows), "csv"
        mimetype = "text/csv; charset=utf-8"
    else:
        content, mimetype, ext = (
            xlsx_bytes(headers=headers, rows=rows, title=filename),
            XLSX,
            "xlsx",
        )
    response = HttpResponse(content, content_type=mimetype)
    name = escape_uri_path(f"{filename}.{ext}")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    return response


def export_value(obj, name: str, model_admin=None):
    """One exported value as a person reads it: a choice's label (not its code), a related
    object's name, a method's result; 0 stays 0 (Wagtail's modeladmin would print "-")."""
    try:
        field = obj._meta.get_field(name)
    except Exception:
        field = None
    if field is not None and not field.is_relation:
        value = getattr(obj, field.attname)
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        return value
    if field is not None:
        value = getattr(obj, name)
        return "" if value is None else str(value)
    if model_admin is not None and callable(getattr(model_admin, name, None)):
        return getattr(model_admin, name)(obj)
    value = obj
    for part in name.split("."):
        value = getattr(value, part, None)
        if callable(value):
            value = value()
    return value


class SpreadsheetExportViewMixin:
    """For Wagtail (and wagtail-modeladmin) list views with ``list_export``: every export goes
    through :func:`spreadsheet_response`, so it gets the BOM, the neutralised formulas, Korean
    choice labels and Seoul times instead of Wagtail's plain CSV.
    """

    def as_spreadsheet(self, queryset, spreadsheet_format):
        fields = list(self.list_export)
        headers = [self.get_heading(queryset, field) for field in fields]
        model_admin = getattr(self, "model_admin", None)
        rows = ([export_value(item, f, model_admin) for f in fields] for item in queryset)
        return spreadsheet_response(
            filename=self.get_filename(),
            headers=headers,
            rows=rows,
            fmt="csv" if spreadsheet_format == "csv" else "xlsx",
        )
